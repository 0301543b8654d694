#include "reports/write_vcd.hpp"

#include <map>
#include <sstream>

namespace np {

namespace {

// Printable VCD identifier codes (no '$', which starts keywords): !, ", #, %, ... then pairs.
std::string id_code(std::size_t n) {
    static const std::string alphabet = [] {
        std::string a;
        for (char c = '!'; c <= '~'; ++c)
            if (c != '$') a += c;
        return a;
    }();
    std::string s;
    do {
        s += alphabet[n % alphabet.size()];
        n /= alphabet.size();
    } while (n > 0);
    return s;
}

std::string vcd_name(const std::string& s) {
    std::string out;
    for (char c : to_valid_utf8(s)) out += (static_cast<unsigned char>(c) <= ' ' || c == '$' || c == 0x7F) ? '_' : c;
    return out.empty() ? "_" : out;
}

std::string value_change(const Type& t, std::uint64_t raw, const std::string& id) {
    if (t.is_bool()) return std::string(raw ? "1" : "0") + id;
    std::string bits;
    for (unsigned b = t.width; b-- > 0;) bits += ((raw >> b) & 1) ? '1' : '0';
    return "b" + bits + " " + id;
}

}  // namespace

std::string format_vcd(const System& sys, const PropertyResult& r) {
    std::ostringstream out;
    out << "$version neuroproof " << NEUROPROOF_VERSION << " $end\n";
    out << "$comment counterexample for " << vcd_name(r.name) << ": one time unit per fired transition $end\n";
    out << "$timescale 1 ns $end\n";
    struct Slot { std::string id; Type type; std::uint32_t index; };
    std::vector<Slot> slots;
    // component -> (places?, lines)
    std::map<std::string, std::pair<std::string, std::string>> scopes;
    std::size_t next = 1;  // code 0 is the transition name
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            Slot s{id_code(next++), v.type, v.slot + k};
            std::string name = vcd_name(v.length ? v.name + "[" + std::to_string(k) + "]" : v.name);
            std::string decl = "$var " + std::string(v.type.is_bool() ? "wire" : "reg") + " " + std::to_string(v.type.width) +
                               " " + s.id + " " + name + " $end\n";
            auto& scope = scopes[v.origin.component];
            (v.role == VarRole::Place ? scope.second : scope.first) += decl;
            slots.push_back(std::move(s));
        }
    out << "$scope module " << vcd_name(sys.name.empty() ? "model" : sys.name) << " $end\n";
    out << "$var string 1 " << id_code(0) << " transition $end\n";
    for (const auto& [component, decls] : scopes) {
        if (!component.empty()) out << "$scope module " << vcd_name(component) << " $end\n";
        out << decls.first;
        if (!decls.second.empty()) out << "$scope module places $end\n" << decls.second << "$upscope $end\n";
        if (!component.empty()) out << "$upscope $end\n";
    }
    out << "$upscope $end\n$enddefinitions $end\n";
    if (!r.trace) return out.str();
    const Trace& tr = *r.trace;
    out << "#0\n$dumpvars\ns(initial) " << id_code(0) << "\n";
    for (const Slot& s : slots) out << value_change(s.type, tr.initial[s.index], s.id) << "\n";
    out << "$end\n";
    const State* prev = &tr.initial;
    for (std::size_t i = 0; i < tr.steps.size(); ++i) {
        const auto& st = tr.steps[i];
        out << "#" << i + 1 << "\ns" << vcd_name(sys.transitions[st.transition].name) << " " << id_code(0) << "\n";
        for (const Slot& s : slots)
            if ((*prev)[s.index] != st.state[s.index]) out << value_change(s.type, st.state[s.index], s.id) << "\n";
        prev = &st.state;
    }
    out << "#" << tr.steps.size() + 1 << "\n";
    return out.str();
}

}  // namespace np
