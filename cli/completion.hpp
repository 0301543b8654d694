// What the command line offers, read off the CLI11 application itself (so that nothing is kept in
// step by hand): bash completion, and "did you mean" for a mistyped option.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace np::cli {

// A bash completion script for `app`'s subcommands and their options: a command name in first
// position; then that command's long and short options after '-', the values listed in
// `option_values` (long option name -> candidates, e.g. "--engine" -> engine names) after such an
// option, else file names. Installed as share/bash-completion/completions/neuroproof.
std::string bash_completion(const CLI::App& app, const std::map<std::string, std::vector<std::string>>& option_values);

// For arguments CLI11 did not expect: " '--timout' is not an option of check (did you mean
// '--timeout'?)"-style lines, one per argument of argv that starts with "--" (up to '=') and names
// no option of the subcommand `sub` (or of the application itself); empty when there is none.
std::string unknown_option_hints(const CLI::App& sub, const CLI::App& app, int argc, const char* const* argv);

}  // namespace np::cli
