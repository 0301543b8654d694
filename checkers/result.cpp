#include "checkers/result.hpp"

#include <algorithm>

namespace np {

const char* verdict_name(Verdict v) {
    switch (v) {
        case Verdict::Pass: return "PASS";
        case Verdict::Fail: return "FAIL";
        case Verdict::Unknown: return "UNKNOWN";
        case Verdict::Error: return "ERROR";
    }
    return "?";
}

int exit_code(Verdict v) {
    switch (v) {
        case Verdict::Pass: return 0;
        case Verdict::Unknown: return 3;
        case Verdict::Fail: case Verdict::Error: return 1;
    }
    return 1;
}

int exit_code(const std::vector<PropertyResult>& results) {
    int code = 0;
    for (const PropertyResult& r : results) {
        const int c = exit_code(r.verdict);
        if (c == 1) return 1;
        code = std::max(code, c);
    }
    return code;
}

PropertyResult undecided_result(const Property& p, const std::string& engine) {
    PropertyResult r;
    r.name = p.name;
    r.kind = p.kind;
    r.engine = engine;
    r.verdict = Verdict::Unknown;
    return r;
}

std::string proved_words(const Property& p) {
    return p.kind == PropertyKind::Deadlock ? "no reachable deadlock" : "holds in every reachable state";
}

}  // namespace np
