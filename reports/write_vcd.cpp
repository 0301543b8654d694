#include "reports/write_vcd.hpp"

#include <map>
#include <memory>
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

// The instance path "core.pe[1]" as scopes {"core", "pe[1]"} (dots inside brackets kept).
std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    std::string cur;
    int depth = 0;
    for (char c : path) {
        if (c == '[') ++depth;
        if (c == ']') --depth;
        if (c == '.' && depth == 0) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

struct Scope {
    std::string signals, places;
    std::map<std::string, std::unique_ptr<Scope>> children;
    void write(std::ostream& out) const {
        out << signals;
        if (!places.empty()) out << "$scope module places $end\n" << places << "$upscope $end\n";
        for (const auto& [name, child] : children) {
            out << "$scope module " << vcd_name(name) << " $end\n";
            child->write(out);
            out << "$upscope $end\n";
        }
    }
};

}  // namespace

std::string format_vcd(const System& sys, const PropertyResult& r) {
    std::ostringstream out;
    out << "$version neuroproof " << NEUROPROOF_VERSION << " $end\n";
    out << "$comment counterexample for " << vcd_name(r.name)
        << ": one time unit per fired transition; `transition` names it, `violation` rises at the violating state $end\n";
    out << "$timescale 1 ns $end\n";
    struct Slot { std::string id; Type type; std::uint32_t index; };
    std::vector<Slot> slots;
    Scope top;
    const std::string transition_id = id_code(0), violation_id = id_code(1);
    std::size_t next = 2;
    for (const Variable& v : sys.variables) {
        // One scope per component instance, the variable under its local name.
        Scope* scope = &top;
        std::string local = v.name;
        const std::string& comp = v.origin.component;
        if (!comp.empty()) {
            for (const std::string& part : split_path(comp)) {
                auto& child = scope->children[part];
                if (!child) child = std::make_unique<Scope>();
                scope = child.get();
            }
            if (local.size() > comp.size() + 1 && local.compare(0, comp.size(), comp) == 0 && local[comp.size()] == '.')
                local = local.substr(comp.size() + 1);
        }
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            Slot s{id_code(next++), v.type, v.slot + k};
            // An array element is its own signal "v[3]"; a vector's bit range follows its name, so
            // that GTKWave reads "v[3]" as the element's name and not as bit 3.
            std::string name = vcd_name(v.length ? local + "[" + std::to_string(k) + "]" : local);
            std::string decl;
            if (v.type.is_bool()) decl = "$var wire 1 " + s.id + " " + name + " $end\n";
            else
                decl = "$var " + std::string(v.type.is_signed() ? "integer" : "reg") + " " + std::to_string(v.type.width) + " " + s.id + " " +
                       name + " [" + std::to_string(v.type.width - 1) + ":0] $end\n";
            (v.role == VarRole::Place ? scope->places : scope->signals) += decl;
            slots.push_back(std::move(s));
        }
    }
    out << "$scope module " << vcd_name(sys.name.empty() ? "model" : sys.name) << " $end\n";
    out << "$var string 1 " << transition_id << " transition $end\n";
    out << "$var wire 1 " << violation_id << " violation $end\n";
    top.write(out);
    out << "$upscope $end\n$enddefinitions $end\n";
    if (!r.trace) return out.str();
    const Trace& tr = *r.trace;
    out << "#0\n$dumpvars\ns(initial) " << transition_id << "\n" << (tr.steps.empty() ? "1" : "0") << violation_id << "\n";
    for (const Slot& s : slots) out << value_change(s.type, tr.initial[s.index], s.id) << "\n";
    out << "$end\n";
    const State* prev = &tr.initial;
    for (std::size_t i = 0; i < tr.steps.size(); ++i) {
        const auto& st = tr.steps[i];
        out << "#" << i + 1 << "\ns" << vcd_name(sys.transitions[st.transition].name) << " " << transition_id << "\n";
        if (i + 1 == tr.steps.size()) out << "1" << violation_id << "\n";
        for (const Slot& s : slots)
            if ((*prev)[s.index] != st.state[s.index]) out << value_change(s.type, st.state[s.index], s.id) << "\n";
        prev = &st.state;
    }
    out << "#" << tr.steps.size() + 1 << "\n";
    return out.str();
}

}  // namespace np
