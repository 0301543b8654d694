.inputs a
.outputs b,c
.graph
a+ b+
.end
