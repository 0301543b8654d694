# The Muller pipeline of muller_pipeline.g with one seeded bug: the second stage waits for the
# consumer's acknowledge to fall (aout-) before it may fall itself, instead of waiting for it to
# rise. The handshake can no longer complete: the pipeline deadlocks after a few events.
#
# expect: deadlock=FAIL/7 consistency=PASS safeness=PASS states=12
.model muller_pipeline_deadlock
.inputs rin aout
.outputs c1 c2
.graph
rin+ c1+
c1+ rin- c2+
rin- c1-
c1- rin+ c2-
c2+ aout+ c1-
aout- c2-
c2- aout- c1+
aout+ c2+
.marking { <c1-,rin+> <c2-,c1+> <aout+,c2+> }
.end
