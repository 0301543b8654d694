// The design language: parser and elaboration (imports resolve against the working folder and the
// standard library).
#include "spec/elaborate.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A smaller evaluation budget than the default 50 M steps, so that the fuzzer meets the limit
    // in milliseconds rather than seconds; what it guards is the same code path.
    np::ElaborateOptions options;
    options.max_eval_steps = 500'000;
    np::fuzz::expect_located([&] { np::elaborate_text("fuzz.np", std::string(np::fuzz::bytes(data, size)), options); });
    return 0;
}
