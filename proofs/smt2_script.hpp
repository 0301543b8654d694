// SMT-LIB2 text of proof obligations, printed by Z3 in the standard's syntax (Z3-internal
// operators such as bit2bool are printed as standard terms), so that other solvers can read them.
#pragma once

#include <z3++.h>

#include <string>

namespace np {

// A self-contained script: a comment (each line prefixed with "; "), (set-logic QF_BV), a
// declare-fun for every free constant, (assert formula), (check-sat). The formula must be
// quantifier-free over Booleans and bit-vectors.
std::string smt2_script(const z3::expr& formula, const std::string& comment);

}  // namespace np
