.inputs a
.outputs b
.initial a
.graph
a+ b+
.end
