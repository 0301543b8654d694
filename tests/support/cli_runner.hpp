// Runs the neuroproof executable (NP_BINARY) for end-to-end tests: exit code and combined output.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace np::test {

struct Outcome {
    int code;
    std::string out;  // stdout and stderr, interleaved
};

inline Outcome run(const std::string& args) {
    std::string cmd = std::string(NP_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline std::string src(const std::string& rel) { return (std::filesystem::path(NP_SOURCE_DIR) / rel).string(); }

// An empty folder under the temp directory, unique to this process.
inline std::filesystem::path fresh_dir(const std::string& name) {
    std::filesystem::path d = std::filesystem::temp_directory_path() / ("np-cli-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    return d;
}

// The whole file, empty when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

}  // namespace np::test
