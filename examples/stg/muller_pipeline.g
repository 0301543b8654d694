# A two-stage Muller pipeline (4-phase handshakes) between a producer and a consumer.
#
#   producer --rin--> [C1] --c1--> [C2] --c2--> consumer
#            <--c1---       <--c2--       <--aout--
#
# Stage i is a C-element: c1 = C(rin, !c2), c2 = C(c1, !aout). The producer (input rin) raises
# a request when the previous one is acknowledged (c1 = 0); the consumer (input aout)
# acknowledges each data token on c2. Every signal starts at 0.
#
# expect: deadlock=PASS consistency=PASS safeness=PASS states=16
.model muller_pipeline
.inputs rin aout
.outputs c1 c2
.graph
rin+ c1+
c1+ rin- c2+
rin- c1-
c1- rin+ c2-
c2+ aout+ c1-
aout+ c2-
c2- aout- c1+
aout- c2+
.marking { <c1-,rin+> <c2-,c1+> <aout-,c2+> }
.end
