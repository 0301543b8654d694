.inputs a
.outputs b
.graph
a+ b+
b+ a-
.marking {<b+,a+>}
.end
