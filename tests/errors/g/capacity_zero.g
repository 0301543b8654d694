.inputs a
.outputs b
.graph
p a+
a+ p
.capacity p=0
.marking {p}
.end
