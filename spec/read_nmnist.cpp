#include "spec/read_nmnist.hpp"

#include <algorithm>
#include <cstdint>

#include "spec/mapped_bytes.hpp"

namespace np {
namespace {

constexpr std::uint32_t kSize = 34;
constexpr unsigned kOverflowY = 240;
constexpr std::int64_t kOverflowIncrement = std::int64_t{1} << 13;

[[noreturn]] void fail_byte(const std::string& file, std::size_t offset, const std::string& message) {
    const std::uint32_t col = offset >= UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(offset + 1);
    throw SourceError(Origin{file, 1, col, {}}, message);
}

}  // namespace

RecordingInfo stream_nmnist(const std::string& file, const MappedBytes& in, const EventSink& sink) {
    const std::string_view bytes = in.view();
    RecordingInfo r;
    r.format = "nmnist";
    r.width = kSize;
    r.height = kSize;
    const std::size_t n = bytes.size();
    if (n == 0) fail_byte(file, 0, "empty file");
    std::int64_t offset_us = 0;
    for (std::size_t o = 0; o < n; o += 5) {
        in.release_before(o);
        if (n - o < 5)
            fail_byte(file, o,
                      "truncated event at byte " + std::to_string(o) + ": " + std::to_string(n - o) +
                          (n - o == 1 ? " byte remains" : " bytes remain") + ", 5 needed");
        auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[o + i])); };
        const std::uint32_t x = byte(0), y = byte(1);
        const std::int64_t t = static_cast<std::int64_t>(((byte(2) & 0x7F) << 16) | (byte(3) << 8) | byte(4));
        if (y == kOverflowY) {
            offset_us += kOverflowIncrement;
            continue;
        }
        if (x >= kSize || y >= kSize)
            fail_byte(file, o,
                      "event at byte " + std::to_string(o) + " has address x=" + std::to_string(x) +
                          " y=" + std::to_string(y) + " outside the 34x34 N-MNIST sensor");
        sink(DvsEvent{t + offset_us, static_cast<std::uint16_t>(x), static_cast<std::uint16_t>(y),
                                    (byte(2) & 0x80) != 0});
    }
    return r;
}

EventRecording parse_nmnist(const std::string& file, std::string_view bytes) {
    return collect_events([&](const EventSink& sink) { return stream_nmnist(file, MappedBytes(bytes), sink); });
}

EventRecording read_nmnist(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_nmnist(path, MappedBytes::open(path), sink); });
}

}  // namespace np
