.inputs a
.outputs b
.graph
a+/ b+
.end
