.inputs a
.outputs été
.graph
a+ b+
.end
