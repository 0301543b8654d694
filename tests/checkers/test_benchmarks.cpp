// Golden regressions on the shared benchmarks (skipped, by name, when ../shared is absent):
// - every Workcraft STG of verdicts.csv: the rows whose combined_check is OK pass deadlock
//   freedom and consistency; _deadlock and _empty fail deadlock freedom, _inconsistent fails
//   consistency, each with a shortest trace (its length checked against an independent BFS over
//   the marking graph, a second engine that does not use the IR);
// - Corbett's nets: the IR's explicit engine and the token game agree on the reachable state
//   count and on deadlock freedom wherever both finish within the limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../support/error_corpus.hpp"
#include "../support/marking_distance.hpp"
#include "../support/workcraft_verdicts.hpp"
#include "checkers/explicit_search.hpp"
#include "model/marking_graph.hpp"
#include "spec/load_system.hpp"
#include "spec/read_g.hpp"
#include "spec/read_ll_net.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

std::vector<const Property*> props(const System& s, std::initializer_list<const char*> names) {
    std::vector<const Property*> out;
    for (const char* n : names) out.push_back(s.find_property(n));
    return out;
}

// Shortest distance to a dead marking by the token game, which does not use the IR.
int distance_to_dead_marking(const PetriNet& net) {
    MarkingGraph mg = explore_markings(net, 1'000'000);
    EXPECT_TRUE(mg.complete);
    EXPECT_FALSE(mg.unsafe);
    return test::nearest_dead_marking(mg);
}

TEST(WorkcraftBenchmarks, EveryRowOfVerdictsCsv) {
    const fs::path dir = test::data_dir() / "benchmarks/stg/workcraft";
    if (!test::have_data()) GTEST_SKIP() << "shared data folder absent: " << dir;
    int rows = 0;
    for (const test::WorkcraftRow& row : test::workcraft_verdicts()) {
        const std::string &name = row.name, &combined = row.combined;
        SCOPED_TRACE(name);
        ++rows;
        const std::string path = row.file.string();
        System sys = load_system(path);
        auto r = check_explicit(sys, props(sys, {"deadlock", "consistency"}));
        const PropertyResult& dl = r[0];
        const PropertyResult& cons = r[1];
        if (combined == "OK") {
            EXPECT_EQ(dl.verdict, Verdict::Pass) << dl.message;
            EXPECT_EQ(cons.verdict, Verdict::Pass) << cons.message;
        } else if (name == "_deadlock" || name == "_empty") {
            ASSERT_EQ(dl.verdict, Verdict::Fail) << dl.message;
            EXPECT_EQ(static_cast<int>(dl.trace->steps.size()), distance_to_dead_marking(read_g(path)));
            EXPECT_EQ(dl.trace->steps.size(), name == "_empty" ? 0u : 4u);
        } else if (name == "_inconsistent") {
            ASSERT_EQ(cons.verdict, Verdict::Fail) << cons.message;
            // in+, out+/1, in-: then out+ is enabled while out = 1.
            EXPECT_EQ(cons.trace->steps.size(), 3u);
            EXPECT_EQ(sys.transitions[cons.trace->violating_transition].name, "out+");
        } else {
            ADD_FAILURE() << "row without an expectation: " << name;
        }
    }
    EXPECT_EQ(rows, 26);
}

TEST(CorbettBenchmarks, EngineAgreesWithTokenGame) {
    const fs::path dir = test::data_dir() / "benchmarks/pep/corbett";
    if (!test::have_data()) GTEST_SKIP() << "shared data folder absent: " << dir;
    const std::uint64_t limit = 60'000;
    int compared = 0, nets = 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".ll_net") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        SCOPED_TRACE(f.filename().string());
        ++nets;
        PetriNet net = read_ll_net(f.string());
        MarkingGraph mg = explore_markings(net, limit);
        System sys = load_system(f.string());
        ExplicitOptions o;
        o.limits.max_states = limit;
        auto r = check_explicit(sys, props(sys, {"deadlock", "safeness"}), o);
        if (!mg.complete) {
            EXPECT_NE(r[0].verdict, Verdict::Pass);  // cannot have finished either
            continue;
        }
        ++compared;
        EXPECT_EQ(r[1].verdict, mg.unsafe ? Verdict::Fail : Verdict::Pass);
        if (mg.unsafe) continue;
        EXPECT_EQ(r[0].states, mg.markings.size());
        const int dist = distance_to_dead_marking(net);
        if (dist < 0) {
            EXPECT_EQ(r[0].verdict, Verdict::Pass) << r[0].message;
        } else {
            ASSERT_EQ(r[0].verdict, Verdict::Fail) << r[0].message;
            EXPECT_EQ(static_cast<int>(r[0].trace->steps.size()), dist);
        }
    }
    EXPECT_EQ(nets, 58);
    EXPECT_GE(compared, 30);
}

}  // namespace
}  // namespace np
