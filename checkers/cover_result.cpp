#include "checkers/cover_result.hpp"

namespace np {

PropertyResult cover_result(const Property& p, PropertyResult r) {
    if (p.kind != PropertyKind::Cover) return r;
    if (r.verdict == Verdict::Fail && r.trace) {
        r.verdict = Verdict::Pass;
        r.message = "covered: a witness run of " + std::to_string(r.trace->steps.size()) + " steps reaches it (" + r.trace->violation + ")";
    } else if (r.verdict == Verdict::Pass) {
        r.verdict = Verdict::Fail;
        r.message = "not coverable: proved that no reachable state reaches it (" + r.message + ")";
    }
    return r;
}

}  // namespace np
