// Packed states and the hash set of the explicit engine.
//
// A state's slots are packed bit-tight (each slot takes its type's width) into W 64-bit words;
// the store keeps every distinct packed state once, in insertion order, so that a breadth-first
// search can use the store itself as its queue and index states by their insertion number.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
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

private:
    std::vector<std::uint8_t> width_;
    std::vector<std::uint32_t> bitpos_;
    std::uint32_t words_ = 1;
};

class StateStore {
public:
    explicit StateStore(std::uint32_t words);
    // Inserts a packed state; returns its index and whether it was new.
    std::pair<std::uint32_t, bool> insert(const std::uint64_t* packed);
    const std::uint64_t* get(std::uint32_t index) const { return arena_.data() + std::size_t{index} * words_; }
    std::uint64_t size() const { return count_; }
    std::uint64_t memory_bytes() const { return arena_.capacity() * 8 + table_.capacity() * 4; }

private:
    std::uint64_t hash(const std::uint64_t* p) const;
    void grow();
    std::uint32_t words_;
    std::vector<std::uint64_t> arena_;
    std::vector<std::uint32_t> table_;  // 0 = empty, else index + 1
    std::uint64_t count_ = 0;
};

}  // namespace np
