// The simulation engine (DESIGN §4): runs a system under a scheduler. The environment's moves
// are given as a stream of input transitions; between two inputs the circuit settles: enabled
// local (output / internal) transitions fire one at a time, the scheduler choosing which, until
// the state is quiescent. This is the engine behind activity reports, fuzzing and replay.
//
// Schedulers: Random (seeded, reproducible) or Recorded (a list of choices: the k-th local
// firing takes the choice[k]-th enabled local transition, in transition order, modulo their
// number; when the list runs out, choice 0). Every run records the choices it made, so a random
// run can be replayed exactly with a Recorded scheduler.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "checkers/result.hpp"

namespace np {

class Scheduler {
public:
    static Scheduler random(std::uint64_t seed);
    static Scheduler recorded(std::vector<std::uint32_t> choices);
    // Picks one of `n` > 0 enabled local transitions.
    std::uint32_t choose(std::uint32_t n);
    const std::vector<std::uint32_t>& made() const { return made_; }

private:
    bool random_ = true;
    std::mt19937_64 rng_;
    std::vector<std::uint32_t> script_;
    std::size_t next_ = 0;
    std::vector<std::uint32_t> made_;
};

struct SimulationLimits {
    // Local firings allowed while settling after one input before the run is declared a
    // livelock (the circuit never became quiescent). Default 1,000,000.
    std::uint64_t max_settle_steps = 1'000'000;
};

struct InputActivity {
    std::uint32_t input = 0;           // the input transition fired
    std::uint64_t local_firings = 0;   // local firings until quiescent again
    std::uint64_t energy = 0;          // their energy
};

struct SimulationResult {
    Trace run;                          // every firing, inputs and local
    std::vector<InputActivity> per_input;
    std::uint64_t initial_settling = 0; // local firings before the first input (0 when Q1 holds)
    // Empty when the whole stream was consumed; otherwise why the run stopped: an input not
    // enabled in the quiescent state reached (the circuit was not receptive to it), or a livelock.
    std::string stopped;
    std::vector<std::uint32_t> choices;  // the scheduler's choices, for replay
};

// Fires local transitions until quiescent, then each input of `inputs` (transition indices of
// kind Input) followed by settling. Throws std::invalid_argument if an index is not an input.
SimulationResult simulate(const System& sys, const std::vector<std::uint32_t>& inputs, Scheduler& scheduler,
                          const SimulationLimits& limits = {});

}  // namespace np
