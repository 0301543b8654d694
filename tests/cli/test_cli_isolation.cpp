// Symbolic engines run isolated in their own process (checkers/isolated_engine.hpp): an engine
// that aborts inside Z3 (simulated with NEUROPROOF_SIMULATE_CRASH=ENGINE:PROPERTY, which makes
// the engine process call abort() on a job holding that property) costs that property only. The
// run still writes a complete summary.json and junit.xml, the other properties keep their
// verdicts and certificates, and the exit code stays in 0–3.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/support/cli_runner.hpp"

namespace {

namespace fs = std::filesystem;
using np::test::fresh_dir;
using np::test::Outcome;
using np::test::read_json;
using np::test::run;
using np::test::src;

Outcome run_crashing(const std::string& crash, const std::string& args) {
    ::setenv("NEUROPROOF_SIMULATE_CRASH", crash.c_str(), 1);
    Outcome r = run(args);
    ::unsetenv("NEUROPROOF_SIMULATE_CRASH");
    return r;
}

const nlohmann::json& property(const nlohmann::json& summary, const std::string& name) {
    for (const auto& p : summary["properties"])
        if (p["name"] == name) return p;
    static const nlohmann::json none;
    ADD_FAILURE() << "no property " << name << " in " << summary.dump(2);
    return none;
}

TEST(CliIsolation, AnAbortInsideOneEngineJobCostsThatPropertyOnly) {
    const fs::path out = fresh_dir("crash-kind");
    const Outcome r = run_crashing("kind:invariant:device_ready",
                                   "check " + src("examples/vme/vme.np") + " --engine kind -q --out " + out.string());
    EXPECT_EQ(r.code, 1) << r.out;
    const nlohmann::json j = read_json(out / "summary.json");
    ASSERT_EQ(j["properties"].size(), 4u) << j.dump(2);
    const auto& crashed = property(j, "invariant:device_ready");
    EXPECT_EQ(crashed["verdict"], "ERROR");
    const std::string message = crashed["message"];
    EXPECT_NE(message.find("the kind engine process died of signal 6 (SIGABRT)"), std::string::npos) << message;
    EXPECT_NE(message.find("NEUROPROOF_SIMULATE_CRASH=kind:invariant:device_ready: aborting"), std::string::npos) << message;
    for (const char* other : {"deadlock", "invariant:read_data_valid", "invariant:one_cycle"}) {
        const auto& p = property(j, other);
        EXPECT_EQ(p["verdict"], "PASS") << other << ": " << p.dump(2);
        EXPECT_TRUE(p["certificate"].is_object()) << other;
    }
    EXPECT_TRUE(fs::exists(out / "junit.xml"));
    fs::remove_all(out);
}

// A crash after two decisions: those two results were sent as they were decided and stand; the two
// properties still open are run again one at a time, and say so.
TEST(CliIsolation, WhatWasDecidedBeforeACrashStandsAndTheRestIsRunAgain) {
    const fs::path out = fresh_dir("crash-late");
    const Outcome r = run_crashing("kind:@2", "check " + src("examples/vme/vme.np") + " --engine kind -q --out " + out.string());
    EXPECT_EQ(r.code, 0) << r.out;
    const nlohmann::json j = read_json(out / "summary.json");
    int again = 0;
    for (const auto& p : j["properties"]) {
        EXPECT_EQ(p["verdict"], "PASS") << p.dump(2);
        again += p["message"].get<std::string>().find("[run again on its own: the kind engine process died of signal 6") != std::string::npos;
    }
    EXPECT_EQ(again, 2) << j.dump(2);
    fs::remove_all(out);
}

TEST(CliIsolation, AnAbortInASpacerJobLeavesTheOtherPropertiesDecided) {
    const fs::path out = fresh_dir("crash-spacer");
    const Outcome r = run_crashing("spacer:consistency",
                                   "check " + src("examples/stg/muller_pipeline.g") + " --engine spacer -q --out " + out.string());
    EXPECT_EQ(r.code, 1) << r.out;
    const nlohmann::json j = read_json(out / "summary.json");
    EXPECT_EQ(property(j, "consistency")["verdict"], "ERROR");
    EXPECT_EQ(property(j, "deadlock")["verdict"], "PASS");
    EXPECT_EQ(property(j, "safeness")["verdict"], "PASS");
    fs::remove_all(out);
}

// In the portfolio the crashed lane is one opinion among several: another engine decides.
TEST(CliIsolation, ThePortfolioDecidesAroundACrashedLane) {
    const fs::path out = fresh_dir("crash-auto");
    const Outcome r = run_crashing("kind:invariant:device_ready",
                                   "check " + src("examples/vme/vme.np") + " -q --out " + out.string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(property(read_json(out / "summary.json"), "invariant:device_ready")["verdict"], "PASS");
    fs::remove_all(out);
}

TEST(CliIsolation, InProcessEnginesGiveTheSameVerdicts) {
    const fs::path a = fresh_dir("isolated"), b = fresh_dir("in-process");
    const Outcome ra = run("check " + src("examples/vme/vme.np") + " --engine kind -q --out " + a.string());
    const Outcome rb = run("check " + src("examples/vme/vme.np") + " --engine kind --in-process -q --out " + b.string());
    EXPECT_EQ(ra.code, 0) << ra.out;
    EXPECT_EQ(rb.code, 0) << rb.out;
    const nlohmann::json ja = read_json(a / "summary.json"), jb = read_json(b / "summary.json");
    ASSERT_EQ(ja["properties"].size(), jb["properties"].size());
    for (std::size_t i = 0; i < ja["properties"].size(); ++i) {
        EXPECT_EQ(ja["properties"][i]["verdict"], jb["properties"][i]["verdict"]);
        EXPECT_EQ(ja["properties"][i]["depth"], jb["properties"][i]["depth"]);
    }
    fs::remove_all(a);
    fs::remove_all(b);
}

}  // namespace
