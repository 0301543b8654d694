#include "model/bit_blast.hpp"

#include <cassert>

#include "model/eval.hpp"

namespace np {

namespace {

// AIGER symbols end at a newline; names here never hold one, but a hostile design might.
std::string symbol(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

}  // namespace

BitBlaster::BitBlaster(const System& sys, bool include_inputs) : sys_(sys) {
    const std::uint32_t n = static_cast<std::uint32_t>(sys.transitions.size());
    const unsigned w = n <= 1 ? 1 : bits_for(n - 1);
    for (unsigned i = 0; i < w; ++i) sel_.push_back(aig_.add_input("sel[" + std::to_string(i) + "]"));
    const State init = sys.initial_state();
    slots_.resize(sys.slot_count);
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            const std::uint32_t slot = v.slot + k;
            const std::string base = v.name + (v.length ? "[" + std::to_string(k) + "]" : "");
            for (unsigned b = 0; b < v.type.width; ++b) {
                const bool one = (init[slot] >> b) & 1;
                const AigLit l = aig_.add_latch(symbol(base + (v.type.is_bool() ? "" : "." + std::to_string(b)) + (one ? "~" : "")));
                latch_bits_.push_back({slot, b, one});
                latch_lits_.push_back(l);
                slots_[slot].push_back(one ? aig_not(l) : l);
            }
        }
    build_step(include_inputs);
}

AigBits BitBlaster::constant(Type t, std::uint64_t raw) const {
    AigBits r;
    for (unsigned b = 0; b < t.width; ++b) r.push_back((raw >> b) & 1 ? kAigTrue : kAigFalse);
    return r;
}

AigLit BitBlaster::equal(const AigBits& a, const AigBits& b) {
    AigLit r = kAigTrue;
    for (std::size_t i = 0; i < a.size(); ++i) r = aig_.land(r, aig_not(aig_.lxor(a[i], b[i])));
    return r;
}

AigLit BitBlaster::less(const AigBits& a, const AigBits& b, bool is_signed) {
    // From the low bit up: lt = a_i < b_i, or a_i = b_i and lt so far; for sN the sign bits swap roles.
    AigLit lt = kAigFalse;
    for (std::size_t i = 0; i < a.size(); ++i) {
        AigLit x = a[i], y = b[i];
        if (is_signed && i + 1 == a.size()) std::swap(x, y);
        const AigLit differ = aig_.lxor(x, y);
        lt = aig_.lite(differ, aig_.land(aig_not(x), y), lt);
    }
    return lt;
}

AigBits BitBlaster::add(const AigBits& a, const AigBits& b, AigLit carry, AigLit* carry_out) {
    AigBits r;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const AigLit half = aig_.lxor(a[i], b[i]);
        r.push_back(aig_.lxor(half, carry));
        carry = aig_.lor(aig_.land(a[i], b[i]), aig_.land(half, carry));
    }
    if (carry_out) *carry_out = carry;
    return r;
}

AigBits BitBlaster::mux(AigLit c, const AigBits& t, const AigBits& e) {
    AigBits r;
    for (std::size_t i = 0; i < t.size(); ++i) r.push_back(aig_.lite(c, t[i], e[i]));
    return r;
}

AigLit BitBlaster::index_is(const AigBits& index, std::uint64_t k) {
    if (index.size() < 64 && (k >> index.size()) != 0) return kAigFalse;
    AigLit r = kAigTrue;
    for (std::size_t i = 0; i < index.size(); ++i) r = aig_.land(r, (k >> i) & 1 ? index[i] : aig_not(index[i]));
    return r;
}

AigBits BitBlaster::binary(Op op, Type t, const AigBits& a, const AigBits& b) {
    const bool s = t.is_signed();
    const std::size_t w = a.size();
    auto bitwise = [&](auto f) {
        AigBits r;
        for (std::size_t i = 0; i < w; ++i) r.push_back(f(a[i], b[i]));
        return r;
    };
    auto inverted = [&](const AigBits& x) {
        AigBits r;
        for (AigLit l : x) r.push_back(aig_not(l));
        return r;
    };
    switch (op) {
        case Op::And: return {aig_.land(a[0], b[0])};
        case Op::Or: return {aig_.lor(a[0], b[0])};
        case Op::Xor: return {aig_.lxor(a[0], b[0])};
        case Op::Implies: return {aig_.lor(aig_not(a[0]), b[0])};
        case Op::Eq: return {equal(a, b)};
        case Op::Ne: return {aig_not(equal(a, b))};
        case Op::Lt: return {less(a, b, s)};
        case Op::Gt: return {less(b, a, s)};
        case Op::Le: return {aig_not(less(b, a, s))};
        case Op::Ge: return {aig_not(less(a, b, s))};
        case Op::Add: return add(a, b, kAigFalse);
        case Op::Sub: return add(a, inverted(b), kAigTrue);
        case Op::Mul: {
            AigBits acc = constant(t, 0);
            for (std::size_t i = 0; i < w; ++i) {
                AigBits partial(w, kAigFalse);  // (a << i) & b_i, truncated to w bits
                for (std::size_t j = i; j < w; ++j) partial[j] = aig_.land(a[j - i], b[i]);
                acc = add(acc, partial, kAigFalse);
            }
            return acc;
        }
        case Op::BitAnd: return bitwise([&](AigLit x, AigLit y) { return aig_.land(x, y); });
        case Op::BitOr: return bitwise([&](AigLit x, AigLit y) { return aig_.lor(x, y); });
        case Op::BitXor: return bitwise([&](AigLit x, AigLit y) { return aig_.lxor(x, y); });
        case Op::AddSat:
        case Op::SubSat: {
            const bool plus = op == Op::AddSat;
            AigLit carry = kAigFalse;
            AigBits r = plus ? add(a, b, kAigFalse, &carry) : add(a, inverted(b), kAigTrue, &carry);
            if (!s) return plus ? mux(carry, constant(t, t.mask()), r)     // carry out: above the maximum
                                : mux(aig_not(carry), constant(t, 0), r);  // borrow (a < b): below 0
            const AigLit sa = a[w - 1], sb = b[w - 1], sr = r[w - 1];
            const AigLit same_signs = plus ? aig_not(aig_.lxor(sa, sb)) : aig_.lxor(sa, sb);
            const AigLit overflow = aig_.land(same_signs, aig_.lxor(sr, sa));
            return mux(overflow, mux(sa, constant(t, t.min_raw()), constant(t, t.max_raw())), r);
        }
        case Op::Shl:
        case Op::Shr: {
            // Barrel shifter over the amount's bits, read unsigned; an amount >= w shifts every
            // bit out (0, or the sign for an arithmetic right shift).
            const bool left = op == Op::Shl;
            const AigLit fill = !left && s ? a[w - 1] : kAigFalse;
            AigBits r = a;
            AigLit big = kAigFalse;
            for (std::size_t k = 0; k < b.size(); ++k) {
                if (k >= 7 || (std::size_t{1} << k) >= w) {
                    big = aig_.lor(big, b[k]);
                    continue;
                }
                const std::size_t d = std::size_t{1} << k;
                AigBits shifted(w, fill);
                for (std::size_t i = 0; i < w; ++i) {
                    if (left && i >= d) shifted[i] = r[i - d];
                    if (!left && i + d < w) shifted[i] = r[i + d];
                }
                r = mux(b[k], shifted, r);
            }
            return mux(big, AigBits(w, fill), r);
        }
        default: assert(false && "not a binary op"); return {};
    }
}

AigBits BitBlaster::encode(const Expr& e) {
    if (auto it = cache_.find(e.get()); it != cache_.end()) return it->second;
    AigBits r;
    switch (e->op) {
        case Op::Const: r = constant(e->type, e->value); break;
        case Op::Var: r = slot_bits(e->slot); break;
        case Op::Read: {
            const AigBits index = encode(e->args[0]);
            r = constant(e->type, 0);  // an index outside the array reads 0
            for (std::uint32_t k = 0; k < e->length; ++k) r = mux(index_is(index, k), slot_bits(e->slot + k), r);
            break;
        }
        case Op::Not: r = {aig_not(encode(e->args[0])[0])}; break;
        case Op::BitNot:
            for (AigLit l : encode(e->args[0])) r.push_back(aig_not(l));
            break;
        case Op::Neg: {
            const AigBits a = encode(e->args[0]);
            AigBits inv;
            for (AigLit l : a) inv.push_back(aig_not(l));
            r = add(constant(e->type, 0), inv, kAigTrue);
            break;
        }
        case Op::Ite: r = mux(encode(e->args[0])[0], encode(e->args[1]), encode(e->args[2])); break;
        case Op::Cast: {
            const Type from = e->args[0]->type, to = e->type;
            const AigBits a = encode(e->args[0]);
            if (to.is_bool()) {
                AigLit any = kAigFalse;
                for (AigLit l : a) any = aig_.lor(any, l);
                r = {any};
            } else {
                const AigLit ext = from.is_signed() ? a.back() : kAigFalse;
                for (unsigned b = 0; b < to.width; ++b) r.push_back(b < a.size() ? a[b] : ext);
            }
            break;
        }
        default: r = binary(e->op, e->args[0]->type, encode(e->args[0]), encode(e->args[1])); break;
    }
    cache_.emplace(e.get(), r);
    return r;
}

AigLit BitBlaster::enabled(std::uint32_t t) { return holds(sys_.transitions[t].guard); }

AigLit BitBlaster::blocked(std::uint32_t t) {
    AigLit r = kAigFalse;
    for (const Property& p : sys_.properties)
        if (p.blocking)
            for (const Clause& c : p.clauses)
                if (c.transition == static_cast<std::int32_t>(t)) r = aig_.lor(r, holds(c.bad));
    return r;
}

AigLit BitBlaster::deadlock() {
    AigLit r = kAigTrue;
    for (std::uint32_t t = 0; t < sys_.transitions.size(); ++t) r = aig_.land(r, aig_not(enabled(t)));
    return r;
}

AigLit BitBlaster::violates(const Property& p) {
    AigLit r = p.kind == PropertyKind::Deadlock ? deadlock() : kAigFalse;
    for (const Clause& c : p.clauses) {
        const AigLit bad = holds(c.bad);
        r = aig_.lor(r, c.transition >= 0 ? aig_.land(enabled(static_cast<std::uint32_t>(c.transition)), bad) : bad);
    }
    return r;
}

AigLit BitBlaster::truncation() {
    AigLit r = kAigFalse;
    for (const Property& p : sys_.properties)
        if (p.blocking)
            for (const Clause& c : p.clauses)
                if (c.transition >= 0) r = aig_.lor(r, aig_.land(enabled(static_cast<std::uint32_t>(c.transition)), holds(c.bad)));
    return r;
}

void BitBlaster::build_step(bool include_inputs) {
    std::vector<AigBits> next = slots_;  // a stutter unless some transition fires
    for (std::uint32_t t = 0; t < sys_.transitions.size(); ++t) {
        const Transition& tr = sys_.transitions[t];
        if (!include_inputs && !is_local(tr.kind)) continue;
        AigLit fires = aig_.land(index_is(sel_, t), aig_.land(enabled(t), aig_not(blocked(t))));
        if (fires == kAigFalse) continue;
        // The slots t writes and their values, assignment by assignment (for_each_write): a
        // write through an index that may miss keeps the slot's value so far.
        std::vector<std::pair<std::uint32_t, AigBits>> writes;
        auto so_far = [&](std::uint32_t slot) -> AigBits {
            for (auto it = writes.rbegin(); it != writes.rend(); ++it)
                if (it->first == slot) return it->second;
            return slots_[slot];
        };
        for (const Assignment& a : tr.updates) {
            const Variable& v = sys_.variables[a.var];
            const AigBits value = encode(a.value);
            if (!a.index) {
                writes.emplace_back(v.slot, value);
                continue;
            }
            const AigBits index = encode(a.index);
            for (std::uint32_t k = 0; k < v.length; ++k) {
                const AigLit here = index_is(index, k);
                if (here != kAigFalse) writes.emplace_back(v.slot + k, mux(here, value, so_far(v.slot + k)));
            }
        }
        std::vector<bool> done(sys_.slot_count, false);
        for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
            if (done[it->first]) continue;  // a later write of the slot wins
            done[it->first] = true;
            next[it->first] = mux(fires, it->second, next[it->first]);
        }
    }
    for (std::size_t i = 0; i < latch_bits_.size(); ++i) {
        const LatchBit& lb = latch_bits_[i];
        const AigLit bit = next[lb.slot][lb.bit];
        aig_.set_next(latch_lits_[i], lb.inverted ? aig_not(bit) : bit);
    }
}

State BitBlaster::state_of(const std::vector<bool>& latches) const {
    State s(sys_.slot_count, 0);
    for (std::size_t i = 0; i < latch_bits_.size(); ++i)
        if (latches.at(i) != latch_bits_[i].inverted) s[latch_bits_[i].slot] |= std::uint64_t{1} << latch_bits_[i].bit;
    return s;
}

std::vector<bool> BitBlaster::latches_of(const State& s) const {
    std::vector<bool> l;
    for (const LatchBit& lb : latch_bits_) l.push_back((((s[lb.slot] >> lb.bit) & 1) != 0) != lb.inverted);
    return l;
}

std::vector<bool> BitBlaster::selector_of(std::uint32_t t) const {
    std::vector<bool> b;
    for (std::size_t i = 0; i < sel_.size(); ++i) b.push_back((t >> i) & 1);
    return b;
}

std::uint32_t BitBlaster::transition_of(const std::vector<bool>& sel) const {
    std::uint64_t t = 0;
    for (std::size_t i = 0; i < sel.size() && i < 32; ++i) t |= std::uint64_t{sel[i]} << i;
    return t >= sys_.transitions.size() ? static_cast<std::uint32_t>(sys_.transitions.size()) : static_cast<std::uint32_t>(t);
}

}  // namespace np
