// The bit-level semantics of a System (DESIGN §2) as an And-Inverter Graph (model/aig.hpp): the
// back end of the IR that the AIGER export and the abc-pdr engine share. It is the same
// transition relation as the Z3 encoder's (checkers/transition_relation.hpp), one step per clock:
//
//   inputs   sel[0..w-1], the selector: the transition that fires is number sel (w = the bits
//            needed for the highest transition index, at least 1);
//   latches  one per bit of every slot, low bit first, zero-initialised: the latch of a bit whose
//            initial value is 1 holds the bit inverted (its symbol ends in "~"), so that every
//            latch starts at 0 (ABC's pdr writes its invariant only for such graphs);
//   step     transition t fires when sel = t, its guard holds, no clause of a blocking property
//            on t is violated (blocked_t) and t is allowed (input transitions may be switched
//            off); then every slot takes the value for_each_write (model/eval.hpp) gives —
//            parallel assignment, a write through an out-of-range index dropped, a later write of
//            a slot winning. When no transition fires (sel names none that may), the state stays:
//            a stutter step, which changes no reachable state.
//
// Every operator is bit-blasted as model/eval.cpp evaluates it (wrap-around arithmetic, signed
// comparison and arithmetic shifts for sN, saturation, casts, array reads reading 0 out of range).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/aig.hpp"
#include "model/system.hpp"

namespace np {

using AigBits = std::vector<AigLit>;  // a value, low bit first (one literal for a bool)

class BitBlaster {
public:
    // include_inputs false: input transitions never fire (local behaviour only).
    explicit BitBlaster(const System& sys, bool include_inputs = true);

    Aig& aig() { return aig_; }
    const Aig& aig() const { return aig_; }
    const System& system() const { return sys_; }
    unsigned selector_width() const { return static_cast<unsigned>(sel_.size()); }

    // Expressions and predicates over the current state (the latches).
    AigBits encode(const Expr& e);
    AigLit holds(const Expr& e) { return encode(e)[0]; }  // a bool expression
    AigLit enabled(std::uint32_t transition);
    AigLit deadlock();                   // no transition at all is enabled (inputs included)
    AigLit violates(const Property& p);  // as TransitionRelation::violates
    AigLit truncation();                 // some blocked firing is enabled
    AigLit obligation(const Property& p) { return aig_.lor(violates(p), truncation()); }

    // Where the bits of the state are: latch i holds bit `bit` of slot `slot`, inverted when the
    // bit starts at 1.
    struct LatchBit {
        std::uint32_t slot;
        unsigned bit;
        bool inverted;
    };
    const std::vector<LatchBit>& latch_bits() const { return latch_bits_; }
    // The state whose latch values are `latches` (AIGER order), and the latch values of `s`.
    State state_of(const std::vector<bool>& latches) const;
    std::vector<bool> latches_of(const State& s) const;
    // The selector bits that choose transition t.
    std::vector<bool> selector_of(std::uint32_t transition) const;
    // The transition a selector value names (>= transitions().size(): none).
    std::uint32_t transition_of(const std::vector<bool>& sel) const;

private:
    AigBits slot_bits(std::uint32_t slot) const { return slots_[slot]; }
    AigBits constant(Type t, std::uint64_t raw) const;
    AigBits binary(Op op, Type t, const AigBits& a, const AigBits& b);
    AigLit equal(const AigBits& a, const AigBits& b);
    AigLit less(const AigBits& a, const AigBits& b, bool is_signed);  // a < b
    AigBits add(const AigBits& a, const AigBits& b, AigLit carry_in, AigLit* carry_out = nullptr);
    AigBits mux(AigLit c, const AigBits& t, const AigBits& e);
    AigLit index_is(const AigBits& index, std::uint64_t k);
    AigLit blocked(std::uint32_t transition);
    void build_step(bool include_inputs);

    const System& sys_;
    Aig aig_;
    AigBits sel_;
    std::vector<AigBits> slots_;  // current value bits of each slot (latches, inverted where they start at 1)
    std::vector<LatchBit> latch_bits_;
    std::vector<AigLit> latch_lits_;
    std::unordered_map<const ExprNode*, AigBits> cache_;  // nodes of sys_'s expressions, which outlive this
};

}  // namespace np
