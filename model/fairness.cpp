#include "model/fairness.hpp"

namespace np {

std::vector<Fairness> fairness_of(const System& sys, const LivenessProperty& p) {
    std::vector<Fairness> f(sys.transitions.size(), Fairness::None);
    for (std::size_t t = 0; t < f.size(); ++t)
        if (is_local(sys.transitions[t].kind)) f[t] = Fairness::Weak;
    for (std::uint32_t t : p.fair_inputs) f.at(t) = Fairness::Weak;
    for (std::size_t t = 0; t < f.size(); ++t)
        if (sys.transitions[t].fairness) f[t] = *sys.transitions[t].fairness;
    return f;
}

namespace {

// "a, b, c" or, past `most` names, "a, b, c and 7 more".
std::string some_names(const std::vector<std::string>& names, std::size_t most = 3) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > most) out += " and " + std::to_string(names.size() - most) + " more";
    return out;
}

}  // namespace

std::string describe_fairness(const System& sys, const std::vector<Fairness>& f) {
    std::vector<std::string> strong, inputs, unfair;
    for (std::size_t t = 0; t < f.size(); ++t) {
        const Transition& tr = sys.transitions[t];
        if (f[t] == Fairness::Strong) strong.push_back(tr.name);
        else if (!is_local(tr.kind) && f[t] == Fairness::Weak) inputs.push_back(tr.name);
        else if (is_local(tr.kind) && f[t] == Fairness::None) unfair.push_back(tr.name);
    }
    std::string out = "weak fairness of local transitions";
    if (!unfair.empty()) out += " but " + some_names(unfair);
    if (!strong.empty()) out += ", strong of " + some_names(strong);
    if (!inputs.empty()) out += ", environment's " + some_names(inputs) + " weakly fair";
    return out;
}

}  // namespace np
