// Input streams and fuzz cases. The first byte chooses the reader: an `activity` input stream (of
// tests/fixtures/quiescence/pulse_per_request.g), a fuzz case's stream.txt, or a whole case
// folder (case.txt, then the rest after a NUL byte as stream.txt).
#include "checkers/fuzz_case.hpp"
#include "spec/load_system.hpp"
#include "spec/read_input_stream.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const np::System pulses = np::load_system((np::fuzz::source_dir() / "tests/fixtures/quiescence/pulse_per_request.g").string());
    const std::string text(np::fuzz::bytes(data + 1, size - 1));
    switch (data[0] % 3) {
    case 0: np::fuzz::expect_located([&] { np::parse_input_stream(pulses, "fuzz.stream", text); }); break;
    case 1: np::fuzz::expect_located([&] { np::parse_stream_text("stream.txt", text); }); break;
    default: {
        const std::size_t nul = text.find('\0');
        const std::string case_txt = np::fuzz::scratch_file("case.txt", text.substr(0, nul));
        np::fuzz::scratch_file("stream.txt", nul == std::string::npos ? std::string() : text.substr(nul + 1));
        np::fuzz::scratch_file("schedule.txt", "");
        np::fuzz::expect_located([&] { np::read_case(std::filesystem::path(case_txt).parent_path().string()); });
    }
    }
    return 0;
}
