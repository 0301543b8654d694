#include "reports/export_model.hpp"

#include <cctype>
#include <sstream>
#include <stdexcept>

#include "model/bit_blast.hpp"
#include "model/did_you_mean.hpp"
#include "reports/write_promela.hpp"

namespace np {

ExportFormat export_format(const std::string& name) {
    if (name == "aiger") return ExportFormat::Aiger;
    if (name == "aag") return ExportFormat::Aag;
    if (name == "btor2") return ExportFormat::Btor2;
    if (name == "smv") return ExportFormat::Smv;
    if (name == "promela") return ExportFormat::Promela;
    throw std::invalid_argument("unknown export format '" + name + "'" + did_you_mean(name, {"aiger", "aag", "btor2", "smv", "promela"}) +
                                " (formats: aiger, aag, btor2, smv, promela)");
}

const char* export_extension(ExportFormat f) {
    switch (f) {
        case ExportFormat::Aiger: return ".aig";
        case ExportFormat::Aag: return ".aag";
        case ExportFormat::Btor2: return ".btor2";
        case ExportFormat::Smv: return ".smv";
        case ExportFormat::Promela: return ".pml";
    }
    return "";
}

namespace {

std::string describe(const BitBlaster& b) {
    std::ostringstream c;
    c << "neuroproof export of '" << b.system().name << "' (" << b.system().source << ")\n"
      << "one transition per step: inputs sel[0.." << b.selector_width() - 1 << "] name it (a stutter when it may not fire)\n";
    for (std::size_t t = 0; t < b.system().transitions.size(); ++t) c << "sel=" << t << " " << b.system().transitions[t].name << "\n";
    c << "latches start at 0; a name ending in ~ holds its bit inverted (the bit starts at 1)\n"
      << "outputs are bad-state properties: 1 where the property is violated\n";
    return c.str();
}

// Btor2 of the AIG, ids in increasing order as they are written: 1 the sort, 2 false, then the
// inputs, the states (each with its init), the gates (a `not` written before its first use).
void write_btor2(const Aig& aig, const std::string& comments, std::ostream& out) {
    std::istringstream lines(comments);
    for (std::string l; std::getline(lines, l);) out << "; " << l << "\n";
    out << "1 sort bitvec 1\n2 zero 1\n";
    std::uint32_t next_id = 3;
    std::vector<std::uint32_t> id(aig.max_var() + 1, 0), negation(aig.max_var() + 1, 0);
    id[0] = 2;
    auto node = [&](AigLit l) -> std::uint32_t {
        const std::uint32_t v = l >> 1;
        if (!(l & 1)) return id[v];
        if (!negation[v]) {
            negation[v] = next_id++;
            out << negation[v] << " not 1 " << id[v] << "\n";
        }
        return negation[v];
    };
    auto symbol = [](std::string s) {
        for (char& c : s)
            if (std::isspace(static_cast<unsigned char>(c))) c = '_';
        return s;
    };
    for (std::uint32_t i = 0; i < aig.inputs(); ++i) {
        id[1 + i] = next_id++;
        out << id[1 + i] << " input 1 " << symbol(aig.input_name(i)) << "\n";
    }
    for (std::uint32_t i = 0; i < aig.latches(); ++i) {
        const std::uint32_t v = 1 + aig.inputs() + i;
        id[v] = next_id++;
        out << id[v] << " state 1 " << symbol(aig.latch_name(i)) << "\n";
        out << next_id++ << " init 1 " << id[v] << " 2\n";
    }
    for (std::uint32_t g = 0; g < aig.gates(); ++g) {
        const auto [a, b] = aig.gate(g);
        const std::uint32_t na = node(a), nb = node(b);
        const std::uint32_t v = 1 + aig.inputs() + aig.latches() + g;
        id[v] = next_id++;
        out << id[v] << " and 1 " << na << " " << nb << "\n";
    }
    for (std::uint32_t i = 0; i < aig.latches(); ++i) {
        const std::uint32_t n = node(aig.next(i));
        out << next_id++ << " next 1 " << id[1 + aig.inputs() + i] << " " << n << "\n";
    }
    for (const auto& [lit, name] : aig.outputs()) {
        const std::uint32_t n = node(lit);
        out << next_id++ << " bad " << n << " " << name << "\n";
    }
}

// SMV of the AIG: variable v is v<v> (sel inputs as IVARs, latches as VARs, gates as DEFINEs).
void write_smv(const Aig& aig, const std::string& comments, std::ostream& out) {
    auto lit = [](AigLit l) -> std::string {
        if (l == kAigFalse) return "FALSE";
        if (l == kAigTrue) return "TRUE";
        return std::string(l & 1 ? "!" : "") + "v" + std::to_string(l >> 1);
    };
    std::istringstream lines(comments);
    for (std::string l; std::getline(lines, l);) out << "-- " << l << "\n";
    out << "MODULE main\n";
    if (aig.inputs()) out << "IVAR\n";
    for (std::uint32_t i = 0; i < aig.inputs(); ++i) out << "  v" << 1 + i << " : boolean; -- " << aig.input_name(i) << "\n";
    if (aig.latches()) out << "VAR\n";
    for (std::uint32_t i = 0; i < aig.latches(); ++i) out << "  v" << 1 + aig.inputs() + i << " : boolean; -- " << aig.latch_name(i) << "\n";
    if (aig.gates()) out << "DEFINE\n";
    for (std::uint32_t g = 0; g < aig.gates(); ++g) {
        const auto [a, b] = aig.gate(g);
        out << "  v" << 1 + aig.inputs() + aig.latches() + g << " := " << lit(a) << " & " << lit(b) << ";\n";
    }
    if (aig.latches()) out << "ASSIGN\n";
    for (std::uint32_t i = 0; i < aig.latches(); ++i) {
        const std::uint32_t v = 1 + aig.inputs() + i;
        out << "  init(v" << v << ") := FALSE;\n  next(v" << v << ") := " << lit(aig.next(i)) << ";\n";
    }
    for (const auto& [l, name] : aig.outputs()) out << "INVARSPEC NAME " << name << " := !(" << lit(l) << ");\n";
}

// SMV and Btor2 names: no spaces or separators inside.
std::string plain_name(const std::string& s) {
    std::string r;
    for (char c : s) r += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
    return r;
}

}  // namespace

void export_model(const System& sys, const std::vector<std::string>& properties, ExportFormat format, std::ostream& out) {
    if (format == ExportFormat::Promela) {
        // Not bit-blasted: the IR itself; SPIN's invalid-end-state check is the deadlock property.
        for (const std::string& n : properties)
            if (n != "deadlock")
                throw std::invalid_argument("property '" + n + "' cannot be exported to Promela: the Promela export carries deadlock only "
                                            "(SPIN's invalid end states); omit --property or use --property deadlock");
        write_promela(sys, out);
        return;
    }
    std::vector<const Property*> props;
    std::vector<std::string> names;
    for (const Property& p : sys.properties) names.push_back(p.name);
    if (properties.empty()) {
        for (const Property& p : sys.properties) props.push_back(&p);
    } else {
        for (const std::string& n : properties) {
            const Property* p = sys.find_property(n);
            if (!p)
                throw std::invalid_argument("property '" + n + "' cannot be exported for this input" + did_you_mean(n, names) +
                                            " (exportable: the clause properties and deadlock; quiescence, persistency and csc "
                                            "are properties of the state graph)");
            props.push_back(p);
        }
    }
    BitBlaster b(sys);
    const bool plain = format == ExportFormat::Btor2 || format == ExportFormat::Smv;
    for (const Property* p : props) b.aig().add_output(b.violates(*p), plain ? plain_name(p->name) : p->name);
    bool blocking = false;
    for (const Property& p : sys.properties)
        for (const Clause& c : p.clauses) blocking = blocking || (p.blocking && c.transition >= 0);
    if (blocking) b.aig().add_output(b.truncation(), "truncation");
    const std::string comments = describe(b);
    const Aig aig = b.aig().swept();
    switch (format) {
        case ExportFormat::Aiger: aig.write_binary(out, comments); break;
        case ExportFormat::Aag: aig.write_ascii(out, comments); break;
        case ExportFormat::Btor2: write_btor2(aig, comments, out); break;
        case ExportFormat::Smv: write_smv(aig, comments, out); break;
        case ExportFormat::Promela: break;  // written above
    }
}

}  // namespace np
