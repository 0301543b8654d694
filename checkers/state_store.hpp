// Packed states of the explicit engine: a state's slots packed bit-tight (each slot takes its
// type's width) into W 64-bit words, the form the successor generator reads and writes and the
// tree store (tree_store.hpp) keeps.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/system.hpp"

namespace np {

class StatePacker {
public:
    explicit StatePacker(const System& sys);
    std::uint32_t words() const { return words_; }
    void pack(std::span<const std::uint64_t> slots, std::uint64_t* out) const;
    void unpack(const std::uint64_t* in, std::span<std::uint64_t> slots) const;
    // Overwrites one slot of a packed state.
    void set(std::uint64_t* packed, std::uint32_t slot, std::uint64_t value) const;
    std::uint32_t bit_position(std::uint32_t slot) const { return bitpos_[slot]; }
    std::uint32_t width(std::uint32_t slot) const { return width_[slot]; }
    std::uint32_t bits() const { return width_.empty() ? 0 : bitpos_.back() + width_.back(); }

private:
    std::vector<std::uint8_t> width_;
    std::vector<std::uint32_t> bitpos_;
    std::uint32_t words_ = 1;
};

}  // namespace np
