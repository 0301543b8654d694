.inputs a
.outputs b
.end
