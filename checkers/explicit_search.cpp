#include "checkers/explicit_search.hpp"

#include <algorithm>
#include <chrono>
#include <new>
#include <optional>

#include "checkers/replay_trace.hpp"
#include "checkers/state_store.hpp"
#include "model/compile_expr.hpp"
#include "model/eval.hpp"

namespace np {

namespace {

using Clock = std::chrono::steady_clock;

struct Violation {
    bool found = false;
    std::uint32_t state = 0;
    std::int32_t clause = -1;
    std::int32_t transition = -1;
};

struct ClauseRef {
    std::uint32_t property;  // index into the checked list; blocking-only properties come after it
    std::uint32_t clause;
};

std::string plural(std::uint64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::vector<PropertyResult> check_explicit(const System& sys, const std::vector<const Property*>& requested,
                                           const ExplicitOptions& options) {
    const auto start = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };

    // Checked properties: the requested ones, then blocking properties that were not requested
    // (they must still guard every firing).
    std::vector<const Property*> props = requested;
    for (const Property& p : sys.properties)
        if (p.blocking && std::find(props.begin(), props.end(), &p) == props.end()) props.push_back(&p);
    const std::size_t n_requested = requested.size();

    std::vector<std::vector<ClauseRef>> transition_clauses(sys.transitions.size());
    std::vector<ClauseRef> state_clauses;
    for (std::uint32_t pi = 0; pi < props.size(); ++pi)
        for (std::uint32_t ci = 0; ci < props[pi]->clauses.size(); ++ci) {
            const Clause& c = props[pi]->clauses[ci];
            if (c.transition >= 0) transition_clauses.at(c.transition).push_back({pi, ci});
            else state_clauses.push_back({pi, ci});
        }

    StatePacker packer(sys);
    StateStore store(packer.words());
    std::vector<std::uint32_t> parent, via;
    std::vector<Violation> violation(props.size());
    std::size_t open_properties = n_requested;
    // The first firing skipped because it would leave the model's domain (a blocking clause).
    std::optional<std::pair<std::uint32_t, ClauseRef>> truncation;  // (state, clause)
    std::uint64_t max_states = options.limits.max_states ? options.limits.max_states : ~std::uint64_t{0};
    max_states = std::min<std::uint64_t>(max_states, 0xFFFFFFF0u);
    std::string stopped;  // why the search ended early, empty when it covered everything
    std::uint32_t depth = 0;

    State cur(sys.slot_count);
    const CompiledTransitions compiled(sys);  // guards and updates as flat programs (model/compile_expr.hpp)
    std::vector<std::uint64_t> regs;
    std::vector<std::uint64_t> packed(packer.words());
    std::vector<std::uint32_t> en;
    double last_progress = 0;

    auto record = [&](std::uint32_t pi, std::uint32_t state, std::int32_t clause, std::int32_t transition) {
        if (violation[pi].found) return;
        violation[pi] = {true, state, clause, transition};
        if (pi < n_requested) --open_properties;
    };

    try {
        const State init = sys.initial_state();
        packer.pack(init, packed.data());
        store.insert(packed.data());
        parent.push_back(0);
        via.push_back(0);
        std::uint64_t level_end = 1;
        for (std::uint64_t i = 0; i < store.size(); ++i) {
            if (i == level_end) {
                ++depth;
                level_end = store.size();
            }
            if ((i & 1023) == 0 && i > 0) {
                double now = elapsed();
                if (options.limits.cancel && options.limits.cancel->cancelled()) {
                    stopped = options.limits.cancel->reason();
                    break;
                }
                if (options.limits.timeout_seconds > 0 && now >= options.limits.timeout_seconds) {
                    stopped = "time limit of " + std::to_string(options.limits.timeout_seconds) + " s reached (--timeout)";
                    break;
                }
                const std::uint64_t mem = store.memory_bytes() + (parent.capacity() + via.capacity()) * 4;
                if (options.limits.max_memory_bytes && mem >= options.limits.max_memory_bytes) {
                    stopped = "memory limit of " + std::to_string(options.limits.max_memory_bytes >> 20) +
                              " MiB reached (--max-memory)";
                    break;
                }
                if (options.progress && now - last_progress >= options.progress_interval) {
                    last_progress = now;
                    options.progress({store.size(), depth, now, mem});
                }
            }
            const std::uint32_t si = static_cast<std::uint32_t>(i);
            packer.unpack(store.get(si), cur);

            en.clear();
            for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
                if (compiled.enabled(t, cur, regs)) en.push_back(t);

            for (const ClauseRef& r : state_clauses)
                if (!violation[r.property].found && holds(props[r.property]->clauses[r.clause].bad, cur))
                    record(r.property, si, static_cast<std::int32_t>(r.clause), -1);
            for (std::uint32_t t : en)
                for (const ClauseRef& r : transition_clauses[t])
                    if (!violation[r.property].found && holds(props[r.property]->clauses[r.clause].bad, cur))
                        record(r.property, si, static_cast<std::int32_t>(r.clause), static_cast<std::int32_t>(t));
            if (en.empty())
                for (std::uint32_t pi = 0; pi < n_requested; ++pi)
                    if (props[pi]->kind == PropertyKind::Deadlock) record(pi, si, -1, -1);
            if (open_properties == 0 && n_requested > 0) break;

            for (std::uint32_t t : en) {
                bool blocked = false;
                for (const ClauseRef& r : transition_clauses[t])
                    if (props[r.property]->blocking && holds(props[r.property]->clauses[r.clause].bad, cur)) {
                        blocked = true;
                        if (!truncation) truncation = {si, r};
                        break;
                    }
                if (blocked) continue;
                // Successor = the current packed state with the transition's writes applied.
                std::copy(store.get(si), store.get(si) + packer.words(), packed.data());
                compiled.for_each_write(t, cur, regs,
                                        [&](std::uint32_t slot, std::uint64_t value) { packer.set(packed.data(), slot, value); });
                auto [id, fresh] = store.insert(packed.data());
                if (fresh) {
                    parent.push_back(si);
                    via.push_back(t);
                }
            }
            if (store.size() > max_states) {
                stopped = "state limit of " + std::to_string(max_states) + " reached (--max-states)";
                break;
            }
        }
    } catch (const std::bad_alloc&) {
        stopped = "out of memory after " + plural(store.size(), "state");
    }

    // Depth of a state = length of its parent chain.
    auto path_to = [&](std::uint32_t s) {
        std::vector<std::uint32_t> chain;
        while (s != 0) {
            chain.push_back(s);
            s = parent[s];
        }
        return std::vector<std::uint32_t>(chain.rbegin(), chain.rend());
    };

    const double seconds = elapsed();
    const bool complete = stopped.empty() && open_properties > 0;
    std::string truncation_note;
    if (truncation) {
        const auto& [state, ref] = *truncation;
        truncation_note = props[ref.property]->clauses[ref.clause].message + " (at depth " +
                          std::to_string(path_to(state).size()) +
                          "); behaviour past such firings was not explored";
    }

    std::vector<PropertyResult> results;
    for (std::size_t pi = 0; pi < n_requested; ++pi) {
        const Property& p = *props[pi];
        PropertyResult r;
        r.name = p.name;
        r.kind = p.kind;
        r.engine = "explicit";
        r.seconds = seconds;
        r.states = store.size();
        const Violation& v = violation[pi];
        if (v.found) {
            Trace tr;
            tr.initial = sys.initial_state();
            for (std::uint32_t s : path_to(v.state)) {
                State st(sys.slot_count);
                packer.unpack(store.get(s), st);
                tr.steps.push_back({via[s], std::move(st)});
            }
            tr.violated_clause = v.clause;
            tr.violating_transition = v.transition;
            tr.violation = v.clause >= 0 ? p.clauses[v.clause].message
                                         : std::string("deadlock: no transition is enabled");
            r.depth = static_cast<std::uint32_t>(tr.steps.size());
            std::string bad = replay_trace(sys, p, tr);
            if (!bad.empty()) {
                r.verdict = Verdict::Error;
                r.message = "internal error: the counterexample failed its replay on the model: " + bad;
            } else {
                r.verdict = Verdict::Fail;
                r.message = tr.violation + "; shortest trace: " + plural(tr.steps.size(), "step");
            }
            r.trace = std::move(tr);
        } else if (complete && !truncation) {
            r.verdict = Verdict::Pass;
            r.depth = depth;
            r.message = (p.kind == PropertyKind::Deadlock ? "no deadlock in " : "holds in all ") +
                        plural(store.size(), "reachable state") + " (complete search, depth " + std::to_string(depth) + ")";
        } else {
            r.verdict = Verdict::Unknown;
            r.depth = depth;
            r.message = "no violation in " + plural(store.size(), "state") + " up to depth " + std::to_string(depth) +
                        "; " + (!stopped.empty() ? "stopped: " + stopped
                                : truncation ? "the search is incomplete: " + truncation_note
                                : "the search ended early");
        }
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace np
