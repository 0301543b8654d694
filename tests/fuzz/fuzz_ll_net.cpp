// PEP .ll_net reader and its compilation into the IR.
#include "model/compile_net.hpp"
#include "spec/read_ll_net.hpp"
#include "spec/source_text.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    np::fuzz::expect_located([&] {
        np::PetriNet net = np::parse_ll_net(np::SourceText("fuzz.ll_net", std::string(np::fuzz::bytes(data, size))));
        np::compile_net(std::move(net), np::CompileOptions{.max_inference_markings = 20'000});
    });
    return 0;
}
