// run_manifest (checkers/run_manifest.hpp) in process: outcomes against expectations, a time-out
// told apart from an interrupt, filters, and the exit bits.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "checkers/run_manifest.hpp"
#include "spec/load_system.hpp"
#include "spec/read_manifest.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

struct Project {
    fs::path dir = fs::temp_directory_path() / ("np-run-manifest-" + std::to_string(::getpid()));
    Manifest m;
    explicit Project(const std::string& manifest) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        fs::copy_file(fs::path(NP_SOURCE_DIR) / "examples/stg/muller_pipeline_deadlock.g", dir / "dead.g");
        std::ofstream(dir / "counter.np") << "module counter {\n    var x: u32 = 0;\n    internal rule tick when true { x := x + 1; }\n    deadlock_free;\n}\n";
        m = parse_manifest((dir / "neuroproof.toml").string(), manifest);
    }
    ~Project() { fs::remove_all(dir); }
    CiRun run(Budget budget = {}, std::vector<std::string> tags = {}) const {
        CiOptions o;
        o.out = (dir / "out").string();
        o.load = load_model;
        o.budget = budget;
        o.tags = std::move(tags);
        return run_manifest(m, o);
    }
};

const char* const kManifest = R"([[design]]
file = "dead.g"
expect = { deadlock = "fail" }
tags = ["quick"]

[[design]]
file = "counter.np"

[[task]]
name = "t"
engine = "explicit"
timeout = 0.5
)";

TEST(RunManifest, OutcomesAgainstExpectations) {
    const Project p(kManifest);
    const CiRun run = p.run();
    ASSERT_EQ(run.jobs.size(), 2u);
    const CiJob& dead = run.jobs[0];
    EXPECT_EQ(dead.design, "dead.g");
    ASSERT_GE(dead.results.size(), 3u);
    EXPECT_EQ(dead.results[0].result.name, "deadlock");
    EXPECT_EQ(dead.results[0].outcome, Outcome::Fail);
    EXPECT_TRUE(dead.results[0].as_expected());
    EXPECT_TRUE(dead.as_expected());
    const CiJob& counter = run.jobs[1];
    ASSERT_EQ(counter.results.size(), 1u);
    EXPECT_EQ(counter.results[0].outcome, Outcome::Timeout) << counter.results[0].result.message;
    EXPECT_FALSE(counter.as_expected());
    EXPECT_EQ(ci_exit_code(run), 16);
}

TEST(RunManifest, AnInterruptIsUnknownNotATimeout) {
    const Project p(kManifest);
    Budget b;
    b.cancel->cancel("interrupted (SIGINT)");
    const CiRun run = p.run(b);
    ASSERT_EQ(run.jobs.size(), 2u);
    for (const CiJob& j : run.jobs) {
        ASSERT_EQ(j.results.size(), 1u);
        EXPECT_EQ(j.results[0].outcome, Outcome::Unknown) << j.results[0].result.message;
        EXPECT_NE(j.results[0].result.message.find("not started: interrupted (SIGINT)"), std::string::npos);
    }
    EXPECT_EQ(ci_exit_code(run), 8);
}

TEST(RunManifest, FiltersSelectJobsAndUnknownNamesAreRefused) {
    const Project p(kManifest);
    const CiRun run = p.run({}, {"quick"});
    ASSERT_EQ(run.jobs.size(), 1u);
    EXPECT_EQ(run.jobs[0].design, "dead.g");
    EXPECT_EQ(ci_exit_code(run), 0);
    EXPECT_THROW(p.run({}, {"nightly"}), std::invalid_argument);
}

}  // namespace
}  // namespace np
