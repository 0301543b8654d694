#include "proofs/certificate.hpp"

#include <map>

namespace np {

const std::vector<std::string>& obligation_names() {
    static const std::vector<std::string> names{"init", "step", "property"};
    return names;
}

bool Certificate::refuted() const {
    for (const ObligationCheck& c : checks)
        if (c.answer == "sat") return true;
    return false;
}

bool Certificate::confirmed() const { return failure().empty(); }

std::string Certificate::failure() const {
    if (checks.empty()) return "the certificate was not re-checked";
    for (const ObligationCheck& c : checks)
        if (c.answer == "sat") return c.solver + " answered sat on " + c.obligation + ".smt2: the obligation is violated";
    for (const CertificateObligation& o : obligations) {
        bool confirmed_elsewhere = false;
        std::string why;
        for (const ObligationCheck& c : checks) {
            if (c.obligation != o.name) continue;
            if (c.answer == "unsat" && c.solver != found_by) confirmed_elsewhere = true;
            if (c.answer != "unsat") {
                std::string what = c.answer == "missing" ? c.solver + " is not installed"
                                 : c.answer == "interrupted" ? c.solver + " was stopped (the run's budget)"
                                                             : c.solver + " answered " + c.answer;
                if (!c.detail.empty()) what += " (" + c.detail + ")";
                why += (why.empty() ? "" : ", ") + what;
            }
        }
        if (!confirmed_elsewhere)
            return "no solver other than " + found_by + " confirmed " + o.name + ".smt2" + (why.empty() ? std::string() : ": " + why);
    }
    return {};
}

std::string Certificate::confirmation() const {
    std::vector<std::string> solvers;
    std::map<std::string, std::map<std::string, std::string>> by;  // solver -> answer -> obligations
    for (const ObligationCheck& c : checks) {
        if (!by.count(c.solver)) solvers.push_back(c.solver);
        std::string& list = by[c.solver][c.answer];
        list += (list.empty() ? "" : ", ") + c.obligation;
    }
    std::string out;
    for (const std::string& s : solvers) {
        std::string part;
        auto it = by[s].find("unsat");
        if (it != by[s].end()) part = it->second + " unsat";
        for (const auto& [answer, list] : by[s])
            if (answer != "unsat") part += (part.empty() ? "" : ", ") + list + " " + answer;
        out += (out.empty() ? "" : "; ") + s + ": " + part;
    }
    return out;
}

}  // namespace np
