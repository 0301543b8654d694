# Toggles and a dummy: t~ flips t twice per cycle, the dummy d closes the ring. Toggles are exempt
# from consistency; the ring never stops.
# expect: deadlock=PASS consistency=PASS safeness=PASS states=3
.inputs t
.dummy d
.graph
t~ t~/1
t~/1 d
d t~
.marking { <d,t~> }
.end
