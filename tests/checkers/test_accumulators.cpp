// The shipped example beyond explicit search (issue 3's acceptance): five saturating 16-bit
// accumulators (about 2^75 reachable states). Explicit search stops at its limit with UNKNOWN;
// k-induction and Spacer prove the range invariant with certificates that cvc5 (and the z3
// binary) re-check; the mutant without the clip fails with a short replayed trace.
#include <gtest/gtest.h>

#include "checkers/bmc.hpp"
#include "checkers/explicit_search.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/replay_trace.hpp"
#include "checkers/spacer.hpp"
#include "spec/load_system.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

System load(const char* name) { return load_system((test::source_dir() / "examples/accumulators" / name).string()); }

bool cvc5_confirmed(const Certificate& c) {
    bool cvc5 = false;
    for (const ObligationCheck& k : c.checks)
        if (k.solver == "cvc5") cvc5 = true;
    return c.confirmed() && cvc5;
}

TEST(Accumulators, ExplicitSearchCannotFinish) {
    System sys = load("accumulators.np");
    ExplicitOptions o;
    o.limits.max_states = 100000;
    auto r = check_explicit(sys, {sys.find_property("invariant:n0.in_range")}, o);
    EXPECT_EQ(r.at(0).verdict, Verdict::Unknown) << r.at(0).message;
    // The state vector: five s16 membranes alone give 2^80 valuations, (32767 + 100)^5 ~ 2^75 in range.
    std::uint32_t bits = 0;
    for (const Variable& v : sys.variables) bits += v.type.width * v.slots();
    EXPECT_GE(bits, 64u);
}

TEST(Accumulators, KInductionAndSpacerProveTheRangeWithCheckedCertificates) {
    System sys = load("accumulators.np");
    const Property* p = sys.find_property("invariant:n0.in_range");
    ASSERT_NE(p, nullptr);
    auto k = check_kind(sys, {p});
    ASSERT_EQ(k.at(0).verdict, Verdict::Pass) << k.at(0).message;
    ASSERT_TRUE(k.at(0).certificate);
    EXPECT_TRUE(cvc5_confirmed(*k.at(0).certificate)) << k.at(0).certificate->failure();
    auto s = check_spacer(sys, {p});
    ASSERT_EQ(s.at(0).verdict, Verdict::Pass) << s.at(0).message;
    ASSERT_TRUE(s.at(0).certificate);
    EXPECT_TRUE(cvc5_confirmed(*s.at(0).certificate)) << s.at(0).certificate->failure();
}

TEST(Accumulators, TheMutantWithoutClipFails) {
    System sys = load("accumulators_broken.np");
    const Property* p = sys.find_property("invariant:n0.in_range");
    auto r = check_bmc(sys, {p});
    ASSERT_EQ(r.at(0).verdict, Verdict::Fail) << r.at(0).message;
    ASSERT_TRUE(r.at(0).trace);
    EXPECT_EQ(r.at(0).trace->steps.size(), 3u);  // send[0] (-128), latch, integrate
    EXPECT_EQ(replay_trace(sys, *p, *r.at(0).trace), "");
    auto k = check_kind(sys, {p});
    EXPECT_EQ(k.at(0).verdict, Verdict::Fail) << k.at(0).message;
}

}  // namespace
}  // namespace np
