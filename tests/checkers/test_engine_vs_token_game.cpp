// Differential property: on random nets the IR's explicit engine and the independent token game
// (model/token_game.hpp, no IR) agree on safeness, on the number of reachable states, on
// deadlock freedom, and the engine's deadlock traces are as short as the token game's BFS says.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "../support/marking_distance.hpp"
#include "checkers/explicit_search.hpp"
#include "generators/gen_net.hpp"
#include "model/compile_net.hpp"
#include "model/marking_graph.hpp"

namespace np {
namespace {

RC_GTEST_PROP(EngineVsTokenGame, AgreeOnRandomNets, ()) {
    const PetriNet net = *gen::petri_net();
    MarkingGraph mg = explore_markings(net, 100'000);
    RC_PRE(mg.complete);
    System sys = compile_net(net);
    auto r = check_explicit(sys, {sys.find_property("deadlock"), sys.find_property("safeness")});
    RC_ASSERT(r[1].verdict == (mg.unsafe ? Verdict::Fail : Verdict::Pass));
    if (mg.unsafe) {
        RC_ASSERT(r[0].verdict != Verdict::Pass);  // never a proof on a truncated state space
        return;
    }
    RC_ASSERT(r[0].states == mg.markings.size());
    const int nearest_dead = test::nearest_dead_marking(mg);
    if (nearest_dead < 0) {
        RC_ASSERT(r[0].verdict == Verdict::Pass);
    } else {
        RC_ASSERT(r[0].verdict == Verdict::Fail);
        RC_ASSERT(static_cast<int>(r[0].trace->steps.size()) == nearest_dead);
    }
}

}  // namespace
}  // namespace np
