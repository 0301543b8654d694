// Parser of the design language (`.np`): text -> syntax tree (np_ast.hpp). The grammar is in
// docs/language.md; the expression sublanguage is that of spec/parse_expr.hpp (same tokens,
// precedence and associativity) extended with `/` and `%` (elaboration-time integers only), member
// access `a.b`, calls `ite(c, a, b)`, `min`, `max`, `clog2`, `len`, `json(file, pointer)`, and the
// quantifiers `forall i in lo..hi: e` / `exists ...`, which bind as far right as possible.
//
// Syntax errors throw SourceError at the offending token of `text` (`file:line:col: error:`).
#pragma once

#include <cstdint>

#include "spec/np_ast.hpp"
#include "spec/source_text.hpp"

namespace np::lang {

// Parses one file; `file_index` is stored in every Loc.
FileAst parse_np(const SourceText& text, std::uint32_t file_index);

}  // namespace np::lang
