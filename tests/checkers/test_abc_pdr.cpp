// The abc-pdr engine (checkers/abc_pdr.hpp) with the real berkeley-abc: its verdicts equal the
// explicit engine's — on the shipped examples, every Workcraft STG and random systems — every
// PASS carries a certificate confirmed by cvc5 and z3, every FAIL replays; and an "ABC" that
// claims a proof it does not have (a stand-in script, the one place a fake is the point) gets no
// PASS.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "../support/error_corpus.hpp"
#include "../support/rc_cases.hpp"
#include "checkers/abc_pdr.hpp"
#include "checkers/explicit_search.hpp"
#include "checkers/replay_trace.hpp"
#include "checkers/run_checks.hpp"
#include "generators/gen_system.hpp"
#include "proofs/spawn_process.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

bool have_abc() { return run_captured({abc_binary(), "-c", "quit"}, 30, {}).exited_with(0); }

std::vector<const Property*> clause_properties(const System& sys) {
    std::vector<const Property*> props;
    for (const Property& p : sys.properties) props.push_back(&p);
    return props;
}

// Conclusive abc-pdr verdicts equal the explicit ones; PASSes are certified, FAILs replay.
// Returns how many were conclusive.
int expect_agrees(const System& sys, const std::vector<const Property*>& props, const std::vector<PropertyResult>& abc,
                  const std::vector<PropertyResult>& ex) {
    int conclusive = 0;
    for (std::size_t i = 0; i < props.size(); ++i) {
        SCOPED_TRACE(props[i]->name + ": abc-pdr " + abc[i].message + " / explicit " + ex[i].message);
        EXPECT_NE(abc[i].verdict, Verdict::Error);
        if (abc[i].verdict == Verdict::Unknown || ex[i].verdict == Verdict::Unknown) continue;
        ++conclusive;
        EXPECT_EQ(verdict_name(abc[i].verdict), std::string(verdict_name(ex[i].verdict)));
        if (abc[i].verdict == Verdict::Fail) {
            EXPECT_TRUE(abc[i].trace && replay_trace(sys, *props[i], *abc[i].trace).empty());
        } else if (abc[i].verdict == Verdict::Pass) {
            EXPECT_TRUE(abc[i].certificate && abc[i].certificate->confirmed())
                << (abc[i].certificate ? abc[i].certificate->failure() : "no certificate");
            if (abc[i].certificate) {
                EXPECT_EQ(abc[i].certificate->found_by, "berkeley-abc");
            }
        }
    }
    return conclusive;
}

TEST(AbcPdr, ShippedExamplesAgreeWithExplicit) {
    if (!have_abc()) GTEST_SKIP() << abc_binary() << " is not installed (scripts/setup.sh installs berkeley-abc)";
    int files = 0, conclusive = 0;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(NP_SOURCE_DIR) / "examples")) {
        const std::string ext = e.path().extension().string();
        if (ext != ".g" && ext != ".np") continue;
        SCOPED_TRACE(e.path().string());
        std::cout << e.path().filename().string() << "..." << std::endl;
        const System sys = load_system(e.path().string());
        const auto props = clause_properties(sys);
        ExplicitOptions eo;
        eo.limits.max_states = NP_SANITIZED ? 100'000 : 500'000;  // speck_core_open.np's inputs are unbounded: its search never ends
        const auto ex = check_explicit(sys, props, eo);
        SymbolicOptions o;
        o.timeout_seconds = 20;  // per file; speck_core_broken.np's last properties take ABC longer
        const auto t0 = std::chrono::steady_clock::now();
        const auto abc = check_abc_pdr(sys, props, o);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const int c = expect_agrees(sys, props, abc, ex);
        std::cout << e.path().filename().string() << ": " << c << " of " << props.size() << " conclusive in " << s << " s\n";
        conclusive += c;
        ++files;
    }
    EXPECT_GE(files, 15);
    EXPECT_GE(conclusive, NP_SANITIZED ? 40 : 60);
}

TEST(AbcPdr, WorkcraftStgsAgreeWithExplicit) {
    const fs::path dir = test::data_dir() / "benchmarks/stg/workcraft";
    if (!test::have_data()) GTEST_SKIP() << "shared data folder absent: " << dir;
    if (!have_abc()) GTEST_SKIP() << abc_binary() << " is not installed (scripts/setup.sh installs berkeley-abc)";
    int files = 0, compared = 0, props_total = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".g") continue;
        SCOPED_TRACE(e.path().filename().string());
        const System sys = load_system(e.path().string());
        const auto props = clause_properties(sys);
        const auto ex = check_explicit(sys, props);
        SymbolicOptions o;
        o.timeout_seconds = 120;
        const auto abc = check_abc_pdr(sys, props, o);
        const int c = expect_agrees(sys, props, abc, ex);
        for (std::size_t i = 0; i < props.size(); ++i)
            if (ex[i].verdict != Verdict::Unknown) {
                EXPECT_NE(abc[i].verdict, Verdict::Unknown) << props[i]->name << ": " << abc[i].message;
            }
        compared += c;
        props_total += static_cast<int>(props.size());
        ++files;
    }
    std::cout << "workcraft: " << files << " STGs, " << compared << " of " << props_total << " verdicts compared\n";
    EXPECT_EQ(files, 26);
    EXPECT_GE(compared, 70);
}

// Random systems of every shape the IR has (blocking properties included); a fixed seed unless
// RC_PARAMS names one, and its own case count (NP_ABC_CASES, default 300, 60 under the
// sanitizers: each case starts ABC and, per PASS, cvc5 and z3 six times).
TEST(AbcPdr, RandomSystemsAgreeWithExplicit) {
    if (!have_abc()) GTEST_SKIP() << abc_binary() << " is not installed (scripts/setup.sh installs berkeley-abc)";
    // Under the sanitizers (NP_SANITIZED) fewer: the evaluator and the solvers' re-check run 3-10x slower.
    const int cases = std::getenv("NP_ABC_CASES") ? std::atoi(std::getenv("NP_ABC_CASES")) : NP_SANITIZED ? 60 : 300;
    int compared = 0, conclusive = 0, done = 0;
    auto property = [&] {
        const System sys = *gen::transition_system();
        const auto props = clause_properties(sys);
        const auto ex = check_explicit(sys, props);
        const auto abc = check_abc_pdr(sys, props, {});
        for (std::size_t i = 0; i < props.size(); ++i) {
            RC_ASSERT(abc[i].verdict != Verdict::Error);
            ++compared;
            if (abc[i].verdict == Verdict::Unknown || ex[i].verdict == Verdict::Unknown) {
                // ABC concludes whenever the complete explicit search does, but for a reachable
                // blocked firing, where no engine may prove anything.
                if (ex[i].verdict != Verdict::Unknown) RC_ASSERT(ex[i].verdict == Verdict::Fail || abc[i].message.find("blocking") != std::string::npos);
                continue;
            }
            ++conclusive;
            if (abc[i].verdict != ex[i].verdict)
                RC_FAIL(props[i]->name + ": abc-pdr says " + verdict_name(abc[i].verdict) + " (" + abc[i].message + "), explicit " +
                        verdict_name(ex[i].verdict) + " (" + ex[i].message + ")");
            if (abc[i].verdict == Verdict::Fail) RC_ASSERT(replay_trace(sys, *props[i], *abc[i].trace).empty());
            if (abc[i].verdict == Verdict::Pass) RC_ASSERT(abc[i].certificate && abc[i].certificate->confirmed());
        }
        ++done;
    };
    const std::string failure = test::check_cases("AbcPdr/RandomSystemsAgreeWithExplicit", cases, 20261203, property);
    if (!failure.empty()) FAIL() << failure;
    std::cout << "abc-pdr differential: " << done << " systems, " << compared << " verdicts, " << conclusive << " conclusive\n";
    EXPECT_GE(done, cases);
    EXPECT_GT(conclusive, compared * 3 / 4);
}

// A stand-in for ABC that claims every property proved with an empty invariant ("true"): the
// certificate Inv = ¬obligation(P) is then not inductive where P is not, so the claim must come
// out as ERROR with a refuted certificate, never PASS.
TEST(AbcPdr, AnUncheckableProofClaimIsNoPass) {
    const fs::path dir = fs::temp_directory_path() / ("np-fake-abc-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path fake = dir / "abc";
    std::ofstream(fake) << "#!/bin/sh\n"
                           "inv=$(printf '%s' \"$2\" | sed -n 's/.*-I \\([^ ;]*\\).*/\\1/p')\n"
                           "[ -n \"$inv\" ] && printf '.i 0\\n.o 1\\n.ilb\\n.ob inv\\n.e\\n' > \"$inv\"\n"
                           "echo 'Property proved.  Time =     0.00 sec'\n";
    fs::permissions(fake, fs::perms::owner_all);
    setenv("NEUROPROOF_ABC", fake.c_str(), 1);
    // A deadlocking pipeline whose deadlock-freedom is not inductive on its own.
    const System sys = load_system(std::string(NP_SOURCE_DIR) + "/examples/stg/muller_pipeline_deadlock.g");
    const Property& dl = *sys.find_property("deadlock");
    const PropertyResult r = check_abc_pdr(sys, {&dl}, {}).at(0);
    unsetenv("NEUROPROOF_ABC");
    fs::remove_all(dir);
    EXPECT_EQ(r.verdict, Verdict::Error) << r.message;
    ASSERT_TRUE(r.certificate);
    EXPECT_TRUE(r.certificate->refuted()) << r.certificate->confirmation();
}

TEST(AbcPdr, AMissingBinaryIsUnknownSayingSo) {
    setenv("NEUROPROOF_ABC", "/nonexistent/berkeley-abc", 1);
    const System sys = load_system(std::string(NP_SOURCE_DIR) + "/examples/stg/muller_pipeline.g");
    const Property& dl = *sys.find_property("deadlock");
    const PropertyResult r = check_abc_pdr(sys, {&dl}, {}).at(0);
    unsetenv("NEUROPROOF_ABC");
    EXPECT_EQ(r.verdict, Verdict::Unknown);
    EXPECT_NE(r.message.find("is not installed"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace np
