.inputs a
.dummy t
.internal t
.graph
a+ t
.end
