// Test support for the equivalence fuzzer: builds the implementation model
// examples/speck_core/speck_core_open.np for a reference configuration (written, completed, to a
// temporary file that the design's CONFIG parameter names) and a MUTANT number, caching the last
// few designs by configuration text.
#pragma once

#include <filesystem>
#include <fstream>
#include <list>
#include <memory>
#include <string>
#include <utility>

#include "checkers/fuzz_harness.hpp"
#include "spec/load_system.hpp"
#include "spec/read_speck_config.hpp"

namespace np::test {

inline std::string speck_open_design() { return std::string(NP_SOURCE_DIR) + "/examples/speck_core/speck_core_open.np"; }

// Elaborates `design` with CONFIG = a completed copy of `config` and MUTANT = mutant.
inline std::shared_ptr<const System> load_speck_design(const std::string& design, const SpeckConfig& config, int mutant,
                                                       const std::string& scratch_name = "np-fuzz-config") {
    namespace fs = std::filesystem;
    static int counter = 0;
    fs::path file = fs::temp_directory_path() / (scratch_name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++ % 4) + ".json");
    {
        std::ofstream out(file);
        out << write_speck_config(complete_config(config));
    }
    LoadOptions lo;
    lo.elaborate.parameters.push_back({"CONFIG", file.string()});
    lo.elaborate.parameters.push_back({"MUTANT", std::int64_t{mutant}});
    auto sys = std::make_shared<System>(load_system(design, lo));
    fs::remove(file);
    return sys;
}

// A DesignForConfig that caches the last 8 configurations' designs.
class DesignCache {
public:
    DesignCache(std::string design, int mutant) : design_(std::move(design)), mutant_(mutant) {}
    std::shared_ptr<const System> operator()(const SpeckConfig& config) {
        std::string key = write_speck_config(config);
        for (auto it = cache_.begin(); it != cache_.end(); ++it)
            if (it->first == key) {
                cache_.splice(cache_.begin(), cache_, it);
                return cache_.front().second;
            }
        auto sys = load_speck_design(design_, config, mutant_);
        ++loads_;
        cache_.emplace_front(std::move(key), sys);
        if (cache_.size() > 8) cache_.pop_back();
        return sys;
    }
    std::uint64_t loads() const { return loads_; }

private:
    std::string design_;
    int mutant_;
    std::list<std::pair<std::string, std::shared_ptr<const System>>> cache_;
    std::uint64_t loads_ = 0;
};

}  // namespace np::test
