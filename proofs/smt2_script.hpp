// SMT-LIB2 text of proof obligations, printed by Z3 in the standard's syntax (Z3-internal
// operators such as bit2bool are printed as standard terms), so that other solvers can read them.
#pragma once

#include <z3++.h>

#include <string>

namespace np {

// A self-contained script: a comment (each line prefixed with "; "), (set-logic QF_BV), a
// declare-fun for every free constant, (assert formula), (check-sat). The formula must be
// quantifier-free over Booleans and bit-vectors. The text is canonical: Z3 names its let-bound
// terms after internal ids ($x3095, ?x1573), which differ between contexts; they are renamed
// $x1, $x2, ?x1, ... in order of first appearance, so that one formula built in two contexts (the
// engine's and `certify`'s) prints byte-for-byte alike.
std::string smt2_script(const z3::expr& formula, const std::string& comment);

// Whether `text` has the shape smt2_script writes, read as a stored file is: top-level commands
// only among set-info, set-logic (at most once), declare-fun, declare-const and assert, then
// exactly one check-sat, as the last command. No push, pop, reset, define-fun, set-option or any
// other command that could change what a solver answers. "" when it has, else
// "line N: what is wrong".
std::string script_shape_error(const std::string& text);

// The same script with every application of a left-associative bit-vector operator (concat,
// bvadd, bvmul, bvand, bvor, bvxor) to more than two arguments nested into binary ones,
// ((op (op a b) c) for (op a b c)), for solvers that read only the binary forms (Boolector 1.5).
// Comments and line breaks inside commands are dropped; each command ends its line. Quoted
// symbols and strings are kept as they are. Throws std::invalid_argument on unbalanced text.
std::string binary_bv_operators(const std::string& text);

}  // namespace np
