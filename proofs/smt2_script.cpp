#include "proofs/smt2_script.hpp"

#include <sstream>

namespace np {

std::string smt2_script(const z3::expr& formula, const std::string& comment) {
    std::ostringstream out;
    std::istringstream lines(comment);
    for (std::string line; std::getline(lines, line);) out << "; " << line << "\n";
    z3::context& ctx = formula.ctx();
    std::string body = Z3_benchmark_to_smtlib_string(ctx, "", "QF_BV", "unknown", "", 0, nullptr, formula);
    ctx.check_error();
    // Z3 prints a set-info/set-logic preamble of its own and ends with (check-sat); keep it whole
    // but drop its empty leading comment line.
    std::istringstream text(body);
    for (std::string line; std::getline(text, line);) {
        if (line == "; " || line == ";") continue;
        out << line << "\n";
    }
    return out.str();
}

}  // namespace np
