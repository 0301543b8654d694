.inputs a
.outputs b
.graph
p a+
a+ p
.marking {p p}
.end
