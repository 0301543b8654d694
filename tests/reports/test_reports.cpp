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
    EXPECT_NE(text.find("     1  rin+        input     muller_pipeline_deadlock.g:10  rin: 0->1,"), std::string::npos) << text;
    EXPECT_NE(text.find("     7  aout+       input     muller_pipeline_deadlock.g:14  aout: 0->1"), std::string::npos) << text;
    EXPECT_NE(text.find("then: deadlock: no transition is enabled"), std::string::npos) << text;
    // At the deadlock, each transition with the guard conjunct that blocks it and what it reads.
    EXPECT_NE(text.find("every transition is blocked there (8):"), std::string::npos) << text;
    EXPECT_NE(text.find("  c2-    blocked by `<aout-,c2->`  (<aout-,c2-> = 0)  at muller_pipeline_deadlock.g:13"), std::string::npos) << text;
    EXPECT_NE(text.find("final state: <rin+,c1+>=1 <c1-,c2->=1 <aout+,c2+>=1 rin=1 aout=1 c1=0 c2=1"), std::string::npos) << text;
    const nlohmann::json j = trace_json(f.sys, f.results[0]);
    EXPECT_EQ(j["steps"][0]["at"], "muller_pipeline_deadlock.g:10");
    EXPECT_EQ(j["blocked"].size(), 8u);
    EXPECT_EQ(j["final"]["c2"], 1);
}

// Evidence that cannot be written (a file is in the way of the trace folder) is a warning:
// summary.json, junit.xml and report.html are written all the same.
TEST(Reports, EvidenceThatCannotBeWrittenIsAWarning) {
    Fixture f;
    const fs::path dir = fs::temp_directory_path() / ("np-blocked-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "deadlock") << "in the way\n";
    RunSummary run{"muller_pipeline_deadlock.g", f.results, {}, exit_code(f.results)};
    const auto warnings = write_run_folder(dir.string(), f.sys, run);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("the evidence of deadlock could not be written"), std::string::npos) << warnings[0];
    EXPECT_TRUE(fs::exists(dir / "summary.json"));
    EXPECT_TRUE(fs::exists(dir / "junit.xml"));
    EXPECT_TRUE(fs::exists(dir / "report.html"));
    fs::remove_all(dir);
}

// A clause violation is explained by its sub-terms in the violating state: which element of an
// array broke `forall`, both sides of the comparison.
TEST(Reports, ViolationIsExplainedBySubTerms) {
    System sys;
    Variable v{"v", Type::sint(8), 3};
    v.init = {5, 5, 5};
    sys.add_variable(v);
    const Expr lo = mk_const(Type::sint(8), 2);
    std::vector<Expr> bad;
    for (std::uint32_t k = 0; k < 3; ++k)
        bad.push_back(mk_binary(Op::Lt, mk_read(0, 0, 3, Type::sint(8), "v", mk_const(Type::uint(2), k)), lo));
    Property p{"invariant:low", PropertyKind::Invariant, {{-1, mk_or(bad), "v[n] >= 2 for every n", {"low.np", 7, 3, ""}}}};
    sys.properties.push_back(p);
    PropertyResult r;
    r.name = "invariant:low";
    r.kind = PropertyKind::Invariant;
    r.verdict = Verdict::Fail;
    r.trace = Trace{sys.initial_state(), {{0, State{5, static_cast<std::uint64_t>(0xFE), 5}}}};
    r.trace->violated_clause = 0;
    sys.transitions.push_back({"drop", TransitionKind::Internal, mk_bool(true), {}});
    const std::string text = format_trace_text(sys, r);
    EXPECT_NE(text.find("clause 1 of 1 (v[n] >= 2 for every n), declared at low.np:7:"), std::string::npos) << text;
    EXPECT_NE(text.find("is true: left -2, right 2 (v[1] = -2)"), std::string::npos) << text;
    EXPECT_EQ(text.find("v[0] = 5"), std::string::npos) << "an element that holds is not a cause:\n" << text;
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

// Names that read right in GTKWave survive vcd2fst + fst2vcd: one scope per component instance
// with the variable's local name (the four C-elements' `c` each in its own c[i]), every array
// element its own signal with its index and bit range, a signed value declared `integer`, the
// `violation` marker rising at the last step, the fired transition's name.
TEST(Reports, VcdNamesSurviveGtkwaveTools) {
    const System design = load_system((fs::path(NP_SOURCE_DIR) / "examples/muller_pipeline/muller_pipeline_broken.np").string());
    const auto results = check_explicit(design, {design.find_property("deadlock")});
    ASSERT_EQ(results[0].verdict, Verdict::Fail);
    System arrays;
    Variable v{"core.v", Type::sint(16), 4};
    v.init = {0, 0, 0, 0};
    v.origin.component = "core";
    arrays.add_variable(v);
    arrays.transitions.push_back({"core.spike", TransitionKind::Internal, mk_bool(true), {}});
    PropertyResult ar;
    ar.name = "demo";
    ar.verdict = Verdict::Fail;
    ar.trace = Trace{arrays.initial_state(), {{0, State{0, 0, 0xFFFE, 0}}}};
    const fs::path dir = fs::temp_directory_path() / ("np-vcd-names-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto roundtrip = [&](const std::string& vcd, const std::string& name) {
        { std::ofstream(dir / (name + ".vcd")) << vcd; }
        run("vcd2fst " + (dir / (name + ".vcd")).string() + " " + (dir / (name + ".fst")).string());
        return run("fst2vcd " + (dir / (name + ".fst")).string());
    };
    const std::string back = roundtrip(format_vcd(design, results[0]), "design");
    for (int i = 0; i < 4; ++i) {
        const std::string scope = "$scope module c[" + std::to_string(i) + "] $end\n$var wire 1 ";
        const auto at = back.find(scope);
        ASSERT_NE(at, std::string::npos) << scope << "\n" << back;
        EXPECT_EQ(back.substr(back.find(' ', at + scope.size()) , 8), " c $end\n") << back.substr(at, 80);
    }
    EXPECT_NE(back.find("$var wire 1 \" violation $end"), std::string::npos) << back;
    EXPECT_NE(back.find("$var string 0 ! transition $end"), std::string::npos) << back;
    EXPECT_NE(back.find("#16\nsconsume !\n1\"\n"), std::string::npos) << "violation rises at the last step\n" << back;

    const std::string back2 = roundtrip(format_vcd(arrays, ar), "arrays");
    EXPECT_NE(back2.find("$scope module core $end"), std::string::npos) << back2;
    for (int k = 0; k < 4; ++k)
        EXPECT_NE(back2.find(" v[" + std::to_string(k) + "] [15:0] $end"), std::string::npos) << back2;
    EXPECT_NE(back2.find("$var integer 16"), std::string::npos) << back2;
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
