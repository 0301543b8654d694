#include "checkers/result.hpp"

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

}  // namespace np
