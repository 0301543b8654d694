// Equivalence fuzzing (DESIGN §6): many generated cases (stream x schedule), each run through the
// harness (fuzz_harness.hpp); the first failing case is shrunk — fewer and simpler inputs, a
// simpler schedule, with random configurations a simpler configuration — and returned as a
// counterexample that replays deterministically.
//
// The cases come from a CaseSource (model/fuzz_input.hpp): case i and its shrink tree. The
// generators of generators/case_source.hpp give RapidCheck's, seeded so that a run is a pure
// function of the seed. Shrinking walks the shrink tree greedily (the first simpler candidate that
// still fails is taken, until none does or max_shrink_runs is spent), then drops inputs one at a
// time where the tree's structure could not remove them.
//
// Verdicts: FAIL with the counterexample; otherwise UNKNOWN ("no mismatch in N cases"): a finite
// number of cases proves nothing for all streams and schedules (bounded_equivalence in
// equivalence_miter.hpp does, for short streams).
#pragma once

#include "checkers/budget.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "checkers/fuzz_harness.hpp"

namespace np {

struct FuzzProgress {
    std::uint64_t cases = 0;   // cases run (shrinking runs not included)
    std::uint64_t events = 0;  // stream inputs in those cases
    std::uint64_t steps = 0;   // transitions fired in those cases
    double seconds = 0;
    std::uint64_t shrink_runs = 0;  // > 0 while shrinking
};
// "fuzz: 1200 cases, 24113 events, 800 cases/s, 16075 events/s" (plus ", shrinking: N runs").
std::string format_progress(const FuzzProgress& p);

// What a campaign's cases exercised, counted over the cases run (not the shrinking runs):
//   addresses  (feature, x, y) of the input core's map, hit when some case's stream holds a
//              spike to it;
//   neurons    addresses (feature, x, y) of the chip output the core can emit — each neuron
//              through each destination's pooling and feature shift, so with pool 1 one per
//              neuron — hit when some case's reference run emits a spike to it;
//   spikes_per_case  how many cases had each number of reference spikes.
// With a configuration per case, the address sets are the union over the cases' configurations.
// The reference's spikes are counted: in an equivalent case they are the implementation's.
struct FuzzCoverage {
    std::uint64_t addresses = 0, addresses_hit = 0;
    std::uint64_t neurons = 0, neurons_spiked = 0;
    std::uint64_t cases = 0, leak_ticks = 0;
    std::map<std::uint64_t, std::uint64_t> spikes_per_case;  // reference spikes -> cases
};
// "coverage: input addresses 32/32 (100.0%), output neurons 8/8 (100.0%), spikes per case 0..17
// (18 distinct, 21.3% of cases none), 1204 leak ticks".
std::string format_fuzz_coverage(const FuzzCoverage& c);

// Accumulates a FuzzCoverage case by case (what the fuzz loop does; exposed for other loops and
// tests). `config` is the case's reference configuration; its first core is the input core.
class CoverageCounter {
public:
    void add(const SpeckConfig& config, const std::vector<StreamInput>& stream, const CaseRun& run);
    const FuzzCoverage& coverage() const { return c_; }

private:
    FuzzCoverage c_;
    std::set<std::vector<std::uint32_t>> shapes_;        // core shapes whose addresses are counted
    std::unordered_set<std::uint32_t> inputs_, outputs_;  // packed feature << 16 | x << 8 | y
    std::unordered_set<std::uint32_t> inputs_hit_, outputs_hit_;
};

// Shard `index` (0-based) of `count`: the cases i of a campaign with i % count == index. The
// shards 1/N .. N/N of one campaign (same seed and case count) run every case exactly once, so a
// CI matrix can split a campaign and any failure names the same case index as an unsplit run.
struct FuzzShard {
    std::uint64_t index = 0, count = 1;
    friend bool operator==(const FuzzShard&, const FuzzShard&) = default;
};
// "K/N" with 1 <= K <= N <= 2^32 (K is 1-based); nullopt otherwise.
std::optional<FuzzShard> parse_shard(const std::string& text);

struct FuzzOptions {
    std::uint64_t cases = 1000;        // the campaign's cases (all shards together)
    FuzzShard shard;
    // Expression evaluation in the harness: compiled (default) or the tree walk of model/eval.hpp
    // (the reference semantics; bench/fuzz.sh measures one against the other).
    HarnessEvaluator evaluator = HarnessEvaluator::Compiled;
    std::uint64_t seed = 1;            // recorded in replayable cases; the CaseSource is made with it
    std::size_t max_events = 32;       // inputs per generated stream
    std::uint64_t max_shrink_runs = 5000;
    FuzzBinding binding;
    // Called about once a second with the counts so far (and once at the end).
    std::function<void(const FuzzProgress&)> progress;
    double progress_interval = 1.0;
    // The run's budget (may be null): when it stops, no new case starts and shrinking ends with the
    // smallest failing case so far; the report says why it stopped.
    std::shared_ptr<Cancellation> cancel;
};

struct FuzzCounterexample {
    SpeckConfig config;
    std::shared_ptr<const System> design;  // the design the case runs on (for random configurations)
    std::vector<StreamInput> stream;
    SchedulePolicy policy;
    CaseRun run;                 // the shrunk case's run (its `fired` list is the recorded schedule)
    std::uint64_t case_index = 0;     // 0-based index of the first failing case
    std::size_t original_events = 0;  // its stream length before shrinking
    std::string original_failure;
};

struct FuzzReport {
    Verdict verdict = Verdict::Unknown;
    std::string message;
    FuzzProgress totals;
    FuzzCoverage coverage;
    std::optional<FuzzCounterexample> counterexample;
};

// A fixed design and reference configuration; `cases` gives the streams and schedules (e.g.
// gen::stream_cases(reference, options.max_events, options.seed)).
FuzzReport fuzz_equivalence(const System& design, const SpeckConfig& reference, const CaseSource& cases,
                            const FuzzOptions& options);

// The same with a configuration per case (every case of `cases` carries one, e.g.
// gen::config_cases); `design_for` builds
// the implementation model for a configuration (e.g. elaborates speck_core_open.np with CONFIG
// set to a file holding it) and may cache.
using DesignForConfig = std::function<std::shared_ptr<const System>(const SpeckConfig&)>;
FuzzReport fuzz_equivalence_configs(const DesignForConfig& design_for, const CaseSource& cases, const FuzzOptions& options);

// A fixed stream (e.g. from a recording) under `options.cases` schedules (`schedules`, e.g.
// gen::schedule_cases(stream, options.seed)); a failure is shrunk by dropping inputs and
// simplifying the schedule.
FuzzReport fuzz_schedules(const System& design, const SpeckConfig& reference, const CaseSource& schedules,
                          const FuzzOptions& options);

}  // namespace np
