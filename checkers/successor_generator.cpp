#include "checkers/successor_generator.hpp"

#include <algorithm>
#include <bit>
#include <map>

namespace np {

bool boolean_literals(const ExprNode& e, std::vector<std::pair<std::uint32_t, bool>>& literals, bool& never) {
    if (!e.type.is_bool()) return false;
    switch (e.op) {
        case Op::Const:
            if (e.value == 0) never = true;
            return true;
        case Op::Var: literals.push_back({e.slot, true}); return true;
        case Op::Not:
            if (e.args[0]->op == Op::Var && e.args[0]->type.is_bool()) {
                literals.push_back({e.args[0]->slot, false});
                return true;
            }
            return false;
        case Op::And:
            for (const Expr& a : e.args)
                if (!boolean_literals(*a, literals, never)) return false;
            return true;
        default: return false;
    }
}

namespace {

// Masks per word for literals: one = bits required 1, zero = bits required 0 (never: both set on
// the same bit of word 0's first slot, which no state satisfies).
template <class M>
std::vector<M> literal_masks(const std::vector<std::pair<std::uint32_t, bool>>& literals, bool never, const StatePacker& packer) {
    std::map<std::uint32_t, std::pair<std::uint64_t, std::uint64_t>> by_word;
    for (auto [slot, value] : literals) {
        const std::uint32_t pos = packer.bit_position(slot);
        auto& m = by_word[pos / 64];
        (value ? m.first : m.second) |= std::uint64_t{1} << (pos % 64);
    }
    if (never) {
        auto& m = by_word[0];
        m.first |= 1;
        m.second |= 1;
    }
    std::vector<M> out;
    for (auto [w, m] : by_word) out.push_back({w, m.first, m.second});
    return out;
}

}  // namespace

PackedPredicate::PackedPredicate(const Expr& e, const StatePacker& packer) {
    std::vector<std::pair<std::uint32_t, bool>> lits;
    bool never = false;
    if (boolean_literals(*e, lits, never)) {
        literal_ = true;
        masks_ = literal_masks<Mask>(lits, never, packer);
    } else {
        reg_ = program_.add(e);
    }
}

bool PackedPredicate::holds(const std::uint64_t* packed, std::span<const std::uint64_t> slots,
                            std::vector<std::uint64_t>& regs) const {
    if (literal_) {
        for (const Mask& m : masks_)
            if ((packed[m.word] & m.one) != m.one || (packed[m.word] & m.zero) != 0) return false;
        return true;
    }
    program_.run(slots, regs);
    return regs[reg_] != 0;
}

SuccessorGenerator::SuccessorGenerator(const System& sys, const StatePacker& packer)
    : packer_(packer), programs_(sys), transitions_(sys.transitions.size()) {
    by_bit_.resize(std::size_t{packer.words()} * 64);
    trigger_mask_.assign(packer.words(), 0);
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
        const Transition& tr = sys.transitions[t];
        Compiled& c = transitions_[t];
        bool never = false;
        bool literal = boolean_literals(*tr.guard, c.literals, never);
        std::map<std::uint32_t, std::pair<std::uint64_t, std::uint64_t>> writes;  // word -> (set, clear)
        std::map<std::uint32_t, bool> slot_writes;
        for (const Assignment& a : tr.updates) {
            const Variable& v = sys.variables[a.var];
            if (!literal) break;
            if (a.index || v.length != 0 || !v.type.is_bool() || a.value->op != Op::Const) {
                literal = false;
                break;
            }
            const std::uint32_t pos = packer.bit_position(v.slot);
            const std::uint64_t bit = std::uint64_t{1} << (pos % 64);
            slot_writes[v.slot] = a.value->value != 0;
            auto& [set, clear] = writes[pos / 64];
            if (a.value->value) {
                set |= bit;
                clear &= ~bit;
            } else {
                clear |= bit;
                set &= ~bit;
            }
        }
        if (!literal) {
            c.literals.clear();
            generic_.push_back(t);
            continue;
        }
        c.literal = true;
        c.writes.assign(slot_writes.begin(), slot_writes.end());
        c.test = literal_masks<Mask>(c.literals, never, packer);
        for (auto [w, m] : writes) c.fire.push_back({w, m.first, m.second});
        // File under the needed bit whose list is shortest so far.
        std::int64_t best = -1;
        for (const Mask& m : c.test)
            for (std::uint64_t bits = m.a; bits; bits &= bits - 1) {
                const std::uint64_t b = m.word * 64 + std::countr_zero(bits);
                if (best < 0 || by_bit_[b].size() < by_bit_[best].size()) best = static_cast<std::int64_t>(b);
            }
        if (best < 0) {
            always_.push_back(t);
        } else {
            by_bit_[best].push_back(t);
            trigger_mask_[best / 64] |= std::uint64_t{1} << (best % 64);
        }
    }
}

void SuccessorGenerator::enabled(const std::uint64_t* packed, std::span<const std::uint64_t> slots,
                                 std::vector<std::uint32_t>& out) {
    out.clear();
    auto test = [&](std::uint32_t t) {
        for (const Mask& m : transitions_[t].test)
            if ((packed[m.word] & m.a) != m.a || (packed[m.word] & m.b) != 0) return;
        out.push_back(t);
    };
    for (std::uint32_t w = 0; w < trigger_mask_.size(); ++w)
        for (std::uint64_t bits = packed[w] & trigger_mask_[w]; bits; bits &= bits - 1)
            for (std::uint32_t t : by_bit_[w * 64 + std::countr_zero(bits)]) test(t);
    for (std::uint32_t t : always_) test(t);
    for (std::uint32_t t : generic_)
        if (programs_.enabled(t, slots, regs_)) out.push_back(t);
    std::sort(out.begin(), out.end());
}

void SuccessorGenerator::fire(std::uint32_t t, const std::uint64_t* packed, std::span<const std::uint64_t> slots,
                              std::uint64_t* out) {
    std::copy(packed, packed + packer_.words(), out);
    const Compiled& c = transitions_[t];
    if (c.literal) {
        for (const Mask& m : c.fire) out[m.word] = (out[m.word] & ~m.b) | m.a;
        return;
    }
    programs_.for_each_write(t, slots, regs_, [&](std::uint32_t slot, std::uint64_t value) { packer_.set(out, slot, value); });
}

void SuccessorGenerator::false_literals(std::uint32_t t, const std::uint64_t* packed, std::vector<std::uint32_t>& slots) const {
    slots.clear();
    for (auto [slot, value] : transitions_[t].literals) {
        const std::uint32_t pos = packer_.bit_position(slot);
        if (((packed[pos / 64] >> (pos % 64)) & 1) != static_cast<std::uint64_t>(value)) slots.push_back(slot);
    }
}

}  // namespace np
