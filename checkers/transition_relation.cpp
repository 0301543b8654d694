#include "checkers/transition_relation.hpp"

#include <map>

#include "checkers/replay_trace.hpp"
#include "model/eval.hpp"

namespace np {

TransitionRelation::TransitionRelation(z3::context& ctx, const System& sys, bool include_inputs)
    : ctx_(ctx), sys_(sys), writers_(sys.slot_count) {
    include_inputs_ = include_inputs;
    const std::uint32_t n = static_cast<std::uint32_t>(sys.transitions.size());
    for (const Transition& t : sys.transitions) allowed_.push_back(include_inputs || is_local(t.kind));
    sel_width_ = n <= 1 ? 1 : bits_for(n - 1);
    for (const Property& p : sys.properties)
        if (p.blocking)
            for (std::uint32_t c = 0; c < p.clauses.size(); ++c)
                if (p.clauses[c].transition >= 0) blocking_.push_back({&p, c});
    for (std::uint32_t t = 0; t < n; ++t)
        for (const Assignment& a : sys.transitions[t].updates) {
            const Variable& v = sys.variables[a.var];
            for (std::uint32_t k = 0; k < (a.index ? v.slots() : 1); ++k) {
                auto& w = writers_[v.slot + k];
                if (w.empty() || w.back() != t) w.push_back(t);
            }
        }
}

bool TransitionRelation::any_allowed() const {
    for (bool a : allowed_)
        if (a) return true;
    return false;
}

z3::expr TransitionRelation::selector(const std::string& suffix) const {
    return ctx_.bv_const(("sel@" + suffix).c_str(), sel_width_);
}

z3::expr TransitionRelation::sel_is(const z3::expr& sel, std::uint32_t t) const {
    return sel == ctx_.bv_val(static_cast<std::uint64_t>(t), sel_width_);
}

z3::expr TransitionRelation::init(const ExprEncoder& s) const { return s.equals(sys_.initial_state()); }

z3::expr TransitionRelation::enabled(const ExprEncoder& s, std::uint32_t t) const {
    return s.encode(sys_.transitions[t].guard);
}

z3::expr TransitionRelation::blocked(const ExprEncoder& s, std::uint32_t t) const {
    z3::expr_vector xs(ctx_);
    for (const ClauseRef& r : blocking_)
        if (r.property->clauses[r.clause].transition == static_cast<std::int32_t>(t))
            xs.push_back(s.encode(r.property->clauses[r.clause].bad));
    return any_of(xs, ctx_);
}

namespace {

// An index value as a bit-vector (a bool index reads 0/1, as the evaluator does).
z3::expr as_index(const ExprEncoder& s, const Expr& index, unsigned& width) {
    z3::expr i = s.encode(index);
    if (index->type.is_bool()) {
        width = 1;
        return z3::ite(i, s.value(Type::uint(1), 1), s.value(Type::uint(1), 0));
    }
    width = index->type.width;
    return i;
}

}  // namespace

z3::expr TransitionRelation::step(const ExprEncoder& pre, const z3::expr& sel, const ExprEncoder& post) const {
    if (!any_allowed()) return ctx_.bool_val(false);
    const std::uint32_t n = static_cast<std::uint32_t>(sys_.transitions.size());
    z3::expr_vector parts(ctx_);

    // sel names an allowed transition whose guard holds and that no blocking clause blocks.
    z3::expr_vector choices(ctx_);
    bool all = true;
    for (std::uint32_t t = 0; t < n; ++t) {
        if (!allowed_[t]) {
            all = false;
            continue;
        }
        choices.push_back(sel_is(sel, t));
        parts.push_back(z3::implies(sel_is(sel, t), fires(pre, t)));
    }
    if (all && (std::uint64_t{1} << sel_width_) == n) {
        // Every selector value names an allowed transition.
    } else if (all) {
        parts.push_back(z3::ult(sel, ctx_.bv_val(static_cast<std::uint64_t>(n), sel_width_)));
    } else {
        parts.push_back(any_of(choices, ctx_));
    }

    std::vector<std::map<std::uint32_t, z3::expr>> written(n);
    for (std::uint32_t t = 0; t < n; ++t)
        if (allowed_[t]) written[t] = writes(pre, t);
    for (std::uint32_t slot = 0; slot < sys_.slot_count; ++slot) {
        z3::expr value = pre.slot(slot);
        for (auto it = writers_[slot].rbegin(); it != writers_[slot].rend(); ++it) {
            auto w = written[*it].find(slot);
            if (w != written[*it].end()) value = z3::ite(sel_is(sel, *it), w->second, value);
        }
        parts.push_back(post.slot(slot) == value);
    }
    return all_of(parts, ctx_);
}

std::map<std::uint32_t, z3::expr> TransitionRelation::writes(const ExprEncoder& pre, std::uint32_t t) const {
    std::map<std::uint32_t, z3::expr> w;
    auto current = [&](std::uint32_t slot) {
        auto it = w.find(slot);
        return it != w.end() ? it->second : pre.slot(slot);
    };
    for (const Assignment& a : sys_.transitions[t].updates) {
        const Variable& v = sys_.variables[a.var];
        z3::expr value = pre.encode(a.value);
        if (!a.index) {
            w.insert_or_assign(v.slot, value);
            continue;
        }
        unsigned iw = 0;
        z3::expr idx = as_index(pre, a.index, iw);
        for (std::uint32_t k = 0; k < v.length; ++k) {
            if (iw < 64 && (std::uint64_t{k} >> iw) != 0) break;  // the index cannot reach k
            z3::expr hit = idx == ctx_.bv_val(static_cast<std::uint64_t>(k), iw);
            w.insert_or_assign(v.slot + k, z3::ite(hit, value, current(v.slot + k)));
        }
    }
    return w;
}

z3::expr TransitionRelation::fires(const ExprEncoder& pre, std::uint32_t t) const {
    return enabled(pre, t) && !blocked(pre, t);
}

z3::expr_vector TransitionRelation::successor(const ExprEncoder& pre, std::uint32_t t) const {
    std::map<std::uint32_t, z3::expr> w = writes(pre, t);
    z3::expr_vector post(ctx_);
    for (std::uint32_t slot = 0; slot < sys_.slot_count; ++slot) {
        auto it = w.find(slot);
        post.push_back(it != w.end() ? it->second : pre.slot(slot));
    }
    return post;
}

z3::expr TransitionRelation::deadlock(const ExprEncoder& s) const {
    z3::expr_vector xs(ctx_);
    for (std::uint32_t t = 0; t < sys_.transitions.size(); ++t) xs.push_back(!enabled(s, t));
    return all_of(xs, ctx_);
}

z3::expr TransitionRelation::violates(const Property& p, const ExprEncoder& s) const {
    z3::expr_vector xs(ctx_);
    if (p.kind == PropertyKind::Deadlock) xs.push_back(deadlock(s));
    for (const Clause& c : p.clauses) {
        z3::expr bad = s.encode(c.bad);
        xs.push_back(c.transition >= 0 ? enabled(s, static_cast<std::uint32_t>(c.transition)) && bad : bad);
    }
    return any_of(xs, ctx_);
}

z3::expr TransitionRelation::truncation(const ExprEncoder& s) const {
    z3::expr_vector xs(ctx_);
    for (const ClauseRef& r : blocking_) {
        const Clause& c = r.property->clauses[r.clause];
        xs.push_back(enabled(s, static_cast<std::uint32_t>(c.transition)) && s.encode(c.bad));
    }
    return any_of(xs, ctx_);
}

z3::expr TransitionRelation::differ(const ExprEncoder& a, const ExprEncoder& b, const std::vector<bool>* on) const {
    z3::expr_vector xs(ctx_);
    for (std::uint32_t i = 0; i < sys_.slot_count; ++i)
        if (!on || (*on)[i]) xs.push_back(a.slot(i) != b.slot(i));
    return any_of(xs, ctx_);
}

std::uint32_t TransitionRelation::selected(const z3::model& m, const z3::expr& sel) const {
    return static_cast<std::uint32_t>(m.eval(sel, true).get_numeral_uint64());
}

std::int32_t violated_clause(const System& sys, const Property& p, const State& s) {
    for (std::size_t c = 0; c < p.clauses.size(); ++c)
        if (p.clauses[c].transition < 0 && holds(p.clauses[c].bad, s)) return static_cast<std::int32_t>(c);
    for (std::size_t c = 0; c < p.clauses.size(); ++c) {
        const Clause& cl = p.clauses[c];
        if (cl.transition >= 0 && enabled(sys.transitions[cl.transition], s) && holds(cl.bad, s))
            return static_cast<std::int32_t>(c);
    }
    return -1;
}

std::string finish_counterexample(const System& sys, const Property& p, Trace& trace) {
    const State& last = trace.final_state();
    bool dead = true;
    for (const Transition& t : sys.transitions) dead = dead && !enabled(t, last);
    trace.violated_clause = p.kind == PropertyKind::Deadlock && dead ? -1 : violated_clause(sys, p, last);
    trace.violating_transition = -1;
    if (trace.violated_clause >= 0) {
        const Clause& c = p.clauses[trace.violated_clause];
        trace.violating_transition = c.transition;
        trace.violation = c.message;
    } else {
        trace.violation = "deadlock: no transition is enabled";
    }
    return replay_trace(sys, p, trace);
}

}  // namespace np
