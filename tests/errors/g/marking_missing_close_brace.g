.inputs a
.outputs b
.graph
p a+
a+ b+
b+ p
.marking {p
.end
