// RapidCheck generator of random place/transition nets (weights, capacities, read arcs, initial
// tokens within capacity), for differential tests of the IR engines against the token game.
#pragma once

#include <rapidcheck.h>

#include "model/petri_net.hpp"

namespace np::gen {

rc::Gen<PetriNet> petri_net();

}  // namespace np::gen
