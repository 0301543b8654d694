// Front-end dispatch: reads an input file by its extension and elaborates it into the IR.
//   .g       Petrify/Workcraft STG      (read_g.hpp, then compile_net)
//   .ll_net  PEP low-level Petri net    (read_ll_net.hpp, then compile_net)
//   .np      the design language        (elaborate.hpp; docs/language.md)
#pragma once

#include <string>

#include "model/compile_net.hpp"
#include "model/model_source.hpp"
#include "model/system.hpp"
#include "spec/elaborate.hpp"

namespace np {

struct LoadOptions {
    CompileOptions compile;
    std::uint32_t min_capacity = 0;  // every place's capacity is raised to at least this (--capacity)
    ElaborateOptions elaborate;      // .np: standard-library folders, top module
};

System load_system(const std::string& path, const LoadOptions& options = {});

// The model a ModelSource names (model/model_source.hpp): load_system with its parameters
// ("NAME=VALUE": an integer, true/false, else a string) and capacity, then its invariants
// (parse_expr.hpp: add_invariant). Throws std::invalid_argument for a parameter without '=',
// SourceError for the input's own errors.
System load_model(const ModelSource& source);

}  // namespace np
