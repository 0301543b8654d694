#include "checkers/prove_per_event.hpp"

#include <z3++.h>

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "checkers/emit_certificate.hpp"
#include "checkers/transition_relation.hpp"
#include "checkers/unrolling.hpp"
#include "model/cone_of_influence.hpp"
#include "model/eval.hpp"
#include "model/fingerprint.hpp"
#include "proofs/smt2_script.hpp"

namespace np {

namespace {

// The exploration cannot go on: UNKNOWN with this message.
struct Open {
    std::string why;
    std::int32_t input = -1;  // a run that does not come to rest: the input (transition) it processes
};

// A bound of R was not re-established at some run's end: drop it and start again.
struct DropBound {
    std::size_t bound;
};

// A slot R leaves free at rest is read before it is written (a guard or an index depends on
// its value at rest): fix it and start again.
struct LiveSlot {
    std::uint32_t slot;
};

// A leaf whose property fails from some R-state.
struct LeafFails {
    State start;  // the miter's start state with the model's memory
    std::string why;
    std::uint32_t input;  // the transition fired first (the input of the failing step)
};

std::string slot_name(const Variable& v, std::uint32_t slot) {
    return v.length == 0 ? v.name : v.name + "[" + std::to_string(slot - v.slot) + "]";
}

std::string join(const std::vector<std::string>& xs, const char* sep) {
    std::string out;
    for (const std::string& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
}

// One state of the symbolic execution. Slots in `sym` are terms over v0 (their `conc` entry is
// meaningless); every other slot is `conc`.
struct Node {
    State conc;
    std::vector<std::pair<std::uint32_t, z3::expr>> sym;  // ascending by slot
    z3::expr pc;
    std::vector<char> enabled;  // after normalisation: per transition

    const z3::expr* find(std::uint32_t s) const {
        auto it = std::lower_bound(sym.begin(), sym.end(), s, [](const auto& p, std::uint32_t x) { return p.first < x; });
        return it != sym.end() && it->first == s ? &it->second : nullptr;
    }
    void set(std::uint32_t s, const z3::expr& e) {
        auto it = std::lower_bound(sym.begin(), sym.end(), s, [](const auto& p, std::uint32_t x) { return p.first < x; });
        if (it != sym.end() && it->first == s) it->second = e;
        else sym.insert(it, {s, e});
    }
    void erase(std::uint32_t s) {
        auto it = std::lower_bound(sym.begin(), sym.end(), s, [](const auto& p, std::uint32_t x) { return p.first < x; });
        if (it != sym.end() && it->first == s) sym.erase(it);
    }
};

bool reads_any(const std::vector<bool>& reads, const Node& n) {
    for (const auto& [s, e] : n.sym)
        if (reads[s]) return true;
    return false;
}

// The first atom of a Boolean term (descending through the connectives).
z3::expr atom_of(z3::expr a) {
    for (;;) {
        if (!a.is_app() || a.num_args() == 0) return a;
        const Z3_decl_kind k = a.decl().decl_kind();
        const bool connective = k == Z3_OP_NOT || k == Z3_OP_AND || k == Z3_OP_OR || k == Z3_OP_XOR || k == Z3_OP_IMPLIES ||
                                (k == Z3_OP_EQ && a.arg(0).is_bool()) || (k == Z3_OP_ITE && a.is_bool());
        if (!connective) return a;
        bool moved = false;
        for (unsigned i = 0; i < a.num_args() && !moved; ++i) {
            const z3::expr x = a.arg(i);
            if (!x.is_true() && !x.is_false()) {
                a = x;
                moved = true;
            }
        }
        if (!moved) return a;
    }
}

// The condition of the first if-then-else inside a term, if any.
std::optional<z3::expr> first_ite_condition(const z3::expr& e) {
    if (!e.is_app()) return std::nullopt;
    if (e.decl().decl_kind() == Z3_OP_ITE) return e.arg(0);
    for (unsigned i = 0; i < e.num_args(); ++i)
        if (auto c = first_ite_condition(e.arg(i))) return c;
    return std::nullopt;
}

bool constant_term(const z3::expr& e) { return e.is_true() || e.is_false() || e.is_numeral(); }

std::uint64_t term_value(const z3::expr& e) {
    if (e.is_bool()) return e.is_true() ? 1 : 0;
    return e.get_numeral_uint64();
}

// Per slot: its variable's index.
std::vector<std::uint32_t> slot_variables(const System& m) {
    std::vector<std::uint32_t> out(m.slot_count);
    for (std::uint32_t i = 0; i < m.variables.size(); ++i)
        for (std::uint32_t k = 0; k < m.variables[i].slots(); ++k) out[m.variables[i].slot + k] = i;
    return out;
}

// Reads of every guard and update of the miter, per slot.
struct ReadSets {
    std::vector<std::vector<bool>> guard, writes;                    // per transition
    std::vector<std::vector<std::vector<bool>>> value, index;        // per transition, per assignment
};

ReadSets read_sets(const System& m) {
    const std::size_t n = m.slot_count;
    ReadSets r;
    for (const Transition& t : m.transitions) {
        r.guard.emplace_back(n, false);
        mark_reads(t.guard, r.guard.back());
        r.writes.emplace_back(n, false);
        r.value.emplace_back();
        r.index.emplace_back();
        for (const Assignment& a : t.updates) {
            r.value.back().emplace_back(n, false);
            mark_reads(a.value, r.value.back().back());
            r.index.back().emplace_back(n, false);
            if (a.index) mark_reads(a.index, r.index.back().back());
            for (std::size_t s = 0; s < n; ++s)
                if (r.value.back().back()[s] || r.index.back().back()[s]) r.writes.back()[s] = true;
        }
    }
    return r;
}

// The slots that can influence a guard or the property: read by one, or by a write to such a
// slot (closed). The others (e.g. a sink's spike counter) are never constrained by R.
std::vector<bool> relevant_slots(const System& m, const Property& prop, const ReadSets& reads) {
    std::vector<bool> rel(m.slot_count, false);
    for (const auto& g : reads.guard)
        for (std::size_t s = 0; s < rel.size(); ++s) rel[s] = rel[s] || g[s];
    for (const Clause& c : prop.clauses) mark_reads(c.bad, rel);
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t t = 0; t < m.transitions.size(); ++t)
            for (std::size_t i = 0; i < m.transitions[t].updates.size(); ++i) {
                const Variable& v = m.variables[m.transitions[t].updates[i].var];
                bool writes_relevant = false;
                for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) writes_relevant = writes_relevant || rel[s];
                if (!writes_relevant) continue;
                for (std::size_t s = 0; s < rel.size(); ++s)
                    if ((reads.value[t][i][s] || reads.index[t][i][s]) && !rel[s]) rel[s] = grew = true;
            }
    }
    return rel;
}

// Symbolic execution of the one-input miter from the rest states of R (see the header).
class Explorer {
public:
    Explorer(const System& m, const Property& prop, TransitionRelation& tr, z3::solver& solver, std::uint32_t ended,
             std::vector<std::uint32_t> design_control, const ReadSets& reads, const std::vector<std::uint32_t>& var_of,
             const Deadline& deadline, std::string& stopped)
        : m_(m), prop_(prop), tr_(tr), ctx_(tr.ctx()), solver_(solver), ended_(ended), control_(std::move(design_control)),
          reads_(reads), var_of_(var_of), deadline_(deadline), stopped_(stopped), keep_(tr.ctx()) {}

    // The constants standing for the values at rest of the slots R leaves free, by AST id.
    std::unordered_map<unsigned, std::uint32_t> free_consts;

    struct Leaf {
        std::uint32_t input;  // the transition fired first
        z3::expr pc;
        z3::expr bad;  // mismatch ∨ ¬bounds(v_end)
    };

    std::uint64_t states = 0, max_states = 0, states_before = 0;
    std::function<void(std::uint64_t, std::uint64_t)> progress;  // every 20,000 states: states, run ends
    std::uint32_t max_depth = 1000;
    std::uint32_t longest = 0;
    std::vector<Leaf> leaves;
    std::vector<std::pair<std::uint32_t, std::string>> required_inputs;  // injector of every input, its description
    std::set<std::vector<std::uint64_t>> rest_seen;  // design control at the runs' ends

    // Explores every run from `root`, whose memory terms are v0, under R's active memory bounds
    // over v0 (assumed at the start, required again at every run's end; DropBound names one by
    // its position); throws Open, DropBound, LiveSlot or LeafFails.
    void explore(const Node& root, const z3::expr_vector& bounds) {
        assume_ = &bounds;
        std::vector<Frame> stack;
        for (Node& r : normalize(root)) {
            for (const auto& [t, what] : required_inputs)
                if (!r.enabled[t])
                    throw Open{"the design cannot be offered " + what + " at a rest state (its injector '" + m_.transitions[t].name +
                               "' is disabled there): the induction needs every input offered at rest"};
            stack.push_back(Frame{UINT32_MAX, std::move(r), 0, {}, 0, UINT32_MAX});
            while (!stack.empty()) step(stack);
        }
    }

private:
    struct Frame {
        std::uint32_t id;
        Node node;
        std::uint32_t next = 0;  // the next transition to fire
        std::vector<Node> ready;
        std::uint32_t longest = 0;
        std::uint32_t input = UINT32_MAX;
    };
    struct Info {
        std::uint32_t longest = 0;
        bool done = false;
    };

    z3::expr term(const Node& n, std::uint32_t s) const {
        if (const z3::expr* e = n.find(s)) return *e;
        return value(s, n.conc[s]);
    }
    z3::expr value(std::uint32_t s, std::uint64_t raw) const {
        const Type t = m_.variables[var_of_[s]].type;
        if (t.is_bool()) return ctx_.bool_val(raw != 0);
        raw &= t.mask();
        const std::uint64_t k = raw < (std::uint64_t{1} << 48) ? (std::uint64_t{t.width} << 48 | raw) : UINT64_MAX;
        if (k != UINT64_MAX)
            if (auto it = numerals_.find(k); it != numerals_.end()) return it->second;
        z3::expr e = ctx_.bv_val(static_cast<std::uint64_t>(raw), t.width);
        if (k != UINT64_MAX) numerals_.emplace(k, e);
        return e;
    }
    // e with every part that reads no symbolic slot of n evaluated (a constant), array reads at
    // a known index turned into the element, and if-then-else on a known condition resolved:
    // what is left for Z3 is the part that depends on the memory.
    Expr fold(const Expr& e, const Node& n) const {
        switch (e->op) {
            case Op::Const: return e;
            case Op::Var: return n.find(e->slot) ? e : mk_const(e->type, n.conc[e->slot]);
            case Op::Read: {
                const Expr i = fold(e->args[0], n);
                if (i->op != Op::Const) {
                    auto r = std::make_shared<ExprNode>(*e);
                    r->args = {i};
                    return r;
                }
                if (i->value >= e->length) return mk_const(e->type, 0);
                const std::uint32_t s = e->slot + static_cast<std::uint32_t>(i->value);
                if (!n.find(s)) return mk_const(e->type, n.conc[s]);
                return mk_var(e->var, s, e->type, e->name);
            }
            case Op::Ite: {
                const Expr c = fold(e->args[0], n);
                if (c->op == Op::Const) return fold(e->args[c->value ? 1 : 2], n);
                return mk_ite(c, fold(e->args[1], n), fold(e->args[2], n));
            }
            default: break;
        }
        std::vector<Expr> args;
        bool all_const = true;
        for (const Expr& a : e->args) {
            args.push_back(fold(a, n));
            all_const = all_const && args.back()->op == Op::Const;
            // a known false conjunct or true disjunct decides the whole
            if (args.back()->op == Op::Const && ((e->op == Op::And && !args.back()->value) || (e->op == Op::Or && args.back()->value)))
                return mk_const(e->type, args.back()->value);
        }
        auto r = std::make_shared<ExprNode>(*e);
        r->args = std::move(args);
        if (all_const) return mk_const(e->type, eval(*r, std::span<const std::uint64_t>()));
        return r;
    }

    ExprEncoder encoder(const Node& n) const {
        z3::expr_vector slots(ctx_);
        for (std::uint32_t s = 0; s < n.conc.size(); ++s) slots.push_back(term(n, s));
        return ExprEncoder(ctx_, m_, slots);
    }

    // Throws LiveSlot when e depends on a free slot's value at rest.
    void no_free(const z3::expr& e) const {
        if (free_consts.empty()) return;
        std::vector<z3::expr> work{e};
        std::set<unsigned> seen;
        while (!work.empty()) {
            const z3::expr x = work.back();
            work.pop_back();
            if (!seen.insert(x.id()).second) continue;
            if (auto it = free_consts.find(x.id()); it != free_consts.end()) throw LiveSlot{it->second};
            if (x.is_app())  // conditions first: in ite(head = 1, buf[1], ...) the slot to fix is head
                for (unsigned i = x.num_args(); i-- > 0;) work.push_back(x.arg(i));
        }
    }

    // One query: the bounds and q (in a scope of its own, so that the solver does not grow with
    // every query); a model is kept when sat.
    z3::check_result check(const z3::expr& q) {
        solver_.push();
        for (const z3::expr& x : *assume_) solver_.add(x);
        solver_.add(q);
        const z3::check_result r = check_within(solver_, z3::expr_vector(ctx_), deadline_, stopped_);
        if (r == z3::sat) model_.emplace(solver_.get_model());
        solver_.pop();
        return r;
    }

    bool feasible(const z3::expr& pc) {
        if (pc.is_true()) return true;
        if (pc.is_false()) return false;
        if (auto it = feasible_.find(pc.id()); it != feasible_.end()) return it->second;
        const z3::check_result r = check(pc);
        if (r == z3::unknown) throw Open{"a path condition was not decided"};
        keep_.push_back(pc);
        feasible_.emplace(pc.id(), r == z3::sat);
        return r == z3::sat;
    }

    // `n` with atom := b everywhere (terms that become constants move to conc).
    Node assume(const Node& n, const z3::expr& atom, bool b) const {
        Node y{n.conc, {}, (n.pc && (b ? atom : !atom)).simplify(), {}};
        z3::expr_vector from(ctx_), to(ctx_);
        from.push_back(atom);
        to.push_back(ctx_.bool_val(b));
        for (const auto& [s, e] : n.sym) {
            z3::expr x = e;
            x = x.substitute(from, to).simplify();
            if (constant_term(x)) y.conc[s] = term_value(x);
            else y.sym.push_back({s, x});
        }
        return y;
    }

    // Splits `n` until every guard is a constant (and, at a run's end, every design slot outside
    // the memory is); computes `enabled`.
    std::vector<Node> normalize(const Node& start) {
        std::vector<Node> out, work{start};
        while (!work.empty()) {
            Node x = std::move(work.back());
            work.pop_back();
            x.enabled.assign(m_.transitions.size(), 0);
            std::optional<z3::expr> split;
            std::optional<ExprEncoder> enc;
            for (std::uint32_t t = 0; t < m_.transitions.size() && !split; ++t) {
                if (!reads_any(reads_.guard[t], x)) {
                    x.enabled[t] = holds(m_.transitions[t].guard, x.conc);
                    continue;
                }
                if (!enc) enc.emplace(encoder(x));
                const z3::expr g = enc->encode(fold(m_.transitions[t].guard, x)).simplify();
                if (g.is_true() || g.is_false()) x.enabled[t] = g.is_true();
                else split = atom_of(g);
            }
            if (!split && x.conc[ended_]) {
                for (std::uint32_t s : control_)
                    if (const z3::expr* e = x.find(s)) {
                        auto c = e->is_bool() ? std::optional<z3::expr>(atom_of(*e)) : first_ite_condition(*e);
                        if (!c && !feasible(x.pc)) break;
                        if (!c) throw Open{"slot " + slot_name(m_.variables[var_of_[s]], s) +
                                           " holds a value computed from the neuron memory at rest; R cannot relate it"};
                        split = atom_of(*c);
                        break;
                    }
            }
            if (!split) {
                out.push_back(std::move(x));
                continue;
            }
            try {
                no_free(*split);
            } catch (const LiveSlot&) {
                if (!feasible(x.pc)) continue;
                throw;
            }
            keep_.push_back(*split);
            for (bool b : {true, false}) {
                Node y = assume(x, *split, b);
                if (feasible(y.pc)) work.push_back(std::move(y));
            }
        }
        return out;
    }

    std::vector<Node> fire(const Node& x, std::uint32_t t) {
        const Transition& tr = m_.transitions[t];
        Node y{x.conc, x.sym, x.pc, {}};
        if (!reads_any(reads_.writes[t], x)) {
            for_each_write(m_, tr, x.conc, [&](std::uint32_t s, std::uint64_t v) {
                y.conc[s] = v;
                y.erase(s);
            });
            return normalize(y);
        }
        const ExprEncoder enc = encoder(x);
        for (std::size_t i = 0; i < tr.updates.size(); ++i) {
            const Assignment& a = tr.updates[i];
            const Variable& v = m_.variables[a.var];
            std::uint32_t slot = v.slot;
            if (a.index) {
                std::uint64_t k;
                if (reads_any(reads_.index[t][i], x)) {
                    const z3::expr ie = enc.encode(fold(a.index, x)).simplify();
                    if (!ie.is_numeral() && !feasible(x.pc)) return {};
                    if (!ie.is_numeral()) no_free(ie);
                    if (!ie.is_numeral())
                        throw Open{"transition '" + tr.name + "' writes " + v.name + " at an index computed from the neuron memory"};
                    k = ie.get_numeral_uint64();
                } else {
                    k = eval(a.index, x.conc);
                }
                if (k >= v.length) continue;
                slot += static_cast<std::uint32_t>(k);
            }
            if (!reads_any(reads_.value[t][i], x)) {
                y.conc[slot] = eval(a.value, x.conc);
                y.erase(slot);
                continue;
            }
            const z3::expr e = enc.encode(fold(a.value, x)).simplify();
            if (constant_term(e)) {
                y.conc[slot] = term_value(e);
                y.erase(slot);
            } else {
                y.conc[slot] = 0;
                y.set(slot, e);
            }
        }
        return normalize(y);
    }

    std::string key(const Node& n) const {
        std::string k;
        k.reserve(n.conc.size() * 2 + n.sym.size() * 8 + 8);
        for (std::uint32_t s = 0; s < n.conc.size(); ++s) {
            if (n.find(s)) continue;
            const std::uint64_t v = n.conc[s];
            const unsigned bytes = (m_.variables[var_of_[s]].type.width + 7) / 8;
            for (unsigned b = 0; b < std::max(1u, bytes); ++b) k.push_back(static_cast<char>(v >> (8 * b)));
        }
        auto put = [&](std::uint32_t x) {
            for (unsigned b = 0; b < 4; ++b) k.push_back(static_cast<char>(x >> (8 * b)));
        };
        for (const auto& [s, e] : n.sym) {
            put(s);
            put(e.id());
        }
        put(n.pc.id());
        return k;
    }

    void leaf(const Node& n, std::uint32_t input) {
        const ExprEncoder enc = encoder(n);
        z3::expr_vector bounds(ctx_);
        for (const z3::expr& b : *assume_) {
            // b is over the bare memory constants v0; rewrite it to the end memory
            z3::expr_vector from(ctx_), to(ctx_);
            for (std::uint32_t s : memory_) {
                from.push_back(bare_->slot(s));
                to.push_back(enc.slot(s));
            }
            z3::expr x = b;
            bounds.push_back(x.substitute(from, to).simplify());
        }
        const z3::expr viol = tr_.violates(prop_, enc).simplify();
        try {
            no_free(viol);  // the property reads that slot's value at rest: fix it
        } catch (const LiveSlot&) {
            if (!feasible(n.pc)) return;
            throw;
        }
        const z3::expr bad = viol || !all_of(bounds, ctx_);
        const z3::check_result r = check(n.pc && bad);
        if (r == z3::unknown) throw Open{"a run's end was not decided"};
        if (r == z3::sat) {
            const z3::model model = *model_;
            State start = root_conc_;
            for (std::uint32_t s : memory_) start[s] = bare_->slot_value(model, s);
            if (model.eval(viol, true).is_true()) {
                // which clause: evaluate the end state concretely in the model
                State end = n.conc;
                for (const auto& [s, e] : n.sym) end[s] = term_value(model.eval(e, true));
                const std::int32_t c = violated_clause(m_, prop_, end);
                throw LeafFails{start, c >= 0 ? prop_.clauses[c].message : "mismatch", input};
            }
            for (std::size_t i = 0; i < bounds.size(); ++i)
                if (!model.eval(bounds[i], true).is_true()) throw DropBound{i};
            throw Open{"a bound of R failed without a failing bound"};
        }
        std::vector<std::uint64_t> rest;
        for (std::uint32_t s : control_) rest.push_back(n.conc[s]);
        rest_seen.insert(rest);
        keep_.push_back(bad);
        leaves.push_back({input, n.pc, bad});
    }

    void step(std::vector<Frame>& stack) {
        Frame& f = stack.back();
        if (f.ready.empty()) {
            while (f.next < m_.transitions.size() && !f.node.enabled[f.next]) ++f.next;
            if (f.next == m_.transitions.size()) {
                const std::uint32_t longest = f.longest;
                if (f.id != UINT32_MAX) info_[f.id] = {longest, true};
                stack.pop_back();
                if (!stack.empty()) stack.back().longest = std::max(stack.back().longest, longest + 1);
                else this->longest = std::max(this->longest, longest);
                return;
            }
            f.ready = fire(f.node, f.next++);
            if (stack.size() == 1) f.input = f.next - 1;
            return;
        }
        Node child = std::move(f.ready.back());
        f.ready.pop_back();
        const std::uint32_t input = stack.size() == 1 ? f.input : stack[1].input;
        if (deadline_.expired() || deadline_.cancelled()) {
            stopped_ = deadline_.why_stopped();
            throw Open{"the exploration was stopped"};
        }
        const std::string k = key(child);
        if (auto it = index_.find(k); it != index_.end()) {
            const Info& i = info_[it->second];
            if (!i.done && !feasible(child.pc)) return;
            if (!i.done)
                throw Open{"a run from a rest state returns to a state it passed (a livelock): it never comes to rest",
                           static_cast<std::int32_t>(input)};
            f.longest = std::max(f.longest, i.longest + 1);
            return;
        }
        const std::uint32_t id = static_cast<std::uint32_t>(info_.size());
        index_.emplace(k, id);
        info_.push_back({});
        for (const auto& [s, e] : child.sym) keep_.push_back(e);
        keep_.push_back(child.pc);
        if (states && states % 20000 == 0 && progress) progress(states, leaves.size());
        if (++states + states_before > max_states && max_states)
            throw Open{"state limit of " + std::to_string(max_states) + " reached (--max-states)"};
        if (child.conc[ended_]) {
            leaf(child, input);
            info_[id] = {0, true};
            f.longest = std::max(f.longest, 1u);
            return;
        }
        if (stack.size() > max_depth && !feasible(child.pc)) return;
        if (stack.size() > max_depth)
            throw Open{"some run from a rest state does not come to rest within " + plural(max_depth, "step") + " (--max-depth)",
                       static_cast<std::int32_t>(input)};
        stack.push_back(Frame{id, std::move(child), 0, {}, 0, input});
    }

public:
    std::vector<std::uint32_t> memory_;    // design memory slots and #ref slots (the terms of v0)
    const ExprEncoder* bare_ = nullptr;    // v0's constants
    State root_conc_;

private:
    const System& m_;
    const Property& prop_;
    TransitionRelation& tr_;
    z3::context& ctx_;
    z3::solver& solver_;
    std::uint32_t ended_;
    std::vector<std::uint32_t> control_;
    const ReadSets& reads_;
    const std::vector<std::uint32_t>& var_of_;
    const Deadline& deadline_;
    std::string& stopped_;
    z3::expr_vector keep_;  // every term a key names by id stays alive (ids are reused otherwise)
    const z3::expr_vector* assume_ = nullptr;  // R's active memory bounds over v0
    std::unordered_map<std::string, std::uint32_t> index_;
    std::unordered_map<unsigned, bool> feasible_;  // by the path condition's AST id (kept alive)
    mutable std::unordered_map<std::uint64_t, z3::expr> numerals_;  // by width << 48 | value
    std::optional<z3::model> model_;  // of the last sat query
    std::vector<Info> info_;
};

}  // namespace

PerEventResult prove_per_event_equivalence(const System& design, const SpeckConfig& reference, const PerEventOptions& opt) {
    const SpeckConfig cfg = complete_config(reference);
    MiterOptions mo;
    mo.max_inputs = 1;
    mo.binding = opt.binding;
    const System m = equivalence_miter(design, cfg, mo);  // validates binding and configuration
    const Property& prop = m.properties.back();
    const CoreConfig& core = cfg.cores[0];
    const std::uint32_t neurons = core.out_channels * core.out_width() * core.out_height();

    std::uint32_t memory = UINT32_MAX;
    if (!opt.binding.state.empty()) memory = *design.find_variable(opt.binding.state);  // the harness checked it
    if (memory == UINT32_MAX || design.variables[memory].slots() != neurons || design.variables[memory].type != Type::sint(16))
        throw HarnessError("the per-event proof needs the neuron memory bound (binding state '" + opt.binding.state +
                           "': an s16 array of " + std::to_string(neurons) + " neurons) to relate it to the emulator's");
    const Variable& mem = design.variables[memory];

    PerEventResult out;
    PropertyResult& r = out.miter.result;
    r.name = "equivalence";
    r.kind = PropertyKind::Invariant;
    r.engine = "per-event";
    r.verdict = Verdict::Unknown;

    SymbolicOptions so;
    so.timeout_seconds = opt.timeout_seconds;
    so.cancel = opt.cancel;
    Deadline deadline(so);
    std::string stopped;
    auto finish_unknown = [&](std::string msg) {
        r.seconds = deadline.elapsed();
        r.message = std::move(msg);
        if (!stopped.empty()) r.message += "; stopped: " + stopped;
        return out;
    };
    if (m.properties.size() && std::any_of(m.properties.begin(), m.properties.end(), [](const Property& p) { return p.blocking; }))
        return finish_unknown("the design has blocking properties, which the per-event exploration does not support");

    // Slots: the design's control (every design slot outside the memory), the memory, the
    // reference's memory #ref (equal to the design's at rest), and the other ghosts (at their
    // initial values at rest).
    const State init = m.initial_state();
    const ReadSets reads = read_sets(m);
    const std::vector<std::uint32_t> var_of = slot_variables(m);
    const std::vector<bool> relevant = relevant_slots(m, prop, reads);
    std::vector<std::uint32_t> control, ref_of(neurons);
    std::vector<std::string> ignored;
    for (std::uint32_t i = 0; i < design.variables.size(); ++i) {
        if (i == memory) continue;
        const Variable& v = design.variables[i];
        for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) {
            if (relevant[s]) control.push_back(s);
            else ignored.push_back(slot_name(v, s));
        }
    }
    for (std::uint32_t i = static_cast<std::uint32_t>(design.variables.size()); i < m.variables.size(); ++i) {
        const Variable& v = m.variables[i];
        if (v.name.rfind("#ref[", 0) == 0) ref_of[std::stoul(v.name.substr(5))] = v.slot;
    }
    const std::uint32_t ended = m.variables[*m.find_variable("#ended")].slot;

    z3::context ctx;
    InterruptOnCancel attach(opt.cancel, ctx);
    TransitionRelation tr(ctx, m);
    const ExprEncoder bare = tr.state("");
    z3::solver solver(ctx, z3::solver::simple());

    // The memory bounds R may keep, over v0 (the bare memory constants).
    struct Bound {
        std::string words;
        z3::expr e;
        bool active = true;
    };
    std::vector<Bound> bounds;
    {
        z3::expr_vector lo(ctx), hi(ctx);
        for (std::uint32_t n = 0; n < neurons; ++n) {
            const z3::expr x = bare.slot(mem.slot + n);
            lo.push_back(z3::sle(ctx.bv_val(core.threshold_low, 16), x));
            hi.push_back(z3::slt(x, ctx.bv_val(core.threshold_high, 16)));
        }
        bounds.push_back({"threshold_low <= " + mem.name + "[n] for every neuron", all_of(lo, ctx)});
        bounds.push_back({mem.name + "[n] < threshold_high for every neuron (no neuron at rest is at or above threshold)", all_of(hi, ctx)});
        std::erase_if(bounds, [&](const Bound& b) {
            z3::expr_vector from(ctx), to(ctx);
            for (std::uint32_t n = 0; n < neurons; ++n) {
                from.push_back(bare.slot(mem.slot + n));
                to.push_back(bare.value(mem.type, init[mem.slot + n]));
            }
            z3::expr x = b.e;
            return !x.substitute(from, to).simplify().is_true();
        });
    }

    // R leaves a slot free at rest (any value) unless some run from rest reads its value before
    // writing it; such a slot is found when a guard or an index depends on it, fixed, and the
    // exploration restarts. Start with every control slot free.
    const std::vector<std::uint32_t> all_control = control;
    std::vector<bool> written(m.slot_count, false);
    for (const Transition& t : m.transitions)
        for (const Assignment& a : t.updates) {
            const Variable& v = m.variables[a.var];
            for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) written[s] = true;
        }
    std::set<std::uint32_t> free;  // never-written slots (constants) stay fixed
    for (std::uint32_t s : all_control)
        if (written[s]) free.insert(s);
    // Every input (an event at every address of the input map, a leak tick) must be offerable at
    // every rest state: its injector, as the harness picks it.
    std::vector<StreamInput> inputs{StreamInput{true, core.id, 0, 0, 0, 1}};
    for (std::uint32_t f = 0; f < core.in_channels; ++f)
        for (std::uint32_t x = 0; x < core.in_width; ++x)
            for (std::uint32_t y = 0; y < core.in_height; ++y) inputs.push_back(StreamInput{false, core.id, f, x, y, 1});
    const EquivalenceHarness harness(design, cfg, opt.binding);
    std::vector<std::pair<std::uint32_t, std::string>> required_inputs;
    for (const StreamInput& in : inputs) {
        const std::int32_t t = harness.injector(in);
        if (t < 0) return finish_unknown("the design offers no injector for " + describe(in) + ": the induction needs every input");
        required_inputs.push_back({static_cast<std::uint32_t>(t), describe(in)});
    }

    // Every schedule of every stream of up to n inputs, from the initial state (the explicit miter).
    auto bounded = [&](std::uint32_t n) {
        MiterOptions bo;
        bo.max_inputs = n;
        bo.engine = "explicit";
        bo.binding = opt.binding;
        bo.cancel = opt.cancel;
        if (opt.timeout_seconds > 0) bo.timeout_seconds = std::max(0.001, opt.timeout_seconds - deadline.elapsed());
        return prove_equivalence(design, cfg, bo);
    };
    // A counterexample found outside the induction becomes the result, its message prefixed.
    auto adopt_miter = [&](MiterResult found, const std::string& prefix) {
        out.miter = std::move(found);
        out.miter.result.engine = "per-event";
        out.miter.result.message = prefix + out.miter.result.message;
        out.miter.result.seconds = deadline.elapsed();
        return out;
    };
    auto adopt_run = [&](const std::vector<StreamInput>& stream, const CaseRun& run, const std::string& prefix) {
        MiterResult found;
        found.result = harness.result(stream, run);  // replays the trace on the model
        found.stream = stream;
        found.schedule = run.fired;
        return adopt_miter(std::move(found), prefix);
    };
    std::vector<std::vector<std::uint64_t>> classes;
    std::vector<std::vector<Explorer::Leaf>> leaves_of;  // per class
    std::uint64_t explored = 0;
    std::uint32_t B = 0;
    std::size_t restarts = 0, fixed_restarts = 0, open_class = 0;
    z3::expr_vector keep(ctx);
    try {
        for (bool again = true; again;) {
            again = false;
            classes.clear();
            leaves_of.clear();
            B = 0;
            out.leaves = 0;
            control.clear();
            for (std::uint32_t s : all_control)
                if (!free.count(s)) control.push_back(s);
            std::vector<std::uint64_t> c0;
            for (std::uint32_t s : control) c0.push_back(init[s]);
            classes.push_back(c0);
            z3::expr_vector assume(ctx);
            std::vector<std::size_t> active_index;
            for (std::size_t i = 0; i < bounds.size(); ++i)
                if (bounds[i].active) {
                    assume.push_back(bounds[i].e);
                    active_index.push_back(i);
                }
            try {
                for (std::size_t c = 0; c < classes.size(); ++c) {
                    Explorer ex(m, prop, tr, solver, ended, control, reads, var_of, deadline, stopped);
                    ex.max_depth = opt.max_depth;
                    if (opt.progress)
                        ex.progress = [&, c](std::uint64_t st, std::uint64_t ends) {
                            opt.progress("per-event: rest state " + std::to_string(c + 1) + " of " + std::to_string(classes.size()) + ": " +
                                         std::to_string(st) + " symbolic states, " + std::to_string(ends) + " run ends, " +
                                         std::to_string(static_cast<long>(deadline.elapsed())) + " s");
                        };
                    ex.max_states = opt.max_states;
                    ex.required_inputs = required_inputs;
                    ex.states_before = explored;
                    open_class = c;
                    Node root{init, {}, ctx.bool_val(true), {}};
                    for (std::size_t i = 0; i < control.size(); ++i) root.conc[control[i]] = classes[c][i];
                    for (std::uint32_t s : free) {
                        const Type t = m.variables[var_of[s]].type;
                        const std::string name = slot_name(m.variables[var_of[s]], s) + "@rest";
                        const z3::expr k = t.is_bool() ? ctx.bool_const(name.c_str()) : ctx.bv_const(name.c_str(), t.width);
                        keep.push_back(k);
                        ex.free_consts.emplace(k.id(), s);
                        root.set(s, k);
                        root.conc[s] = 0;
                    }
                    for (std::uint32_t n = 0; n < neurons; ++n) {
                        root.set(mem.slot + n, bare.slot(mem.slot + n));
                        root.set(ref_of[n], bare.slot(mem.slot + n));
                        root.conc[mem.slot + n] = root.conc[ref_of[n]] = 0;
                    }
                    for (std::uint32_t n = 0; n < neurons; ++n) ex.memory_.push_back(mem.slot + n);
                    ex.bare_ = &bare;
                    ex.root_conc_ = root.conc;
                    try {
                        ex.explore(root, assume);
                    } catch (...) {
                        explored += ex.states;
                        throw;
                    }
                    explored += ex.states;
                    out.leaves += ex.leaves.size();
                    B = std::max(B, ex.longest);
                    leaves_of.push_back(std::move(ex.leaves));
                    for (const auto& rest : ex.rest_seen)
                        if (std::find(classes.begin(), classes.end(), rest) == classes.end()) classes.push_back(rest);
                }
            } catch (const DropBound& d) {
                bounds[active_index[d.bound]].active = false;
                ++restarts;
                again = true;
            } catch (const LiveSlot& l) {
                free.erase(l.slot);
                ++fixed_restarts;
                again = true;
            }
        }
    } catch (const Open& o) {
        // A run from the initial rest state that never comes to rest: the fuzz harness runs that
        // input from the initial state under the canonical schedule, and a livelock it sees
        // there is a FAIL it confirms.
        if (o.input >= 0 && open_class == 0) {
            for (const StreamInput& in : inputs) {
                if (harness.injector(in) != o.input) continue;
                const CaseRun run = harness.run({in}, SchedulePolicy{});
                if (run.equivalent()) break;
                return adopt_run({in}, run, "the per-event step does not settle (" + o.why + "); from the initial state: ");
            }
        }
        return finish_unknown("the per-event step was not established: " + o.why + " (" + plural(explored, "symbolic state") + " explored)");
    } catch (const LeafFails& f) {
        // A failing step from some R-state: is the failure reachable from the initial state?
        std::ostringstream start;
        start << mem.name << " = [";
        for (std::uint32_t n = 0; n < neurons; ++n)
            start << (n ? ", " : "") << static_cast<std::int16_t>(static_cast<std::uint16_t>(f.start[mem.slot + n]));
        start << "]";
        for (std::uint32_t n = 1; n <= opt.search_inputs; ++n) {
            if (opt.timeout_seconds > 0 && deadline.elapsed() >= opt.timeout_seconds) break;
            MiterResult found = bounded(n);
            if (found.result.verdict == Verdict::Fail || found.result.verdict == Verdict::Error)
                return adopt_miter(std::move(found), "the per-event step fails (" + f.why + "); from the initial state: ");
        }
        // A failing memory far from the initial one (e.g. near the 16-bit limits) is often reached
        // by one input again and again: the harness runs the failing step's input repeated k
        // times from the initial state, k = 1..kRepeat, under the canonical schedule.
        constexpr std::uint32_t kRepeat = 1024;
        for (const StreamInput& in : inputs) {
            if (harness.injector(in) != static_cast<std::int32_t>(f.input)) continue;
            for (std::uint32_t k = 1; k <= kRepeat; ++k) {
                if (opt.timeout_seconds > 0 && deadline.elapsed() >= opt.timeout_seconds) break;
                std::vector<StreamInput> stream(k, in);
                for (std::uint32_t i = 0; i < k; ++i) stream[i].t = i + 1;
                const CaseRun run = harness.run(stream, SchedulePolicy{});
                if (run.equivalent()) continue;
                return adopt_run(stream, run, "the per-event step fails (" + f.why + ") from " + start.str() + "; from the initial state, " +
                                                  describe(in) + " " + std::to_string(k) + " times: ");
            }
            break;
        }
        // Then breadth first over the reference memories reachable at rest (inputs offered one at
        // a time under the canonical schedule), every input tried from each: a difference the
        // harness sees is a FAIL with that stream.
        constexpr std::size_t kMemories = 4000;
        std::set<std::vector<std::int16_t>> seen;
        std::vector<std::vector<StreamInput>> queue{{}};
        for (std::size_t head = 0; head < queue.size() && seen.size() < kMemories; ++head) {
            if (opt.timeout_seconds > 0 && deadline.elapsed() >= opt.timeout_seconds) break;
            if (deadline.cancelled()) break;
            for (const StreamInput& in : inputs) {
                std::vector<StreamInput> stream = queue[head];
                stream.push_back(in);
                for (std::size_t i = 0; i < stream.size(); ++i) stream[i].t = static_cast<std::int64_t>(i) + 1;
                const CaseRun run = harness.run(stream, SchedulePolicy{});
                if (!run.equivalent())
                    return adopt_run(stream, run, "the per-event step fails (" + f.why + ") from " + start.str() + "; from the initial state, " +
                                                      plural(stream.size(), "input") + " offered at rest: ");
                if (seen.insert(run.reference_state).second) queue.push_back(std::move(stream));
            }
        }
        return finish_unknown("the per-event step fails from a rest state (" + start.str() + "): " + f.why + "; no stream of up to " +
                              plural(opt.search_inputs, "input") + " from the initial state, nor that input repeated up to " +
                              std::to_string(kRepeat) + " times, nor any input after " + plural(seen.size(), "reachable memory") +
                              " (breadth first), shows it, so R (as found) is not inductive and nothing is proved");
    } catch (const z3::exception&) {
        if (!deadline.expired() && !deadline.cancelled()) throw;
        stopped = deadline.why_stopped();
        return finish_unknown("the per-event obligations were not decided");
    }

    out.settling_bound = B;
    out.states = explored;
    out.ignored_slots = ignored;
    out.rest_states = static_cast<std::uint32_t>(classes.size());
    for (const Bound& b : bounds)
        if (b.active) out.strengthening.push_back(b.words);
    for (std::size_t c = 1; c < classes.size(); ++c) {
        std::vector<std::string> diff;
        for (std::size_t i = 0; i < control.size(); ++i)
            if (classes[c][i] != classes[0][i])
                diff.push_back(slot_name(m.variables[var_of[control[i]]], control[i]) + " = " + std::to_string(classes[c][i]));
        out.strengthening.push_back("rest state " + std::to_string(c + 1) + ": " + join(diff, ", "));
    }
    for (std::uint32_t s : free) out.free_slots.push_back(slot_name(m.variables[var_of[s]], s));

    // The certificate: self-contained obligations over v0 (see the header).
    Certificate cert;
    {
        z3::expr_vector active(ctx);
        for (const Bound& b : bounds)
            if (b.active) active.push_back(b.e);
        const z3::expr bnd = all_of(active, ctx);
        z3::expr_vector rest(ctx);
        for (const auto& c : classes) {
            z3::expr_vector eq(ctx);
            for (std::size_t i = 0; i < control.size(); ++i) eq.push_back(bare.slot(control[i]) == bare.value(bare.slot_type(control[i]), c[i]));
            rest.push_back(all_of(eq, ctx));
        }
        z3::expr_vector ghosts(ctx);
        for (std::uint32_t i = static_cast<std::uint32_t>(design.variables.size()); i < m.variables.size(); ++i) {
            const Variable& v = m.variables[i];
            for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s)
                if (std::find(ref_of.begin(), ref_of.end(), s) == ref_of.end()) ghosts.push_back(bare.slot(s) == bare.value(v.type, init[s]));
        }
        for (std::uint32_t n = 0; n < neurons; ++n) ghosts.push_back(bare.slot(ref_of[n]) == bare.slot(mem.slot + n));
        const z3::expr R = any_of(rest, ctx) && all_of(ghosts, ctx) && bnd;
        const std::string subject = "system '" + m.name + "', spike equivalence with the reference by induction over inputs, B = " +
                                    std::to_string(B);
        cert.system = m.name;
        cert.property = "equivalence";
        cert.method = "per-event induction";
        cert.k = std::max<std::uint32_t>(1, B);
        cert.invariant = smt2_script(R, "R, the rest relation of " + subject);
        cert.obligations.push_back({"init", "Init ∧ ¬R", smt2_script(tr.init(bare) && !R, "init: " + subject)});
        // The property obligations hold at most kLeavesPerObligation run ends each (one
        // disjunction of hundreds is hard for cvc5; the pieces are easy).
        constexpr std::size_t kLeavesPerObligation = 24;
        for (std::size_t c = 0; c < classes.size(); ++c) {
            std::map<std::uint32_t, z3::expr_vector> uncovered;
            const std::string tag = std::to_string(c + 1);
            const std::vector<Explorer::Leaf>& ls = leaves_of[c];
            for (std::size_t first = 0, part = 1; first < ls.size(); first += kLeavesPerObligation, ++part) {
                z3::expr_vector bad(ctx);
                for (std::size_t i = first; i < std::min(ls.size(), first + kLeavesPerObligation); ++i) bad.push_back(ls[i].pc && ls[i].bad);
                const std::string name = "property-" + tag + "-" + std::to_string(part);
                cert.obligations.push_back({name, "bounds(v0) ∧ ∨ run ends (pc ∧ (mismatch ∨ ¬bounds(v_end))), rest state " + tag + ", run ends " +
                                                      std::to_string(first + 1) + ".." + std::to_string(std::min(ls.size(), first + kLeavesPerObligation)),
                                            smt2_script(bnd && any_of(bad, ctx), name + ": " + subject)});
            }
            for (const Explorer::Leaf& l : ls) uncovered.try_emplace(l.input, ctx).first->second.push_back(!l.pc);
            z3::expr_vector holes(ctx);
            for (auto& [input, xs] : uncovered) holes.push_back(all_of(xs, ctx));
            cert.obligations.push_back({"coverage-" + tag, "bounds(v0) ∧ ∨ inputs ∧ run ends ¬pc, rest state " + tag,
                                        smt2_script(bnd && any_of(holes, ctx), "coverage from rest state " + tag + ": " + subject)});
        }
        cert.binding.model_sha256 = model_fingerprint(m);
        cert.binding.property_sha256 = property_fingerprint(prop);
    }
    r.verdict = Verdict::Pass;
    r.depth = B;
    r.states = explored;
    r.seconds = deadline.elapsed();
    r.message = "equivalent to the reference for every stream of every length, under every schedule that offers each input at rest "
                "(induction over inputs: every input settles within " + plural(B, "step") + "; " + plural(explored, "symbolic state") +
                ", " + plural(out.leaves, "run end") + ", " + plural(classes.size(), "rest state") + ")";
    if (!out.strengthening.empty()) r.message += "; R: " + join(out.strengthening, "; ");
    if (restarts) r.message += "; " + plural(restarts, "bound") + " dropped";
    r.message += "; " + plural(fixed_restarts, "slot") + " found read at rest before written (fixed in R), " +
                 plural(free.size(), "slot") + " left free";
    r.certificate = std::move(cert);
    if (opt.recheck) {
        RecheckOptions ro = opt.recheck_options;
        if (opt.cancel && !ro.stop) ro.stop = [c = opt.cancel] { return c->cancelled(); };
        confirm_certificate(r, ro);
    }
    // Schedules that offer an input while the design is busy are outside the induction: the
    // bounded miter explores every schedule of streams of up to search_inputs inputs.
    if (r.verdict == Verdict::Pass && opt.search_inputs > 0) {
        MiterResult b = bounded(opt.search_inputs);
        if (b.result.verdict == Verdict::Fail || b.result.verdict == Verdict::Error)
            return adopt_miter(std::move(b), "every input settles and matches the reference when offered at rest, but a schedule that "
                                             "offers an input while the design is busy differs: ");
        if (b.result.verdict == Verdict::Pass)
            r.message += "; schedules that overlap inputs: equal for every stream of up to " + plural(opt.search_inputs, "input") +
                         " under every schedule (explicit miter, " + plural(b.result.states, "state") + ")";
        else
            r.message += "; schedules that overlap inputs: not decided for streams of " + plural(opt.search_inputs, "input") + " (" +
                         b.result.message + ")";
    }
    r.seconds = deadline.elapsed();
    return out;
}

}  // namespace np
