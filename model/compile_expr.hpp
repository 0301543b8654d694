// A compiled back end of the expression AST (expr.hpp): expressions lowered once to a flat
// register program, evaluated without walking the tree. The values are eval.hpp's, bit for bit
// (tests/model/test_compile_expr.cpp checks both on random expressions and states).
//
// Lowering: every node becomes one instruction writing its own register, in post-order. A node
// reached twice (a `def` used in several places is one shared node) is computed once: the
// register of a node already lowered is reused wherever it is known to have been computed — at
// the same or an enclosing branch level. And, Or, Implies and Ite jump over the operand they do
// not need, as the tree walk does; what is lowered inside a skipped branch is never reused
// outside it.
//
// A program's registers live in a caller-owned buffer (resized by run), so one program may be
// run by several threads, each with its own buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "model/expr.hpp"
#include "model/system.hpp"

namespace np {

class ExprProgram {
public:
    // Lowers `e` at the top level (it is always computed by run) and returns its register.
    std::uint32_t add(const Expr& e);
    // Lowers several roots together (subterms shared between them are computed once).
    std::vector<std::uint32_t> add(const std::vector<Expr>& roots);
    // Lowers `cond` at the top level (its register in cond_reg) and the roots in a branch taken
    // only when cond is true (false when negated): their registers hold their values after run
    // only then.
    std::vector<std::uint32_t> add_guarded(const ExprNode& cond, bool negated, const std::vector<Expr>& roots,
                                           std::uint32_t& cond_reg);
    // Runs every instruction on the state `slots`; register r then holds the value of the
    // expression add returned r for.
    void run(std::span<const std::uint64_t> slots, std::vector<std::uint64_t>& regs) const;
    std::size_t registers() const { return registers_; }
    std::size_t instructions() const { return code_.size(); }

    enum class Code : std::uint8_t;
    struct Instr {
        Code code;
        std::uint8_t width = 64, shift = 0;  // operand width; shift = 64 - width (sign extension)
        std::uint32_t dst = 0, a = 0, b = 0, c = 0;  // c: slot (Load/Read), jump target
        std::uint64_t imm = 0;                       // Const value, result mask, Read length
    };

private:
    std::uint32_t lower(const ExprNode& e);
    std::optional<std::uint64_t> constant(const ExprNode& e);  // the value when e folds to a constant
    bool available(const ExprNode& e);  // lowering e costs at most one load: no branch needed
    void live_children(const ExprNode& e, std::vector<const ExprNode*>& out);
    std::uint32_t fresh() { return registers_++; }
    std::uint32_t emit(Instr i);
    std::uint32_t emit_value(Instr i);  // emit, unless the same computation is already available
    void enter() { scopes_.emplace_back(); }
    void leave();

    std::vector<Instr> code_;
    std::uint32_t registers_ = 0;
    std::unordered_map<const ExprNode*, std::uint32_t> memo_;
    std::unordered_map<const ExprNode*, std::optional<std::uint64_t>> constants_;
    struct Key {
        Code code;
        std::uint8_t width;
        std::uint32_t a, b, c;
        std::uint64_t imm;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    std::unordered_map<Key, std::uint32_t, KeyHash> computed_;  // structural sharing of instructions
    struct Scope {
        std::vector<const ExprNode*> nodes;  // lowered inside the branch
        std::vector<Key> keys;
    };
    std::vector<Scope> scopes_;  // the open branches
};

// Every transition of a System compiled: its guard, and its updates (indices and values sharing
// one program, since firing evaluates all of them on the pre-state). Semantics of eval.hpp's
// enabled and for_each_write.
class CompiledTransitions {
public:
    explicit CompiledTransitions(const System& sys);

    bool enabled(std::uint32_t t, std::span<const std::uint64_t> s, std::vector<std::uint64_t>& regs) const {
        const Guard& g = guards_[t];
        if (g.constant >= 0) return g.constant != 0;
        g.program.run(s, regs);
        return regs[g.reg] != 0;
    }
    // write(slot, value) for every write of firing t in `pre`, in assignment order (a write
    // through an out-of-range index is dropped).
    template <class Write>
    void for_each_write(std::uint32_t t, std::span<const std::uint64_t> pre, std::vector<std::uint64_t>& regs,
                        Write&& write) const {
        const Updates& u = updates_[t];
        u.program.run(pre, regs);
        for (const Store& st : u.stores) {
            if (st.guarded && (regs[st.cond] != 0) != st.when) continue;
            if (!st.indexed) {
                write(st.slot, regs[st.value]);
            } else {
                const std::uint64_t i = regs[st.index];
                if (i < st.length) write(st.slot + static_cast<std::uint32_t>(i), regs[st.value]);
            }
        }
    }
    std::size_t size() const { return guards_.size(); }
    // The transitions whose guard reads `slot` (an array read counts every slot of the array):
    // after a step, only their enabledness can have changed.
    const std::vector<std::uint32_t>& guard_readers(std::uint32_t slot) const { return readers_[slot]; }

private:
    struct Guard {
        ExprProgram program;
        std::uint32_t reg = 0;
        int constant = -1;  // 0/1 when the guard is a constant
    };
    struct Store {
        std::uint32_t slot = 0, length = 0, index = 0, value = 0;
        bool indexed = false;
        bool guarded = false;  // written only when register cond is `when` (else a no-op write)
        bool when = true;
        std::uint32_t cond = 0;
    };
    struct Updates {
        ExprProgram program;
        std::vector<Store> stores;
    };
    static void compile_updates(const System& sys, const Transition& tr, Updates& u);
    std::vector<Guard> guards_;
    std::vector<Updates> updates_;
    std::vector<std::vector<std::uint32_t>> readers_;  // by slot
};

// The slots `e` reads (an array read: every slot of the array), sorted, each once.
std::vector<std::uint32_t> slots_read(const Expr& e);

}  // namespace np
