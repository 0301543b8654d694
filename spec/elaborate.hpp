// Elaboration of the design language (`.np`, docs/language.md) into the IR (model/system.hpp).
//
// A program is the main file plus every file it imports (transitively). Elaboration picks the top
// module (ElaborateOptions::top, else the module marked `top`, else the last module of the main
// file), instantiates it and, recursively, every instance in it, and flattens the tree into one
// System:
//   - every var / out port / wire / channel wire / constant table becomes one variable named by
//     its instance path: `x` at the top, `core.fifo.count`, `stage[2].c`, `link.req`; an output
//     port bound to a wire of the parent is that wire (one variable, named by the parent);
//     variable origins carry the declaration and the instance path (Origin::component);
//   - every rule becomes a transition named `PATH.rule` with its kind, guard, parallel assignment
//     and energy; its origin is the rule's location and instance path;
//   - `deadlock_free` gives property "deadlock"; `invariant N: e` gives "invariant:PATH.N";
//     `quiescent [within B]` and `handshake CH` are recorded in System::requested_checks (the
//     first is checked as property `quiescence` with B as its settling bound, checkers/run_checks.hpp;
//     the second becomes property `handshake:CH`, spec/load_system.hpp, which offers it for every
//     channel anyway); channels are listed in System::channels.
// Errors (syntax, unknown names, type and width mismatches, unbound or twice-bound ports, several
// drivers, writes to inputs/constants/the other side of a channel, JSON data problems, import
// cycles, recursive instantiation, ...) throw SourceError located in the offending file.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model/system.hpp"

namespace np {

struct ElaborateOptions {
    // Folders holding the standard library (`import "std/X.np"` reads FOLDER/X.np), searched
    // first; then $NEUROPROOF_LIB (a ':'-separated list), then <folder of the executable>/../share/neuroproof/lib
    // (an installed neuroproof), <folder of the executable>/../../spec/lib (the source tree's spec/lib/
    // seen from build/bin/), then NP_STDLIB_DIR (the source tree it was built from).
    std::vector<std::string> library_dirs;
    std::string top;  // top module; empty: the one marked `top`, else the last one of the main file
    // Values for parameters of the top module, replacing their defaults as if the top were
    // instantiated with them (the fuzzer sets CONFIG and MUTANT this way). Each name must be a
    // parameter of the top module, given once; the parameter's kind and range are checked as for
    // any value. A relative string is a path relative to the current working directory.
    struct Parameter {
        std::string name;
        std::variant<std::int64_t, bool, std::string> value;
    };
    std::vector<Parameter> parameters;
    // Elaboration-time evaluation steps (loop iterations times the size of the expressions they
    // evaluate) before the design is rejected: the bound on the time a hostile design can take.
    std::uint64_t max_eval_steps = 50'000'000;
};

System elaborate_file(const std::string& path, const ElaborateOptions& options = {});

// Elaborates `text` as if it were the file `file_name` (imports are resolved relative to its folder).
System elaborate_text(const std::string& file_name, const std::string& text, const ElaborateOptions& options = {});

// The library folders searched for `std/...` imports, in order (existing or not).
std::vector<std::string> library_search_path(const ElaborateOptions& options);

}  // namespace np
