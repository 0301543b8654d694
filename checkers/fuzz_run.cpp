#include "checkers/fuzz_run.hpp"

#include <algorithm>
#include <cstdio>

namespace np {

namespace {

using Clock = std::chrono::steady_clock;

using GenCase = GeneratedCase;

// Runs cases, shrinks the first failure. `evaluate` returns the run of a case and the harness
// that ran it (for the design).
class Search {
public:
    using Evaluate = std::function<std::pair<CaseRun, std::shared_ptr<const System>>(const GenCase&)>;
    // `reference`: the configuration every case runs on (null: each case carries its own).
    Search(const FuzzOptions& o, const SpeckConfig* reference, Evaluate ev)
        : o_(o), reference_(reference), evaluate_(std::move(ev)), start_(Clock::now()), last_(start_) {}

    FuzzReport run(const CaseSource& generate) {
        FuzzReport rep;
        try {
            for (std::uint64_t i = o_.shard.index; i < o_.cases; i += o_.shard.count) {
                if (stopped()) break;
                std::unique_ptr<CaseTree> s = generate(i);
                GenCase c = s->value();
                auto [r, design] = eval(c, false);
                if (!r.equivalent()) {
                    rep.counterexample = shrink(std::move(s), std::move(c), std::move(r), std::move(design), i);
                    break;
                }
                tick(false);
            }
        } catch (const std::exception& e) {
            rep.verdict = Verdict::Error;
            rep.message = e.what();
            rep.totals = totals();
            rep.coverage = coverage_.coverage();
            return rep;
        }
        rep.totals = totals();
        rep.coverage = coverage_.coverage();
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
                          " per stream)" + shard_note() + "; fuzzing covers these cases only, not every stream and schedule";
            if (stopped()) rep.message += "; stopped: " + o_.cancel->reason();
        }
        return rep;
    }

private:
    std::string shard_note() const {
        if (o_.shard.count == 1) return "";
        return ", shard " + std::to_string(o_.shard.index + 1) + "/" + std::to_string(o_.shard.count) + " of a campaign of " +
               std::to_string(o_.cases) + " cases";
    }
    bool stopped() const { return o_.cancel && o_.cancel->cancelled(); }

    std::pair<CaseRun, std::shared_ptr<const System>> eval(const GenCase& c, bool shrinking) {
        auto out = evaluate_(c);
        if (shrinking) {
            ++p_.shrink_runs;
        } else {
            ++p_.cases;
            p_.events += c.stream.size();
            p_.steps += out.first.fired.size();
            coverage_.add(reference_ ? *reference_ : *c.config, c.stream, out.first);
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

    FuzzCounterexample shrink(std::unique_ptr<CaseTree> cur, GenCase c, CaseRun r, std::shared_ptr<const System> design,
                              std::uint64_t index) {
        FuzzCounterexample cx;
        cx.case_index = index;
        cx.original_events = c.stream.size();
        cx.original_failure = r.failure();
        bool improved = true;
        while (improved && p_.shrink_runs < o_.max_shrink_runs && !stopped()) {
            improved = false;
            std::unique_ptr<CaseShrinks> seq = cur->shrinks();
            while (std::unique_ptr<CaseTree> cand = seq->next()) {
                if (p_.shrink_runs >= o_.max_shrink_runs || stopped()) break;
                GenCase cc = cand->value();
                auto [rr, dd] = eval(cc, true);
                tick(false);
                if (!rr.equivalent()) {
                    cur = std::move(cand);
                    c = std::move(cc);
                    r = std::move(rr);
                    design = std::move(dd);
                    improved = true;
                    break;
                }
            }
        }
        // Inputs RapidCheck's segment structure keeps: drop them one at a time.
        for (bool again = true; again && p_.shrink_runs < o_.max_shrink_runs && !stopped();) {
            again = false;
            for (std::size_t k = c.stream.size(); k-- > 0 && p_.shrink_runs < o_.max_shrink_runs && !stopped();) {
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
    const SpeckConfig* reference_;
    Evaluate evaluate_;
    Clock::time_point start_, last_;
    FuzzProgress p_;
    CoverageCounter coverage_;
};

std::uint32_t pack(std::uint32_t f, std::uint32_t x, std::uint32_t y) { return f << 16 | (x & 0xff) << 8 | (y & 0xff); }

double percent(std::uint64_t part, std::uint64_t whole) { return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

}  // namespace

void CoverageCounter::add(const SpeckConfig& config, const std::vector<StreamInput>& stream, const CaseRun& run) {
    const CoreConfig& core = config.cores.at(0);
    std::vector<std::uint32_t> shape{core.in_channels, core.in_width, core.in_height, core.out_channels, core.out_width(),
                                     core.out_height()};
    for (const Destination& d : core.destinations)
        if (!d.core) shape.insert(shape.end(), {d.pool, static_cast<std::uint32_t>(d.feature_shift)});
    if (shapes_.insert(shape).second) {
        for (std::uint32_t f = 0; f < core.in_channels; ++f)
            for (std::uint32_t x = 0; x < core.in_width; ++x)
                for (std::uint32_t y = 0; y < core.in_height; ++y) inputs_.insert(pack(f, x, y));
        for (std::size_t k = 6; k < shape.size(); k += 2)
            for (std::uint32_t c = 0; c < core.out_channels; ++c)
                for (std::uint32_t x = 0; x < core.out_width(); ++x)
                    for (std::uint32_t y = 0; y < core.out_height(); ++y) outputs_.insert(pack(c + shape[k + 1], x / shape[k], y / shape[k]));
    }
    for (const StreamInput& in : stream) {
        if (in.leak) ++c_.leak_ticks;
        else if (in.feature < core.in_channels && in.x < core.in_width && in.y < core.in_height) inputs_hit_.insert(pack(in.feature, in.x, in.y));
    }
    for (const OutputSpike& sp : run.reference)
        if (std::uint32_t a = pack(sp.feature, sp.x, sp.y); outputs_.count(a)) outputs_hit_.insert(a);
    ++c_.cases;
    ++c_.spikes_per_case[run.reference.size()];
    c_.addresses = inputs_.size();
    c_.addresses_hit = inputs_hit_.size();
    c_.neurons = outputs_.size();
    c_.neurons_spiked = outputs_hit_.size();
}

std::string format_fuzz_coverage(const FuzzCoverage& c) {
    char buf[320];
    int n = std::snprintf(buf, sizeof buf, "coverage: input addresses %llu/%llu (%.1f%%), output neurons %llu/%llu (%.1f%%)",
                          static_cast<unsigned long long>(c.addresses_hit), static_cast<unsigned long long>(c.addresses),
                          percent(c.addresses_hit, c.addresses), static_cast<unsigned long long>(c.neurons_spiked),
                          static_cast<unsigned long long>(c.neurons), percent(c.neurons_spiked, c.neurons));
    std::string out(buf, static_cast<std::size_t>(std::max(n, 0)));
    if (!c.spikes_per_case.empty()) {
        auto none = c.spikes_per_case.find(0);
        std::snprintf(buf, sizeof buf, ", spikes per case %llu..%llu (%zu distinct, %.1f%% of cases none)",
                      static_cast<unsigned long long>(c.spikes_per_case.begin()->first),
                      static_cast<unsigned long long>(c.spikes_per_case.rbegin()->first), c.spikes_per_case.size(),
                      percent(none == c.spikes_per_case.end() ? 0 : none->second, c.cases));
        out += buf;
    }
    out += ", " + std::to_string(c.leak_ticks) + " leak tick" + (c.leak_ticks == 1 ? "" : "s");
    return out;
}

std::string format_progress(const FuzzProgress& p) {
    char buf[256];
    double s = p.seconds > 0 ? p.seconds : 1e-9;
    std::snprintf(buf, sizeof buf, "fuzz: %llu cases, %llu events, %.0f cases/s, %.0f events/s",
                  static_cast<unsigned long long>(p.cases), static_cast<unsigned long long>(p.events), p.cases / s, p.events / s);
    std::string out = buf;
    if (p.shrink_runs) out += ", shrinking: " + std::to_string(p.shrink_runs) + " runs";
    return out;
}

std::optional<FuzzShard> parse_shard(const std::string& text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string::npos) return std::nullopt;
    auto number = [](const std::string& t) -> std::optional<std::uint64_t> {
        if (t.empty() || t.size() > 10 || t.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        return std::stoull(t);
    };
    auto k = number(text.substr(0, slash)), n = number(text.substr(slash + 1));
    if (!k || !n || *k < 1 || *k > *n || *n > (std::uint64_t{1} << 32)) return std::nullopt;
    return FuzzShard{*k - 1, *n};
}

FuzzReport fuzz_equivalence(const System& design, const SpeckConfig& reference, const CaseSource& cases,
                            const FuzzOptions& options) {
    EquivalenceHarness h(design, reference, options.binding, options.evaluator);
    std::shared_ptr<const System> none;
    Search search(options, &reference, [&](const GenCase& c) { return std::make_pair(h.run(c.stream, c.policy), none); });
    FuzzReport rep = search.run(cases);
    if (rep.counterexample) rep.counterexample->config = reference;
    return rep;
}

FuzzReport fuzz_equivalence_configs(const DesignForConfig& design_for, const CaseSource& cases, const FuzzOptions& options) {
    std::shared_ptr<const System> last;
    std::unique_ptr<EquivalenceHarness> h;
    Search search(options, nullptr, [&](const GenCase& c) {
        if (!c.config) throw std::invalid_argument("fuzz_equivalence_configs: a generated case has no configuration");
        std::shared_ptr<const System> d = design_for(*c.config);
        if (d != last || !h) {
            h.reset();
            h = std::make_unique<EquivalenceHarness>(*d, *c.config, options.binding, options.evaluator);
            last = d;
        }
        return std::make_pair(h->run(c.stream, c.policy), d);
    });
    return search.run(cases);
}

FuzzReport fuzz_schedules(const System& design, const SpeckConfig& reference, const CaseSource& schedules,
                          const FuzzOptions& options) {
    EquivalenceHarness h(design, reference, options.binding, options.evaluator);
    std::shared_ptr<const System> none;
    Search search(options, &reference, [&](const GenCase& c) { return std::make_pair(h.run(c.stream, c.policy), none); });
    FuzzReport rep = search.run(schedules);
    if (rep.counterexample) rep.counterexample->config = reference;
    if (rep.verdict == Verdict::Unknown)
        rep.message = "no mismatch under " + std::to_string(rep.totals.cases) + " random schedules of the " +
                      std::to_string(rep.totals.cases ? rep.totals.events / rep.totals.cases : 0) +
                      "-input stream; other schedules are not covered";
    return rep;
}

}  // namespace np
