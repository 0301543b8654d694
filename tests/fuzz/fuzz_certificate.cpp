// Stored proof certificates: manifest.json of a certificate folder (proofs/recheck.hpp). Its
// reader rejects with CertificateRejected (a tampered or foreign folder) or std::invalid_argument.
#include "proofs/recheck.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string manifest = np::fuzz::scratch_file("manifest.json", np::fuzz::bytes(data, size));
    try {
        np::read_certificate(std::filesystem::path(manifest).parent_path().string());
    } catch (const np::CertificateRejected&) {
    } catch (const std::invalid_argument&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "read_certificate threw an unexpected exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
