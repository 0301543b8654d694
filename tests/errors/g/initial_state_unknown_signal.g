.inputs a
.outputs b
.initial state a !c
.graph
a+ b+
.end
