#include "checkers/k_induction.hpp"

#include "checkers/emit_certificate.hpp"
#include "checkers/linear_invariants.hpp"
#include "checkers/unrolling.hpp"
#include "model/cone_of_influence.hpp"
#include "model/eval.hpp"

namespace np {

namespace {

// The clause message of a blocked firing enabled in the state (for the UNKNOWN message).
std::string blocked_firing(const System& sys, const State& s) {
    for (const Property& p : sys.properties) {
        if (!p.blocking) continue;
        for (const Clause& c : p.clauses)
            if (c.transition >= 0 && enabled(sys.transitions[c.transition], s) && holds(c.bad, s)) return c.message;
    }
    return "a firing that a blocking property forbids";
}

// k-induction with the context and solvers of `space`; every other Z3 object it builds is gone
// when it returns. `stopped` says why the run ended early (empty: it did not).
std::vector<PropertyResult> run_kind(SolverSpace& space, const System& sys, const std::vector<const Property*>& props,
                                     const SymbolicOptions& options, const Deadline& deadline, std::string& stopped) {
    z3::context& ctx = space.ctx;
    InterruptOnCancel attach(options.cancel, ctx);
    TransitionRelation tr(ctx, sys, options.include_inputs);
    z3::solver& base_solver = space.add_solver();
    z3::solver& step_solver = space.add_solver();
    Unrolling base(tr, base_solver, true), step(tr, step_solver, false);

    // The step case is strengthened: its frames satisfy the linear invariants (lemmas, re-checked
    // as part of every certificate's invariant), and its simple-path constraint compares only the
    // slots in the cone of influence of the properties checked (the union of their cones).
    const std::vector<LinearInvariant> lemmas = find_linear_invariants(tr, deadline);
    const ExprEncoder bare = tr.state("");
    const z3::expr lemma = encode_linear_invariants(tr, lemmas, bare);
    auto lemma_at = [&](const ExprEncoder& s) { return z3::expr(lemma).substitute(bare.slots(), s.slots()); };
    const std::vector<bool> cone = cone_of_influence(sys, props);
    step_solver.add(lemma_at(step.frame(0)));

    struct Open {
        std::optional<PropertyResult> result;
        std::vector<z3::expr> ok;  // ok[i] -> ¬B(s_i) in the step solver
        std::uint32_t proved_at = 0;
    };
    std::vector<Open> st(props.size());
    std::size_t open = props.size();
    std::optional<std::pair<std::uint32_t, std::string>> truncation;  // (depth, what)
    std::uint32_t base_covered = 0;  // base cases 0 .. base_covered-1 are clean for the open properties
    auto assume = [&](std::initializer_list<z3::expr> lits) {
        z3::expr_vector v(ctx);
        for (const z3::expr& l : lits) v.push_back(l);
        return v;
    };

    auto skip_decided = [&] {
        if (!options.still_open) return;
        for (std::size_t pi = 0; pi < props.size(); ++pi)
            if (!st[pi].result && !options.still_open(*props[pi])) {
                PropertyResult r;
                r.name = props[pi]->name;
                r.kind = props[pi]->kind;
                r.engine = "kind";
                r.verdict = Verdict::Unknown;
                r.message = "decided by another engine";
                st[pi].result = std::move(r);
                --open;
            }
    };
    for (std::uint32_t k = 0; open > 0 && k <= options.depth && stopped.empty(); ++k) {
        if (options.progress) options.progress("k = " + std::to_string(k));
        if (k > 0) {
            base.extend();
            step.extend();
            step_solver.add(lemma_at(step.frame(k)));
            for (std::uint32_t i = 0; i < k; ++i) step_solver.add(tr.differ(step.frame(i), step.frame(k), &cone));
        }
        // Base case at depth k.
        skip_decided();
        for (std::size_t pi = 0; pi < props.size() && stopped.empty(); ++pi) {
            if (st[pi].result) continue;
            z3::expr act = fresh_literal(ctx, "base");
            base_solver.add(z3::implies(act, tr.violates(*props[pi], base.frame(k))));
            if (check_within(base_solver, assume({act}), deadline, stopped) == z3::sat) {
                st[pi].result = counterexample_result(sys, *props[pi], base.trace(base_solver.get_model(), k), "kind");
                st[pi].result->seconds = deadline.elapsed();
                if (options.decided) options.decided(pi, *st[pi].result);
                --open;
            }
            base_solver.add(!act);
        }
        if (!stopped.empty()) break;
        if (tr.has_blocking() && !truncation) {
            z3::expr act = fresh_literal(ctx, "trunc");
            base_solver.add(z3::implies(act, tr.truncation(base.frame(k))));
            z3::check_result r = check_within(base_solver, assume({act}), deadline, stopped);
            if (r == z3::sat) {
                Trace t = base.trace(base_solver.get_model(), k);
                truncation = {k, blocked_firing(sys, t.final_state())};
            }
            base_solver.add(!act);
            if (!stopped.empty()) break;
        }
        base_covered = k + 1;
        if (truncation) continue;  // no proof is possible; keep looking for counterexamples
        // Step case at k.
        skip_decided();
        for (std::size_t pi = 0; pi < props.size() && stopped.empty(); ++pi) {
            Open& o = st[pi];
            if (o.result) continue;
            z3::expr bad = fresh_literal(ctx, "step");
            step_solver.add(z3::implies(bad, tr.obligation(*props[pi], step.frame(k))));
            z3::expr_vector lits(ctx);
            for (const z3::expr& l : o.ok) lits.push_back(l);
            lits.push_back(bad);
            z3::check_result r = check_within(step_solver, lits, deadline, stopped);
            step_solver.add(!bad);
            z3::expr ok = fresh_literal(ctx, "ok");
            step_solver.add(z3::implies(ok, !tr.obligation(*props[pi], step.frame(k))));
            o.ok.push_back(ok);
            if (r != z3::unsat) continue;
            PropertyResult res;
            res.name = props[pi]->name;
            res.kind = props[pi]->kind;
            res.engine = "kind";
            res.verdict = Verdict::Pass;
            res.depth = k;
            res.message = std::string(props[pi]->kind == PropertyKind::Deadlock ? "no reachable deadlock"
                                                                                : "holds in every reachable state") +
                          " (k-induction closed at k = " + std::to_string(k) +
                          (lemmas.empty() ? std::string() : " with " + plural(lemmas.size(), "linear invariant")) + ")";
            if (options.certificates != SymbolicOptions::Certificates::None) {
                attach_certificate(res, make_certificate(tr, *props[pi], "k-induction", k,
                                                         lemma && !tr.obligation(*props[pi], bare), &cone),
                                   options);
            }
            res.seconds = deadline.elapsed();
            o.result = std::move(res);
            if (options.decided) options.decided(pi, *o.result);
            --open;
        }
    }

    std::vector<PropertyResult> results;
    for (std::size_t pi = 0; pi < props.size(); ++pi) {
        if (st[pi].result) {
            results.push_back(std::move(*st[pi].result));
            results.back().seconds = deadline.elapsed();
            continue;
        }
        PropertyResult r;
        r.name = props[pi]->name;
        r.kind = props[pi]->kind;
        r.engine = "kind";
        r.verdict = Verdict::Unknown;
        r.seconds = deadline.elapsed();
        r.depth = base_covered == 0 ? 0 : base_covered - 1;
        if (base_covered == 0) {
            r.message = "nothing was checked; stopped: " + stopped;
        } else {
            r.message = "no violation up to depth " + std::to_string(base_covered - 1);
            if (truncation)
                r.message += "; no proof is possible: " + truncation->second + " (at depth " +
                             std::to_string(truncation->first) + "); behaviour past such firings is not part of the model";
            else
                r.message += "; not k-inductive for k <= " + std::to_string(st[pi].ok.empty() ? 0 : st[pi].ok.size() - 1);
            if (!stopped.empty()) r.message += "; stopped: " + stopped;
        }
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace

std::vector<PropertyResult> check_kind(const System& sys, const std::vector<const Property*>& props,
                                       const SymbolicOptions& options) {
    const Deadline deadline(options);
    return run_in_solver_space(deadline, [&](SolverSpace& space, std::string& stopped) {
        return run_kind(space, sys, props, options, deadline, stopped);
    });
}

}  // namespace np
