#include "checkers/fuzz_run.hpp"

#include <cstdio>

#include "generators/gen_speck.hpp"

namespace np {

namespace {

using Clock = std::chrono::steady_clock;

struct GenCase {
    std::optional<SpeckConfig> config;  // random configurations only
    std::vector<StreamInput> stream;
    SchedulePolicy policy;
};

std::uint64_t mix(std::uint64_t seed, std::uint64_t i) {
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + i + 0x632BE59BD9B4E019ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Runs cases, shrinks the first failure. `evaluate` returns the run of a case and the harness
// that ran it (for the design).
class Search {
public:
    using Evaluate = std::function<std::pair<CaseRun, std::shared_ptr<const System>>(const GenCase&)>;
    Search(const FuzzOptions& o, Evaluate ev) : o_(o), evaluate_(std::move(ev)), start_(Clock::now()), last_(start_) {}

    FuzzReport run(const std::function<rc::Shrinkable<GenCase>(std::uint64_t)>& generate) {
        FuzzReport rep;
        try {
            for (std::uint64_t i = 0; i < o_.cases; ++i) {
                rc::Shrinkable<GenCase> s = generate(i);
                GenCase c = s.value();
                auto [r, design] = eval(c, false);
                if (!r.equivalent()) {
                    rep.counterexample = shrink(s, std::move(c), std::move(r), std::move(design), i);
                    break;
                }
                tick(false);
            }
        } catch (const std::exception& e) {
            rep.verdict = Verdict::Error;
            rep.message = e.what();
            rep.totals = totals();
            return rep;
        }
        rep.totals = totals();
        if (o_.progress) o_.progress(rep.totals);
        if (rep.counterexample) {
            const FuzzCounterexample& cx = *rep.counterexample;
            rep.verdict = Verdict::Fail;
            rep.message = "case " + std::to_string(cx.case_index + 1) + " (" + std::to_string(cx.original_events) +
                          " inputs) differs from the reference; shrunk to " + std::to_string(cx.stream.size()) + " input" +
                          (cx.stream.size() == 1 ? "" : "s") + ": " + cx.run.failure();
        } else {
            rep.verdict = Verdict::Unknown;
            rep.message = "no mismatch in " + std::to_string(p_.cases) + " cases (" + std::to_string(p_.events) +
                          " inputs, up to " + std::to_string(o_.max_events) +
                          " per stream); fuzzing covers these cases only, not every stream and schedule";
        }
        return rep;
    }

    FuzzReport run_fixed_stream(const std::vector<StreamInput>& stream) {
        auto generate = [&](std::uint64_t i) {
            rc::Gen<GenCase> g = rc::gen::map(gen::schedule_policy(), [stream](const SchedulePolicy& p) {
                GenCase c;
                c.stream = stream;
                c.policy = p;
                return c;
            });
            return g(rc::Random(mix(o_.seed, i)), static_cast<int>(1 + i % 100));
        };
        return run(generate);
    }

private:
    std::pair<CaseRun, std::shared_ptr<const System>> eval(const GenCase& c, bool shrinking) {
        auto out = evaluate_(c);
        if (shrinking) {
            ++p_.shrink_runs;
        } else {
            ++p_.cases;
            p_.events += c.stream.size();
            p_.steps += out.first.fired.size();
        }
        return out;
    }

    void tick(bool force) {
        if (!o_.progress) return;
        auto now = Clock::now();
        if (!force && std::chrono::duration<double>(now - last_).count() < o_.progress_interval) return;
        last_ = now;
        o_.progress(totals());
    }

    FuzzProgress totals() const {
        FuzzProgress p = p_;
        p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
        return p;
    }

    FuzzCounterexample shrink(rc::Shrinkable<GenCase> cur, GenCase c, CaseRun r, std::shared_ptr<const System> design,
                              std::uint64_t index) {
        FuzzCounterexample cx;
        cx.case_index = index;
        cx.original_events = c.stream.size();
        cx.original_failure = r.failure();
        bool improved = true;
        while (improved && p_.shrink_runs < o_.max_shrink_runs) {
            improved = false;
            auto seq = cur.shrinks();
            while (auto cand = seq.next()) {
                if (p_.shrink_runs >= o_.max_shrink_runs) break;
                GenCase cc = cand->value();
                auto [rr, dd] = eval(cc, true);
                tick(false);
                if (!rr.equivalent()) {
                    cur = *cand;
                    c = std::move(cc);
                    r = std::move(rr);
                    design = std::move(dd);
                    improved = true;
                    break;
                }
            }
        }
        // Inputs RapidCheck's segment structure keeps: drop them one at a time.
        for (bool again = true; again && p_.shrink_runs < o_.max_shrink_runs;) {
            again = false;
            for (std::size_t k = c.stream.size(); k-- > 0 && p_.shrink_runs < o_.max_shrink_runs;) {
                GenCase cc = c;
                cc.stream.erase(cc.stream.begin() + static_cast<std::ptrdiff_t>(k));
                auto [rr, dd] = eval(cc, true);
                tick(false);
                if (!rr.equivalent()) {
                    c = std::move(cc);
                    r = std::move(rr);
                    design = std::move(dd);
                    again = true;
                }
            }
        }
        if (c.config) cx.config = *c.config;
        cx.design = std::move(design);
        cx.stream = std::move(c.stream);
        cx.policy = c.policy;
        cx.run = std::move(r);
        return cx;
    }

    const FuzzOptions& o_;
    Evaluate evaluate_;
    Clock::time_point start_, last_;
    FuzzProgress p_;
};

}  // namespace

std::string format_progress(const FuzzProgress& p) {
    char buf[256];
    double s = p.seconds > 0 ? p.seconds : 1e-9;
    std::snprintf(buf, sizeof buf, "fuzz: %llu cases, %llu events, %.0f cases/s, %.0f events/s",
                  static_cast<unsigned long long>(p.cases), static_cast<unsigned long long>(p.events), p.cases / s, p.events / s);
    std::string out = buf;
    if (p.shrink_runs) out += ", shrinking: " + std::to_string(p.shrink_runs) + " runs";
    return out;
}

FuzzReport fuzz_equivalence(const System& design, const SpeckConfig& reference, const FuzzOptions& options) {
    EquivalenceHarness h(design, reference, options.binding);
    std::shared_ptr<const System> none;
    Search search(options, [&](const GenCase& c) { return std::make_pair(h.run(c.stream, c.policy), none); });
    rc::Gen<GenCase> g = rc::gen::map(rc::gen::pair(gen::event_stream(reference, options.max_events), gen::schedule_policy()),
                                      [](const std::pair<std::vector<StreamInput>, SchedulePolicy>& p) {
                                          GenCase c;
                                          c.stream = p.first;
                                          c.policy = p.second;
                                          return c;
                                      });
    FuzzReport rep = search.run([&](std::uint64_t i) { return g(rc::Random(mix(options.seed, i)), static_cast<int>(1 + i % 100)); });
    if (rep.counterexample) rep.counterexample->config = reference;
    return rep;
}

FuzzReport fuzz_equivalence_configs(const DesignForConfig& design_for, const FuzzOptions& options) {
    std::shared_ptr<const System> last;
    std::unique_ptr<EquivalenceHarness> h;
    std::string last_key;
    Search search(options, [&](const GenCase& c) {
        std::shared_ptr<const System> d = design_for(*c.config);
        if (d != last || !h) {
            h.reset();
            h = std::make_unique<EquivalenceHarness>(*d, *c.config, options.binding);
            last = d;
        }
        return std::make_pair(h->run(c.stream, c.policy), d);
    });
    const std::size_t max_events = options.max_events;
    rc::Gen<GenCase> g = rc::gen::mapcat(gen::single_core_config(), [max_events](const SpeckConfig& cfg) {
        return rc::gen::map(rc::gen::pair(gen::event_stream(cfg, max_events), gen::schedule_policy()),
                            [cfg](const std::pair<std::vector<StreamInput>, SchedulePolicy>& p) {
                                GenCase c;
                                c.config = cfg;
                                c.stream = p.first;
                                c.policy = p.second;
                                return c;
                            });
    });
    return search.run([&](std::uint64_t i) { return g(rc::Random(mix(options.seed, i)), static_cast<int>(1 + i % 100)); });
}

FuzzReport fuzz_schedules(const System& design, const SpeckConfig& reference, const std::vector<StreamInput>& stream,
                          const FuzzOptions& options) {
    EquivalenceHarness h(design, reference, options.binding);
    std::shared_ptr<const System> none;
    Search search(options, [&](const GenCase& c) { return std::make_pair(h.run(c.stream, c.policy), none); });
    FuzzReport rep = search.run_fixed_stream(stream);
    if (rep.counterexample) rep.counterexample->config = reference;
    if (rep.verdict == Verdict::Unknown)
        rep.message = "no mismatch under " + std::to_string(rep.totals.cases) + " random schedules of the " +
                      std::to_string(stream.size()) + "-input stream; other schedules are not covered";
    return rep;
}

}  // namespace np
