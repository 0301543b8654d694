// The rows of ../shared/benchmarks/stg/workcraft/verdicts.csv: name, Workcraft's combined check
// (OK / FAILED) and its CSC verdict (OK / CONFLICT / none).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/error_corpus.hpp"

namespace np::test {

struct WorkcraftRow {
    std::string name, combined, csc;
    std::filesystem::path file;  // the .g
};

inline std::filesystem::path workcraft_dir() { return data_dir() / "benchmarks/stg/workcraft"; }

// Empty when the file cannot be read (callers assert on the row count).
inline std::vector<WorkcraftRow> workcraft_verdicts() {
    std::vector<WorkcraftRow> rows;
    std::ifstream csv(workcraft_dir() / "verdicts.csv");
    std::string line;
    std::getline(csv, line);  // header
    while (std::getline(csv, line)) {
        std::stringstream ss(line);
        WorkcraftRow r;
        std::getline(ss, r.name, ',');
        std::getline(ss, r.combined, ',');
        std::getline(ss, r.csc, ',');
        r.file = workcraft_dir() / (r.name + ".g");
        rows.push_back(r);
    }
    return rows;
}

}  // namespace np::test
