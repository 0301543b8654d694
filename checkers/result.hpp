// Results as types (DESIGN §3): a verdict per property, carried with its evidence.
//
//   Pass     proved for all behaviours (the search covered the whole reachable state space)
//   Fail     a concrete counterexample, replayed on the model before it is reported
//   Unknown  a bound, time or memory limit was reached; `message` says which and what was covered
//   Error    the check itself failed (e.g. a counterexample that did not replay)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/system.hpp"
#include "proofs/certificate.hpp"

namespace np {

enum class Verdict : std::uint8_t { Pass, Fail, Unknown, Error };
const char* verdict_name(Verdict v);  // "PASS", "FAIL", "UNKNOWN", "ERROR"

// Exit status of a command (DESIGN §7), the one mapping every subcommand uses: 0 PASS, 1 FAIL
// and ERROR (a check that itself went wrong must stop a CI gate too), 3 UNKNOWN. (2, bad input
// or usage, is decided before any check runs; `neuroproof ci` has its own bits, checkers/run_manifest.hpp.)
int exit_code(Verdict v);

// A run of the system: the initial state, then one step per fired transition with the state it
// leads to. A counterexample ends in the violating state; when the violation is about a
// transition (a consistency or safeness clause), `violating_transition` names it: it is enabled
// in the last state and firing it is the error.
struct Trace {
    State initial;
    struct Step {
        std::uint32_t transition;
        State state;
    };
    std::vector<Step> steps;
    std::int32_t violating_transition = -1;
    std::int32_t violated_clause = -1;  // index into the property's clauses; -1 for deadlock
    std::string violation;              // human-readable description of the violation
    // A lasso (a quiescence counterexample): steps [loop_start, end) form a cycle that returns to
    // the state before step loop_start. -1: not a lasso.
    std::int32_t loop_start = -1;
    const State& final_state() const { return steps.empty() ? initial : steps.back().state; }
};

struct PropertyResult {
    std::string name;
    PropertyKind kind = PropertyKind::Invariant;
    Verdict verdict = Verdict::Unknown;
    std::string engine;
    double seconds = 0;
    std::uint64_t states = 0;  // distinct states explored
    std::uint32_t depth = 0;   // BFS depth reached (PASS/UNKNOWN) or trace length (FAIL)
    std::string message;
    std::optional<Trace> trace;
    // A symbolic PASS's certificate (proofs/certificate.hpp) with its re-check; a PASS whose
    // certificate failed its re-check is turned into an ERROR that keeps the certificate.
    std::optional<Certificate> certificate;
    // Quantities a check measures besides its verdict (quiescence: settling bound B, burst
    // energy, K*), in report order, and the runs that attain them (e.g. "settling" -> the
    // longest local-only run after the shortest path to its start).
    std::vector<std::pair<std::string, double>> measures;
    std::vector<std::pair<std::string, Trace>> witnesses;
};

// A run of several properties: 1 when one is FAIL or ERROR, else 3 when one is UNKNOWN, else 0.
int exit_code(const std::vector<PropertyResult>& results);

// An engine's result for `p` before it concludes: UNKNOWN, named for p and the engine.
PropertyResult undecided_result(const Property& p, const std::string& engine);
// The words of a proof of p: "no reachable deadlock" or "holds in every reachable state".
std::string proved_words(const Property& p);

}  // namespace np
