// The TOML manifest reader (spec/read_manifest.hpp): a whole manifest read into its model, the
// expectation rules, and the must-reject corpus tests/errors/manifest.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "spec/read_manifest.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

Outcome fail_ = Outcome::Fail, pass_ = Outcome::Pass;

TEST(ReadManifest, EveryKeyIsRead) {
    const fs::path dir = fs::temp_directory_path() / ("np-manifest-" + std::to_string(::getpid()));
    fs::create_directories(dir / "d");
    std::ofstream(dir / "d" / "a.np") << "module a {}\n";
    std::ofstream(dir / "b.g") << "";
    const std::string text = R"(# a project
[defaults]
engine = "explicit"
timeout = 2.5
expect = "pass"

[[design]]
name = "alpha"
file = "d/a.np"
params = { N = 3, MODE = "fast", ON = true }
capacity = 2
invariants = ["low: x <= 3"]
expect = { "invariant:*" = ["fail", "unknown"], deadlock = "fail" }
tags = ["quick"]

[[design]]
file = "b.g"

[[task]]
name = "safety"
designs = ["alpha"]
properties = ["deadlock", "invariant:*"]
engine = "kind"
depth = 12
max_states = 1000
within = 40
max_k = "1/3"
mutex = ["a,b"]
jobs = 3
paranoid = true
expect = { "*" = "unknown" }
tags = ["nightly"]
)";
    const Manifest m = parse_manifest((dir / "neuroproof.toml").string(), text);
    ASSERT_EQ(m.designs.size(), 2u);
    const ManifestDesign& a = m.designs[0];
    EXPECT_EQ(a.name, "alpha");
    EXPECT_EQ(a.source.file, (dir / "d" / "a.np").string());
    EXPECT_EQ(a.source.parameters, (std::vector<std::string>{"MODE=fast", "N=3", "ON=true"}));  // TOML tables are unordered: by key
    EXPECT_EQ(a.source.capacity, 2u);
    EXPECT_EQ(a.source.invariants, std::vector<std::string>{"low: x <= 3"});
    EXPECT_EQ(a.tags, std::vector<std::string>{"quick"});
    EXPECT_EQ(m.designs[1].name, "b.g");
    ASSERT_EQ(m.tasks.size(), 1u);
    const ManifestTask& t = m.tasks[0];
    EXPECT_EQ(t.designs, std::vector<std::string>{"alpha"});
    EXPECT_EQ(t.properties, (std::vector<std::string>{"deadlock", "invariant:*"}));
    EXPECT_EQ(t.property_origins[1].line, 22u);
    EXPECT_EQ(*t.settings.engine, "kind");
    EXPECT_EQ(*t.settings.depth, 12u);
    EXPECT_EQ(*t.settings.max_states, 1000u);
    EXPECT_EQ(*t.settings.within, 40u);
    EXPECT_EQ(*t.settings.max_k, "1/3");
    EXPECT_EQ(*t.settings.jobs, 3u);
    EXPECT_TRUE(*t.settings.paranoid);
    const TaskSettings s = effective_settings(m, t);
    EXPECT_EQ(*s.engine, "kind");
    EXPECT_DOUBLE_EQ(*s.timeout, 2.5);  // from [defaults]

    // The design's table first (exact name over pattern), then the task's, then the defaults.
    EXPECT_EQ(expected_outcome(m, a, t, "deadlock").text(), "fail");
    EXPECT_EQ(expected_outcome(m, a, t, "invariant:low").text(), "fail|unknown");
    EXPECT_TRUE(expected_outcome(m, a, t, "invariant:low").admits(Outcome::Timeout));  // unknown admits a time-out
    EXPECT_EQ(expected_outcome(m, a, t, "quiescence").text(), "unknown");
    EXPECT_EQ(expected_outcome(m, m.designs[1], t, "deadlock").text(), "unknown");
    ManifestTask plain;
    EXPECT_EQ(expected_outcome(m, m.designs[1], plain, "deadlock").text(), "pass");
    EXPECT_TRUE(expected_outcome(m, m.designs[1], plain, "deadlock").admits(pass_));
    EXPECT_FALSE(expected_outcome(m, m.designs[1], plain, "deadlock").admits(fail_));
    fs::remove_all(dir);
}

TEST(ReadManifest, NoTaskMeansOneTaskCheckingEverything) {
    const fs::path dir = fs::temp_directory_path() / ("np-manifest1-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "x.np") << "module x {}\n";
    const Manifest m = parse_manifest((dir / "neuroproof.toml").string(), "[[design]]\nfile = \"x.np\"\n");
    ASSERT_EQ(m.tasks.size(), 1u);
    EXPECT_EQ(m.tasks[0].name, "check");
    EXPECT_TRUE(m.tasks[0].properties.empty());
    fs::remove_all(dir);
}

TEST(ReadManifest, PropertyPatterns) {
    EXPECT_TRUE(property_pattern_matches("handshake:*", "handshake:core.out"));
    EXPECT_TRUE(property_pattern_matches("*", "deadlock"));
    EXPECT_TRUE(property_pattern_matches("deadlock", "deadlock"));
    EXPECT_FALSE(property_pattern_matches("deadlock", "deadlock2"));
    EXPECT_FALSE(property_pattern_matches("invariant:*", "handshake:a"));
}

TEST(ReadManifest, ErrorCorpus) {
    int checked = test::check_error_corpus(test::source_dir() / "tests/errors/manifest", [](const std::string& p) { read_manifest(p); });
    EXPECT_GE(checked, 12);
}

}  // namespace
}  // namespace np
