#include "spec/load_system.hpp"

#include <algorithm>

#include "spec/read_g.hpp"
#include "spec/read_ll_net.hpp"

namespace np {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

System load_system(const std::string& path, const LoadOptions& options) {
    if (ends_with(path, ".np")) return elaborate_file(path, options.elaborate);
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
