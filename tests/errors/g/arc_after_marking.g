.inputs a
.outputs b
.graph
p a+
.marking {p}
a+ p
.end
