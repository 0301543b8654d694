// Shared by the fuzz harnesses (tests/fuzz/README.md): the contract every reader is held to, and
// scratch files for readers that take a path.
//
// A reader may reject its input only with np::SourceError (file:line:col: error: ...); any other
// exception, a crash, a sanitizer report or a hang is a finding. expect_located() runs a reader
// under that contract and aborts (a libFuzzer crash, a failed replay) on anything else.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"

namespace np::fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `read`; returns normally when it succeeds or throws a located SourceError.
template <class F>
void expect_located(F&& read) {
    try {
        read();
    } catch (const SourceError& e) {
        if (e.where().file.empty() || e.message().empty()) {
            std::fprintf(stderr, "SourceError without a file or a message: %s\n", e.what());
            std::abort();
        }
        (void)e.what();  // rendering the diagnostic must not fail either
    } catch (const std::exception& e) {
        std::fprintf(stderr, "reader threw a non-SourceError exception: %s\n", e.what());
        std::abort();
    }
}

// A file in a folder of this process's own (under /dev/shm when it exists), rewritten per input.
inline std::string scratch_file(const std::string& name, std::string_view content) {
    static const std::filesystem::path dir = [] {
        std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        std::filesystem::path d = base / ("np-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    const std::filesystem::path p = dir / name;
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(content.data(), static_cast<std::streamsize>(content.size()));
    return p.string();
}

// Source folder (for designs the harnesses parse against).
inline std::filesystem::path source_dir() { return NP_SOURCE_DIR; }

}  // namespace np::fuzz
