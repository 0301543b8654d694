// End-to-end tests of the neuroproof executable: exit codes, output lines, the run folder and
// the summary.json contract (DESIGN §7).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/cli_runner.hpp"

namespace {

namespace fs = std::filesystem;

using np::test::fresh_dir;
using np::test::Outcome;
using np::test::read_json;
using np::test::run;
using np::test::src;

TEST(Cli, HelpListsPropertiesAndExitCodes) {
    Outcome r = run("check --help");
    EXPECT_EQ(r.code, 0);
    for (const char* s : {"deadlock", "consistency", "safeness", "invariant:NAME", "Exit status", "3  no FAIL, but some UNKNOWN"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

TEST(Cli, EachCommandsHelpShowsOnlyItsOwnText) {
    for (const char* cmd : {"emulate", "events", "fuzz", "equiv", "ci", "certify", "activity", "replay", "completion"}) {
        Outcome r = run(std::string(cmd) + " --help");
        EXPECT_EQ(r.code, 0) << cmd;
        EXPECT_EQ(r.out.find("Properties (--property"), std::string::npos) << cmd << "\n" << r.out;
        EXPECT_EQ(r.out.find("quiescence"), std::string::npos) << cmd << "\n" << r.out;
    }
    Outcome top = run("--help");
    EXPECT_EQ(top.code, 0);
    EXPECT_NE(top.out.find("`neuroproof COMMAND --help`"), std::string::npos) << top.out;
    EXPECT_EQ(top.out.find("Properties (--property"), std::string::npos) << top.out;
    EXPECT_NE(run("ci --help").out.find("64 PASS (where something else was expected)"), std::string::npos);
}

TEST(Cli, MistypedOptionGetsASuggestion) {
    const std::string ex = src("examples/stg/muller_pipeline.g");
    Outcome r = run("check " + ex + " --timout 3");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("'--timout' is not an option of check (did you mean '--timeout'?)"), std::string::npos) << r.out;
    Outcome e = run("emulate --config x.json --events y.txt --atention=3");
    EXPECT_EQ(e.code, 2) << e.out;
    EXPECT_NE(e.out.find("'--atention' is not an option of emulate (did you mean '--attention'?)"), std::string::npos) << e.out;
    Outcome far = run("check " + ex + " --zzzzzzzz");
    EXPECT_EQ(far.code, 2) << far.out;
    EXPECT_NE(far.out.find("'--zzzzzzzz' is not an option of check"), std::string::npos) << far.out;
    EXPECT_EQ(far.out.find("did you mean"), std::string::npos) << far.out;
}

// The completion script, loaded into a real bash and asked what it completes.
TEST(Cli, BashCompletionCompletesCommandsOptionsAndValues) {
    fs::path dir = fresh_dir("completion");
    fs::create_directories(dir);
    Outcome script = run("completion bash");
    ASSERT_EQ(script.code, 0) << script.out;
    std::ofstream(dir / "neuroproof.bash") << script.out;
    auto complete = [&](const std::string& words) {
        // COMP_WORDS from `words` (a trailing space: completing an empty word).
        std::string cmd = "bash -c 'source " + (dir / "neuroproof.bash").string() + "; COMP_WORDS=(" + words +
                          "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _neuroproof; for w in \"${COMPREPLY[@]}\"; do echo \"$w\"; done' 2>&1";
        std::string out;
        FILE* p = popen(cmd.c_str(), "r");
        char buf[4096];
        std::size_t n;
        while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        if (p) pclose(p);
        return out;
    };
    EXPECT_EQ(complete("neuroproof ch"), "check\n");
    EXPECT_EQ(complete("neuroproof check x.g --eng"), "--engine\n");
    const std::string engines = complete("neuroproof check x.g --engine \"\"");
    for (const char* e : {"auto\n", "explicit\n", "kind\n", "spacer\n"}) EXPECT_NE(engines.find(e), std::string::npos) << engines;
    EXPECT_EQ(complete("neuroproof check x.g -p dead"), "deadlock\n");
    EXPECT_EQ(complete("neuroproof emulate --atten"), "--attention\n");
    EXPECT_EQ(complete("neuroproof emulate --proper"), "");  // nothing  // check's options are not emulate's
    fs::remove_all(dir);
}

TEST(Cli, PassingExampleExitsZeroAndWritesSummary) {
    fs::path out = fresh_dir("pass");
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " --out " + out.string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("deadlock     PASS     explicit"), std::string::npos) << r.out;
    nlohmann::json j = read_json(out / "summary.json");
    EXPECT_EQ(j["tool"], "neuroproof");
    EXPECT_TRUE(j["version"].is_string());
    EXPECT_EQ(j["input"], src("examples/stg/muller_pipeline.g"));
    ASSERT_EQ(j["properties"].size(), 4u);  // deadlock, consistency, safeness, persistency
    EXPECT_EQ(j["properties"][3]["name"], "persistency");
    for (const auto& p : j["properties"]) {
        EXPECT_EQ(p["verdict"], "PASS");
        EXPECT_EQ(p["engine"], "explicit");
        EXPECT_TRUE(p["seconds"].is_number());
        EXPECT_EQ(p["states"], 16);
        EXPECT_TRUE(p["trace"].is_null());
    }
    EXPECT_TRUE(fs::exists(out / "junit.xml"));
    fs::remove_all(out);
}

TEST(Cli, FailingExampleExitsOneWithTraceFiles) {
    fs::path out = fresh_dir("fail");
    Outcome r = run("check " + src("examples/stg/muller_pipeline_deadlock.g") + " -p deadlock --out " + out.string());
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("FAIL"), std::string::npos);
    EXPECT_NE(r.out.find("shortest trace: 7 steps"), std::string::npos) << r.out;
    nlohmann::json j = read_json(out / "summary.json");
    ASSERT_EQ(j["properties"].size(), 1u);
    EXPECT_EQ(j["properties"][0]["verdict"], "FAIL");
    EXPECT_EQ(j["exit_code"], 1);
    fs::path trace = j["properties"][0]["trace"].get<std::string>();
    for (const char* f : {"trace.txt", "trace.json", "trace.svg"}) EXPECT_TRUE(fs::exists(trace / f)) << f;
    nlohmann::json t = read_json(trace / "trace.json");
    EXPECT_EQ(t["steps"].size(), 7u);
    EXPECT_EQ(t["steps"][0]["transition"], "rin+");
    EXPECT_EQ(t["steps"][0]["kind"], "input");
    EXPECT_EQ(t["steps"][0]["changes"]["rin"]["to"], 1);
    fs::remove_all(out);
}

TEST(Cli, LimitsGiveUnknownAndExitThree) {
    fs::path out = fresh_dir("limit");
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " --engine explicit --max-states 3 -q --out " + out.string());
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("UNKNOWN"), std::string::npos);
    EXPECT_NE(r.out.find("no violation in"), std::string::npos);
    EXPECT_NE(r.out.find("--max-states"), std::string::npos);
    fs::remove_all(out);
}

TEST(Cli, BadInputIsLocatedAndExitsTwo) {
    const std::string bad = src("tests/errors/g/undeclared_signal.g");
    ASSERT_TRUE(fs::exists(bad));
    Outcome r = run("check " + bad + " --out " + fresh_dir("bad").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_EQ(r.out.rfind(bad + ":", 0), 0u) << r.out;  // starts with file:line:col
    EXPECT_NE(r.out.find(": error: undeclared signal"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\n  "), std::string::npos) << "the offending line is shown";
}

TEST(Cli, UserInvariantsFromTheCommandLine) {
    fs::path out = fresh_dir("inv");
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " -q -p invariant:both -p invariant:ack" +
                    " --invariant 'both:!(c1 & c2)' --invariant 'ack:c2 -> c1 | !aout | `<c1-,c2->`' --out " + out.string());
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("invariant:both  FAIL"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("invariant both violated: !(c1 & c2); shortest trace: 3 steps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("invariant:ack   PASS"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(out / "invariant-both" / "trace.txt"));
    fs::remove_all(out);

    Outcome bad = run("check " + src("examples/stg/muller_pipeline.g") + " --invariant 'x:c1 + c9'");
    EXPECT_EQ(bad.code, 2) << bad.out;
    EXPECT_EQ(bad.out.rfind("<command line>:1:", 0), 0u) << bad.out;
}

TEST(Cli, LivenessAndCoverProperties) {
    // Declared response and cover properties are checked by default; handshake-live:CH is offered
    // for every channel and checked when named.
    fs::path out = fresh_dir("live");
    const std::string lost = src("tests/golden/liveness/lost_request.np");
    Outcome r = run("check " + lost + " -q --engine explicit -p response:served -p cover:lost -p cover:never -p handshake-live:a --out " +
                    out.string());
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("response:served   FAIL"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cover:lost        PASS"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("covered: a witness run of 7 steps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cover:never       FAIL"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("handshake-live:a  FAIL"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(out / "cover-lost" / "trace.vcd"));  // the witness, in every trace format
    EXPECT_TRUE(fs::exists(out / "handshake-live-a" / "trace.svg"));
    fs::remove_all(out);
    Outcome d = run("check " + lost + " -q --engine explicit --out " + out.string());
    EXPECT_NE(d.out.find("response:served"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("cover:never"), std::string::npos) << d.out;
    EXPECT_EQ(d.out.find("handshake-live:a"), std::string::npos) << d.out;
    fs::remove_all(out);

    // Fairness from the command line: the arbiter tree starves a client unless its mutexes are
    // strongly fair.
    const std::string tree = src("examples/arbiter_tree/arbiter_tree.np");
    Outcome weak = run("check " + tree + " -q --engine explicit -p handshake-live:k1 --out " + out.string());
    EXPECT_EQ(weak.code, 1) << weak.out;
    EXPECT_NE(weak.out.find("a fair cycle of 16 steps"), std::string::npos) << weak.out;
    fs::remove_all(out);
    Outcome strong = run("check " + tree + " -q --engine explicit -p handshake-live:k1 --strong-fair a[0].m --strong-fair a[1].m" +
                         " --strong-fair a[2].m --out " + out.string());
    EXPECT_EQ(strong.code, 0) << strong.out;
    fs::remove_all(out);
    Outcome resp = run("check " + tree + " -q --engine explicit --response 'served:k1.req ~> k1.ack' --out " + out.string());
    EXPECT_EQ(resp.code, 1) << resp.out;
    EXPECT_NE(resp.out.find("response served violated: k1.req ~> k1.ack"), std::string::npos) << resp.out;
    fs::remove_all(out);
    Outcome cover = run("check " + tree + " -q --engine explicit -p cover:both --cover 'both:k0.ack && k3.ack' --out " + out.string());
    EXPECT_EQ(cover.code, 0) << cover.out;  // two clients may hold acknowledges at once (return to zero)
    fs::remove_all(out);

    for (const std::string& bad : {std::string("--strong-fair nosuch"), std::string("--unfair a[9]"),
                                   std::string("--response 'x:k1.req'"), std::string("--response 'x:k1.req ~> 3'"),
                                   std::string("--cover 'x:k1'")}) {
        Outcome e = run("check " + tree + " -q " + bad + " --out " + out.string());
        EXPECT_EQ(e.code, 2) << bad << ": " << e.out;
        EXPECT_EQ(e.out.rfind("<command line>:1:", 0), 0u) << bad << ": " << e.out;
    }
    fs::remove_all(out);
}

TEST(Cli, EventsDescribesRecordings) {
    const fs::path nmnist = fs::path(NP_DATA_DIR) / "data/dvs/tonic_sample_nmnist.bin";
    if (!fs::exists(nmnist)) GTEST_SKIP() << "shared data folder absent: " << nmnist;
    Outcome r = run("events --json " + nmnist.string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(r.out, "{\"format\":\"nmnist\",\"width\":34,\"height\":34,\"events\":4325,\"on\":2145,\"off\":2180,"
                     "\"t_first\":654,\"t_last\":311175}\n");
    Outcome t = run("events " + (fs::path(NP_DATA_DIR) / "data/dvs/expelliarmus_evt3_gen41_pedestrians.raw").string());
    EXPECT_EQ(t.code, 0) << t.out;
    EXPECT_NE(t.out.find("format:      evt3"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("events:      5000 (ON 2894, OFF 2106)"), std::string::npos) << t.out;
}

TEST(Cli, EventsRejectsCorruptRecordingsWithLocation) {
    const std::string bad = src("tests/errors/aedat/v31_truncated_packet.aedat");
    ASSERT_TRUE(fs::exists(bad));
    Outcome r = run("events " + bad);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_EQ(r.out.rfind(bad + ":1:", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("error:"), std::string::npos) << r.out;
}

TEST(Cli, UsageErrorsExitTwo) {
    const std::string ex = src("examples/stg/muller_pipeline.g");
    struct Case { std::string args, expect; };
    for (const Case& c : std::vector<Case>{
             {"check /nonexistent/x.g", "cannot open file"},
             {"check " + ex + " --property handshake:x", "property 'handshake:x' is not available"},
             {"check " + ex + " --max-states 99999999999999999999999", "max-states"},
             {"check " + ex + " --engine bmc -p persistency", "decided on the explicit state graph"},
             {"check " + ex + " --engine kind -p quiescence", "symbolic quiescence needs a settling bound"},
             {"check " + ex + " --mutex c1", "--mutex expects two signal names"},
             {"check " + ex + " --mutex c1,zz", "'zz' is not a signal"},
             {"certify /nonexistent", "error"},
             {"check " + ex + " --engine magic", "engine"},
             {"check " + src("README.md"), "unknown input format"},
             {"frobnicate", "unknown command 'frobnicate' (commands: check, ci, "},
             {"chek " + ex, "unknown command 'chek' (did you mean 'check'?)"},
             {"check " + ex + " -p deadlok", "property 'deadlok' is not available for this input (did you mean 'deadlock'?)"},
             {"fuzz " + src("examples/speck_core/speck_core_open.np") + " --reference " + src("examples/speck_core/core_small.json") +
                  " --shard 4/3", "--shard: expected K/N with 1 <= K <= N <= 2^32, got '4/3'"},
             {"fuzz " + src("examples/speck_core/speck_core_open.np") + " --reference " + src("examples/speck_core/core_small.json") +
                  " --evaluator jit", "--evaluator"},
             {"equiv " + src("examples/speck_core/speck_core_open.np"), "--reference is required"},
             {"equiv " + src("examples/speck_core/speck_core_open.np") + " --reference " + src("examples/speck_core/core_tiny.json") +
                  " --max-depth 0", "--max-depth"},
             {"equiv " + src("examples/speck_core/speck_core_open.np") + " --reference /nonexistent.json", "nonexistent.json"},
             {"", "subcommand"}}) {
        Outcome r = run(c.args);
        EXPECT_EQ(r.code, 2) << c.args << "\n" << r.out;
        EXPECT_NE(r.out.find(c.expect), std::string::npos) << c.args << "\n" << r.out;
    }
}

}  // namespace

namespace {

TEST(Cli, EquivProvesEveryStreamWithACertificateAndFailsOnAMutant) {
    fs::path out = fresh_dir("equiv");
    const std::string base = "equiv " + src("examples/speck_core/speck_core_open.np") + " --reference " +
                             src("examples/speck_core/core_tiny.json") + " -q --out ";
    Outcome r = run(base + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("equivalence  PASS  per-event"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("certificate confirmed (cvc5: init"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("R: rest state 2: core.q.head = 1, core.q.tail = 1"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(out / "certificate" / "coverage-1.smt2")) << r.out;
    Outcome cert = run("certify " + (out / "certificate").string());
    EXPECT_NE(cert.code, 0) << cert.out;
    EXPECT_NE(cert.out.find("per-event induction certificate"), std::string::npos) << cert.out;
    Outcome bad = run(base + out.string() + " --param MUTANT=3");
    EXPECT_EQ(bad.code, 1) << bad.out;
    EXPECT_NE(bad.out.find("confirmed by the fuzz harness"), std::string::npos) << bad.out;
    EXPECT_TRUE(fs::exists(out / "counterexample" / "trace.txt")) << bad.out;
    fs::remove_all(out);
}

TEST(Cli, SymbolicProofWithCertificateAndCertify) {
    fs::path out = fresh_dir("spacer");
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " --engine spacer -p deadlock -q --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    nlohmann::json j = read_json(out / "summary.json");
    const auto& c = j["properties"][0]["certificate"];
    ASSERT_TRUE(c.is_object()) << j.dump(2);
    EXPECT_EQ(c["confirmed"], true);
    std::string folder = c["folder"];
    Outcome ok = run("certify " + folder);
    EXPECT_EQ(ok.code, 0) << ok.out;
    EXPECT_NE(ok.out.find("certificate confirmed"), std::string::npos) << ok.out;
    // An obligation replaced by another: rejected before any solver runs.
    std::ofstream(fs::path(folder) / "property.smt2") << "(check-sat)\n";
    Outcome bad = run("certify " + folder);
    EXPECT_EQ(bad.code, 1) << bad.out;
    EXPECT_NE(bad.out.find("certificate REJECTED: property.smt2 does not"), std::string::npos) << bad.out;
    fs::remove_all(out);
}

TEST(Cli, QuiescenceReportsBoundsAndLassos) {
    fs::path out = fresh_dir("quiescence");
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " -p quiescence -q --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("settling bound B = 2"), std::string::npos) << r.out;
    nlohmann::json j = read_json(out / "summary.json");
    EXPECT_EQ(j["properties"][0]["measures"]["settling_bound_B"], 2.0);
    EXPECT_EQ(j["properties"][0]["measures"]["K_star"], 1.0);
    EXPECT_EQ(j["properties"][0]["witnesses"]["settling"]["transitions"].back(), "c2+");
    fs::path out2 = fresh_dir("ring");
    Outcome f = run("check " + src("tests/fixtures/quiescence/ring_oscillator.g") + " -p quiescence -q --out " + out2.string());
    EXPECT_EQ(f.code, 1) << f.out;
    nlohmann::json t = read_json(out2 / "quiescence/trace.json");
    EXPECT_EQ(t["cycle_from_step"], 2);
    Outcome k = run("check " + src("tests/fixtures/quiescence/pulse_per_request.g") + " -p quiescence --max-k 1 -q --out " + out2.string());
    EXPECT_EQ(k.code, 1) << k.out;
    EXPECT_NE(k.out.find("Q4 fails"), std::string::npos) << k.out;
    fs::remove_all(out);
    fs::remove_all(out2);
}

// --max-k is compared exactly: K* = 1/3 exceeds 0.333333333 and meets 1/3.
TEST(Cli, ActivityBoundIsComparedExactly) {
    const fs::path out = fresh_dir("max-k");
    const std::string base = "check " + src("tests/fixtures/quiescence/one_in_three.np") + " -p quiescence -q --out " + out.string();
    Outcome below = run(base + " --max-k 0.333333333");
    EXPECT_EQ(below.code, 1) << below.out;
    EXPECT_NE(below.out.find("Q4 fails: K* = 0.3333 (1 energy per 3 inputs) exceeds the required K = 333333333/1000000000"),
              std::string::npos) << below.out;
    for (const char* k : {"1/3", "0.3333333334"}) {
        Outcome ok = run(base + " --max-k " + k);
        EXPECT_EQ(ok.code, 0) << k << ": " << ok.out;
    }
    Outcome bad = run(base + " --max-k -1e999");
    EXPECT_EQ(bad.code, 2) << bad.out;
    EXPECT_NE(bad.out.find("'-1e999' is not a non-negative number"), std::string::npos) << bad.out;
    fs::remove_all(out);
}

// A settling bound on the command line that differs from the design's declaration is an error at
// the declaration; an equal one is accepted.
TEST(Cli, ConflictingSettlingBoundsAreAnError) {
    const fs::path out = fresh_dir("within");
    const std::string base = "check " + src("tests/fixtures/quiescence/within_two.np") + " -p quiescence -q --out " + out.string();
    EXPECT_EQ(run(base).code, 0);
    EXPECT_EQ(run(base + " --within 2").code, 0);
    Outcome bad = run(base + " --within 3");
    EXPECT_EQ(bad.code, 2) << bad.out;
    EXPECT_NE(bad.out.find("within_two.np:11:5: error: the design requires `quiescent within 2`, the command line --within 3"),
              std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("    quiescent within 2;"), std::string::npos) << bad.out;
    fs::remove_all(out);
}

TEST(Cli, ActivityPerInputAndComponent) {
    fs::path dir = fresh_dir("activity");
    fs::create_directories(dir);
    std::ofstream(dir / "stream.txt") << "req+\nreq-\nreq+\nreq-\n";
    Outcome r = run("activity " + src("tests/fixtures/quiescence/pulse_per_request.g") + " --stream " + (dir / "stream.txt").string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("inputs 4, local firings 8 (2.000 per input, at most 3)"), std::string::npos) << r.out;
    std::ofstream(dir / "bad.txt") << "req+\nack+\n";
    Outcome b = run("activity " + src("tests/fixtures/quiescence/pulse_per_request.g") + " --stream " + (dir / "bad.txt").string());
    EXPECT_EQ(b.code, 2) << b.out;
    EXPECT_NE(b.out.find("bad.txt:2:1: error: 'ack+' is not an input transition"), std::string::npos) << b.out;
    fs::remove_all(dir);
}

}  // namespace

namespace {

TEST(CliExport, WritesEachFormatAndRefusesBadUsage) {
    const fs::path dir = np::test::fresh_dir("export");
    fs::create_directories(dir);
    const std::string ex = src("examples/stg/muller_pipeline_deadlock.g");
    for (const char* f : {"aiger", "aag", "btor2", "smv"}) {
        const fs::path out = dir / (std::string("m.") + f);
        Outcome r = run("export " + ex + " --format " + f + " -o " + out.string());
        EXPECT_EQ(r.code, 0) << f << "\n" << r.out;
        const std::string text = np::test::slurp(out);
        EXPECT_NE(text.find("sel=0 rin+"), std::string::npos) << f;  // the transitions, listed in the comments
    }
    EXPECT_EQ(np::test::slurp(dir / "m.aiger").rfind("aig ", 0), 0u);
    EXPECT_EQ(np::test::slurp(dir / "m.aag").rfind("aag ", 0), 0u);
    EXPECT_NE(np::test::slurp(dir / "m.btor2").find(" bad "), std::string::npos);
    EXPECT_NE(np::test::slurp(dir / "m.smv").find("INVARSPEC NAME deadlock"), std::string::npos);
    Outcome q = run("export " + ex + " -p quiescence -o " + (dir / "q.aig").string());
    EXPECT_EQ(q.code, 2) << q.out;
    EXPECT_NE(q.out.find("properties of the state graph"), std::string::npos) << q.out;
    EXPECT_FALSE(fs::exists(dir / "q.aig"));  // nothing written on a usage error
    Outcome f = run("export " + ex + " --format btor");
    EXPECT_EQ(f.code, 2) << f.out;
    fs::remove_all(dir);
}

TEST(CliExport, AbcPdrEngineProvesWithACertificateAndRefutesWithATrace) {
    const fs::path out = np::test::fresh_dir("abc-pdr");
    Outcome r = run("check " + src("examples/stg/muller_pipeline_deadlock.g") + " --engine abc-pdr -q --out " + out.string());
    if (r.out.find("is not installed") != std::string::npos) GTEST_SKIP() << "berkeley-abc is not installed";
    EXPECT_EQ(r.code, 1) << r.out;
    nlohmann::json j = read_json(out / "summary.json");
    ASSERT_EQ(j["properties"].size(), 3u);
    EXPECT_EQ(j["properties"][0]["name"], "deadlock");
    EXPECT_EQ(j["properties"][0]["verdict"], "FAIL");
    EXPECT_EQ(j["properties"][0]["engine"], "abc-pdr");
    for (int i : {1, 2}) {
        EXPECT_EQ(j["properties"][i]["verdict"], "PASS");
        EXPECT_EQ(j["properties"][i]["certificate"]["confirmed"], true);
        EXPECT_EQ(j["properties"][i]["certificate"]["method"], "pdr");
    }
    Outcome c = run("certify " + j["properties"][1]["certificate"]["folder"].get<std::string>());
    EXPECT_EQ(c.code, 0) << c.out;
    fs::remove_all(out);
}

}  // namespace
