#include "checkers/unrolling.hpp"

#include <atomic>

#include "checkers/destroy_later.hpp"

namespace np {

Unrolling::Unrolling(const TransitionRelation& tr, z3::solver& solver, bool rooted) : tr_(tr), solver_(solver) {
    frames_.push_back(tr.state("0"));
    if (rooted) solver_.add(tr.init(frames_[0]));
}

void Unrolling::extend() {
    const std::uint32_t k = steps();
    frames_.push_back(tr_.state(std::to_string(k + 1)));
    sels_.push_back(tr_.selector(std::to_string(k)));
    solver_.add(tr_.step(frames_[k], sels_[k], frames_[k + 1]));
}

Trace Unrolling::trace(const z3::model& m, std::uint32_t steps) const {
    Trace t;
    t.initial = frames_[0].state_value(m);
    for (std::uint32_t i = 0; i < steps; ++i) t.steps.push_back({tr_.selected(m, sels_[i]), frames_[i + 1].state_value(m)});
    return t;
}

z3::check_result check_within(z3::solver& s, const z3::expr_vector& assumptions, const Deadline& deadline,
                              std::string& why) {
    if (deadline.expired()) {
        why = deadline.why_stopped();
        return z3::unknown;
    }
    // ctrl_c off: Z3 would otherwise install its own SIGINT handler around the call (swallowing the
    // first ^C, and racing with other threads' calls over which handler is restored); the run's
    // watchdog interrupts the solver instead.
    z3::params p(s.ctx());
    p.set("ctrl_c", false);
    if (unsigned ms = deadline.remaining_ms()) p.set("timeout", ms);
    s.set(p);
    z3::check_result r = z3::unknown;
    try {
        r = s.check(assumptions);
    } catch (const z3::exception& e) {
        why = std::string("the solver failed: ") + e.msg();
        return z3::unknown;
    }
    if (r == z3::unknown) {
        if (deadline.expired()) why = deadline.why_stopped();
        else why = "the solver gave up (" + s.reason_unknown() + ")";
    }
    return r;
}

void release(std::shared_ptr<SolverSpace> space, bool stopped) {
    if (stopped) destroy_later(std::move(space));
}

z3::expr fresh_literal(z3::context& ctx, const std::string& prefix) {
    static std::atomic<std::uint64_t> counter{0};
    return ctx.bool_const((prefix + "!" + std::to_string(counter++)).c_str());
}

std::string plural(std::uint64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

PropertyResult counterexample_result(const System& sys, const Property& p, Trace trace, const std::string& engine) {
    PropertyResult r;
    r.name = p.name;
    r.kind = p.kind;
    r.engine = engine;
    r.depth = static_cast<std::uint32_t>(trace.steps.size());
    std::string bad = finish_counterexample(sys, p, trace);
    if (!bad.empty()) {
        r.verdict = Verdict::Error;
        r.message = "internal error: the " + engine + " counterexample failed its replay on the model: " + bad;
    } else {
        r.verdict = Verdict::Fail;
        r.message = trace.violation + "; trace: " + plural(trace.steps.size(), "step");
    }
    r.trace = std::move(trace);
    return r;
}

}  // namespace np
