// Golden regressions: every model under examples/ and tests/golden/ states its expected verdicts
// in a comment line `# expect: NAME=VERDICT[/TRACE_LENGTH] ... [states=N]` (`%` instead of `#` in
// .ll_net files); this test checks each of them with the explicit engine.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "checkers/explicit_search.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

struct Expectation {
    std::map<std::string, std::string> verdicts;  // property -> "PASS", "FAIL/7", ...
    long states = -1;
};

Expectation read_expectation(const fs::path& p) {
    Expectation e;
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line)) {
        auto at = line.find("expect:");
        if (at == std::string::npos || (line[0] != '#' && line[0] != '%')) continue;
        std::stringstream ss(line.substr(at + 7));
        std::string item;
        while (ss >> item) {
            auto eq = item.find('=');
            if (eq == std::string::npos) continue;
            std::string key = item.substr(0, eq), value = item.substr(eq + 1);
            if (key == "states") e.states = std::stol(value);
            else e.verdicts[key] = value;
        }
    }
    return e;
}

TEST(Golden, EveryModelMeetsItsExpectation) {
    int models = 0;
    for (const char* root : {"examples", "tests/golden"}) {
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(NP_SOURCE_DIR) / root)) {
            const fs::path& p = entry.path();
            if (p.extension() != ".g" && p.extension() != ".ll_net") continue;
            SCOPED_TRACE(p.string());
            Expectation e = read_expectation(p);
            ASSERT_FALSE(e.verdicts.empty()) << "no '# expect:' line";
            ++models;
            System sys = load_system(p.string());
            std::vector<const Property*> props;
            for (const auto& [name, _] : e.verdicts) {
                props.push_back(sys.find_property(name));
                ASSERT_NE(props.back(), nullptr) << name;
            }
            auto results = check_explicit(sys, props);
            for (const PropertyResult& r : results) {
                std::string got = verdict_name(r.verdict);
                if (r.trace && e.verdicts[r.name].find('/') != std::string::npos)
                    got += "/" + std::to_string(r.trace->steps.size());
                EXPECT_EQ(got, e.verdicts[r.name]) << r.name << ": " << r.message;
                if (e.states >= 0 && r.verdict == Verdict::Pass) {
                    EXPECT_EQ(static_cast<long>(r.states), e.states) << r.name;
                }
            }
        }
    }
    EXPECT_GE(models, 6);
}

}  // namespace
}  // namespace np
