// RapidCheck generators for the IR: random typed expressions over a system's variables, and
// random states of a system. Used by the differential tests of the back ends (evaluator vs Z3).
#pragma once

#include <rapidcheck.h>

#include "model/system.hpp"

namespace np::gen {

// A random type: bool, or uN/sN with N drawn from widths that stress edge cases (1, 7, 8, 16, 63, 64...).
rc::Gen<Type> type();
// A system with 1..6 scalar variables and 0..2 arrays of random types (initial values random).
rc::Gen<System> small_system();
// A random expression of type `t` over `sys`'s variables, of depth at most `depth`.
rc::Gen<Expr> expr(const System& sys, Type t, int depth);
// A random valuation of every slot of `sys`, each within its type's width.
rc::Gen<State> state(const System& sys);

}  // namespace np::gen
