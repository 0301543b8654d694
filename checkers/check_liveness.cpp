#include "checkers/check_liveness.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "checkers/replay_trace.hpp"
#include "model/eval.hpp"
#include "model/fairness.hpp"

namespace np {

namespace {

// Which fair transitions each state enables, computed once per state asked about.
class FairEnabled {
public:
    FairEnabled(const StateGraph& g, const std::vector<Fairness>& f) : g_(g) {
        for (std::uint32_t t = 0; t < f.size(); ++t)
            if (f[t] != Fairness::None) fair_.push_back(t);
    }
    const std::vector<std::uint32_t>& fair() const { return fair_; }
    // Bit i: fair()[i] is enabled in state s.
    const std::vector<bool>& at(std::uint32_t s) {
        auto it = cache_.find(s);
        if (it != cache_.end()) return it->second;
        const State st = g_.state(s);
        std::vector<bool> bits(fair_.size());
        for (std::size_t i = 0; i < fair_.size(); ++i) bits[i] = enabled(g_.sys->transitions[fair_[i]], st);
        return cache_.emplace(s, std::move(bits)).first->second;
    }

private:
    const StateGraph& g_;
    std::vector<std::uint32_t> fair_;
    std::unordered_map<std::uint32_t, std::vector<bool>> cache_;
};

// Strong components (Tarjan, iterative) of the subgraph of expanded states with member[s] set;
// comp[s] = -1 outside it.
std::vector<int> components(const StateGraph& g, const std::vector<std::uint8_t>& member, int& count) {
    const std::uint32_t n = g.expanded;
    std::vector<int> index(n, -1), low(n, 0), comp(n, -1);
    std::vector<std::uint8_t> on_stack(n, 0);
    std::vector<std::uint32_t> stack;
    struct Frame {
        std::uint32_t v;
        std::uint64_t e;
    };
    std::vector<Frame> frames;
    int next = 0;
    count = 0;
    for (std::uint32_t r = 0; r < n; ++r) {
        if (!member[r] || index[r] >= 0) continue;
        index[r] = low[r] = next++;
        stack.push_back(r);
        on_stack[r] = 1;
        frames.push_back({r, g.first_edge[r]});
        while (!frames.empty()) {
            const std::uint32_t v = frames.back().v;
            if (frames.back().e < g.first_edge[v + 1]) {
                const std::uint32_t w = g.edges[frames.back().e++].dst;
                if (w >= n || !member[w]) continue;
                if (index[w] < 0) {
                    index[w] = low[w] = next++;
                    stack.push_back(w);
                    on_stack[w] = 1;
                    frames.push_back({w, g.first_edge[w]});
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            frames.pop_back();
            if (!frames.empty()) low[frames.back().v] = std::min(low[frames.back().v], low[v]);
            if (low[v] == index[v]) {
                std::uint32_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    comp[w] = count;
                } while (w != v);
                ++count;
            }
        }
    }
    return comp;
}

struct Analysis {
    const StateGraph& g;
    const std::vector<Fairness>& fairness;
    FairEnabled& fe;

    // The fair components inside `member` (goal-free states): each a list of states in which a
    // cycle meets every fairness constraint.
    std::vector<std::vector<std::uint32_t>> fair_components(const std::vector<std::uint8_t>& member) {
        std::vector<std::vector<std::uint32_t>> found;
        std::vector<std::vector<std::uint8_t>> work{member};
        while (!work.empty()) {
            const std::vector<std::uint8_t> m = std::move(work.back());
            work.pop_back();
            int count = 0;
            const std::vector<int> comp = components(g, m, count);
            std::vector<std::vector<std::uint32_t>> members(count);
            for (std::uint32_t s = 0; s < g.expanded; ++s)
                if (comp[s] >= 0) members[comp[s]].push_back(s);
            for (int c = 0; c < count; ++c) {
                const std::vector<std::uint32_t>& ks = members[c];
                std::vector<std::uint8_t> fired(g.sys->transitions.size(), 0);
                bool internal = false;
                for (std::uint32_t s : ks)
                    for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e)
                        if (g.edges[e].dst < g.expanded && comp[g.edges[e].dst] == c) {
                            internal = true;
                            fired[g.edges[e].transition] = 1;
                        }
                if (!internal) continue;
                const auto& fair = fe.fair();
                std::vector<std::uint8_t> some_on(fair.size(), 0), some_off(fair.size(), 0);
                for (std::uint32_t s : ks) {
                    const std::vector<bool>& on = fe.at(s);
                    for (std::size_t i = 0; i < fair.size(); ++i) (on[i] ? some_on : some_off)[i] = 1;
                }
                bool weak_ok = true;
                std::vector<std::size_t> strong_bad;
                for (std::size_t i = 0; i < fair.size(); ++i) {
                    if (fired[fair[i]]) continue;
                    if (fairness[fair[i]] == Fairness::Weak && !some_off[i]) weak_ok = false;
                    if (fairness[fair[i]] == Fairness::Strong && some_on[i]) strong_bad.push_back(i);
                }
                if (!weak_ok) continue;  // no cycle inside fires or disables that transition
                if (strong_bad.empty()) {
                    found.push_back(ks);
                    continue;
                }
                // A strongly fair transition enabled here but never taken: only cycles avoiding every
                // state that enables it can be fair.
                std::vector<std::uint8_t> sub(g.expanded, 0);
                bool any = false;
                for (std::uint32_t s : ks) {
                    const std::vector<bool>& on = fe.at(s);
                    bool keep = true;
                    for (std::size_t i : strong_bad) keep = keep && !on[i];
                    sub[s] = keep;
                    any = any || keep;
                }
                if (any) work.push_back(std::move(sub));
            }
        }
        return found;
    }

    // A shortest walk of edges inside `inside` from `from` to the first state or edge `goal`
    // accepts (goal(edge index) is asked of each edge taken); empty when there is none.
    template <class Goal>
    std::vector<std::uint64_t> walk(std::uint32_t from, const std::vector<std::uint8_t>& inside, Goal&& goal) const {
        std::unordered_map<std::uint32_t, std::uint64_t> via;
        std::deque<std::uint32_t> queue{from};
        std::unordered_map<std::uint32_t, bool> seen{{from, true}};
        while (!queue.empty()) {
            const std::uint32_t s = queue.front();
            queue.pop_front();
            for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
                const std::uint32_t d = g.edges[e].dst;
                if (d >= g.expanded || !inside[d]) continue;
                if (goal(e)) {
                    std::vector<std::uint64_t> path{e};
                    for (std::uint32_t v = s; v != from; v = g.edges[via[v]].src) path.push_back(via[v]);
                    std::reverse(path.begin(), path.end());
                    return path;
                }
                if (seen.emplace(d, true).second) {
                    via[d] = e;
                    queue.push_back(d);
                }
            }
        }
        return {};
    }

    // A cycle from `start` through the component `inside` meeting every fairness constraint:
    // each weakly fair transition taken or disabled somewhere on it, each strongly fair one taken
    // when it is enabled somewhere on it (the component is fair, so such a cycle exists).
    std::vector<std::uint64_t> fair_cycle(std::uint32_t start, const std::vector<std::uint8_t>& inside,
                                          const std::vector<std::uint32_t>& states) {
        const auto& fair = fe.fair();
        // Requirement per fair transition: 0 none, 1 taken or disabled in a state visited, 2 taken.
        std::vector<std::uint8_t> need(fair.size(), 0);
        std::vector<std::uint8_t> all_on(fair.size(), 1), some_on(fair.size(), 0);
        for (std::uint32_t s : states) {
            const std::vector<bool>& on = fe.at(s);
            for (std::size_t i = 0; i < fair.size(); ++i) {
                if (!on[i]) all_on[i] = 0;
                else some_on[i] = 1;
            }
        }
        for (std::size_t i = 0; i < fair.size(); ++i) {
            if (fairness[fair[i]] == Fairness::Weak) need[i] = all_on[i] ? 2 : 1;
            if (fairness[fair[i]] == Fairness::Strong && some_on[i]) need[i] = 2;
        }
        std::vector<std::size_t> index_of(g.sys->transitions.size(), fair.size());
        for (std::size_t i = 0; i < fair.size(); ++i) index_of[fair[i]] = i;
        auto visit_state = [&](std::uint32_t s) {
            const std::vector<bool>& on = fe.at(s);
            for (std::size_t i = 0; i < fair.size(); ++i)
                if (need[i] == 1 && !on[i]) need[i] = 0;
        };
        auto take_edge = [&](std::uint64_t e) {
            const std::size_t i = index_of[g.edges[e].transition];
            if (i < fair.size()) need[i] = 0;
            visit_state(g.edges[e].dst);
        };
        auto helps = [&](std::uint64_t e) {
            const std::size_t i = index_of[g.edges[e].transition];
            if (i < fair.size() && need[i]) return true;
            const std::vector<bool>& on = fe.at(g.edges[e].dst);
            for (std::size_t j = 0; j < fair.size(); ++j)
                if (need[j] == 1 && !on[j]) return true;
            return false;
        };
        visit_state(start);
        std::vector<std::uint64_t> cycle;
        std::uint32_t cur = start;
        while (std::any_of(need.begin(), need.end(), [](std::uint8_t x) { return x != 0; })) {
            std::vector<std::uint64_t> leg = walk(cur, inside, helps);
            if (leg.empty()) break;  // cannot happen in a fair component
            for (std::uint64_t e : leg) take_edge(e);
            cycle.insert(cycle.end(), leg.begin(), leg.end());
            cur = g.edges[leg.back()].dst;
        }
        if (cur != start || cycle.empty()) {
            std::vector<std::uint64_t> back = walk(cur, inside, [&](std::uint64_t e) { return g.edges[e].dst == start; });
            cycle.insert(cycle.end(), back.begin(), back.end());
        }
        return cycle;
    }
};

}  // namespace

namespace {

struct Stopped {};

}  // namespace

PropertyResult check_liveness(const StateGraph& g, const LivenessProperty& property, const Cancellation* stop) {
    PropertyResult r;
    r.name = property.name;
    r.kind = property.kind;
    r.engine = "explicit";
    r.states = g.size();
    r.seconds = g.seconds;
    const System& sys = *g.sys;
    const std::vector<Fairness> fairness = fairness_of(sys, property);
    const std::string fairness_words = describe_fairness(sys, fairness);
    FairEnabled fe(g, fairness);
    Analysis an{g, fairness, fe};
    const std::uint32_t n = g.expanded;
    bool locals_fair = true;  // then a state enabling a local transition enables a fair one
    for (std::size_t t = 0; t < fairness.size(); ++t)
        if (is_local(sys.transitions[t].kind) && fairness[t] == Fairness::None) locals_fair = false;

    auto poll = [&](std::uint32_t s) {
        if ((s & 4095) == 0 && stop && stop->cancelled()) throw Stopped{};
    };
    try {
        for (std::size_t j = 0; j < property.obligations.size(); ++j) {
            const Response& ob = property.obligations[j];
            std::vector<std::uint8_t> free(n, 0), trigger(n, 0);
            for (std::uint32_t s = 0; s < n; ++s) {
                poll(s);
                const State st = g.state(s);
                free[s] = !holds(ob.goal, st);
                trigger[s] = free[s] && holds(ob.trigger, st);
            }
            // Where a fair run may end goal-free: a state enabling no fair transition (target 1), or a
            // fair component (target 2 + its number).
            std::vector<int> target(n, 0);
            for (std::uint32_t s = 0; s < n; ++s) {
                poll(s);
                if (!free[s] || (locals_fair && g.local_enabled[s])) continue;
                const std::vector<bool>& on = fe.at(s);
                if (std::none_of(on.begin(), on.end(), [](bool b) { return b; })) target[s] = 1;
            }
            poll(0);
            const std::vector<std::vector<std::uint32_t>> comps = an.fair_components(free);
            poll(0);
            for (std::size_t c = 0; c < comps.size(); ++c)
                for (std::uint32_t s : comps[c])
                    if (!target[s]) target[s] = static_cast<int>(2 + c);  // stopping there is the shorter story
            // Goal-free states from which a target is reachable through goal-free states (backward).
            std::vector<std::uint64_t> in_first(n + 1, 0);
            for (std::uint64_t e = 0; e < g.first_edge[n]; ++e) {
                const auto& ed = g.edges[e];
                if (ed.dst < n && free[ed.src] && free[ed.dst]) ++in_first[ed.dst + 1];
            }
            for (std::uint32_t s = 0; s < n; ++s) in_first[s + 1] += in_first[s];
            std::vector<std::uint32_t> in_src(in_first[n]);
            {
                std::vector<std::uint64_t> fill(in_first.begin(), in_first.end() - 1);
                for (std::uint64_t e = 0; e < g.first_edge[n]; ++e) {
                    const auto& ed = g.edges[e];
                    if (ed.dst < n && free[ed.src] && free[ed.dst]) in_src[fill[ed.dst]++] = ed.src;
                }
            }
            std::vector<std::uint8_t> doomed(n, 0);
            std::vector<std::uint32_t> stack;
            for (std::uint32_t s = 0; s < n; ++s)
                if (target[s]) doomed[s] = 1, stack.push_back(s);
            while (!stack.empty()) {
                const std::uint32_t s = stack.back();
                stack.pop_back();
                for (std::uint64_t k = in_first[s]; k < in_first[s + 1]; ++k)
                    if (!doomed[in_src[k]]) doomed[in_src[k]] = 1, stack.push_back(in_src[k]);
            }
            std::uint32_t first = n;  // the trigger state nearest the initial state (BFS numbering)
            for (std::uint32_t s = 0; s < n && first == n; ++s)
                if (trigger[s] && doomed[s]) first = s;
            if (first == n) continue;

            Trace t = g.path_to(first);
            std::vector<std::uint64_t> to_target;
            if (!target[first])
                to_target = an.walk(first, free, [&](std::uint64_t e) { return target[g.edges[e].dst] != 0; });
            g.extend(t, to_target);
            const std::uint32_t end = to_target.empty() ? first : g.edges[to_target.back()].dst;
            std::string how;
            if (target[end] == 1) {
                t.loop_start = -1;
                how = "the run stops there: no fair transition is enabled (the environment may stop)";
            } else {
                const std::vector<std::uint32_t>& ks = comps[target[end] - 2];
                std::vector<std::uint8_t> inside(n, 0);
                for (std::uint32_t s : ks) inside[s] = 1;
                const std::vector<std::uint64_t> cycle = an.fair_cycle(end, inside, ks);
                t.loop_start = static_cast<std::int32_t>(t.steps.size());
                g.extend(t, cycle);
                how = "then a fair cycle of " + std::to_string(cycle.size()) + " steps repeats forever";
            }
            t.violated_clause = static_cast<std::int32_t>(j);
            t.violation = ob.message + " (" + fairness_words + "): after step " + std::to_string(g.path_to(first).steps.size()) +
                          " the goal never holds; " + how;
            r.depth = static_cast<std::uint32_t>(t.steps.size());
            if (std::string bad = replay_liveness(sys, property, t); !bad.empty()) {
                r.verdict = Verdict::Error;
                r.message = "internal error: the fair lasso did not replay (" + bad + ")";
                return r;
            }
            r.verdict = Verdict::Fail;
            r.message = t.violation;
            r.trace = std::move(t);
            return r;
        }
    } catch (const Stopped&) {
        r.verdict = Verdict::Unknown;
        r.message = "the fair-cycle analysis of the state graph was stopped: " + stop->reason();
        return r;
    }
    if (!g.complete) {
        r.verdict = Verdict::Unknown;
        r.message = "no violation in the explored part; " + g.incomplete_reason;
        return r;
    }
    r.verdict = Verdict::Pass;
    r.message = "every trigger is followed by its goal on every fair run (" + fairness_words + "), " + std::to_string(g.size()) +
                " states";
    return r;
}

std::string replay_liveness(const System& sys, const LivenessProperty& property, const Trace& trace) {
    if (std::string bad = replay_run(sys, trace); !bad.empty()) return bad;
    if (trace.violated_clause < 0 || static_cast<std::size_t>(trace.violated_clause) >= property.obligations.size())
        return "the trace names no obligation of the property";
    const Response& ob = property.obligations[trace.violated_clause];
    const std::size_t n = trace.steps.size();
    auto state = [&](std::size_t i) -> const State& { return i == 0 ? trace.initial : trace.steps[i - 1].state; };
    // The latest goal state, and a trigger state after it.
    std::size_t from = 0;
    for (std::size_t i = 0; i <= n; ++i)
        if (holds(ob.goal, state(i))) from = i + 1;
    bool triggered = false;
    for (std::size_t i = from; i <= n && !triggered; ++i) triggered = holds(ob.trigger, state(i));
    if (!triggered) return "no state satisfies the trigger after the last state where the goal holds";
    const std::vector<Fairness> fairness = fairness_of(sys, property);
    if (trace.loop_start < 0) {
        for (std::size_t t = 0; t < sys.transitions.size(); ++t)
            if (fairness[t] != Fairness::None && enabled(sys.transitions[t], state(n)))
                return "the run may not stop in the last state: '" + sys.transitions[t].name + "' is fair and enabled there";
        return {};
    }
    const auto ls = static_cast<std::size_t>(trace.loop_start);
    if (ls >= n) return "the cycle is empty";
    if (state(n) != state(ls)) return "the cycle does not return to the state before step " + std::to_string(ls + 1);
    for (std::size_t i = ls; i <= n; ++i)
        if (holds(ob.goal, state(i))) return "the goal holds on the cycle";
    for (std::size_t t = 0; t < sys.transitions.size(); ++t) {
        if (fairness[t] == Fairness::None) continue;
        bool fired = false, some_on = false, some_off = false;
        for (std::size_t i = ls; i < n; ++i) {
            fired = fired || trace.steps[i].transition == t;
            (enabled(sys.transitions[t], state(i)) ? some_on : some_off) = true;
        }
        if (fired) continue;
        if (fairness[t] == Fairness::Weak && !some_off)
            return "the cycle is not fair: '" + sys.transitions[t].name + "' is enabled throughout it and never taken";
        if (fairness[t] == Fairness::Strong && some_on)
            return "the cycle is not fair: '" + sys.transitions[t].name + "' (strongly fair) is enabled on it and never taken";
    }
    return {};
}

}  // namespace np
