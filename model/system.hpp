// The transition-system IR (DESIGN §2): typed variables with an initial valuation, and
// guarded transitions with parallel assignments, fired one at a time (interleaving).
//
// State layout: every scalar variable occupies one *slot*; an array of length L occupies L
// consecutive slots. A state is a vector of slot values (raw bits, see type.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/expr.hpp"
#include "model/type.hpp"

namespace np {

using State = std::vector<std::uint64_t>;

// What a variable stands for; used by reports (VCD scopes, trace printing) and by STG checks.
enum class VarRole : std::uint8_t { Data, Place, Signal };

struct Variable {
    std::string name;
    Type type;
    std::uint32_t length = 0;          // 0: scalar; otherwise a fixed-length array
    std::vector<std::uint64_t> init;   // one raw value per slot
    std::uint32_t slot = 0;            // first slot (assigned by System::add_variable)
    VarRole role = VarRole::Data;
    std::uint64_t bound = 0;           // Place: capacity (tokens) the net is checked against
    Origin origin;
    std::uint32_t slots() const { return length == 0 ? 1 : length; }
};

// Fairness of a transition (liveness, model/fairness.hpp): none, weak, strong.
enum class Fairness : std::uint8_t { None, Weak, Strong };
const char* fairness_name(Fairness f);  // "unfair", "weak", "strong"

// DESIGN §3: T_in = Input; T_loc = Output ∪ Internal.
enum class TransitionKind : std::uint8_t { Input, Output, Internal };
const char* kind_name(TransitionKind k);
inline bool is_local(TransitionKind k) { return k != TransitionKind::Input; }

// `target[index] := value` (index null for a scalar). All right-hand sides and indices read the
// pre-state. A write through an index outside the array is dropped. When two assignments of one
// transition write the same slot, the later one wins.
struct Assignment {
    std::uint32_t var = 0;
    Expr index;
    Expr value;
};

struct Transition {
    std::string name;
    TransitionKind kind = TransitionKind::Internal;
    Expr guard;
    std::vector<Assignment> updates;
    std::uint32_t energy = 1;  // weight used by activity accounting (DESIGN §3 Q4)
    Origin origin;
    // Liveness (DESIGN §3, model/fairness.hpp): the fairness assumed for this transition instead
    // of its default (weak for local transitions, none for inputs). Set by --strong-fair,
    // --weak-fair and --unfair (spec/parse_expr.hpp: set_fairness).
    std::optional<Fairness> fairness;
};

// A property is a list of clauses; it is violated in a state when some clause is: its `bad`
// expression holds and, for a transition clause, its transition is enabled there (the clause then
// describes what firing that transition would do wrong). Deadlock has no clauses: it is violated by
// a state that enables no transition at all.
struct Clause {
    std::int32_t transition = -1;  // -1: a state clause
    Expr bad;
    std::string message;
    Origin origin;
};

// Quiescence, Persistency and Csc are properties of the whole state graph (checkers/check_quiescence.hpp,
// checkers/check_stg.hpp), never clause lists in System::properties; they label results.
enum class PropertyKind : std::uint8_t {
    Deadlock, Invariant, Consistency, Safeness, Handshake, Quiescence, Persistency, Csc, Response, HandshakeLive, Cover
};
const char* property_kind_name(PropertyKind k);

struct Property {
    std::string name;  // as selected with --property: "deadlock", "invariant:mutex", ...
    PropertyKind kind = PropertyKind::Invariant;
    std::vector<Clause> clauses;
    // A *blocking* property guards the model's own domain (a place above its capacity cannot be
    // represented): a transition whose clause is violated is never fired, and a search that had to
    // skip such a firing has not covered the whole behaviour (so it cannot prove anything).
    bool blocking = false;
    std::string description;
};

// A *cover* property (kind Cover) is a clause list too, read the other way round: it asks for a
// reachable state where some clause's `bad` holds (for a transition clause: where the transition
// is enabled, so that it can fire). Engines search for it as for a violation; the result is then
// turned round (checkers/cover_result.hpp): a witness found and replayed is PASS, a proof that
// none is reachable is FAIL (the proof being vacuous there is what a cover is written to catch).

// Liveness (DESIGN §3): a response obligation `always trigger implies eventually goal`, i.e. every
// state where `trigger` holds is followed, on every fair run, by a state where `goal` holds (the
// state itself counts). Violated by a fair run that reaches a trigger state after which `goal`
// never holds: a fair lasso (a prefix, then a cycle of goal-free states on which every fairness
// constraint is met), or a run that stops in a goal-free state where no fair transition is
// enabled (inputs need no fairness: the environment may stop).
struct Response {
    Expr trigger;
    Expr goal;
    std::string message;  // what a violation means, e.g. "req+ on a is never answered by ack+"
    Origin origin;
};

// Fairness (weak by default for every local transition, checkers/fairness.hpp): a transition
// continuously enabled from some point on is eventually taken. `fair_inputs` are input
// transitions also assumed weakly fair for this property (the environment's side of a handshake
// whose receiver it is: it is assumed receptive). Violated when some obligation is.
struct LivenessProperty {
    std::string name;  // "response:NAME", "handshake-live:CH"
    PropertyKind kind = PropertyKind::Response;
    std::vector<Response> obligations;
    std::vector<std::uint32_t> fair_inputs;
    std::string description;
    Origin origin;
};

// A handshake channel declared by a design (spec/elaborate.hpp): its request and acknowledge
// wires and the data it carries, for the handshake-protocol check (DESIGN §3). Four-phase:
// req+ ack+ req- ack- per transfer (data stable while req is high); two-phase: every req toggle
// is a transfer, answered by one ack toggle.
enum class ChannelProtocol : std::uint8_t { FourPhase, TwoPhase };
const char* protocol_name(ChannelProtocol p);  // "4phase", "2phase"

struct Channel {
    std::string name;  // hierarchical, e.g. "core.out"
    ChannelProtocol protocol = ChannelProtocol::FourPhase;
    std::uint32_t req = 0;  // variable indices (bool)
    std::uint32_t ack = 0;
    std::vector<std::uint32_t> data;  // data variables, empty for a pure control channel
    Origin origin;
};

// A check the input declares that is not (yet) a clause property: `quiescent [within B]` of the
// design language (checked as `quiescence` with B as its settling bound, checkers/run_checks.hpp;
// a different --within is an error), or `handshake CH` (spec/load_system.hpp turns it into the
// property `handshake:CH` and removes it from here). Never part of `properties`.
struct RequestedCheck {
    std::string name;                    // property name it will have: "quiescence", "handshake:CH"
    std::optional<std::uint64_t> bound;  // `within B`
    std::int32_t channel = -1;           // index into System::channels for a handshake check
    Origin origin;
};

struct System {
    std::string name;
    std::string source;  // input file
    std::vector<Variable> variables;
    std::vector<Transition> transitions;
    std::vector<Property> properties;  // what the input declares or its format implies
    // Declared response properties, then `handshake-live:CH` for every channel (spec/load_system.hpp).
    std::vector<LivenessProperty> liveness;
    std::vector<Warning> warnings;
    std::uint32_t slot_count = 0;
    std::vector<Channel> channels;                 // declared handshake channels (may be empty)
    std::vector<RequestedCheck> requested_checks;  // declared graph checks and handshakes (see RequestedCheck)

    // Appends a variable, assigns its slots, returns its index. Throws SourceError on a duplicate name.
    std::uint32_t add_variable(Variable v);
    std::optional<std::uint32_t> find_variable(const std::string& name) const;
    Expr var(std::uint32_t index) const;  // scalar reference
    State initial_state() const;
    const Property* find_property(const std::string& name) const;
    const LivenessProperty* find_liveness(const std::string& name) const;
    const Channel* find_channel(const std::string& name) const;
};

}  // namespace np
