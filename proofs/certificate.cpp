#include "proofs/certificate.hpp"

namespace np {

bool Certificate::confirmed() const { return !checks.empty() && failure().empty(); }

std::string Certificate::failure() const {
    if (checks.empty()) return "the certificate was not re-checked";
    for (const CertificateObligation& o : obligations) {
        bool asked = false;
        for (const ObligationCheck& c : checks)
            if (c.obligation == o.name) asked = true;
        if (!asked) return "no solver re-checked " + o.name + ".smt2";
    }
    for (const ObligationCheck& c : checks)
        if (c.answer != "unsat") {
            std::string what = c.answer == "missing" ? c.solver + " is not installed, so it could not re-check " + c.obligation + ".smt2"
                             : c.solver + " answered " + c.answer + " on " + c.obligation + ".smt2 (expected unsat)";
            if (!c.detail.empty()) what += ": " + c.detail;
            return what;
        }
    return {};
}

}  // namespace np
