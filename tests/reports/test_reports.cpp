// Report writers on a real counterexample (the seeded deadlock of the Muller pipeline example):
// text and JSON traces, summary/junit, the SVG drawing, and the VCD as GTKWave's own tools read it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "checkers/explicit_search.hpp"
#include "reports/write_json.hpp"
#include "reports/write_run.hpp"
#include "reports/write_trace_text.hpp"
#include "reports/write_vcd.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

struct Fixture {
    System sys = load_system((fs::path(NP_SOURCE_DIR) / "examples/stg/muller_pipeline_deadlock.g").string());
    std::vector<PropertyResult> results = check_explicit(sys, {sys.find_property("deadlock"), sys.find_property("consistency")});
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    EXPECT_EQ(pclose(p), 0) << cmd << "\n" << out;
    return out;
}

TEST(Reports, TextTraceListsStepsAndViolation) {
    Fixture f;
    ASSERT_EQ(f.results[0].verdict, Verdict::Fail);
    std::string text = format_trace_text(f.sys, f.results[0]);
    EXPECT_NE(text.find("verdict:   FAIL (explicit)"), std::string::npos) << text;
    EXPECT_NE(text.find("initial:   <c1-,rin+>=1 <c2-,c1+>=1 <aout+,c2+>=1 rin=0 aout=0 c1=0 c2=0"), std::string::npos) << text;
    EXPECT_NE(text.find("     1  rin+        input     rin: 0->1,"), std::string::npos) << text;
    EXPECT_NE(text.find("     7  aout+       input     aout: 0->1"), std::string::npos) << text;
    EXPECT_NE(text.find("then: deadlock: no transition is enabled"), std::string::npos) << text;
}

TEST(Reports, RunFolderSummaryJunitSvg) {
    Fixture f;
    fs::path dir = fs::temp_directory_path() / ("np-reports-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    RunSummary run{"muller_pipeline_deadlock.g", f.results, {}, exit_code(f.results)};
    EXPECT_EQ(run.exit_code, 1);
    auto warnings = write_run_folder(dir.string(), f.sys, run);
    EXPECT_TRUE(warnings.empty()) << warnings[0];
    ASSERT_EQ(run.trace_dirs.size(), 2u);
    EXPECT_EQ(run.trace_dirs[1], "");  // consistency passed: no trace
    fs::path tdir = run.trace_dirs[0];
    EXPECT_NE(slurp(tdir / "trace.svg").find("<svg"), std::string::npos);
    EXPECT_NE(slurp(tdir / "trace.svg").find("aout+"), std::string::npos);

    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file((dir / "junit.xml").c_str()));
    auto suite = doc.child("testsuites").child("testsuite");
    EXPECT_EQ(suite.attribute("tests").as_int(), 2);
    EXPECT_EQ(suite.attribute("failures").as_int(), 1);
    EXPECT_TRUE(suite.find_child_by_attribute("testcase", "name", "deadlock").child("failure"));
    EXPECT_FALSE(suite.find_child_by_attribute("testcase", "name", "consistency").child("failure"));
    fs::remove_all(dir);
}

// The VCD is read by GTKWave's own converter (vcd2fst, from the gtkwave package that
// scripts/setup.sh installs) and dumped back: every fired transition survives as the string
// variable `transition`, and the signal rin rises at time 1.
TEST(Reports, VcdReadsBackThroughGtkwaveTools) {
    Fixture f;
    fs::path dir = fs::temp_directory_path() / ("np-vcd-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    { std::ofstream(dir / "trace.vcd") << format_vcd(f.sys, f.results[0]); }
    run("vcd2fst " + (dir / "trace.vcd").string() + " " + (dir / "trace.fst").string());
    std::string back = run("fst2vcd " + (dir / "trace.fst").string());
    EXPECT_NE(back.find("$var string"), std::string::npos) << back;
    for (const char* t : {"srin+", "sc1+", "srin-", "sc2+", "sc1-", "saout+"}) EXPECT_NE(back.find(t), std::string::npos) << t;
    EXPECT_NE(back.find("#1\nsrin+ !\n"), std::string::npos) << back;
    EXPECT_NE(back.find("#7"), std::string::npos);
    fs::remove_all(dir);
}

// Values keep their type in trace.json: all 64 bits of a u64, the sign of an sN.
TEST(Reports, JsonTraceValuesKeepTheirType) {
    System sys;
    sys.add_variable({"big", Type::uint(64)});
    sys.add_variable({"neg", Type::sint(16)});
    sys.transitions.push_back({"wrap", TransitionKind::Internal, mk_bool(true),
                               {{0, nullptr, mk_const(Type::uint(64), ~std::uint64_t{0})},
                                {1, nullptr, mk_const(Type::sint(16), 0x8000)}}});
    PropertyResult r;
    r.name = "demo";
    r.verdict = Verdict::Fail;
    r.trace = Trace{sys.initial_state(), {{0, State{~std::uint64_t{0}, 0x8000}}}};
    nlohmann::json j = trace_json(sys, r);
    EXPECT_EQ(j["steps"][0]["changes"]["big"]["to"].get<std::uint64_t>(), ~std::uint64_t{0});
    EXPECT_EQ(j["steps"][0]["changes"]["neg"]["to"].get<std::int64_t>(), -32768);
    EXPECT_NE(format_trace_text(sys, r).find("big: 0->18446744073709551615, neg: 0->-32768"), std::string::npos);
}

}  // namespace
}  // namespace np
