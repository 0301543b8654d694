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

StateStore::StateStore(std::uint32_t words) : words_(words), table_(1024, 0) {}

std::uint64_t StateStore::hash(const std::uint64_t* p) const {
    std::uint64_t h = 0x243F6A8885A308D3ull;
    for (std::uint32_t i = 0; i < words_; ++i) {
        h = (h ^ p[i]) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 31;
    }
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
}

void StateStore::grow() {
    std::vector<std::uint32_t> bigger(table_.size() * 2, 0);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint32_t id : table_) {
        if (!id) continue;
        std::size_t i = hash(get(id - 1)) & mask;
        while (bigger[i]) i = (i + 1) & mask;
        bigger[i] = id;
    }
    table_.swap(bigger);
}

std::pair<std::uint32_t, bool> StateStore::insert(const std::uint64_t* packed) {
    if ((count_ + 1) * 2 > table_.size()) grow();
    const std::size_t mask = table_.size() - 1;
    std::size_t i = hash(packed) & mask;
    while (std::uint32_t id = table_[i]) {
        if (std::memcmp(get(id - 1), packed, words_ * 8) == 0) return {id - 1, false};
        i = (i + 1) & mask;
    }
    arena_.insert(arena_.end(), packed, packed + words_);
    table_[i] = static_cast<std::uint32_t>(++count_);
    return {static_cast<std::uint32_t>(count_ - 1), true};
}

}  // namespace np
