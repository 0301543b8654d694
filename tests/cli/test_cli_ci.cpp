// `neuroproof ci` end to end (issue 14): a manifest mixing an expected PASS, an expected FAIL, an
// unexpected FAIL and a time-out; its exit bits, junit.xml (read back with pugixml), summary.json
// and status files; then the proof cache: a second run reuses and re-verifies every decided
// result, a comment-only edit keeps a design's fingerprint, a real edit re-checks that design only.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <fstream>

#include "tests/support/cli_runner.hpp"

namespace np::test {
namespace {

namespace fs = std::filesystem;

const char* const kCounter = R"(// 2^32 states and no deadlock: the explicit search cannot finish in a second.
module counter {
    var x: u32 = 0;
    internal rule tick when true { x := x + 1; }
    deadlock_free;
}
)";

struct Project {
    fs::path dir = fresh_dir("ci");
    Project() {
        fs::create_directories(dir);
        fs::copy_file(src("examples/fifo/fifo.np"), dir / "fifo.np");
        fs::copy_file(src("examples/fifo/fifo_broken.np"), dir / "fifo_broken.np");
        fs::copy_file(src("examples/muller_pipeline/muller_pipeline_broken.np"), dir / "muller_broken.np");
        std::ofstream(dir / "counter.np") << kCounter;
        std::ofstream(dir / "neuroproof.toml") << R"(# issue 14's acceptance manifest
[defaults]
engine = "explicit"

[[design]]
file = "fifo.np"

[[design]]
file = "fifo_broken.np"
expect = { "invariant:in_order" = "fail" }

[[design]]
name = "muller"
file = "muller_broken.np"

[[design]]
file = "counter.np"
tags = ["slow"]

[[task]]
name = "safety"
designs = ["fifo.np", "fifo_broken.np", "muller"]
properties = ["deadlock", "invariant:*"]

[[task]]
name = "bounded"
designs = ["counter.np"]
timeout = 1
)";
    }
    ~Project() { fs::remove_all(dir); }
    Outcome ci(const std::string& extra = "") const {
        return run("ci " + (dir / "neuroproof.toml").string() + " -o " + (dir / "out").string() + " --jobs 2 " + extra);
    }
};

TEST(CliCi, ExitBitsJunitAndStatusSayWhatWasUnexpected) {
    const Project p;
    const Outcome r = p.ci("--no-cache");
    // An unexpected FAIL (4) and an unexpected TIMEOUT (16).
    EXPECT_EQ(r.code, 4 + 16) << r.out;
    EXPECT_NE(r.out.find("unexpected:\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("muller/safety: deadlock FAIL (expected pass) trace: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("counter.np/bounded: deadlock TIMEOUT (expected pass)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("fifo_broken.np/safety: invariant:in_order"), std::string::npos) << "an expected FAIL is not listed\n" << r.out;

    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file((p.dir / "out" / "junit.xml").c_str()));
    std::map<std::string, pugi::xml_node> cases;
    int n = 0;
    for (auto suite : doc.child("testsuites").children("testsuite"))
        for (auto tc : suite.children("testcase")) cases[std::string(suite.attribute("name").value()) + " " + tc.attribute("name").value()] = tc, ++n;
    EXPECT_EQ(n, 4 + 4 + 1 + 1) << "fifo and fifo_broken: deadlock and 3 invariants each; muller: deadlock; counter: deadlock";
    const auto muller = cases["muller/safety deadlock"];
    ASSERT_TRUE(muller);
    const std::string failure = muller.child("failure").attribute("message").value();
    EXPECT_NE(failure.find("unexpected FAIL (expected pass): trace "), std::string::npos) << failure;
    EXPECT_NE(failure.find("deadlock/trace.txt"), std::string::npos) << failure;
    const auto in_order = cases["fifo_broken.np/safety invariant:in_order"];
    ASSERT_TRUE(in_order);
    EXPECT_FALSE(in_order.child("failure")) << "an expected FAIL passes the gate";
    EXPECT_TRUE(cases["counter.np/bounded deadlock"].child("skipped")) << "a time-out is skipped";
    EXPECT_FALSE(cases["fifo.np/safety deadlock"].child("failure"));

    const nlohmann::json s = read_json(p.dir / "out" / "summary.json");
    EXPECT_EQ(s["exit_code"], 20);
    EXPECT_EQ(s["jobs"].size(), 4u);
    EXPECT_EQ(slurp(p.dir / "out" / "muller" / "safety" / "status").substr(0, 16), "FAIL UNEXPECTED ");
    EXPECT_EQ(slurp(p.dir / "out" / "fifo_broken.np" / "safety" / "status").substr(0, 14), "FAIL expected ");
    EXPECT_EQ(slurp(p.dir / "out" / "fifo.np" / "safety" / "status").substr(0, 14), "PASS expected ");
    EXPECT_EQ(slurp(p.dir / "out" / "counter.np" / "bounded" / "status").substr(0, 19), "TIMEOUT UNEXPECTED ");
    EXPECT_TRUE(fs::exists(p.dir / "out" / "muller" / "safety" / "deadlock" / "trace.txt"));
    EXPECT_TRUE(fs::exists(p.dir / "out" / "index.html"));
    EXPECT_TRUE(fs::exists(p.dir / "out" / "fifo.np" / "safety" / "report.html"));
}

TEST(CliCi, TheProofCacheReusesAndReverifiesAndMissesOnlyWhatChanged) {
    const Project p;
    Outcome r = p.ci("--task safety");
    EXPECT_EQ(r.code, 4) << r.out;
    EXPECT_NE(r.out.find("(0 from the proof cache"), std::string::npos) << r.out;

    r = p.ci("--task safety");
    EXPECT_EQ(r.code, 4) << r.out;
    EXPECT_NE(r.out.find("9 results (9 from the proof cache"), std::string::npos) << r.out;
    nlohmann::json s = read_json(p.dir / "out" / "summary.json");
    for (const auto& job : s["jobs"])
        for (const auto& prop : job["properties"]) {
            EXPECT_TRUE(prop["cached"].get<bool>()) << prop.dump();
            const std::string msg = prop["message"];
            EXPECT_EQ(msg.rfind("cached: ", 0), 0u) << msg;
            if (prop["verdict"] == "FAIL") EXPECT_NE(msg.find("trace replayed on the model"), std::string::npos) << msg;
        }
    // The cached FAIL still has its evidence in the new run folder.
    EXPECT_TRUE(fs::exists(p.dir / "out" / "muller" / "safety" / "deadlock" / "trace.txt"));

    // A comment changes no fingerprint; a changed invariant misses for that property only; a changed
    // rule misses for every property of that design and for nothing else.
    { std::ofstream(p.dir / "fifo.np", std::ios::app) << "// a comment\n"; }
    r = p.ci("--task safety");
    EXPECT_NE(r.out.find("9 results (9 from the proof cache"), std::string::npos) << r.out;
    auto edit = [&](const std::string& from, const std::string& to) {
        std::string text = slurp(p.dir / "fifo.np");
        ASSERT_NE(text.find(from), std::string::npos) << from;
        text.replace(text.find(from), from.size(), to);
        std::ofstream(p.dir / "fifo.np") << text;
    };
    auto missed = [&] {
        std::vector<std::string> out;
        const nlohmann::json summary = read_json(p.dir / "out" / "summary.json");
        for (const auto& job : summary["jobs"])
            for (const auto& prop : job["properties"])
                if (!prop["cached"].get<bool>()) out.push_back(job["design"].get<std::string>() + " " + prop["name"].get<std::string>());
        std::sort(out.begin(), out.end());
        return out;
    };
    edit("invariant occupancy: next - expect <= 4;", "invariant occupancy: next - expect <= 5;");
    r = p.ci("--task safety");
    EXPECT_EQ(r.code, 4) << r.out;
    EXPECT_EQ(missed(), std::vector<std::string>{"fifo.np invariant:occupancy"}) << r.out;
    edit("input rule get_done when", "input rule get_finished when");
    r = p.ci("--task safety");
    EXPECT_EQ(r.code, 4) << r.out;
    EXPECT_EQ(missed(), (std::vector<std::string>{"fifo.np deadlock", "fifo.np invariant:in_order", "fifo.np invariant:occupancy",
                                                   "fifo.np invariant:q.bounded"})) << r.out;
}

TEST(CliCi, ABadManifestIsAUsageErrorWithItsLocation) {
    const fs::path dir = fresh_dir("ci-bad");
    fs::create_directories(dir);
    std::ofstream(dir / "neuroproof.toml") << "[[design]]\nfile = \"missing.np\"\n";
    const Outcome r = run("ci " + dir.string() + " -o " + (dir / "out").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("neuroproof.toml:2:8: error: no such file: missing.np"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("file = \"missing.np\""), std::string::npos) << "the line is shown\n" << r.out;
    fs::remove_all(dir);
}

// A design that does not elaborate is that job's ERROR (32), located; the other jobs still run.
TEST(CliCi, ADesignThatFailsToLoadIsItsJobsError) {
    const fs::path dir = fresh_dir("ci-load");
    fs::create_directories(dir);
    fs::copy_file(src("examples/fifo/fifo.np"), dir / "fifo.np");
    std::ofstream(dir / "bad.np") << "module bad { var x: u4 = 99; }\n";
    std::ofstream(dir / "neuroproof.toml") << "[[design]]\nfile = \"fifo.np\"\n[[design]]\nfile = \"bad.np\"\n";
    const Outcome r = run("ci " + dir.string() + " -o " + (dir / "out").string() + " --no-cache");
    EXPECT_EQ(r.code, 32) << r.out;
    EXPECT_NE(r.out.find("bad.np/check: load ERROR (expected pass)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("bad.np:1:"), std::string::npos) << r.out;
    const nlohmann::json s = read_json(dir / "out" / "summary.json");
    EXPECT_EQ(s["jobs"][0]["outcome"], "pass");
    fs::remove_all(dir);
}

}  // namespace
}  // namespace np::test
