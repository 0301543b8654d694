#include "spec/load_system.hpp"

#include <algorithm>

#include "model/handshake_property.hpp"
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

}  // namespace np
