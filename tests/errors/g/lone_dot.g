.inputs a
.outputs b
.graph
.
.end
