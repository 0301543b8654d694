.inputs a
.outputs b
.graph
a+ b+
.marking {a}
.end
