// The auto portfolio, --paranoid and the engine registry (issue 12): the first conclusive verdict
// wins and says what the other lanes reached; a second engine confirms or contradicts a verdict;
// every engine is named once.
#include <gtest/gtest.h>

#include "checkers/confirm_verdict.hpp"
#include "checkers/engines.hpp"
#include "checkers/run_checks.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

System stg(const char* name) { return load_system(std::string(NP_SOURCE_DIR) + "/examples/stg/" + name); }

TEST(Engines, EveryEngineIsNamedOnceWithWhatItConcludes) {
    std::vector<std::string> names = engine_names();
    EXPECT_EQ(names, (std::vector<std::string>{"explicit", "bmc", "kind", "spacer", "abc-pdr", "auto"}));
    EXPECT_EQ(engine_names(true), (std::vector<std::string>{"explicit", "bmc", "kind", "spacer"}));
    EXPECT_FALSE(find_engine("bmc").proves);
    EXPECT_TRUE(find_engine("bmc").refutes);
    EXPECT_TRUE(find_engine("kind").certificates);
    EXPECT_TRUE(find_engine("explicit").state_graph);
    EXPECT_FALSE(find_engine("spacer").state_graph);
    EXPECT_TRUE(find_engine("abc-pdr").certificates);
    EXPECT_FALSE(find_engine("abc-pdr").miter);
    for (const EngineInfo& e : engines())
        if (e.kind == EngineInfo::Kind::Symbolic) {
            EXPECT_NE(e.symbolic, nullptr) << e.name;
        }
    try {
        find_engine("magic");
        ADD_FAILURE() << "accepted an unknown engine";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("available: explicit, bmc, kind, spacer, abc-pdr, auto"), std::string::npos) << e.what();
    }
}

TEST(Portfolio, DecidedPropertiesAreReportedAsTheyAreDecided) {
    const System sys = stg("muller_pipeline_deadlock.g");
    CheckRequest req;
    std::vector<std::size_t> order;
    std::mutex m;
    req.on_result = [&](std::size_t i, const PropertyResult& r) {
        std::lock_guard<std::mutex> lock(m);
        order.push_back(i);
        EXPECT_NE(r.verdict, Verdict::Unknown);
    };
    const auto rs = run_checks(sys, req);
    EXPECT_EQ(order.size(), rs.size());
    std::sort(order.begin(), order.end());
    EXPECT_EQ(std::unique(order.begin(), order.end()), order.end()) << "each property reported once";
}

TEST(Paranoid, ConfirmsExplicitVerdictsWithASymbolicEngine) {
    const System sys = stg("muller_pipeline_deadlock.g");
    CheckRequest req;
    req.engine = "explicit";
    req.paranoid = true;
    req.properties = {"deadlock", "consistency", "persistency"};
    const auto rs = run_checks(sys, req);
    ASSERT_EQ(rs.size(), 3u);
    EXPECT_EQ(rs[0].verdict, Verdict::Fail);
    EXPECT_NE(rs[0].message.find("confirmed by bmc (--paranoid)"), std::string::npos) << rs[0].message;
    EXPECT_EQ(rs[1].verdict, Verdict::Pass);
    EXPECT_NE(rs[1].message.find("confirmed by kind (--paranoid)"), std::string::npos) << rs[1].message;
    EXPECT_NE(rs[2].message.find("no second engine decides persistency"), std::string::npos) << rs[2].message;
}

TEST(Paranoid, ConfirmsSymbolicVerdictsWithExplicitSearch) {
    const System sys = stg("muller_pipeline.g");
    CheckRequest req;
    req.engine = "kind";
    req.paranoid = true;
    req.properties = {"deadlock"};
    const auto rs = run_checks(sys, req);
    EXPECT_EQ(rs.at(0).verdict, Verdict::Pass);
    EXPECT_NE(rs[0].message.find("confirmed by explicit (--paranoid)"), std::string::npos) << rs[0].message;
}

// A wrong verdict (here fabricated: the deadlocking pipeline claimed deadlock-free by explicit
// search) is contradicted by the second engine: ERROR naming both, with the counterexample.
TEST(Paranoid, ADisagreementIsAnErrorNamingBothEngines) {
    const System sys = stg("muller_pipeline_deadlock.g");
    const Property& dl = *sys.find_property("deadlock");
    PropertyResult claimed;
    claimed.name = "deadlock";
    claimed.kind = dl.kind;
    claimed.engine = "explicit";
    claimed.verdict = Verdict::Pass;
    claimed.message = "no deadlock (claimed)";
    const Budget budget(60, 0);
    confirm_with_second_engine(sys, {"deadlock", &dl}, claimed, {}, {}, {}, budget);
    EXPECT_EQ(claimed.verdict, Verdict::Error);
    EXPECT_EQ(claimed.engine, "explicit+kind");
    EXPECT_NE(claimed.message.find("explicit says PASS"), std::string::npos) << claimed.message;
    EXPECT_NE(claimed.message.find("kind says FAIL"), std::string::npos) << claimed.message;
    EXPECT_TRUE(claimed.trace.has_value());
}

}  // namespace
}  // namespace np
