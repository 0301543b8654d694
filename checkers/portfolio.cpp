#include "checkers/portfolio.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <thread>

#include "checkers/abc_pdr.hpp"
#include "checkers/check_liveness.hpp"
#include "checkers/engines.hpp"
#include "checkers/run_symbolic.hpp"

namespace np {

std::vector<PropertyResult> check_graph_properties(const System& sys, const std::vector<std::string>& names,
                                                   const GraphOptions& options, const SearchLimits& limits,
                                                   const std::function<void(const SearchProgress&)>& progress) {
    if (names.empty()) return {};
    StateGraph sg = build_state_graph(sys, limits, progress);
    std::vector<PropertyResult> out;
    for (const std::string& g : names) {
        if (g == "quiescence") out.push_back(check_quiescence(sg, options.quiescence).result);
        else if (g == "persistency") out.push_back(check_output_persistency(sg, options.persistency));
        else if (g == "csc") out.push_back(check_csc(sg).result);
        else if (const LivenessProperty* lp = sys.find_liveness(g)) out.push_back(check_liveness(sg, *lp, limits.cancel.get()));
        else throw std::invalid_argument("'" + g + "' is not a graph property");
    }
    return out;
}

PropertyKind Goal::kind() const {
    if (clause) return clause->kind;
    if (liveness) return liveness->kind;
    if (name == "persistency") return PropertyKind::Persistency;
    if (name == "csc") return PropertyKind::Csc;
    return PropertyKind::Quiescence;
}

PropertyResult engine_failure(const Goal& goal, const std::string& engine, const std::string& what, const Cancellation& stopped) {
    PropertyResult r;
    r.name = goal.name;
    r.kind = goal.kind();
    r.engine = engine;
    if (stopped.cancelled()) {
        r.verdict = Verdict::Unknown;
        r.message = "nothing was checked; stopped: " + stopped.reason();  // the engine gave up while setting up
    } else {
        r.verdict = Verdict::Error;
        r.message = "internal error in " + engine + ": " + what;
    }
    return r;
}

namespace {

bool conclusive(const PropertyResult& r) { return r.verdict == Verdict::Pass || r.verdict == Verdict::Fail; }

std::string shorten(const std::string& s, std::size_t n = 240) { return s.size() <= n ? s : s.substr(0, n) + "…"; }

// What every lane knows about every goal: the winner, the other outcomes, and the cancellations to
// fire when a set of goals is decided.
class Board {
public:
    Board(std::size_t goals, std::shared_ptr<Cancellation> all, const PortfolioOptions& o, const Budget& budget)
        : winner_(goals), conflict_(goals), others_(goals), open_(goals), all_(std::move(all)), options_(o), budget_(budget) {}

    bool open(std::size_t g) const {
        std::lock_guard<std::mutex> lock(m_);
        return !winner_[g];
    }

    // Cancels c once every goal of `goals` is decided (at once when they already are).
    void watch(std::vector<std::size_t> goals, std::shared_ptr<Cancellation> c) {
        {
            std::lock_guard<std::mutex> lock(m_);
            bool all = true;
            for (std::size_t g : goals) all &= winner_[g].has_value();
            if (!all) {
                watches_.push_back({std::move(goals), c});
                return;
            }
        }
        c->cancel("cancelled: decided by another engine");
    }

    void offer(std::size_t g, PropertyResult r) {
        r.seconds = budget_.elapsed();
        std::vector<std::shared_ptr<Cancellation>> fire;
        bool decided = false, everything = false;
        {
            std::lock_guard<std::mutex> lock(m_);
            if (!winner_[g] && conclusive(r)) {
                winner_[g] = r;
                decided = true;
                everything = --open_ == 0;
                for (auto it = watches_.begin(); it != watches_.end();) {
                    bool all = true;
                    for (std::size_t w : it->goals) all &= winner_[w].has_value();
                    if (all) {
                        if (auto c = it->c.lock()) fire.push_back(std::move(c));
                        it = watches_.erase(it);
                    } else {
                        ++it;
                    }
                }
            } else if (winner_[g] && conclusive(r) && r.verdict != winner_[g]->verdict) {
                if (!conflict_[g]) conflict_[g] = std::move(r);
            } else {
                others_[g].push_back(std::move(r));
            }
        }
        for (const auto& c : fire) c->cancel("cancelled: decided by another engine");
        if (everything) all_->cancel("cancelled: every property was decided");
        if (decided && options_.on_decided) options_.on_decided(g, *winner_[g]);
    }

    // The final result of goal g (after every lane stopped).
    PropertyResult result(std::size_t g, const Goal& goal) const {
        std::lock_guard<std::mutex> lock(m_);
        std::string notes;
        const PropertyResult* explicit_note = nullptr;
        const PropertyResult* error = nullptr;
        for (const PropertyResult& o : others_[g]) {
            notes += (notes.empty() ? "" : "; ") + o.engine + ": " + verdict_name(o.verdict) + ", " + shorten(o.message);
            if (o.engine == "explicit") explicit_note = &o;
            if (o.verdict == Verdict::Error && !error) error = &o;
        }
        if (conflict_[g]) {
            PropertyResult r = *winner_[g];
            const PropertyResult& c = *conflict_[g];
            const PropertyResult& failing = r.verdict == Verdict::Fail ? r : c;
            r.verdict = Verdict::Error;
            r.engine = winner_[g]->engine + "+" + c.engine;
            r.message = "the engines disagree: " + winner_[g]->engine + " says " + verdict_name(winner_[g]->verdict) + " (" +
                        shorten(winner_[g]->message) + "), " + c.engine + " says " + verdict_name(c.verdict) + " (" +
                        shorten(c.message) + ")";
            r.trace = failing.trace;
            return r;
        }
        if (winner_[g]) {
            PropertyResult r = *winner_[g];
            if (!notes.empty()) r.message += " [decided by " + r.engine + "; " + notes + "]";
            if (explicit_note && r.states == 0) r.states = explicit_note->states;
            return r;
        }
        PropertyResult r = error ? *error : PropertyResult{};
        r.name = goal.name;
        r.kind = goal.kind();
        if (!error) {
            r.verdict = Verdict::Unknown;
            r.engine = "auto";
        }
        r.message = notes.empty() ? "no engine concluded; stopped: " + budget_.cancel->reason() : "no engine concluded: " + notes;
        if (explicit_note) {
            r.states = explicit_note->states;
            r.depth = explicit_note->depth;
        }
        r.seconds = budget_.elapsed();
        if (r.verdict == Verdict::Unknown) r.trace.reset();
        return r;
    }

private:
    struct Watch {
        std::vector<std::size_t> goals;
        std::weak_ptr<Cancellation> c;
    };
    mutable std::mutex m_;
    std::vector<std::optional<PropertyResult>> winner_, conflict_;
    std::vector<std::vector<PropertyResult>> others_;
    std::vector<Watch> watches_;
    std::size_t open_;
    std::shared_ptr<Cancellation> all_;
    const PortfolioOptions& options_;
    const Budget& budget_;
};

bool has_lane(const PortfolioOptions& o, const char* name) {
    return std::find(o.lanes.begin(), o.lanes.end(), name) != o.lanes.end();
}

}  // namespace

std::vector<PropertyResult> check_auto(const System& sys, const std::vector<Goal>& goals, const PortfolioOptions& options,
                                       const Budget& budget) {
    for (const std::string& l : options.lanes)
        if (!find_engine(l).lane) throw std::invalid_argument("engine '" + l + "' is not a portfolio lane");
    const std::shared_ptr<Cancellation> all = budget.cancel->child();
    Board board(goals.size(), all, options, budget);
    std::vector<std::size_t> clause_goals, graph_goals;
    std::map<const Property*, std::size_t> goal_of;
    for (std::size_t g = 0; g < goals.size(); ++g) {
        if (goals[g].clause) {
            clause_goals.push_back(g);
            goal_of[goals[g].clause] = g;
        } else {
            graph_goals.push_back(g);
        }
    }
    auto post = [&](const std::string& lane, const std::string& note) {
        if (options.progress) options.progress->post(lane, note);
    };
    std::vector<std::thread> threads;
    // The symbolic lanes start once the explicit lane has finished its clause search or had its
    // head start (a small model is decided by explicit search alone, and deterministically so).
    std::mutex gate_mutex;
    std::condition_variable gate_cv;
    bool gate_open = !has_lane(options, "explicit") || options.explicit_head_start <= 0;
    auto open_gate = [&] {
        {
            std::lock_guard<std::mutex> lock(gate_mutex);
            gate_open = true;
        }
        gate_cv.notify_all();
    };
    auto wait_gate = [&] {
        std::unique_lock<std::mutex> lock(gate_mutex);
        gate_cv.wait_for(lock, std::chrono::duration<double>(options.explicit_head_start), [&] { return gate_open; });
    };

    if (has_lane(options, "explicit")) {
        threads.emplace_back([&] {
            const std::shared_ptr<Cancellation> lane = all->child();
            ExplicitOptions eo = options.explicit_options;
            if (budget.max_memory_bytes) {
                const std::uint64_t share = budget.max_memory_bytes / 4 * 3;
                if (!eo.limits.max_memory_bytes || eo.limits.max_memory_bytes > share) eo.limits.max_memory_bytes = share;
            }
            eo.progress = [&](const SearchProgress& p) { post("explicit", format_search_progress(p)); };
            if (!clause_goals.empty()) {
                std::vector<const Property*> props;
                for (std::size_t g : clause_goals) props.push_back(goals[g].clause);
                const std::shared_ptr<Cancellation> c = lane->child();
                board.watch(clause_goals, c);
                eo.limits.cancel = c;
                try {
                    std::vector<PropertyResult> rs = check_explicit(sys, props, eo);
                    for (std::size_t i = 0; i < rs.size(); ++i) board.offer(clause_goals[i], std::move(rs[i]));
                } catch (const std::exception& e) {
                    for (std::size_t g : clause_goals) board.offer(g, engine_failure(goals[g], "explicit", e.what(), *c));
                }
            }
            open_gate();
            if (!graph_goals.empty()) {
                std::vector<std::string> names;
                for (std::size_t g : graph_goals) names.push_back(goals[g].name);
                const std::shared_ptr<Cancellation> c = lane->child();
                board.watch(graph_goals, c);
                eo.limits.cancel = c;
                try {
                    std::vector<PropertyResult> rs = check_graph_properties(sys, names, options.graph, eo.limits, eo.progress);
                    for (std::size_t i = 0; i < rs.size(); ++i) board.offer(graph_goals[i], std::move(rs[i]));
                } catch (const std::exception& e) {
                    for (std::size_t g : graph_goals) board.offer(g, engine_failure(goals[g], "explicit", e.what(), *c));
                }
            }
            post("explicit", "");
        });
    }

    auto symbolic_options = [&](const std::shared_ptr<Cancellation>& c, const std::string& lane) {
        SymbolicOptions so = within_budget(options.symbolic, budget, c);
        so.progress = [&post, lane](const std::string& note) { post(lane, note); };
        so.still_open = [&](const Property& p) { return board.open(goal_of.at(&p)); };
        return so;
    };

    // BMC and k-induction: one thread each over every open clause property (one unrolling; for
    // k-induction shared linear invariants too); a property decided elsewhere is skipped at the
    // next depth.
    for (const char* engine : {"bmc", "kind"}) {
        if (!has_lane(options, engine) || clause_goals.empty()) continue;
        threads.emplace_back([&, engine] {
            wait_gate();
            const std::shared_ptr<Cancellation> c = all->child();
            board.watch(clause_goals, c);
            std::vector<const Property*> props;
            for (std::size_t g : clause_goals) props.push_back(goals[g].clause);
            try {
                std::vector<PropertyResult> rs = run_symbolic(sys, {engine, props, {}, {}}, symbolic_options(c, engine));
                for (std::size_t i = 0; i < rs.size(); ++i) board.offer(clause_goals[i], std::move(rs[i]));
            } catch (const std::exception& e) {
                for (std::size_t g : clause_goals) board.offer(g, engine_failure(goals[g], engine, e.what(), *c));
            }
            post(engine, "");
        });
    }

    // Time-sliced attempts, one property each: Spacer on every clause property, and with a
    // required settling bound the symbolic quiescence monitor (bmc, kind, spacer). `jobs` workers
    // take them round-robin; an attempt that uses up its slice goes back into the queue with twice
    // the slice (2 s, 4 s, 8 s, ...), so that one hard property never starves the others.
    struct Attempt {
        std::string engine;
        std::size_t goal;
        double slice;
    };
    std::deque<Attempt> queue;
    const std::optional<std::uint64_t> bound = options.graph.quiescence.settling_bound;
    for (std::size_t g = 0; g < goals.size(); ++g) {
        const bool symbolic_quiescence = !goals[g].clause && goals[g].name == "quiescence" && bound;
        if (goals[g].clause && has_lane(options, "spacer")) queue.push_back({"spacer", g, 2.0});
        if (symbolic_quiescence)
            for (const char* e : {"bmc", "kind", "spacer"})
                if (has_lane(options, e)) queue.push_back({e, g, 2.0});
        if (goals[g].liveness)
            for (const char* e : {"bmc", "spacer", "kind"})
                if (has_lane(options, e)) queue.push_back({e, g, 2.0});
    }
    // ABC's attempts after every first spacer attempt: an ABC process takes a core of its own, and
    // a short run is better spent on the lanes inside this process.
    if (has_lane(options, "abc-pdr") && abc_available())
        for (std::size_t g = 0; g < goals.size(); ++g)
            if (goals[g].clause || goals[g].liveness) queue.push_back({"abc-pdr", g, 2.0});
    std::mutex queue_mutex;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(options.jobs ? options.jobs : cores, queue.size()));
    for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            wait_gate();
            for (;;) {
                Attempt a;
                {
                    std::lock_guard<std::mutex> lock(queue_mutex);
                    if (queue.empty()) return;
                    a = queue.front();
                    queue.pop_front();
                }
                const Goal& goal = goals[a.goal];
                if (!board.open(a.goal) || all->cancelled()) continue;
                const std::shared_ptr<Cancellation> c = all->child();
                board.watch({a.goal}, c);
                const std::string lane = a.engine + " " + goal.name;
                post(lane, "running (slice " + std::to_string(static_cast<int>(a.slice)) + " s)");
                SymbolicOptions so = symbolic_options(c, lane);
                const bool sliced = !budget.deadline || budget.remaining_seconds() > a.slice;
                if (sliced) {
                    so.timeout_seconds = a.slice;
                    so.timeout_reason = "time slice of " + std::to_string(static_cast<int>(a.slice)) + " s used up";
                }
                PropertyResult r;
                try {
                    const SymbolicJob job = goal.clause     ? SymbolicJob{a.engine, {goal.clause}, {}, {}}
                                            : goal.liveness ? SymbolicJob{a.engine, {}, {}, {}, goal.liveness}
                                                            : SymbolicJob{a.engine, {}, bound, options.graph.quiescence.activity_bound};
                    r = run_symbolic(sys, job, so).at(0);
                } catch (const std::exception& e) {
                    r = engine_failure(goal, a.engine, e.what(), *c);
                }
                post(lane, "");
                const bool again = sliced && r.verdict == Verdict::Unknown && !c->cancelled() &&
                                   r.message.find("time slice of") != std::string::npos;
                if (again && board.open(a.goal)) {
                    std::lock_guard<std::mutex> lock(queue_mutex);
                    queue.push_back({a.engine, a.goal, a.slice * 2});
                    continue;
                }
                board.offer(a.goal, std::move(r));
            }
        });
    }
    for (std::thread& t : threads) t.join();

    std::vector<PropertyResult> results;
    for (std::size_t g = 0; g < goals.size(); ++g) results.push_back(board.result(g, goals[g]));
    return results;
}

}  // namespace np
