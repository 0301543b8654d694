#include "spec/load_system.hpp"

#include <algorithm>

#include "model/handshake_property.hpp"
#include "spec/parse_expr.hpp"
#include "spec/read_g.hpp"
#include "spec/read_ll_net.hpp"

namespace np {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

System load_system(const std::string& path, const LoadOptions& options) {
    if (ends_with(path, ".np")) {
        System sys = elaborate_file(path, options.elaborate);
        // Every channel implies its protocol: `handshake:<channel>` is offered for each, and a
        // `handshake CH` declaration in the design only makes it explicit.
        for (const Channel& ch : sys.channels)
            if (!sys.find_property("handshake:" + ch.name)) sys.properties.push_back(handshake_property(sys, ch));
        // ... and its liveness, `handshake-live:<channel>` (checked when asked for).
        for (const Channel& ch : sys.channels) sys.liveness.push_back(handshake_liveness(sys, ch));
        std::erase_if(sys.requested_checks, [](const RequestedCheck& c) { return c.channel >= 0; });
        return sys;
    }
    PetriNet net;
    if (ends_with(path, ".g")) net = read_g(path);
    else if (ends_with(path, ".ll_net")) net = read_ll_net(path);
    else
        throw SourceError(Origin{path, 0, 0, {}},
                          "unknown input format: expected a .g (STG), .ll_net (PEP Petri net) or .np (design language) file");
    for (Place& p : net.places) p.capacity = std::max(p.capacity, options.min_capacity);
    return compile_net(std::move(net), options.compile);
}

namespace {

ElaborateOptions::Parameter design_parameter(const std::string& spec) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--param expects NAME=VALUE, got '" + spec + "'");
    ElaborateOptions::Parameter p{spec.substr(0, eq), spec.substr(eq + 1)};
    const std::string value = spec.substr(eq + 1);
    if (value == "true" || value == "false") {
        p.value = value == "true";
    } else {
        try {
            std::size_t used = 0;
            const long long v = std::stoll(value, &used);
            if (used == value.size()) p.value = static_cast<std::int64_t>(v);
        } catch (const std::exception&) {
            // not an integer: kept as a string
        }
    }
    return p;
}

}  // namespace

System load_model(const ModelSource& source) {
    LoadOptions load;
    load.min_capacity = source.capacity;
    for (const std::string& p : source.parameters) load.elaborate.parameters.push_back(design_parameter(p));
    System sys = load_system(source.file, load);
    for (const std::string& inv : source.invariants) add_invariant(sys, inv);
    for (const std::string& r : source.responses) add_response(sys, r);
    for (const std::string& c : source.covers) add_cover(sys, c);
    for (const std::string& f : source.fairness) set_fairness(sys, f);
    return sys;
}

}  // namespace np
