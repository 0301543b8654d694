#include "model/system.hpp"

namespace np {

const char* kind_name(TransitionKind k) {
    switch (k) {
        case TransitionKind::Input: return "input";
        case TransitionKind::Output: return "output";
        case TransitionKind::Internal: return "internal";
    }
    return "?";
}

const char* property_kind_name(PropertyKind k) {
    switch (k) {
        case PropertyKind::Deadlock: return "deadlock";
        case PropertyKind::Invariant: return "invariant";
        case PropertyKind::Consistency: return "consistency";
        case PropertyKind::Safeness: return "safeness";
        case PropertyKind::Handshake: return "handshake";
        case PropertyKind::Quiescence: return "quiescence";
        case PropertyKind::Persistency: return "persistency";
        case PropertyKind::Csc: return "csc";
        case PropertyKind::Response: return "response";
        case PropertyKind::HandshakeLive: return "handshake-live";
        case PropertyKind::Cover: return "cover";
    }
    return "?";
}

const char* fairness_name(Fairness f) {
    switch (f) {
        case Fairness::None: return "unfair";
        case Fairness::Weak: return "weak";
        case Fairness::Strong: return "strong";
    }
    return "?";
}

const char* protocol_name(ChannelProtocol p) {
    switch (p) {
        case ChannelProtocol::FourPhase: return "4phase";
        case ChannelProtocol::TwoPhase: return "2phase";
    }
    return "?";
}

std::uint32_t System::add_variable(Variable v) {
    if (find_variable(v.name))
        throw SourceError(v.origin, "duplicate variable '" + v.name + "'");
    v.slot = slot_count;
    if (v.init.empty()) v.init.assign(v.slots(), 0);
    for (auto& x : v.init) x &= v.type.mask();
    slot_count += v.slots();
    variables.push_back(std::move(v));
    return static_cast<std::uint32_t>(variables.size() - 1);
}

std::optional<std::uint32_t> System::find_variable(const std::string& n) const {
    for (std::uint32_t i = 0; i < variables.size(); ++i)
        if (variables[i].name == n) return i;
    return std::nullopt;
}

Expr System::var(std::uint32_t i) const {
    const Variable& v = variables.at(i);
    return mk_var(i, v.slot, v.type, v.name);
}

State System::initial_state() const {
    State s(slot_count, 0);
    for (const Variable& v : variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) s[v.slot + k] = v.init[k];
    return s;
}

const Property* System::find_property(const std::string& n) const {
    for (const Property& p : properties)
        if (p.name == n) return &p;
    return nullptr;
}

const LivenessProperty* System::find_liveness(const std::string& n) const {
    for (const LivenessProperty& p : liveness)
        if (p.name == n) return &p;
    return nullptr;
}

const Channel* System::find_channel(const std::string& n) const {
    for (const Channel& c : channels)
        if (c.name == n) return &c;
    return nullptr;
}

}  // namespace np
