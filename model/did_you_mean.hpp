// "Did you mean" suggestions for names the user mistyped, shared by every front end (design
// language, expressions, the CLI's commands, property names).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace np {

// Levenshtein distance (insertions, deletions and substitutions of bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// " (did you mean 'C'?)" for the candidate C closest to `name` within an edit distance of at most
// min(2, |name| / 2) (the first of equally close ones), or "" when none is that close or `name` is
// longer than 200 bytes (no quadratic work on hostile input).
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace np
