// Chip configurations (JSON): the reader, the writer's round trip, and building the emulator.
#include <cstdlib>

#include "model/emulator.hpp"
#include "spec/read_speck_config.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    np::fuzz::expect_located([&] {
        np::SpeckConfig c = np::parse_speck_config("fuzz.json", std::string(np::fuzz::bytes(data, size)));
        np::SpeckConfig again = np::parse_speck_config("written.json", np::write_speck_config(c));
        if (np::write_speck_config(again) != np::write_speck_config(c)) {
            std::fprintf(stderr, "write_speck_config does not round-trip\n");
            std::abort();
        }
        np::Emulator emulator(std::move(c));
    });
    return 0;
}
