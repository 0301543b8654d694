#include "model/petri_net.hpp"

namespace np {

const char* signal_kind_name(SignalKind k) {
    switch (k) {
        case SignalKind::Input: return "input";
        case SignalKind::Output: return "output";
        case SignalKind::Internal: return "internal";
    }
    return "?";
}

}  // namespace np
