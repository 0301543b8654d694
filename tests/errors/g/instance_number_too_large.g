.inputs a
.outputs b
.graph
a+ b+/12345678901234567890
.end
