.inputs a
.outputs b
.graph
a+ b+
.marking {}
.marking {}
.end
