// --paranoid (issue: trust, then verify): a conclusive verdict of one engine is re-derived by an
// engine of the other family, on the same budget:
//   explicit PASS      k-induction, then Spacer if k-induction is inconclusive
//   explicit FAIL      BMC up to the trace's length (both find shortest counterexamples)
//   symbolic verdicts  explicit search
//   quiescence         with a required B, the symbolic monitor (checkers/symbolic_quiescence.hpp)
//                      for an explicit verdict, and the state graph for a symbolic one
//   liveness           the liveness-to-safety monitor (checkers/liveness_to_safety.hpp) for an
//                      explicit verdict, the state graph for a symbolic one
//   persistency, csc   no second engine applies: said in the message
// A contradicting conclusive verdict turns the result into ERROR naming both engines and both
// verdicts; an agreeing one is noted ("confirmed by kind"); an inconclusive one is noted with
// what it reached. The verdict is never upgraded.
#pragma once

#include "checkers/budget.hpp"
#include "checkers/portfolio.hpp"

namespace np {

void confirm_with_second_engine(const System& sys, const Goal& goal, PropertyResult& result, const ExplicitOptions& explicit_options,
                                const SymbolicOptions& symbolic, const GraphOptions& graph, const Budget& budget);

}  // namespace np
