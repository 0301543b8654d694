// Workcraft's STG properties on the explicit state graph (DESIGN §3).
//
// A signal edge is a transition of a signal (a variable of role Signal): `s+`, `s-`, `s~`,
// possibly with an instance suffix `/k`, as compile_net names them. Local signals are outputs and
// internals (their edges are Output / Internal transitions).
//
// Output persistency: in no reachable state s does firing a transition u disable an enabled edge
//   of a local signal a that u does not belong to: after u, some edge of a in the same direction
//   must still be enabled. Pairs of signals declared as a mutex (their grants may withdraw each
//   other) are exempt. Counterexample: the path to s, then u; the message names the disabled edge.
// Complete state coding (CSC): any two reachable states with the same signal code (the values of
//   all signals) enable the same set of local signals. Counterexample: two paths reaching
//   different states with equal codes, the first one reported as the trace, the second in the
//   message and as `other`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checkers/result.hpp"
#include "checkers/state_graph.hpp"

namespace np {

struct SignalEdge {
    std::uint32_t signal = 0;  // variable index
    char direction = '+';      // '+', '-' or '~'
};
// The signal edge of every transition (nullopt for dummies and non-STG transitions).
std::vector<std::optional<SignalEdge>> signal_edges(const System& sys);

struct PersistencyOptions {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> mutex;  // signal variable pairs
};

PropertyResult check_output_persistency(const StateGraph& graph, const PersistencyOptions& options = {});

struct CscReport {
    PropertyResult result;     // name "csc"; trace = the first path of a conflict
    std::optional<Trace> other;  // the second path
};
CscReport check_csc(const StateGraph& graph);

}  // namespace np
