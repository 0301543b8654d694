.inputs a
.outputs b
.graph
a+ b+
.graph
.end
