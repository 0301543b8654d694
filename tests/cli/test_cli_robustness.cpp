// Nothing lost to a name or a byte (issue 17), end to end: each case below once cost a finished
// run its results (no summary.json, exit 2) or gave an unlocated error.
#include <gtest/gtest.h>

#include <fstream>

#include "model/file_name.hpp"
#include "tests/support/cli_runner.hpp"

namespace np::test {
namespace {

namespace fs = std::filesystem;

// A .g file whose ignored directive holds bytes that are not UTF-8 (Latin-1, a UTF-16 surrogate
// in UTF-8 form): the warning quoting them reaches summary.json, which must still be valid JSON.
TEST(CliRobustness, BytesThatAreNotUtf8InAWarningKeepTheResults) {
    const fs::path dir = fresh_dir("non-utf8");
    fs::create_directories(dir);
    const fs::path g = dir / "pipeline.g";
    std::ofstream(g, std::ios::binary) << ".unknown_directive caf\xE9 \xFF\xFE \xED\xA0\x80\n"
                                       << slurp(src("examples/stg/muller_pipeline.g"));
    const Outcome r = run("check " + g.string() + " -q -o " + (dir / "out").string());
    EXPECT_EQ(r.code, 0) << r.out;
    const nlohmann::json summary = read_json(dir / "out" / "summary.json");
    ASSERT_EQ(summary["warnings"].size(), 1u) << summary.dump(2);
    EXPECT_NE(summary["warnings"][0].get<std::string>().find("caf\xC3\xA9"), std::string::npos);
    fs::remove_all(dir);
}

// A 300-character invariant name that FAILs: its trace folder gets a shortened name with a hash,
// summary.json and the printed line point at it, and the verdicts are all there.
TEST(CliRobustness, ALongPropertyNameGetsAShortFolderAndKeepsTheResults) {
    const fs::path dir = fresh_dir("long-name");
    fs::create_directories(dir);
    std::string text = slurp(src("examples/fifo/fifo_broken.np"));
    const std::string name = "in_order" + std::string(292, 'y');
    const std::string from = "invariant in_order:";
    ASSERT_NE(text.find(from), std::string::npos);
    text.replace(text.find(from), from.size(), "invariant " + name + ":");
    std::ofstream(dir / "fifo_long.np") << text;
    const Outcome r = run("check " + (dir / "fifo_long.np").string() + " -q -o " + (dir / "out").string());
    EXPECT_EQ(r.code, 1) << r.out;
    const nlohmann::json summary = read_json(dir / "out" / "summary.json");
    bool found = false;
    for (const auto& p : summary["properties"]) {
        if (p["name"] != "invariant:" + name) continue;
        found = true;
        EXPECT_EQ(p["verdict"], "FAIL");
        ASSERT_TRUE(p["trace"].is_string()) << p.dump(2);
        const fs::path trace = p["trace"].get<std::string>();
        EXPECT_LE(trace.filename().string().size(), kMaxFileName);
        EXPECT_TRUE(fs::exists(trace / "trace.txt")) << trace;
        EXPECT_NE(r.out.find("[trace: " + trace.string() + "/trace.txt]"), std::string::npos) << r.out;
    }
    EXPECT_TRUE(found) << summary.dump(2);
    fs::remove_all(dir);
}

// An output folder holds one run (issue 14): the trace of an earlier FAIL does not survive a later
// run; a folder that is not empty and holds no earlier run is refused (exit 2) and left untouched.
// (Evidence that cannot be written is a warning: tests/reports Reports.EvidenceThatCannotBeWrittenIsAWarning.)
TEST(CliRobustness, AnOutputFolderHoldsOnlyTheLatestRun) {
    const fs::path dir = fresh_dir("stale");
    const std::string out = (dir / "out").string();
    Outcome r = run("check " + src("examples/fifo/fifo_broken.np") + " -q -o " + out);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(fs::exists(dir / "out" / "invariant-in_order" / "trace.txt"));
    EXPECT_TRUE(fs::exists(dir / "out" / "report.html"));
    r = run("check " + src("examples/fifo/fifo.np") + " -q -o " + out);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_FALSE(fs::exists(dir / "out" / "invariant-in_order")) << "a stale trace survived";
    EXPECT_EQ(read_json(dir / "out" / "summary.json")["exit_code"], 0);

    fs::create_directories(dir / "mine");
    std::ofstream(dir / "mine" / "notes.txt") << "keep me\n";
    r = run("check " + src("examples/fifo/fifo.np") + " -q -o " + (dir / "mine").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("is not empty and holds no earlier neuroproof run"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(dir / "mine" / "notes.txt"));
    fs::remove_all(dir);
}

// The default folder is named for the input file with its extension: vme.g and vme.np differ.
TEST(CliRobustness, DefaultFolderKeepsTheExtension) {
    const fs::path dir = fresh_dir("ext");
    fs::create_directories(dir);
    fs::copy_file(src("examples/stg/muller_pipeline.g"), dir / "m.g");
    const Outcome r = run("check " + (dir / "m.g").string() + " -q");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("summary: neuroproof-out/m.g/summary.json"), std::string::npos) << r.out;
    fs::remove_all("neuroproof-out/m.g");
    fs::remove_all(dir);
}

// check --json prints summary.json, and nothing else, to stdout.
TEST(CliRobustness, CheckJsonPrintsTheSummary) {
    const fs::path dir = fresh_dir("json");
    const std::string cmd = std::string(NP_BINARY) + " check " + src("examples/fifo/fifo_broken.np") + " -q --json -o " + (dir / "out").string();
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
    std::string text;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    EXPECT_EQ(WEXITSTATUS(pclose(p)), 1);
    const nlohmann::json j = nlohmann::json::parse(text);  // throws (fails the test) on anything but the JSON
    EXPECT_EQ(j["exit_code"], 1);
    EXPECT_EQ(j, read_json(dir / "out" / "summary.json"));
    fs::remove_all(dir);
}

// A recording whose timestamps span weeks, with a 1 us leak period, would ask for 10^12 leak ticks:
// refused before the run, as a usage error.
TEST(CliRobustness, AnAbsurdNumberOfLeakTicksIsRefused) {
    const fs::path dir = fresh_dir("ticks");
    fs::create_directories(dir);
    std::ofstream(dir / "span.csv") << "t,x,y,p\n0,0,0,1\n2000000000000,1,1,0\n";
    const Outcome r = run("emulate -c " + src("examples/speck_core/core_small.json") + " -e " + (dir / "span.csv").string() +
                          " --leak-period 1 -o " + (dir / "out").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("gives 2000000000000 leak ticks, more than 1000000000; choose a longer period"), std::string::npos) << r.out;
    fs::remove_all(dir);
}

}  // namespace
}  // namespace np::test
