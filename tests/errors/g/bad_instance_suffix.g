.inputs a
.outputs b
.graph
a+/x b+
.end
