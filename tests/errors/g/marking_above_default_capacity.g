.inputs a
.outputs b
.graph
p a+
a+ p
.marking {p=2}
.end
