// Expressions of `--invariant NAME:EXPR` (spec/parse_expr.hpp) over a real design's variables.
#include "spec/load_system.hpp"
#include "spec/parse_expr.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const np::System fifo = np::load_system((np::fuzz::source_dir() / "examples/fifo/fifo.np").string());
    np::fuzz::expect_located([&] {
        np::System sys = fifo;
        np::add_invariant(sys, np::fuzz::bytes(data, size));
    });
    return 0;
}
