.inputs a
.outputs b
.graph
a+ b+
.outputs c
.end
