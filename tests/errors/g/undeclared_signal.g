.inputs a
.outputs b
.graph
a+ b+
b+ x+
.marking {<a+,b+>}
.end
