.model one
.name two
.graph
.end
