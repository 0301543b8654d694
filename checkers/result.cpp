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

}  // namespace np
