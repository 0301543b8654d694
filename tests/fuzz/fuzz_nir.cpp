// NIR graphs (HDF5) and their mapping onto Speck cores. The harness reads in this process
// (read_nir_in_process), so that the fuzzer sees the reader's coverage; `neuroproof` itself reads
// in a child that survives HDF5's own crashes (spec/read_nir.hpp).
#include "spec/nir_to_speck.hpp"
#include "spec/read_nir.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = np::fuzz::scratch_file("fuzz.nir", np::fuzz::bytes(data, size));
    np::fuzz::expect_located([&] { np::nir_to_speck(np::read_nir_in_process(path)); });
    return 0;
}
