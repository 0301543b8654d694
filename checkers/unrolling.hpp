// An unrolling of the step relation into a Z3 solver, frame by frame (internal to the symbolic
// engines): frame i is the state copy with suffix "<i>", step i the selector "sel@<i>" with
// T(frame i, sel@i, frame i+1). Rooted unrollings constrain frame 0 to the initial state (BMC
// and the base case of k-induction); free ones do not (the step case of k-induction).
#pragma once

#include <z3++.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checkers/symbolic_options.hpp"
#include "checkers/transition_relation.hpp"

namespace np {

class Unrolling {
public:
    Unrolling(const TransitionRelation& tr, z3::solver& solver, bool rooted);
    std::uint32_t steps() const { return static_cast<std::uint32_t>(sels_.size()); }
    // Adds frame steps()+1 and the step leading to it.
    void extend();
    const ExprEncoder& frame(std::uint32_t i) const { return frames_[i]; }
    const z3::expr& selector(std::uint32_t i) const { return sels_[i]; }
    // The run frames 0..steps of a model: states as the model gives them, transitions named by
    // the selectors. Not yet replayed.
    Trace trace(const z3::model& m, std::uint32_t steps) const;

private:
    const TransitionRelation& tr_;
    z3::solver& solver_;
    std::vector<ExprEncoder> frames_;
    std::vector<z3::expr> sels_;
};

// One solver query under the deadline: sets the solver's timeout to what is left, checks under
// the assumptions. Returns sat/unsat, or unknown with `why` set (time limit, cancellation, or
// the solver's reason).
z3::check_result check_within(z3::solver& s, const z3::expr_vector& assumptions, const Deadline& deadline,
                              std::string& why);

// A fresh activation literal named "<prefix>!<n>" (unique in its context).
z3::expr fresh_literal(z3::context& ctx, const std::string& prefix);

std::string plural(std::uint64_t n, const char* word);

// The context and solvers of one symbolic run, held apart from the run's other Z3 objects.
// Destroying a solver after a long search frees its whole clause store (0.5-2 s for the
// equivalence miter's unrolling on a loaded machine), and a run its budget stopped must report at
// once: such a run destroys everything else it built on the context first, then hands the space
// over with release(space, true), which leaves the teardown to destroy_later.
struct SolverSpace {
    z3::context ctx;
    std::deque<z3::solver> solvers;  // stable addresses
    z3::solver& add_solver() { return solvers.emplace_back(ctx, z3::solver::simple()); }
};
// Destroys `space` here, or when `stopped` in the background (checkers/destroy_later.hpp).
void release(std::shared_ptr<SolverSpace> space, bool stopped);

// Runs `run(space, stopped)` on a fresh SolverSpace — `run` builds every other Z3 object itself
// and sets `stopped` when the run ended early — then releases the space: in the background when
// the run was stopped, or threw once the deadline had passed or the run was cancelled.
template <class Run>
auto run_in_solver_space(const Deadline& deadline, Run&& run) {
    auto space = std::make_shared<SolverSpace>();
    std::string stopped;
    try {
        auto out = run(*space, stopped);
        release(std::move(space), !stopped.empty());
        return out;
    } catch (...) {
        release(std::move(space), deadline.expired() || deadline.cancelled());
        throw;
    }
}

// A counterexample found by a symbolic engine, finished and replayed (transition_relation.hpp):
// FAIL with the trace, or ERROR when the replay disagrees.
PropertyResult counterexample_result(const System& sys, const Property& p, Trace trace, const std::string& engine);

}  // namespace np
