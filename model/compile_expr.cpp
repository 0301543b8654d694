#include "model/compile_expr.hpp"

#include <algorithm>
#include <cassert>
#include <map>

#include "model/eval.hpp"

namespace np {

enum class ExprProgram::Code : std::uint8_t {
    Const, Load, Read, Copy,
    Not, Neg, BitNot,
    Eq, Ne, LtU, LeU, GtU, GeU, LtS, LeS, GtS, GeS,
    Add, Sub, Mul, AddSatU, AddSatS, SubSatU, SubSatS,
    BitAnd, BitOr, BitXor, Shl, ShrU, ShrS,
    CastBool, CastSext, CastMask,
    Select,  // dst = a ? b : c (register c)
    JumpIfZero, JumpIfNonZero, Jump,
};

namespace {

using Code = ExprProgram::Code;

Code binary_code(Op op, bool s) {
    switch (op) {
        case Op::And: return Code::BitAnd;  // both bool: 0/1
        case Op::Or: return Code::BitOr;
        case Op::Xor: return Code::BitXor;
        case Op::Eq: return Code::Eq;
        case Op::Ne: return Code::Ne;
        case Op::Lt: return s ? Code::LtS : Code::LtU;
        case Op::Le: return s ? Code::LeS : Code::LeU;
        case Op::Gt: return s ? Code::GtS : Code::GtU;
        case Op::Ge: return s ? Code::GeS : Code::GeU;
        case Op::Add: return Code::Add;
        case Op::Sub: return Code::Sub;
        case Op::Mul: return Code::Mul;
        case Op::AddSat: return s ? Code::AddSatS : Code::AddSatU;
        case Op::SubSat: return s ? Code::SubSatS : Code::SubSatU;
        case Op::BitAnd: return Code::BitAnd;
        case Op::BitOr: return Code::BitOr;
        case Op::BitXor: return Code::BitXor;
        case Op::Shl: return Code::Shl;
        case Op::Shr: return s ? Code::ShrS : Code::ShrU;
        default: assert(false && "not a binary op"); return Code::Copy;
    }
}

inline std::int64_t sext(std::uint64_t a, unsigned shift) {
    return static_cast<std::int64_t>(a << shift) >> shift;
}

}  // namespace

std::uint32_t ExprProgram::emit(Instr i) {
    code_.push_back(i);
    return i.dst;
}

std::size_t ExprProgram::KeyHash::operator()(const Key& k) const {
    std::uint64_t h = static_cast<std::uint64_t>(k.code) << 56 ^ static_cast<std::uint64_t>(k.width) << 48;
    h ^= k.imm * 0x9e3779b97f4a7c15ULL;
    h ^= (static_cast<std::uint64_t>(k.a) << 32 | k.b) * 0xc2b2ae3d27d4eb4fULL;
    h ^= static_cast<std::uint64_t>(k.c) * 0x165667b19e3779f9ULL;
    return static_cast<std::size_t>(h ^ h >> 29);
}

std::uint32_t ExprProgram::emit_value(Instr i) {
    const Key k{i.code, i.width, i.a, i.b, i.c, i.imm};
    if (auto it = computed_.find(k); it != computed_.end()) {
        --registers_;  // i.dst was the last fresh register and is not needed
        return it->second;
    }
    computed_.emplace(k, i.dst);
    if (!scopes_.empty()) scopes_.back().keys.push_back(k);
    return emit(i);
}

void ExprProgram::leave() {
    for (const ExprNode* n : scopes_.back().nodes) memo_.erase(n);
    for (const Key& k : scopes_.back().keys) computed_.erase(k);
    scopes_.pop_back();
}

std::optional<std::uint64_t> ExprProgram::constant(const ExprNode& e) {
    if (e.op == Op::Const) return e.value;
    if (e.op == Op::Var || e.op == Op::Read) return std::nullopt;
    if (auto it = constants_.find(&e); it != constants_.end()) return it->second;
    std::optional<std::uint64_t> v;
    auto arg = [&](std::size_t k) { return constant(*e.args[k]); };
    switch (e.op) {
        case Op::Ite:
            if (auto c = arg(0)) v = arg(*c ? 1 : 2);
            break;
        case Op::And:
        case Op::Or:
        case Op::Implies:
            if (auto a = arg(0)) {
                const bool decides = e.op == Op::Or ? *a != 0 : *a == 0;
                if (decides) v = e.op == Op::And ? 0 : 1;
                else v = arg(1);
            } else if (auto b = arg(1); b && e.op != Op::Implies) {
                if (e.op == Op::And ? *b == 0 : *b != 0) v = e.op == Op::And ? 0 : 1;
            } else if (b && *b != 0) {
                v = 1;  // x -> true
            }
            break;
        case Op::Not:
        case Op::Neg:
        case Op::BitNot:
            if (auto a = arg(0)) v = apply_unary(e.op, e.type, *a);
            break;
        case Op::Cast:
            if (auto a = arg(0)) v = apply_cast(e.args[0]->type, e.type, *a);
            break;
        default: {
            auto a = arg(0), b = arg(1);
            if (a && b) v = apply_binary(e.op, e.args[0]->type, *a, *b);
        }
    }
    constants_.emplace(&e, v);
    return v;
}

bool ExprProgram::available(const ExprNode& e) {
    return e.op == Op::Const || e.op == Op::Var || memo_.count(&e) != 0 || constant(e).has_value();
}

void ExprProgram::live_children(const ExprNode& e, std::vector<const ExprNode*>& out) {
    out.clear();
    if (e.op == Op::Ite) {
        if (auto c = constant(*e.args[0])) {
            out.push_back(e.args[*c ? 1 : 2].get());
            return;
        }
    } else if (e.op == Op::And || e.op == Op::Or || e.op == Op::Implies) {
        if (constant(*e.args[0])) {
            out.push_back(e.args[1].get());
            return;
        }
    }
    for (const Expr& a : e.args) out.push_back(a.get());
}

std::uint32_t ExprProgram::add(const Expr& e) { return add(std::vector<Expr>{e})[0]; }

std::vector<std::uint32_t> ExprProgram::add_guarded(const ExprNode& cond, bool negated, const std::vector<Expr>& roots,
                                                    std::uint32_t& cond_reg) {
    cond_reg = lower(cond);
    Instr j{negated ? Code::JumpIfNonZero : Code::JumpIfZero};
    j.a = cond_reg;
    const std::size_t at = code_.size();
    emit(j);
    enter();
    std::vector<std::uint32_t> out = add(roots);
    leave();
    code_[at].c = static_cast<std::uint32_t>(code_.size());
    return out;
}

std::vector<std::uint32_t> ExprProgram::add(const std::vector<Expr>& roots) {
    // Shared nodes (reached twice from these roots, folded branches not counted) are lowered
    // first, unconditionally, in post-order: every branch that needs one then finds it computed.
    std::unordered_map<const ExprNode*, int> refs;
    std::vector<const ExprNode*> order;
    std::vector<std::pair<const ExprNode*, std::size_t>> stack;
    std::vector<std::vector<const ExprNode*>> kids;
    std::vector<const ExprNode*> tmp;
    auto open = [&](const ExprNode* n) {
        if (constant(*n) || memo_.count(n) || ++refs[n] > 1) return false;
        live_children(*n, tmp);
        kids.push_back(tmp);
        return true;
    };
    for (const Expr& e : roots) {
        if (open(e.get())) stack.emplace_back(e.get(), 0);
        while (!stack.empty()) {
            auto& [n, k] = stack.back();
            if (k < kids[stack.size() - 1].size()) {
                const ExprNode* c = kids[stack.size() - 1][k++];
                if (open(c)) stack.emplace_back(c, 0);
            } else {
                order.push_back(n);
                stack.pop_back();
                kids.pop_back();
            }
        }
    }
    for (const ExprNode* n : order)
        if (refs[n] > 1 && n->op != Op::Var) lower(*n);
    std::vector<std::uint32_t> out;
    for (const Expr& e : roots) out.push_back(lower(*e));
    return out;
}

std::uint32_t ExprProgram::lower(const ExprNode& e) {
    if (auto it = memo_.find(&e); it != memo_.end()) return it->second;
    if (auto v = constant(e); v && e.op != Op::Const) {
        Instr i{Code::Const};
        i.dst = fresh();
        i.imm = *v;
        const std::uint32_t r = emit_value(i);
        memo_.emplace(&e, r);
        if (!scopes_.empty()) scopes_.back().nodes.push_back(&e);
        return r;
    }
    if ((e.op == Op::And || e.op == Op::Or) && constant(*e.args[1])) {
        return lower(*e.args[0]);  // x && true, x || false (the deciding constants folded e itself)
    }
    if (e.op == Op::Ite || e.op == Op::And || e.op == Op::Or || e.op == Op::Implies) {
        if (constant(*e.args[0])) {  // the first operand is decided: the value is the other one
            const ExprNode& taken = e.op == Op::Ite ? *e.args[*constant(*e.args[0]) ? 1 : 2] : *e.args[1];
            return lower(taken);
        }
    }
    auto operand = [&](const Type& t, Code c) {
        Instr i{c};
        i.width = static_cast<std::uint8_t>(t.width);
        i.shift = static_cast<std::uint8_t>(64 - t.width);
        i.imm = e.type.mask();
        return i;
    };
    std::uint32_t r = 0;
    switch (e.op) {
        case Op::Const: {
            Instr i{Code::Const};
            i.dst = fresh();
            i.imm = e.value;
            r = emit_value(i);
            break;
        }
        case Op::Var: {
            Instr i{Code::Load};
            i.dst = fresh();
            i.c = e.slot;
            r = emit_value(i);
            break;
        }
        case Op::Read: {
            Instr i{Code::Read};
            i.a = lower(*e.args[0]);
            i.dst = fresh();
            i.c = e.slot;
            i.imm = e.length;
            r = emit_value(i);
            break;
        }
        case Op::And:
        case Op::Or:
        case Op::Implies:
            if (available(*e.args[1])) {  // nothing to skip: one instruction
                Instr i{e.op == Op::And ? Code::BitAnd : e.op == Op::Or ? Code::BitOr : Code::LeU};
                i.a = lower(*e.args[0]);
                i.b = lower(*e.args[1]);
                i.dst = fresh();
                r = emit_value(i);  // Implies on 0/1: a <= b
                break;
            }
            {
            // dst := a (Implies: 1); skip b when a decides; else dst := b.
            const std::uint32_t a = lower(*e.args[0]);
            r = fresh();
            Instr init{e.op == Op::Implies ? Code::Const : Code::Copy};
            init.dst = r;
            init.a = a;
            init.imm = 1;
            emit(init);
            Instr j{e.op == Op::Or ? Code::JumpIfNonZero : Code::JumpIfZero};
            j.a = a;
            const std::size_t at = code_.size();
            emit(j);
            enter();
            Instr take{Code::Copy};
            take.a = lower(*e.args[1]);
            take.dst = r;
            emit(take);
            leave();
            code_[at].c = static_cast<std::uint32_t>(code_.size());
            }
            break;
        case Op::Ite: {
            if (available(*e.args[1]) && available(*e.args[2])) {
                Instr i{Code::Select};
                i.a = lower(*e.args[0]);
                i.b = lower(*e.args[1]);
                i.c = lower(*e.args[2]);
                i.dst = fresh();
                r = emit_value(i);
                break;
            }
            const std::uint32_t c = lower(*e.args[0]);
            r = fresh();
            Instr jz{Code::JumpIfZero};
            jz.a = c;
            const std::size_t at_else = code_.size();
            emit(jz);
            auto branch = [&](const ExprNode& x) {
                enter();
                Instr take{Code::Copy};
                take.a = lower(x);
                take.dst = r;
                emit(take);
                leave();
            };
            branch(*e.args[1]);
            const std::size_t at_end = code_.size();
            emit(Instr{Code::Jump});
            code_[at_else].c = static_cast<std::uint32_t>(code_.size());
            branch(*e.args[2]);
            code_[at_end].c = static_cast<std::uint32_t>(code_.size());
            break;
        }
        case Op::Not:
        case Op::Neg:
        case Op::BitNot: {
            Instr i = operand(e.type, e.op == Op::Not ? Code::Not : e.op == Op::Neg ? Code::Neg : Code::BitNot);
            i.a = lower(*e.args[0]);
            i.dst = fresh();
            r = emit_value(i);
            break;
        }
        case Op::Cast: {
            const Type from = e.args[0]->type;
            if (!e.type.is_bool() && !from.is_signed() && from.width <= e.type.width) {
                r = lower(*e.args[0]);  // zero extension (or bool to 0/1) of a canonical value: no-op
                break;
            }
            const Code c = e.type.is_bool() ? Code::CastBool : from.is_signed() ? Code::CastSext : Code::CastMask;
            Instr i = operand(from, c);
            i.a = lower(*e.args[0]);
            i.dst = fresh();
            r = emit_value(i);
            break;
        }
        default: {
            const Type t = e.args[0]->type;
            Instr i = operand(t, binary_code(e.op, t.is_signed()));
            i.a = lower(*e.args[0]);
            i.b = lower(*e.args[1]);
            i.dst = fresh();
            r = emit_value(i);
            break;
        }
    }
    memo_.emplace(&e, r);
    if (!scopes_.empty()) scopes_.back().nodes.push_back(&e);
    return r;
}

void ExprProgram::run(std::span<const std::uint64_t> s, std::vector<std::uint64_t>& regs) const {
    if (regs.size() < registers_) regs.resize(registers_);
    std::uint64_t* R = regs.data();
    const Instr* const code = code_.data();
    const Instr* const end = code + code_.size();
    const Instr* i = code;
    // Direct threading (GCC/Clang labels as values): one indirect jump per instruction, each at
    // its own site, which the branch predictor learns per program far better than one switch.
    static const void* const labels[] = {
        &&Const, &&Load, &&Read, &&Copy, &&Not, &&Neg, &&BitNot,
        &&Eq, &&Ne, &&LtU, &&LeU, &&GtU, &&GeU, &&LtS, &&LeS, &&GtS, &&GeS,
        &&Add, &&Sub, &&Mul, &&AddSatU, &&AddSatS, &&SubSatU, &&SubSatS,
        &&BitAnd, &&BitOr, &&BitXor, &&Shl, &&ShrU, &&ShrS,
        &&CastBool, &&CastSext, &&CastMask, &&Select, &&JumpIfZero, &&JumpIfNonZero, &&Jump,
    };
    static_assert(sizeof(labels) / sizeof(labels[0]) == static_cast<std::size_t>(Code::Jump) + 1);
#define NP_NEXT()                                   \
    do {                                            \
        if (++i == end) return;                     \
        goto* labels[static_cast<int>(i->code)];    \
    } while (0)
#define A R[i->a]
#define B R[i->b]
#define D R[i->dst]
    if (i == end) return;
    goto* labels[static_cast<int>(i->code)];
Const: D = i->imm; NP_NEXT();
Load: D = s[i->c]; NP_NEXT();
Read: { const std::uint64_t a = A; D = a < i->imm ? s[i->c + a] : 0; } NP_NEXT();
Copy: D = A; NP_NEXT();
Not: D = A ? 0 : 1; NP_NEXT();
Neg: D = (~A + 1) & i->imm; NP_NEXT();
BitNot: D = ~A & i->imm; NP_NEXT();
Eq: D = A == B; NP_NEXT();
Ne: D = A != B; NP_NEXT();
LtU: D = A < B; NP_NEXT();
LeU: D = A <= B; NP_NEXT();
GtU: D = A > B; NP_NEXT();
GeU: D = A >= B; NP_NEXT();
LtS: D = sext(A, i->shift) < sext(B, i->shift); NP_NEXT();
LeS: D = sext(A, i->shift) <= sext(B, i->shift); NP_NEXT();
GtS: D = sext(A, i->shift) > sext(B, i->shift); NP_NEXT();
GeS: D = sext(A, i->shift) >= sext(B, i->shift); NP_NEXT();
Add: D = (A + B) & i->imm; NP_NEXT();
Sub: D = (A - B) & i->imm; NP_NEXT();
Mul: D = (A * B) & i->imm; NP_NEXT();
AddSatU: {
    const std::uint64_t a = A, r = a + B;
    D = i->width == 64 ? (r < a ? i->imm : r) : (r > i->imm ? i->imm : r);
}
    NP_NEXT();
SubSatU: { const std::uint64_t a = A, b = B; D = a >= b ? a - b : 0; } NP_NEXT();
AddSatS:
SubSatS: {
    const bool add = i->code == Code::AddSatS;
    if (i->width < 63) {  // the exact sum fits in 64 bits
        const std::int64_t x = sext(A, i->shift), y = sext(B, i->shift);
        std::int64_t r = add ? x + y : x - y;
        const std::int64_t hi = (std::int64_t{1} << (i->width - 1)) - 1, lo = -hi - 1;
        r = r < lo ? lo : r > hi ? hi : r;
        D = static_cast<std::uint64_t>(r) & i->imm;
    } else {
        const __int128 x = sext(A, i->shift), y = sext(B, i->shift);
        __int128 r = add ? x + y : x - y;
        const __int128 hi = (static_cast<__int128>(1) << (i->width - 1)) - 1, lo = -hi - 1;
        r = r < lo ? lo : r > hi ? hi : r;
        D = static_cast<std::uint64_t>(r) & i->imm;
    }
}
    NP_NEXT();
BitAnd: D = A & B; NP_NEXT();
BitOr: D = A | B; NP_NEXT();
BitXor: D = A ^ B; NP_NEXT();
Shl: { const std::uint64_t b = B; D = b >= i->width ? 0 : (A << b) & i->imm; } NP_NEXT();
ShrU: { const std::uint64_t b = B; D = b >= i->width ? 0 : A >> b; } NP_NEXT();
ShrS: {
    const std::int64_t x = sext(A, i->shift);
    const std::uint64_t b = B;
    D = static_cast<std::uint64_t>(b >= i->width ? (x < 0 ? -1 : 0) : (x >> b)) & i->imm;
}
    NP_NEXT();
CastBool: D = A != 0; NP_NEXT();
CastSext: D = static_cast<std::uint64_t>(sext(A, i->shift)) & i->imm; NP_NEXT();
CastMask: D = A & i->imm; NP_NEXT();
Select: D = A ? B : R[i->c]; NP_NEXT();
JumpIfZero:
    if (A == 0) {
        i = code + i->c;
        if (i == end) return;
        goto* labels[static_cast<int>(i->code)];
    }
    NP_NEXT();
JumpIfNonZero:
    if (A != 0) {
        i = code + i->c;
        if (i == end) return;
        goto* labels[static_cast<int>(i->code)];
    }
    NP_NEXT();
Jump:
    i = code + i->c;
    if (i == end) return;
    goto* labels[static_cast<int>(i->code)];
#undef NP_NEXT
#undef A
#undef B
#undef D
}

std::vector<std::uint32_t> slots_read(const Expr& e) {
    std::vector<std::uint32_t> out;
    std::unordered_map<const ExprNode*, bool> seen;
    std::vector<const ExprNode*> todo{e.get()};
    while (!todo.empty()) {
        const ExprNode* n = todo.back();
        todo.pop_back();
        if (!seen.emplace(n, true).second) continue;
        if (n->op == Op::Var) out.push_back(n->slot);
        if (n->op == Op::Read)
            for (std::uint32_t k = 0; k < n->length; ++k) out.push_back(n->slot + k);
        for (const Expr& a : n->args) todo.push_back(a.get());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void CompiledTransitions::compile_updates(const System& sys, const Transition& tr, Updates& u) {
    // A write under an `if` is elaborated as `x := ite(c, e, x)` (a scalar), or with the index
    // `ite(c, i, LENGTH)` (an array element: out of range, so dropped, when c is false). Such a
    // write is a store guarded by c; the guarded stores of one condition share one branch of the
    // program, so that nothing only they need is computed when c is false. A scalar written
    // twice by the transition keeps its plain form (skipping would let the earlier write win).
    std::map<std::uint32_t, int> writes_of;
    for (const Assignment& a : tr.updates) ++writes_of[a.var];
    struct Plan {
        Expr index, value;
        const ExprNode* cond = nullptr;
        bool negated = false;
    };
    std::vector<Plan> plans;
    for (const Assignment& a : tr.updates) {
        const Variable& v = sys.variables[a.var];
        Plan p{a.index, a.value};
        auto same_var = [&](const Expr& x) { return x->op == Op::Var && x->slot == v.slot; };
        auto dropped = [&](const Expr& x) { return x->op == Op::Const && x->value >= v.length; };
        if (!a.index && a.value->op == Op::Ite && writes_of[a.var] == 1) {
            const auto& g = a.value->args;
            if (same_var(g[2])) p = {nullptr, g[1], g[0].get(), false};
            else if (same_var(g[1])) p = {nullptr, g[2], g[0].get(), true};
        } else if (a.index && a.index->op == Op::Ite) {
            const auto& g = a.index->args;
            if (dropped(g[2])) p = {g[1], a.value, g[0].get(), false};
            else if (dropped(g[1])) p = {g[2], a.value, g[0].get(), true};
        }
        plans.push_back(p);
    }
    auto roots_of = [&](const ExprNode* cond, bool negated) {
        std::vector<Expr> roots;
        for (const Plan& p : plans) {
            if (p.cond != cond || (cond && p.negated != negated)) continue;
            if (p.index) roots.push_back(p.index);
            roots.push_back(p.value);
        }
        return roots;
    };
    std::map<std::pair<const ExprNode*, bool>, std::vector<std::uint32_t>> regs;
    std::map<std::pair<const ExprNode*, bool>, std::uint32_t> cond_reg;
    regs[{nullptr, false}] = u.program.add(roots_of(nullptr, false));
    for (const Plan& p : plans) {
        if (!p.cond || regs.count({p.cond, p.negated})) continue;
        std::uint32_t c = 0;
        regs[{p.cond, p.negated}] = u.program.add_guarded(*p.cond, p.negated, roots_of(p.cond, p.negated), c);
        cond_reg[{p.cond, p.negated}] = c;
    }
    std::map<std::pair<const ExprNode*, bool>, std::size_t> used;
    for (const Plan& p : plans) {
        const std::pair<const ExprNode*, bool> key{p.cond, p.cond ? p.negated : false};
        const std::vector<std::uint32_t>& r = regs[key];
        std::size_t& k = used[key];
        Store st;
        const Variable& v = sys.variables[tr.updates[&p - plans.data()].var];
        st.slot = v.slot;
        st.length = v.length;
        st.indexed = static_cast<bool>(p.index);
        if (p.index) st.index = r[k++];
        st.value = r[k++];
        if (p.cond) {
            st.guarded = true;
            st.cond = cond_reg[key];
            st.when = p.negated ? 0 : 1;
        }
        u.stores.push_back(st);
    }
}

CompiledTransitions::CompiledTransitions(const System& sys) {
    readers_.resize(sys.slot_count);
    guards_.resize(sys.transitions.size());
    updates_.resize(sys.transitions.size());
    for (std::size_t t = 0; t < sys.transitions.size(); ++t) {
        const Transition& tr = sys.transitions[t];
        Guard& g = guards_[t];
        if (tr.guard->op == Op::Const)
            g.constant = tr.guard->value != 0 ? 1 : 0;
        else
            g.reg = g.program.add(tr.guard);
        for (std::uint32_t slot : slots_read(tr.guard)) readers_[slot].push_back(static_cast<std::uint32_t>(t));
        compile_updates(sys, tr, updates_[t]);
    }
}

}  // namespace np
