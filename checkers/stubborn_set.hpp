// Deadlock-preserving stubborn sets (Valmari's strong stubborn sets) for the explicit engine.
//
// A set S of transitions is stubborn in a state s when (1) some transition of S is enabled in s;
// (2) for an enabled t in S, every transition that may disable t, that t may disable, or whose
// writes do not commute with t's, is in S; (3) for a disabled t in S, a necessary enabling set
// of t is in S. Firing only S's enabled transitions from every state reaches every deadlock of
// the full state space (Valmari 1991), whatever the search order.
//
// The relations are static. For two *literal* transitions (successor_generator.hpp: guards of
// Boolean literals, constant writes — nets and STGs) they are exact on the literals: u may
// disable t when u writes the negation of one of t's guard literals; writes commute unless they
// write one slot with different values (except on a place proved one-safe: marking and emptying
// it commute); the necessary enabling set of a disabled t is every
// transition writing the value one of its false literals needs (the literal chosen to add the
// fewest). For any other pair: u and t are dependent when one writes a slot the other reads or
// writes, and a disabled t needs every writer of every slot its guard reads.
//
// What is preserved is deadlocks and nothing else: neither state clauses (invariants), nor
// transition clauses, nor a firing that a blocking clause would forbid (the ignoring problem).
// The engine therefore reduces only a search for deadlocks in a system whose blocking clauses
// are proved never to hold (place_bounds.hpp), and says so otherwise (explicit_search.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checkers/successor_generator.hpp"
#include "model/system.hpp"

namespace np {

class StubbornSets {
public:
    // `one_safe` (per variable, may be empty): places proved one-safe (place_bounds.hpp). A
    // firing that marks such a place and one that empties it commute whenever both are enabled
    // (both enabled would put a second token there), so they are not dependent.
    StubbornSets(const System& sys, const SuccessorGenerator& gen, const std::vector<bool>& one_safe = {});
    // A stubborn set's enabled transitions, ascending, from the state's enabled ones (ascending).
    void reduce(const std::uint64_t* packed, std::span<const std::uint64_t> slots,
                const std::vector<std::uint32_t>& enabled, std::vector<std::uint32_t>& out);

private:
    void close(std::uint32_t seed, const std::uint64_t* packed, std::size_t enabled_count, std::vector<std::uint32_t>& out);

    const SuccessorGenerator& gen_;
    std::vector<std::vector<std::uint32_t>> dependent_;  // per transition
    // Per slot: the transitions that may write 1 / 0 there (a non-literal writer is in both).
    std::vector<std::vector<std::uint32_t>> writes_one_, writes_zero_;
    std::vector<std::vector<std::uint32_t>> guard_slots_;  // per transition: slots its guard reads
    std::vector<std::uint32_t> mark_;                      // generation per transition
    std::vector<std::uint8_t> is_enabled_;
    std::uint32_t generation_ = 0;
    std::vector<std::uint32_t> work_, lits_, best_;
};

}  // namespace np
