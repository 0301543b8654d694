.inputs a
.outputs b
.graph
a+ t/1
.end
