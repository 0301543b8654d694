.inputs a
.outputs b
 a+ b+
.graph
.end
