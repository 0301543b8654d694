// Must-reject corpora (Yosys tests/errors style): every input file `X` in a folder has a sidecar
// `X.expect` holding the expected diagnostic's first line without the file name, i.e.
// `LINE:COL: error: MESSAGE`. The reader must throw np::SourceError at exactly that place.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"

namespace np::test {

// Runs `read` on every input of `dir`; returns how many inputs were checked.
inline int check_error_corpus(const std::filesystem::path& dir, const std::function<void(const std::string&)>& read) {
    std::vector<std::filesystem::path> inputs;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() != ".expect") inputs.push_back(e.path());
    std::sort(inputs.begin(), inputs.end());
    int checked = 0;
    for (const auto& in : inputs) {
        SCOPED_TRACE(in.string());
        std::ifstream ex(in.string() + ".expect");
        std::string expected;
        std::getline(ex, expected);
        EXPECT_FALSE(expected.empty()) << "missing or empty " << in.string() << ".expect";
        try {
            read(in.string());
            ADD_FAILURE() << "accepted a must-reject input";
        } catch (const SourceError& err) {
            std::string got = std::to_string(err.where().line) + ":" + std::to_string(err.where().col) +
                              ": error: " + err.message();
            EXPECT_EQ(got, expected);
            EXPECT_EQ(err.where().file, in.string());
        }
        ++checked;
    }
    return checked;
}

inline std::filesystem::path data_dir() { return NP_DATA_DIR; }
inline std::filesystem::path source_dir() { return NP_SOURCE_DIR; }

// True when the shared benchmarks/data folder is present; otherwise the caller GTEST_SKIP()s.
inline bool have_data() { return std::filesystem::is_directory(data_dir() / "benchmarks"); }

}  // namespace np::test
