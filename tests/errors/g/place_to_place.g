.inputs a
.outputs b
.graph
p a+
p q
.end
