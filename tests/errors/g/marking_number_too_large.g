.inputs a
.outputs b
.graph
p a+
a+ p
.marking {p=99999999999999999999}
.end
