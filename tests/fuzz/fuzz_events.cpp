// Every event-recording decoder on the same bytes: AEDAT 2.0/3.1/4.0, Prophesee EVT 2.0, EVT 3.0
// and DAT, N-MNIST, and the text format (seeds are real recordings of any of them).
#include "spec/events_text.hpp"
#include "spec/read_aedat.hpp"
#include "spec/read_events.hpp"
#include "spec/read_nmnist.hpp"
#include "spec/read_prophesee.hpp"
#include "spec/source_text.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view b = np::fuzz::bytes(data, size);
    using Decoder = np::EventRecording (*)(const std::string&, std::string_view);
    for (Decoder d : {Decoder(np::parse_aedat), Decoder(np::parse_evt2), Decoder(np::parse_evt3), Decoder(np::parse_dat),
                      Decoder(np::parse_nmnist)})
        np::fuzz::expect_located([&] { np::summarize(d("fuzz.events", b)); });
    np::fuzz::expect_located([&] { np::summarize(np::parse_events_text(np::SourceText("fuzz.csv", std::string(b)))); });
    return 0;
}
