// "No input, no power": the quiescence property Q1–Q4 of DESIGN §3 on the explicit state graph.
//
// T_loc = output and internal transitions, T_in = input transitions; a state is quiescent when
// it enables no T_loc transition.
//   Q1  the initial state is quiescent.
//   Q2  settling: the T_loc subgraph of the reachable state graph is acyclic (strong components
//       of the local edges are all trivial), so every local-only run is finite and ends
//       quiescent. Counterexample: a lasso, the shortest prefix to a state on a local cycle, then
//       the cycle. B, the settling bound, is the length of the longest local-only path; the
//       burst energy is its energy-weighted version (the most local energy between two inputs).
//   Q3  receptiveness: every reachable quiescent state enables an input transition.
//       Counterexample: the shortest path to a quiescent state that enables nothing.
//   Q4  event-proportional activity: K* = the maximum over cycles of (energy of the cycle's local
//       firings) / (number of its input firings), by Boost.Graph's maximum_cycle_ratio (Howard);
//       with Q2 every cycle has an input. K* is 0 when the graph has no cycle at all (the total
//       energy is then bounded by a constant). Counterexample to a required K: a lasso whose
//       cycle spends more than K per input.
// Verdict: PASS when Q1, Q2, Q3 hold (and B <= required B, K* <= required K when required) on
// the complete graph; FAIL with a trace, replayed on the model by the evaluator alone, when a
// part fails (the first failing part in the order Q1, Q2, Q3, B, Q4 is the one reported); UNKNOWN
// when the graph is incomplete and nothing failed in what was explored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "checkers/result.hpp"
#include "model/ratio.hpp"
#include "checkers/state_graph.hpp"

namespace np {

struct QuiescenceRequirements {
    std::optional<std::uint64_t> settling_bound;  // `within B`: B <= this
    std::optional<Ratio> activity_bound;          // K: K* <= this, compared exactly
};

struct QuiescenceReport {
    PropertyResult result;  // name "quiescence"; the trace of the reported counterexample
    bool q1 = false, q2 = false, q3 = false;  // meaningful on the explored part
    std::optional<bool> q4;                   // set when a K was required and decided
    // Settling bound and burst energy (set when Q2 holds on a complete graph), with the witness:
    // the shortest path to the start of the longest local-only run, then that run.
    std::optional<std::uint64_t> settling_bound, burst_energy;
    std::optional<Trace> settling_witness;
    // K* as the exact ratio of the critical cycle (energy / inputs), with the lasso to it.
    std::optional<std::uint64_t> k_energy, k_inputs;
    std::optional<Trace> activity_witness;
    std::int32_t loop_start = -1;  // for a lasso in result.trace: index of the first step of the cycle
    std::uint32_t witness_loop_start = 0;  // same, for activity_witness
    double k_star() const { return k_inputs && *k_inputs ? double(*k_energy) / double(*k_inputs) : 0.0; }
};

QuiescenceReport check_quiescence(const StateGraph& graph, const QuiescenceRequirements& req = {});

// Replays a quiescence counterexample with the evaluator alone: the steps must be firings of
// enabled transitions reaching the recorded states; then, for a lasso (loop_start >= 0), the
// cycle must use only local transitions (Q2) or spend more than `k` energy per input (Q4) and
// return to the state where it started; for Q3, the last state must enable nothing; for Q1, the
// initial state must enable a local transition. Returns an empty string when it does.
std::string replay_quiescence(const System& sys, const Trace& trace, const std::string& part, std::int32_t loop_start,
                              Ratio k = {});

}  // namespace np
