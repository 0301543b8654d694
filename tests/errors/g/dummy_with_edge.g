.inputs a
.dummy t
.graph
a+ t+
.end
