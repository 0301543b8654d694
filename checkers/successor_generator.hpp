// Compiled successors for the explicit engine (DESIGN §4): a system's guards, updates and clause
// expressions compiled once, then evaluated on packed states (StatePacker) without a tree walk.
//
// Two forms. A *literal* transition — guard a conjunction of Boolean variables and their
// negations, every update a Boolean variable set to a constant (1-safe Petri nets and STGs
// compile to these, model/compile_net.hpp) — is a pair of bit masks per packed word to test and
// a pair to fire, read straight off the packed state; it is found enabled through the set bits
// of the state (each literal transition is filed under one of the bits it needs set, so a state
// only tests the transitions of its marked places). Every other transition runs its compiled
// programs (model/compile_expr.hpp) on the unpacked state. Predicates (clause `bad`
// expressions) are compiled the same way.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checkers/state_store.hpp"
#include "model/compile_expr.hpp"
#include "model/system.hpp"

namespace np {

// A Boolean expression over packed states: literal masks when it is a conjunction of Boolean
// literals, else a compiled program over the unpacked state.
class PackedPredicate {
public:
    PackedPredicate(const Expr& e, const StatePacker& packer);
    bool literal() const { return literal_; }
    bool holds(const std::uint64_t* packed, std::span<const std::uint64_t> slots, std::vector<std::uint64_t>& regs) const;

private:
    struct Mask {
        std::uint32_t word;
        std::uint64_t one, zero;  // bits that must be 1, bits that must be 0
    };
    bool literal_ = false;
    std::vector<Mask> masks_;
    ExprProgram program_;
    std::uint32_t reg_ = 0;
};

class SuccessorGenerator {
public:
    SuccessorGenerator(const System& sys, const StatePacker& packer);
    // Whether enabled()/fire() need the unpacked state (some transition is not literal).
    bool needs_slots() const { return !generic_.empty(); }
    // The transitions whose guard holds in the state, in increasing order.
    void enabled(const std::uint64_t* packed, std::span<const std::uint64_t> slots, std::vector<std::uint32_t>& out);
    // `out` = the state after firing t (enabled) from `packed`.
    void fire(std::uint32_t t, const std::uint64_t* packed, std::span<const std::uint64_t> slots, std::uint64_t* out);
    bool literal(std::uint32_t t) const { return transitions_[t].literal; }
    // A literal transition's guard literals and writes, as (slot, value).
    const std::vector<std::pair<std::uint32_t, bool>>& guard_literals(std::uint32_t t) const { return transitions_[t].literals; }
    const std::vector<std::pair<std::uint32_t, bool>>& literal_writes(std::uint32_t t) const { return transitions_[t].writes; }
    // For a literal transition: the slots of its guard's literals that are false in `packed`.
    void false_literals(std::uint32_t t, const std::uint64_t* packed, std::vector<std::uint32_t>& slots) const;

private:
    struct Mask {
        std::uint32_t word;
        std::uint64_t a, b;  // test: a = bits that must be 1, b = bits that must be 0; fire: a = set, b = clear
    };
    struct Compiled {
        bool literal = false;
        std::vector<Mask> test, fire;
        std::vector<std::pair<std::uint32_t, bool>> literals;  // (slot, required value)
        std::vector<std::pair<std::uint32_t, bool>> writes;    // (slot, value written), each slot once
    };
    const StatePacker& packer_;
    CompiledTransitions programs_;
    std::vector<Compiled> transitions_;
    std::vector<std::vector<std::uint32_t>> by_bit_;  // literal transitions filed under one needed bit
    std::vector<std::uint64_t> trigger_mask_;         // per word: bits with a non-empty by_bit_ list
    std::vector<std::uint32_t> always_;               // literal transitions needing no bit set
    std::vector<std::uint32_t> generic_;
    std::vector<std::uint64_t> regs_;
};

// The literals (slot, value) of `e` when it is a conjunction of Boolean variables, their
// negations and constants (true adds nothing; false sets `never`); false when `e` has another form.
bool boolean_literals(const ExprNode& e, std::vector<std::pair<std::uint32_t, bool>>& literals, bool& never);

}  // namespace np
