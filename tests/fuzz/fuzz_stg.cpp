// .g (STG) reader and its compilation into the IR, initial-signal inference included.
#include "model/compile_net.hpp"
#include "spec/read_g.hpp"
#include "spec/source_text.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    np::fuzz::expect_located([&] {
        np::PetriNet net = np::parse_g(np::SourceText("fuzz.g", std::string(np::fuzz::bytes(data, size))));
        np::compile_net(std::move(net), np::CompileOptions{.max_inference_markings = 20'000});
    });
    return 0;
}
