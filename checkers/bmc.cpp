#include "checkers/bmc.hpp"

#include "checkers/unrolling.hpp"

namespace np {

namespace {

std::vector<PropertyResult> bmc_in(const TransitionRelation& tr, z3::solver& solver, const std::vector<const Property*>& props,
                                   std::uint32_t max_depth, const Deadline& deadline, const std::string& engine,
                                   const SymbolicOptions& hooks, std::string& stopped) {
    const System& sys = tr.system();
    z3::context& ctx = tr.ctx();
    Unrolling u(tr, solver, true);
    std::vector<std::optional<PropertyResult>> done(props.size());
    std::vector<bool> skipped(props.size());
    std::size_t open = props.size();
    std::uint32_t covered = 0;  // every depth < covered was checked for every open property
    for (std::uint32_t k = 0; open > 0 && k <= max_depth; ++k) {
        if (k > 0) u.extend();
        if (hooks.progress) hooks.progress("depth " + std::to_string(k));
        for (std::size_t i = 0; i < props.size() && stopped.empty(); ++i) {
            if (done[i] || skipped[i]) continue;
            if (hooks.still_open && !hooks.still_open(*props[i])) {
                skipped[i] = true;
                --open;
                continue;
            }
            z3::expr act = fresh_literal(ctx, "bad");
            solver.add(z3::implies(act, tr.violates(*props[i], u.frame(k))));
            z3::expr_vector assume(ctx);
            assume.push_back(act);
            z3::check_result r = check_within(solver, assume, deadline, stopped);
            if (r == z3::sat) {
                done[i] = counterexample_result(sys, *props[i], u.trace(solver.get_model(), k), engine);
                done[i]->seconds = deadline.elapsed();
                if (hooks.decided) hooks.decided(i, *done[i]);
                --open;
            }
            solver.add(!act);
        }
        if (!stopped.empty()) break;
        covered = k + 1;
    }
    std::vector<PropertyResult> results;
    for (std::size_t i = 0; i < props.size(); ++i) {
        if (done[i]) {
            results.push_back(std::move(*done[i]));
            continue;
        }
        PropertyResult r;
        r.name = props[i]->name;
        r.kind = props[i]->kind;
        r.engine = engine;
        r.verdict = Verdict::Unknown;
        r.depth = covered == 0 ? 0 : covered - 1;
        r.message = covered == 0 ? "nothing was checked; stopped: " + stopped
                  : "no violation up to depth " + std::to_string(covered - 1) + " (bounded model checking)" +
                        (stopped.empty() ? std::string() : "; stopped: " + stopped);
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace

std::vector<PropertyResult> run_bmc(const TransitionRelation& tr, const std::vector<const Property*>& props,
                                    std::uint32_t max_depth, const Deadline& deadline, const std::string& engine,
                                    const SymbolicOptions& hooks) {
    z3::solver solver(tr.ctx(), z3::solver::simple());
    std::string stopped;
    return bmc_in(tr, solver, props, max_depth, deadline, engine, hooks, stopped);
}

std::vector<PropertyResult> check_bmc(const System& sys, const std::vector<const Property*>& props,
                                      const SymbolicOptions& options) {
    const Deadline deadline(options);
    std::vector<PropertyResult> results = run_in_solver_space(deadline, [&](SolverSpace& space, std::string& stopped) {
        InterruptOnCancel attach(options.cancel, space.ctx);
        const TransitionRelation tr(space.ctx, sys, options.include_inputs);
        return bmc_in(tr, space.add_solver(), props, options.depth, deadline, "bmc", options, stopped);
    });
    for (PropertyResult& r : results) r.seconds = deadline.elapsed();
    return results;
}

}  // namespace np
