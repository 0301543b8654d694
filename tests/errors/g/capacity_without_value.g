.inputs a
.outputs b
.graph
p a+
a+ p
.capacity p
.end
