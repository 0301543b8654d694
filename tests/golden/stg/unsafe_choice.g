# The producer x+ can fire twice before the consumer y+ takes a token: the implicit place
# <x+,y+> would hold 2 tokens. safeness FAILs after x+ -> x-; deadlock freedom cannot be proved
# on the truncated state space.
# expect: safeness=FAIL/2 deadlock=UNKNOWN consistency=UNKNOWN
.inputs x
.outputs y
.graph
x+ x- y+
x- x+
y+ y-
y- y+
.marking { <x-,x+> <y-,y+> }
.end
