#include "checkers/simulate.hpp"

#include <stdexcept>

#include "model/eval.hpp"

namespace np {

Scheduler Scheduler::random(std::uint64_t seed) {
    Scheduler s;
    s.random_ = true;
    s.rng_.seed(seed);
    return s;
}

Scheduler Scheduler::recorded(std::vector<std::uint32_t> choices) {
    Scheduler s;
    s.random_ = false;
    s.script_ = std::move(choices);
    return s;
}

std::uint32_t Scheduler::choose(std::uint32_t n) {
    std::uint32_t c = 0;
    if (random_) c = static_cast<std::uint32_t>(std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_));
    else if (next_ < script_.size()) c = script_[next_++] % n;
    made_.push_back(c);
    return c;
}

SimulationResult simulate(const System& sys, const std::vector<std::uint32_t>& inputs, Scheduler& scheduler,
                          const SimulationLimits& limits) {
    for (std::uint32_t i : inputs)
        if (i >= sys.transitions.size() || sys.transitions[i].kind != TransitionKind::Input)
            throw std::invalid_argument("simulate: transition " + std::to_string(i) + " is not an input");
    SimulationResult r;
    State cur = sys.initial_state();
    r.run.initial = cur;
    std::vector<std::uint32_t> local;
    const std::size_t choices_before = scheduler.made().size();
    // Settles; returns false on a livelock.
    auto settle = [&](std::uint64_t& firings, std::uint64_t& energy) {
        for (std::uint64_t k = 0;; ++k) {
            local.clear();
            for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
                if (is_local(sys.transitions[t].kind) && enabled(sys.transitions[t], cur)) local.push_back(t);
            if (local.empty()) return true;
            if (k >= limits.max_settle_steps) return false;
            std::uint32_t t = local[scheduler.choose(static_cast<std::uint32_t>(local.size()))];
            cur = fire(sys, sys.transitions[t], cur);
            r.run.steps.push_back({t, cur});
            ++firings;
            energy += sys.transitions[t].energy;
        }
    };
    std::uint64_t e0 = 0;
    bool ok = settle(r.initial_settling, e0);
    for (std::size_t k = 0; ok && k < inputs.size(); ++k) {
        const Transition& in = sys.transitions[inputs[k]];
        if (!enabled(in, cur)) {
            r.stopped = "input " + std::to_string(k + 1) + " (" + in.name + ") is not enabled in the quiescent state reached";
            break;
        }
        cur = fire(sys, in, cur);
        r.run.steps.push_back({inputs[k], cur});
        InputActivity a;
        a.input = inputs[k];
        ok = settle(a.local_firings, a.energy);
        r.per_input.push_back(a);
    }
    if (!ok)
        r.stopped = "no quiescent state after " + std::to_string(limits.max_settle_steps) +
                    " local firings (livelock or oscillation)";
    r.choices.assign(scheduler.made().begin() + static_cast<std::ptrdiff_t>(choices_before), scheduler.made().end());
    return r;
}

}  // namespace np
