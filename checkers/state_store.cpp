#include "checkers/state_store.hpp"

#include <algorithm>
#include <cstring>

namespace np {

StatePacker::StatePacker(const System& sys) {
    std::uint32_t pos = 0;
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            width_.push_back(static_cast<std::uint8_t>(v.type.width));
            bitpos_.push_back(pos);
            pos += v.type.width;
        }
    words_ = std::max<std::uint32_t>(1, (pos + 63) / 64);
}

void StatePacker::pack(std::span<const std::uint64_t> slots, std::uint64_t* out) const {
    std::memset(out, 0, words_ * 8);
    for (std::size_t i = 0; i < width_.size(); ++i) {
        std::uint32_t word = bitpos_[i] / 64, off = bitpos_[i] % 64;
        out[word] |= slots[i] << off;
        if (off + width_[i] > 64) out[word + 1] |= slots[i] >> (64 - off);
    }
}

void StatePacker::unpack(const std::uint64_t* in, std::span<std::uint64_t> slots) const {
    for (std::size_t i = 0; i < width_.size(); ++i) {
        std::uint32_t word = bitpos_[i] / 64, off = bitpos_[i] % 64, w = width_[i];
        std::uint64_t v = in[word] >> off;
        if (off + w > 64) v |= in[word + 1] << (64 - off);
        slots[i] = w >= 64 ? v : v & ((std::uint64_t{1} << w) - 1);
    }
}

void StatePacker::set(std::uint64_t* out, std::uint32_t slot, std::uint64_t v) const {
    const std::uint32_t word = bitpos_[slot] / 64, off = bitpos_[slot] % 64, w = width_[slot];
    const std::uint64_t mask = w >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << w) - 1;
    out[word] = (out[word] & ~(mask << off)) | (v << off);
    if (off + w > 64) {
        const unsigned spill = off + w - 64;  // bits in the next word
        const std::uint64_t high = (std::uint64_t{1} << spill) - 1;
        out[word + 1] = (out[word + 1] & ~high) | (v >> (64 - off));
    }
}

}  // namespace np
