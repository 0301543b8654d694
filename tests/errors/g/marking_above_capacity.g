.inputs a
.outputs b
.graph
p a+
a+ p
.capacity p=2
.marking {p=3}
.end
