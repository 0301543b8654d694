// Manifests of `neuroproof ci` (TOML): whatever the bytes, a Manifest or a located SourceError;
// every expectation it reads is a non-empty set of outcomes.
#include <cstdlib>

#include "spec/read_manifest.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    np::fuzz::expect_located([&] {
        const np::Manifest m = np::parse_manifest("fuzz.toml", std::string(np::fuzz::bytes(data, size)));
        if (m.designs.empty() || m.tasks.empty()) {
            std::fprintf(stderr, "a manifest without designs or tasks was accepted\n");
            std::abort();
        }
        for (const auto& d : m.designs)
            for (const auto& t : m.tasks)
                if (np::expected_outcome(m, d, t, "deadlock").allowed == 0) {
                    std::fprintf(stderr, "an empty expectation was accepted\n");
                    std::abort();
                }
    });
    return 0;
}
