// Where a System came from: the input file and the options it was loaded with, enough to load the
// same model again (spec/load_system.hpp: load_model). Stored in proof certificates (so that
// `certify` can rebuild their obligations) and handed to isolated engine processes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace np {

struct ModelSource {
    std::string file;                     // as given on the command line
    std::vector<std::string> parameters;  // --param NAME=VALUE, in order
    std::uint32_t capacity = 0;           // --capacity: every place's capacity is raised to at least this
    std::vector<std::string> invariants;  // --invariant "NAME: EXPR", in order
    std::vector<std::string> responses;   // --response "NAME: P ~> Q", in order
    std::vector<std::string> covers;      // --cover "NAME: EXPR", in order
    std::vector<std::string> fairness;    // "strong:NAME", "weak:NAME", "unfair:NAME" (--strong-fair, ...), in order
};

}  // namespace np
