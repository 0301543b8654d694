// Golden regressions: every model under examples/ and tests/golden/ states its expected verdicts
// in a comment line `# expect: NAME=VERDICT[/TRACE_LENGTH] ... [states=N]` (`%` instead of `#` in
// .ll_net files, `//` in .np design-language files); this test checks each of them with the
// explicit engine (liveness properties on the state graph; a cover's verdict is PASS when it is
// reached, its witness's length after the '/'). It also checks that controllers written both as an STG (.g) and in the design
// language (.np) have the same reachable state count and verdicts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "checkers/check_liveness.hpp"
#include "checkers/cover_result.hpp"
#include "checkers/explicit_search.hpp"
#include "model/eval.hpp"
#include "spec/load_system.hpp"
#include "../support/error_corpus.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

struct Expectation {
    std::map<std::string, std::string> verdicts;  // property -> "PASS", "FAIL/7", ...
    long states = -1;
    // `expect: symbolic NAME ...`: a model too big for explicit search (for the symbolic engines
    // and fuzzing); it must load and offer the named properties.
    bool symbolic = false;
    std::vector<std::string> offered;
};

Expectation read_expectation(const fs::path& p) {
    Expectation e;
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line)) {
        auto at = line.find("expect:");
        if (at == std::string::npos || !(line[0] == '#' || line[0] == '%' || line.rfind("//", 0) == 0)) continue;
        std::stringstream ss(line.substr(at + 7));
        std::string item;
        while (ss >> item) {
            auto eq = item.find('=');
            if (item == "symbolic") e.symbolic = true;
            else if (eq == std::string::npos && e.symbolic) e.offered.push_back(item);
            if (eq == std::string::npos) continue;
            std::string key = item.substr(0, eq), value = item.substr(eq + 1);
            if (key == "states") e.states = std::stol(value);
            else e.verdicts[key] = value;
        }
    }
    return e;
}

TEST(Golden, EveryModelMeetsItsExpectation) {
    int models = 0;
    for (const char* root : {"examples", "tests/golden"}) {
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(NP_SOURCE_DIR) / root)) {
            const fs::path& p = entry.path();
            if (p.extension() != ".g" && p.extension() != ".ll_net" && p.extension() != ".np") continue;
            SCOPED_TRACE(p.string());
            Expectation e = read_expectation(p);
            ++models;
            if (e.symbolic) {
                System sys = load_system(p.string());
                EXPECT_FALSE(e.offered.empty());
                for (const std::string& name : e.offered) EXPECT_NE(sys.find_property(name), nullptr) << name;
                continue;
            }
            ASSERT_FALSE(e.verdicts.empty()) << "no '# expect:' line";
            System sys = load_system(p.string());
            std::vector<const Property*> props;
            std::vector<const LivenessProperty*> live;
            for (const auto& [name, _] : e.verdicts) {
                if (const LivenessProperty* l = sys.find_liveness(name)) {
                    live.push_back(l);
                    continue;
                }
                props.push_back(sys.find_property(name));
                ASSERT_NE(props.back(), nullptr) << name;
            }
            auto results = check_explicit(sys, props);
            for (std::size_t i = 0; i < props.size(); ++i) results[i] = cover_result(*props[i], results[i]);
            if (!live.empty()) {
                const StateGraph g = build_state_graph(sys);
                for (const LivenessProperty* l : live) results.push_back(check_liveness(g, *l));
            }
            for (const PropertyResult& r : results) {
                std::string got = verdict_name(r.verdict);
                if (r.trace && e.verdicts[r.name].find('/') != std::string::npos)
                    got += "/" + std::to_string(r.trace->steps.size());
                EXPECT_EQ(got, e.verdicts[r.name]) << r.name << ": " << r.message;
                if (e.states >= 0 && r.verdict == Verdict::Pass) {
                    EXPECT_EQ(static_cast<long>(r.states), e.states) << r.name;
                }
            }
        }
    }
    EXPECT_GE(models, 16);
}

// Every reachable state of `sys`, by a plain breadth-first search over model/eval.hpp's firing
// rule (independent of the explicit engine's packed states).
std::set<State> reachable(const System& sys) {
    std::set<State> seen{sys.initial_state()};
    std::vector<State> frontier{sys.initial_state()};
    while (!frontier.empty()) {
        State s = std::move(frontier.back());
        frontier.pop_back();
        for (const Transition& t : sys.transitions) {
            if (!enabled(t, s)) continue;
            State n = fire(sys, t, s);
            if (seen.insert(n).second) frontier.push_back(std::move(n));
        }
    }
    return seen;
}

struct Outcome {
    std::string verdict;  // "PASS" or "FAIL/N"
    std::size_t states;
};

Outcome deadlock_outcome(const System& sys) {
    const Property* p = sys.find_property("deadlock");
    EXPECT_NE(p, nullptr);
    if (!p) return {};
    auto r = check_explicit(sys, {p});
    std::string v = verdict_name(r.at(0).verdict);
    if (r[0].trace) v += "/" + std::to_string(r[0].trace->steps.size());
    return {v, reachable(sys).size()};
}

void expect_same_controller(const std::filesystem::path& g, const std::filesystem::path& np_file) {
    SCOPED_TRACE(g.string() + " vs " + np_file.string());
    Outcome a = deadlock_outcome(load_system(g.string()));
    Outcome b = deadlock_outcome(load_system(np_file.string()));
    EXPECT_EQ(a.verdict, b.verdict);
    EXPECT_EQ(a.states, b.states);
    EXPECT_GT(a.states, 1u);
}

TEST(Golden, StgAndDesignLanguageControllersAgree) {
    const std::filesystem::path src = NP_SOURCE_DIR;
    expect_same_controller(src / "examples/stg/muller_pipeline.g", src / "tests/golden/np/muller_pipeline_2.np");
    expect_same_controller(src / "examples/stg/muller_pipeline_deadlock.g", src / "tests/golden/np/muller_pipeline_deadlock.np");
}

TEST(Golden, VmeStgAndDesignLanguageControllerAgree) {
    if (!test::have_data()) GTEST_SKIP() << "shared benchmarks folder not found: " << test::data_dir();
    expect_same_controller(test::data_dir() / "benchmarks/stg/workcraft/vme.g",
                           std::filesystem::path(NP_SOURCE_DIR) / "examples/vme/vme.np");
}

}  // namespace
}  // namespace np
