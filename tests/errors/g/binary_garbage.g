.inputs a
.outputs b
.graph
a+ b+
b+ şÿ€garbage
.end
