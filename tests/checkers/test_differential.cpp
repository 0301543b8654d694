// Differential property (DESIGN §8): on random small systems (generators/gen_system.hpp) the
// explicit engine and every symbolic engine — BMC, k-induction, Spacer — agree on deadlock
// freedom, random invariants, transition clauses and blocking properties, UNKNOWN excepted:
// - a conclusive symbolic verdict equals the explicit one, and no engine reports ERROR;
// - every FAIL trace replays on the model, and is as short as the explicit engine's (all of
//   them find shortest counterexamples);
// - BMC finds every violation whose shortest trace is within its depth, k-induction's base case
//   likewise up to the depth it reached.
// One property with its own case count (5,000 systems), not RC_PARAMS's per-property 1000.
// Certificates are switched off here (tests/proofs re-checks them on a sample).
#include <gtest/gtest.h>

#include <cstdlib>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <chrono>
#include <iostream>

#include "../support/rc_cases.hpp"
#include "checkers/bmc.hpp"
#include "checkers/explicit_search.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/replay_trace.hpp"
#include "checkers/spacer.hpp"
#include "generators/gen_system.hpp"

namespace np {
namespace {

// Under ASan + UBSan (the CI's second pass, ~5x slower here) 1,500 systems: that pass is for
// memory errors; the release pass compares all 5,000.
const int kCases = std::getenv("NP_DIFF_CASES") ? std::atoi(std::getenv("NP_DIFF_CASES")) : NP_SANITIZED ? 1500 : 5000;
constexpr std::uint32_t kDepth = 8;

struct Tally {
    int cases = 0;
    int conclusive[3] = {0, 0, 0};  // bmc, kind, spacer
    int compared = 0;
    double seconds[4] = {0, 0, 0, 0};  // explicit, bmc, kind, spacer
};

template <class F>
auto timed(double& total, F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = f();
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

void agree(const System& sys, const Property& p, const PropertyResult& e, const PropertyResult& r, int& conclusive) {
    RC_ASSERT(r.verdict != Verdict::Error);
    if (r.verdict == Verdict::Fail) {
        RC_ASSERT(r.trace.has_value());
        RC_ASSERT(replay_trace(sys, p, *r.trace) == "");
    }
    if (r.verdict == Verdict::Unknown) {
        // A violation within the depth the engine covered must have been found.
        if (e.verdict == Verdict::Fail && r.engine != "spacer") RC_ASSERT(e.trace->steps.size() > r.depth);
        return;
    }
    ++conclusive;
    if (r.verdict != e.verdict)
        RC_FAIL(p.name + ": " + r.engine + " says " + verdict_name(r.verdict) + " (" + r.message + "), explicit says " +
                verdict_name(e.verdict) + " (" + e.message + ")");
    if (r.verdict == Verdict::Fail) RC_ASSERT(r.trace->steps.size() == e.trace->steps.size());
}

TEST(Differential, ExplicitAndSymbolicEnginesAgree) {
    Tally tally;
    const auto start = std::chrono::steady_clock::now();
    auto property = [&tally] {
        const System sys = *gen::transition_system();
        std::vector<const Property*> props;
        for (const Property& p : sys.properties) props.push_back(&p);
        const auto ex = timed(tally.seconds[0], [&] { return check_explicit(sys, props); });
        SymbolicOptions o;
        o.depth = kDepth;
        o.certificates = SymbolicOptions::Certificates::None;
        const auto bmc = timed(tally.seconds[1], [&] { return check_bmc(sys, props, o); });
        const auto kind = timed(tally.seconds[2], [&] { return check_kind(sys, props, o); });
        const auto spacer = timed(tally.seconds[3], [&] { return check_spacer(sys, props, o); });
        for (std::size_t i = 0; i < props.size(); ++i) {
            RC_ASSERT(ex[i].verdict != Verdict::Error);
            if (ex[i].verdict == Verdict::Unknown) {
                // Only a blocked firing leaves the complete explicit search inconclusive.
                RC_ASSERT(ex[i].message.find("incomplete") != std::string::npos);
            }
            agree(sys, *props[i], ex[i], bmc[i], tally.conclusive[0]);
            RC_ASSERT(bmc[i].verdict != Verdict::Pass);
            agree(sys, *props[i], ex[i], kind[i], tally.conclusive[1]);
            agree(sys, *props[i], ex[i], spacer[i], tally.conclusive[2]);
            ++tally.compared;
        }
        ++tally.cases;
    };
    // A fixed seed unless RC_PARAMS names one: Z3 4.8.12's Spacer segfaults inside
    // Z3_fixedpoint_query on some random systems (seed 1539819281144692648 hits one, about one CI
    // run in three with random seeds). Until the symbolic engines run isolated in a child process
    // (issue 20), CI must not gamble on the seed; run with RC_PARAMS="seed=..." to explore others.
    const std::string failure = test::check_cases("Differential/ExplicitAndSymbolicEnginesAgree", kCases, 20261202, property);
    if (!failure.empty()) FAIL() << failure;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "differential: " << tally.cases << " systems, " << tally.compared << " property verdicts compared in "
              << secs << " s; conclusive: bmc " << tally.conclusive[0] << ", kind " << tally.conclusive[1] << ", spacer "
              << tally.conclusive[2] << "; seconds: explicit " << tally.seconds[0] << ", bmc " << tally.seconds[1]
              << ", kind " << tally.seconds[2] << ", spacer " << tally.seconds[3] << "\n";
    EXPECT_GE(tally.cases, kCases);
    // The comparison must have teeth: most verdicts are conclusive for the unbounded engines.
    EXPECT_GT(tally.conclusive[2], tally.compared / 2);
}

}  // namespace
}  // namespace np
