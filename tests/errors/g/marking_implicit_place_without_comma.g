.inputs a
.outputs b
.graph
a+ b+
b+ a-
.marking {<a+ b+>}
.end
