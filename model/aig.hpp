// An And-Inverter Graph in AIGER's terms (http://fmv.jku.at/aiger/FORMAT): variable v has the
// literals 2v (the variable) and 2v+1 (its negation); literal 0 is false and 1 true. Variables are
// numbered as AIGER's binary format requires: inputs 1..I, then latches I+1..I+L, then AND gates
// in creation order (every gate after its operands). Latches are initialised to 0 (a bit that
// starts at 1 is stored inverted by the encoder that builds the graph: model/bit_blast.hpp).
// Gates are built with constant folding and structural hashing, so equal sub-circuits are one.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace np {

using AigLit = std::uint32_t;
inline constexpr AigLit kAigFalse = 0;
inline constexpr AigLit kAigTrue = 1;
inline AigLit aig_not(AigLit a) { return a ^ 1u; }

class Aig {
public:
    // Inputs, then latches, then gates: an input or latch added after the first gate throws
    // std::logic_error (an internal error).
    AigLit add_input(std::string name);
    AigLit add_latch(std::string name);
    void set_next(AigLit latch, AigLit next);
    void add_output(AigLit lit, std::string name);

    AigLit land(AigLit a, AigLit b);
    AigLit lor(AigLit a, AigLit b) { return aig_not(land(aig_not(a), aig_not(b))); }
    AigLit lxor(AigLit a, AigLit b);
    AigLit lite(AigLit c, AigLit t, AigLit e);  // c ? t : e

    std::uint32_t inputs() const { return static_cast<std::uint32_t>(input_names_.size()); }
    std::uint32_t latches() const { return static_cast<std::uint32_t>(latch_names_.size()); }
    std::uint32_t gates() const { return static_cast<std::uint32_t>(gates_.size()); }
    std::uint32_t max_var() const { return inputs() + latches() + gates(); }
    AigLit latch_lit(std::uint32_t i) const { return 2 * (inputs() + 1 + i); }
    const std::string& latch_name(std::uint32_t i) const { return latch_names_[i]; }
    const std::string& input_name(std::uint32_t i) const { return input_names_[i]; }
    AigLit next(std::uint32_t latch) const { return next_[latch]; }
    // Gate g (variable inputs() + latches() + 1 + g): its two operand literals, larger first.
    std::pair<AigLit, AigLit> gate(std::uint32_t g) const { return gates_[g]; }
    const std::vector<std::pair<AigLit, std::string>>& outputs() const { return outputs_; }

    // The value of every literal's variable for given input and latch values (one bool each, in
    // order): values[v] for variable v (values[0] is false). Gate by gate, in order.
    std::vector<bool> simulate(const std::vector<bool>& inputs, const std::vector<bool>& latches) const;
    static bool value(const std::vector<bool>& values, AigLit l) { return values[l >> 1] != static_cast<bool>(l & 1); }
    // Latch next-state values in a simulated valuation.
    std::vector<bool> next_latches(const std::vector<bool>& values) const;

    // The same graph without the gates that no output and no next-state function reads (the
    // encoder leaves some behind), gates renumbered in order; inputs and latches unchanged.
    Aig swept() const;

    // Binary AIGER ("aig M I L O A"; outputs are the bad-state properties, as in the HWMCC
    // convention that ABC follows), with a symbol table of the names given and `comments` in the
    // comment section.
    void write_binary(std::ostream& out, const std::string& comments = "") const;
    // The ASCII form ("aag"), same content.
    void write_ascii(std::ostream& out, const std::string& comments = "") const;

private:
    std::vector<std::string> input_names_, latch_names_;
    std::vector<AigLit> next_;
    std::vector<std::pair<AigLit, AigLit>> gates_;  // rhs0 >= rhs1
    std::map<std::pair<AigLit, AigLit>, AigLit> hash_;
    std::vector<std::pair<AigLit, std::string>> outputs_;
};

}  // namespace np
