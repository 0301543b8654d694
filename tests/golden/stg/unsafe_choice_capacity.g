# unsafe_choice.g with room for the tokens the producer can run ahead by: capacity 2 is still
# exceeded (the producer is unbounded), so safeness fails one step later.
# expect: safeness=FAIL/4 deadlock=UNKNOWN
.inputs x
.outputs y
.graph
x+ x- y+
x- x+
y+ y-
y- y+
.marking { <x-,x+> <y-,y+> }
.capacity <x+,y+>=2
.end
