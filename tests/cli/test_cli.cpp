// End-to-end tests of the neuroproof executable: exit codes, output lines, the run folder and
// the summary.json contract (DESIGN §7).
#include <gtest/gtest.h>

#include <filesystem>

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

TEST(Cli, PassingExampleExitsZeroAndWritesSummary) {
    fs::path out = fresh_dir("pass");
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " --out " + out.string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("deadlock     PASS     explicit"), std::string::npos) << r.out;
    nlohmann::json j = read_json(out / "summary.json");
    EXPECT_EQ(j["tool"], "neuroproof");
    EXPECT_TRUE(j["version"].is_string());
    EXPECT_EQ(j["input"], src("examples/stg/muller_pipeline.g"));
    ASSERT_EQ(j["properties"].size(), 3u);
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
    Outcome r = run("check " + src("examples/stg/muller_pipeline.g") + " --max-states 3 -q --out " + out.string());
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
             {"check " + ex + " --property csc", "property 'csc' is not available"},
             {"check " + ex + " --max-states 99999999999999999999999", "max-states"},
             {"check " + ex + " --engine bmc", "engine 'bmc' is not available"},
             {"check " + ex + " --engine magic", "engine"},
             {"check " + src("README.md"), "unknown input format"},
             {"frobnicate", "frobnicate"},
             {"", "subcommand"}}) {
        Outcome r = run(c.args);
        EXPECT_EQ(r.code, 2) << c.args << "\n" << r.out;
        EXPECT_NE(r.out.find(c.expect), std::string::npos) << c.args << "\n" << r.out;
    }
}

}  // namespace
