.inputs a c
.outputs b c
.graph
a+ b+
.end
