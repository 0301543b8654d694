// Destruction off the reporting path.
//
// Tearing down what a symbolic run built frees its whole term and clause store: 0.2-1 s for the
// equivalence miter's 16-step unrolling on one idle core, twice that on a loaded one. A run that
// its budget stopped must report at once (DESIGN §7: --timeout bounds the whole command), so it
// hands that state to destroy_later instead of destroying it in place.
//
// destroy_later gives `state` to one background thread, which destroys what it is given one at a
// time in the order given. The caller must have detached everything that could still reach the
// state (a cancellation hook that interrupts its Z3 context, say) before handing it over. At exit
// the object being destroyed is finished; the ones still waiting are left, reachable, to the
// operating system. A null `state` is ignored.
#pragma once

#include <memory>

namespace np {

void destroy_later(std::shared_ptr<void> state);

// How many objects handed over have not been destroyed yet (for tests).
std::size_t pending_destructions();

}  // namespace np
