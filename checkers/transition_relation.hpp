// The symbolic semantics of a System (DESIGN §2) over Z3, shared by every symbolic engine and by
// certificate emission. A state is a copy of the slot constants (an ExprEncoder with its own name
// suffix); a step between two copies carries a *selector*, a bit-vector constant naming the
// transition that fires, so that a model of an unrolling names the fired transition of each step.
//
// The step relation T(pre, sel, post) is the disjunction of the guarded updates with frame
// conditions, written per transition t as
//     sel = t  ->  guard_t(pre) ∧ ¬blocked_t(pre)
// and per slot x as
//     post.x = ite(sel = t1, val_t1(x), ite(sel = t2, val_t2(x), ..., pre.x))
// over the transitions that write x, with val_t(x) following model/eval.hpp's for_each_write
// exactly: parallel assignment (right-hand sides and indices read pre), a write through an
// out-of-range index is dropped, a later write of the same slot wins. sel ranges over the
// transitions the relation allows: all of them, or only the local ones (output and internal)
// when input transitions are switched off.
//
// Blocking properties (model/system.hpp) restrict T: blocked_t holds when a transition clause on
// t of some blocking property of the system is violated in pre; such a firing never happens.
// truncation(s) says that s enables a blocked firing: a search through s has not covered the
// whole behaviour, so no engine may prove anything while such a state is reachable (the
// explicit engine's rule). A proof of property P is therefore a proof that no reachable state
// satisfies obligation(P) = violates(P) ∨ truncation.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "checkers/encode_expr.hpp"
#include "checkers/result.hpp"

namespace np {

class TransitionRelation {
public:
    TransitionRelation(z3::context& ctx, const System& sys, bool include_inputs = true);
    bool includes_inputs() const { return include_inputs_; }

    z3::context& ctx() const { return ctx_; }
    const System& system() const { return sys_; }
    bool allows(std::uint32_t transition) const { return allowed_[transition]; }
    // False when no transition is allowed (then T is false).
    bool any_allowed() const;

    // A fresh copy of the state, its constants named "<variable>@<suffix>" (bare names for "").
    ExprEncoder state(const std::string& suffix) const { return ExprEncoder(ctx_, sys_, suffix); }
    // The selector constant "sel@<suffix>" of a step.
    z3::expr selector(const std::string& suffix) const;
    unsigned selector_width() const { return sel_width_; }

    z3::expr init(const ExprEncoder& s) const;
    z3::expr step(const ExprEncoder& pre, const z3::expr& sel, const ExprEncoder& post) const;

    // One transition on its own: it may fire (guard ∧ ¬blocked), and the value of every slot after
    // it fired (for_each_write's semantics; unwritten slots keep their value).
    z3::expr fires(const ExprEncoder& pre, std::uint32_t transition) const;
    z3::expr_vector successor(const ExprEncoder& pre, std::uint32_t transition) const;

    z3::expr enabled(const ExprEncoder& s, std::uint32_t transition) const;
    // No transition of the system at all is enabled (input transitions included, whatever the
    // relation allows: DESIGN §3's deadlock).
    z3::expr deadlock(const ExprEncoder& s) const;
    // s violates p: a state clause's `bad` holds, or a transition clause's transition is enabled
    // and its `bad` holds; for a deadlock property, also deadlock(s).
    z3::expr violates(const Property& p, const ExprEncoder& s) const;
    z3::expr truncation(const ExprEncoder& s) const;
    bool has_blocking() const { return !blocking_.empty(); }
    z3::expr obligation(const Property& p, const ExprEncoder& s) const { return violates(p, s) || truncation(s); }
    // The two copies differ in some slot (of `on`, when given: one flag per slot).
    z3::expr differ(const ExprEncoder& a, const ExprEncoder& b, const std::vector<bool>* on = nullptr) const;

    std::uint32_t selected(const z3::model& m, const z3::expr& sel) const;

private:
    // The values `transition` writes, per slot it may write.
    std::map<std::uint32_t, z3::expr> writes(const ExprEncoder& pre, std::uint32_t transition) const;
    z3::expr blocked(const ExprEncoder& s, std::uint32_t transition) const;
    z3::expr sel_is(const z3::expr& sel, std::uint32_t t) const;

    struct ClauseRef {
        const Property* property;
        std::uint32_t clause;
    };
    z3::context& ctx_;
    const System& sys_;
    std::vector<bool> allowed_;
    bool include_inputs_ = true;
    unsigned sel_width_ = 1;
    std::vector<ClauseRef> blocking_;                      // transition clauses of blocking properties
    std::vector<std::vector<std::uint32_t>> writers_;      // per slot: transitions that may write it
};

// Which clause of `p` the state `s` violates, the explicit engine's way: the first state clause
// that holds, else the first transition clause whose transition is enabled and whose `bad` holds;
// -1 when none does (for a deadlock property: s is a deadlock).
std::int32_t violated_clause(const System& sys, const Property& p, const State& s);

// Fills the violation fields of a counterexample ending in a state that violates `p`, names it in
// the explicit engine's words, and replays it on the model (checkers/replay_trace.hpp). Returns the
// empty string when the replay succeeded, else the discrepancy.
std::string finish_counterexample(const System& sys, const Property& p, Trace& trace);

}  // namespace np
