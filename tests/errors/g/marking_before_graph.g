.inputs a
.outputs b
.marking {}
.end
