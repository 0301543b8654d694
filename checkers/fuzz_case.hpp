// A replayable fuzzing case (docs/fuzzing.md): a folder holding everything needed to reproduce a
// counterexample of the equivalence fuzzer deterministically.
//
//   case.txt       `key = value` lines (`#` comments): design (path of the implementation
//                  design), parameter NAME = VALUE (top-level parameter overrides besides CONFIG,
//                  any number), reference (configuration file, relative to the folder), seed and
//                  case (the fuzz run's seed and the failing case's 0-based index), policy (the
//                  schedule policy, gen_schedule.hpp's describe()), order (exact | per-input |
//                  per-neuron), binding (event, leak, output channel and state variable names;
//                  `-` for no state), max_idle, failure (the failure in words, for the reader);
//   stream.txt     the stream, one input per line: `T FEATURE X Y` (a spike to the input core) or
//                  `T leak` (a leak tick); T is a signed 64-bit timestamp (µs);
//   schedule.txt   the recorded schedule: the name of every fired transition, one per line, in
//                  order (stream injections included);
//   reference.json the reference configuration (a complete copy: every field the design reads).
// Trace files (trace.txt, trace.json, ...) are written beside them by the caller.
//
// Readers throw SourceError located at the offending line and column of the offending file.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checkers/fuzz_harness.hpp"
#include "checkers/fuzz_run.hpp"
#include "model/model_source.hpp"

namespace np {

struct FuzzCase {
    std::string design;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, value as written
    std::string reference = "reference.json";
    std::uint64_t seed = 0;
    std::uint64_t case_index = 0;
    SchedulePolicy policy;
    FuzzBinding binding;
    std::uint64_t max_idle = EquivalenceHarness::kDefaultMaxIdle;
    std::string failure;
    std::vector<StreamInput> stream;
    std::vector<std::string> schedule;  // transition names
};

// NAME=VALUE overrides of a design's top-level parameters, split at the first '='; throws
// std::invalid_argument (a usage error) for one without a name or without '='.
std::vector<std::pair<std::string, std::string>> parameter_overrides(const std::vector<std::string>& name_value);

// The model a fuzz run or a case runs on: `design` built for its reference (CONFIG names
// `reference_file`, a complete copy of the reference configuration), then the overrides.
ModelSource fuzz_design_source(const std::string& design, const std::string& reference_file,
                               const std::vector<std::pair<std::string, std::string>>& parameters);

// The case folder's content for a fuzzer's counterexample on `sys` (the design at path `design`
// with `parameters`), found by the run with `seed` and `binding`: the shrunk stream, its
// schedule policy, the recorded schedule as transition names and the failure in words.
FuzzCase fuzz_case_of(const System& sys, const std::string& design, const std::vector<std::pair<std::string, std::string>>& parameters,
                      std::uint64_t seed, const FuzzBinding& binding, const FuzzCounterexample& cx);

// Writes case.txt, stream.txt, schedule.txt and reference.json (the given text) into `dir`
// (created if needed). Throws std::runtime_error when a file cannot be written.
void write_case(const std::string& dir, const FuzzCase& c, const std::string& reference_json);
FuzzCase read_case(const std::string& dir);

// The stream file format on its own (also used for streams given to the fuzzer).
std::string write_stream_text(const std::vector<StreamInput>& stream);
std::vector<StreamInput> parse_stream_text(const std::string& file, const std::string& text);

// The recorded schedule as transition indices of `sys`; an unknown name is a SourceError at its
// line of schedule.txt (`file` names it).
std::vector<std::uint32_t> schedule_indices(const System& sys, const FuzzCase& c, const std::string& file = "schedule.txt");
std::vector<std::string> schedule_names(const System& sys, const std::vector<std::uint32_t>& fired);

// Replays a case on a harness built for its design and reference (the harness's binding should be
// the case's): the recorded schedule, with the case's max_idle.
CaseRun replay_case(const EquivalenceHarness& harness, const FuzzCase& c, const std::string& schedule_file = "schedule.txt");

}  // namespace np
