// The run folder of a symbolic run: every PASS's certificate is written to
// <property>/certificate/ and summary.json's property entry names it with its re-check outcome.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "checkers/certify.hpp"
#include "checkers/spacer.hpp"
#include "proofs/recheck.hpp"
#include "reports/write_run.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

TEST(Reports, SymbolicPassWritesItsCertificate) {
    System sys = load_system((fs::path(NP_SOURCE_DIR) / "examples/stg/muller_pipeline_deadlock.g").string());
    auto results = check_spacer(sys, {sys.find_property("deadlock"), sys.find_property("consistency")}, {});
    ASSERT_EQ(results[0].verdict, Verdict::Fail) << results[0].message;
    ASSERT_EQ(results[1].verdict, Verdict::Pass) << results[1].message;
    fs::path dir = fs::temp_directory_path() / ("np-cert-report-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    RunSummary run{"muller_pipeline_deadlock.g", results, {}, exit_code(results)};
    write_run_folder(dir.string(), sys, run);

    const fs::path cert = dir / "consistency" / "certificate";
    for (const char* f : {"invariant.smt2", "init.smt2", "step.smt2", "property.smt2", "manifest.json"})
        EXPECT_TRUE(fs::exists(cert / f)) << f;
    EXPECT_FALSE(fs::exists(dir / "deadlock" / "certificate"));  // a FAIL has a trace, no certificate

    std::ifstream in(dir / "summary.json");
    nlohmann::json j = nlohmann::json::parse(in);
    const auto& props = j["properties"];
    EXPECT_TRUE(props[0]["certificate"].is_null());
    const auto& c = props[1]["certificate"];
    ASSERT_TRUE(c.is_object()) << j.dump(2);
    EXPECT_EQ(c["folder"], cert.string());
    EXPECT_EQ(c["method"], "spacer");
    EXPECT_EQ(c["k"], 1);
    EXPECT_EQ(c["rechecked"], true);
    EXPECT_EQ(c["confirmed"], true);
    EXPECT_EQ(c["checks"].size(), 9u);  // 3 obligations x (cvc5, z3, boolector)
    for (const auto& k : c["checks"]) EXPECT_EQ(k["answer"], "unsat") << k.dump();

    // The stored certificate is the model's, and re-checks.
    Certificate again = regenerate_certificate(sys, read_certificate(cert.string()));
    recheck_certificate(again);
    EXPECT_TRUE(again.confirmed()) << again.failure();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace np
