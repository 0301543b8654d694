.inputs a
.outputs b
.graph
a+ b+
b+ a-
a- b-
