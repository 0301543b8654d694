// Deadlock-preserving stubborn sets (Valmari's strong stubborn sets) for the explicit engine.
//
// A set S of transitions is stubborn in a state s when (1) some transition of S is enabled in s;
// (2) for an enabled t in S, every transition *dependent* on t is in S; (3) for a disabled t in
// S, a necessary enabling set of t is in S: every transition that writes a slot of one guard
// literal of t that is false in s (a guard that is not a conjunction of literals: every writer of
// every slot it reads). Firing only S's enabled transitions reaches every deadlock of the full
// state space (Valmari 1991), whatever the search order.
//
// Dependence is static and conservative: u and t are dependent when one writes a slot the other
// reads or writes. The reads of t include its transition clauses (safeness, consistency and
// other `transition` clauses of every property): a state where t is enabled and one of its
// clauses holds is, to the reduction, a firing of t into a sink, so such states stay reachable
// in the reduced space exactly when they are in the full one. State clauses (invariants) are not
// preserved: the engine does not reduce when it checks one (explicit_search.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checkers/successor_generator.hpp"
#include "model/system.hpp"

namespace np {

class StubbornSets {
public:
    StubbornSets(const System& sys, const SuccessorGenerator& gen);
    // A stubborn set's enabled transitions, ascending, from the state's enabled ones (ascending).
    void reduce(const std::uint64_t* packed, std::span<const std::uint64_t> slots,
                const std::vector<std::uint32_t>& enabled, std::vector<std::uint32_t>& out);

private:
    void close(std::uint32_t seed, const std::uint64_t* packed, std::size_t enabled_count, std::vector<std::uint32_t>& out);

    const SuccessorGenerator& gen_;
    std::vector<std::vector<std::uint32_t>> dependent_;   // per transition
    std::vector<std::vector<std::uint32_t>> writers_;     // per slot
    std::vector<std::vector<std::uint32_t>> guard_slots_; // per transition: slots its guard reads
    std::vector<std::uint32_t> mark_;                     // generation per transition
    std::vector<std::uint8_t> is_enabled_;
    std::uint32_t generation_ = 0;
    std::vector<std::uint32_t> work_, lits_, best_;
};

}  // namespace np
