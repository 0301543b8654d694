#include "reports/write_promela.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace np {

namespace {

constexpr std::int64_t kIntMin = -(std::int64_t{1} << 31);
constexpr std::int64_t kIntMax = (std::int64_t{1} << 31) - 1;

// The values a Promela expression can take (its stored form: uN unsigned, sN signed).
struct Range {
    std::int64_t lo = 0, hi = 0;
    bool within(const Range& r) const { return lo >= r.lo && hi <= r.hi; }
};

// Comment text: printable ASCII only, never closing the comment.
std::string comment_text(const std::string& s) {
    std::string r;
    for (char c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        r += (u >= 0x20 && u < 0x7f && c != '\\') ? c : '?';
    }
    for (std::size_t p; (p = r.find("*/")) != std::string::npos;) r.replace(p, 2, "* /");
    for (std::size_t p; (p = r.find("/*")) != std::string::npos;) r.replace(p, 2, "/ *");
    return r;
}

class PromelaWriter {
public:
    explicit PromelaWriter(const System& sys) : sys_(sys) { name_variables(); }

    void write(std::ostream& out);

private:
    const System& sys_;
    std::vector<std::string> names_;  // Promela name per IR variable

    [[noreturn]] void unsupported(const std::string& what) const {
        throw std::invalid_argument("Promela export of '" + sys_.name + "': " + what);
    }

    void check_type(const Type& t, const std::string& where) const {
        if (t.width > 31)
            unsupported(where + " has type " + t.str() + ", wider than 31 bits: Promela's int has 32 bits and cannot hold it exactly");
    }

    static Range type_range(const Type& t) {
        if (t.is_bool()) return {0, 1};
        if (t.is_signed()) return {-(std::int64_t{1} << (t.width - 1)), (std::int64_t{1} << (t.width - 1)) - 1};
        return {0, (std::int64_t{1} << t.width) - 1};
    }

    // The stored value of a raw bit pattern of type t.
    static std::int64_t stored(const Type& t, std::uint64_t raw) {
        return t.is_signed() ? to_signed(raw, t.width) : static_cast<std::int64_t>(raw);
    }

    static std::string number(std::int64_t v) { return v < 0 ? "(" + std::to_string(v) + ")" : std::to_string(v); }

    static const char* promela_type(const Type& t) {
        if (t.is_bool()) return "bit";
        if (!t.is_signed() && t.width <= 8) return "byte";
        if (t.width <= (t.is_signed() ? 16u : 15u)) return "short";
        return "int";
    }

    void name_variables() {
        std::set<std::string> used;
        for (const Variable& v : sys_.variables) {
            check_type(v.type, "variable '" + v.name + "'");
            std::string n = "v_";
            for (char c : v.name) n += std::isalnum(static_cast<unsigned char>(c)) ? c : c == '+' ? 'P' : c == '-' ? 'M' : '_';
            std::string unique = n;
            for (int k = 2; used.count(unique); ++k) unique = n + "_" + std::to_string(k);
            used.insert(unique);
            names_.push_back(unique);
        }
    }

    std::string construct(const ExprNode& e) const {
        std::string s = std::string("operator '") + op_name(e.op) + "' on " + (e.args.empty() ? e.type : e.args[0]->type).str();
        return s;
    }

    // Range of the exact (unwrapped) integer an arithmetic operator computes in C; throws when it
    // may leave Promela's 32-bit int.
    Range checked(const ExprNode& e, Range r) const {
        if (r.lo < kIntMin || r.hi > kIntMax)
            unsupported(construct(e) + " in '" + to_string(std::make_shared<const ExprNode>(e)) +
                        "': its exact intermediate value may exceed Promela's 32-bit int (range " + std::to_string(r.lo) + ".." +
                        std::to_string(r.hi) + ")");
        return r;
    }

    // The text of `x` (an int in range r) wrapped into type t's stored form.
    static std::string wrap(const Type& t, const std::string& x, const Range& r) {
        if (r.within(type_range(t))) return x;
        if (t.is_bool()) return "((" + x + ") != 0)";
        const std::string m = std::to_string(t.mask());
        if (!t.is_signed()) return "((" + x + ") & " + m + ")";
        const std::string s = std::to_string(std::uint64_t{1} << (t.width - 1));
        return "((((" + x + ") & " + m + ") ^ " + s + ") - " + s + ")";
    }

    // The raw (unsigned) bit pattern of an expression's value, as an index or shift amount reads it.
    std::string raw(const Expr& e, Range& r) const {
        std::string x = expr(e, r);
        if (r.lo >= 0) return x;
        r = {0, static_cast<std::int64_t>(e->type.mask())};
        return "((" + x + ") & " + std::to_string(e->type.mask()) + ")";
    }

    std::string expr(const Expr& e) const {
        Range r;
        return expr(e, r);
    }

    // Promela text of e's stored value; r receives the range of that value.
    std::string expr(const Expr& ep, Range& r) const {
        const ExprNode& e = *ep;
        check_type(e.type, "the expression '" + to_string(ep) + "'");
        const Type& t = e.type;
        r = type_range(t);
        auto arg = [&](std::size_t i, Range& ra) { return expr(e.args[i], ra); };
        Range ra, rb, rc;
        switch (e.op) {
            case Op::Const: {
                const std::int64_t v = stored(t, e.value);
                r = {v, v};
                return number(v);
            }
            case Op::Var: return names_[e.var];
            case Op::Read: {
                const std::string idx = raw(e.args[0], ra);
                const std::string read = names_[e.var] + "[" + idx + "]";
                if (ra.hi < static_cast<std::int64_t>(e.length)) return read;
                return "((" + idx + ") < " + std::to_string(e.length) + " -> " + read + " : 0)";
            }
            case Op::Not: return "(!" + arg(0, ra) + ")";
            case Op::And: return "(" + arg(0, ra) + " && " + arg(1, rb) + ")";
            case Op::Or: return "(" + arg(0, ra) + " || " + arg(1, rb) + ")";
            case Op::Xor: return "(" + arg(0, ra) + " != " + arg(1, rb) + ")";
            case Op::Implies: return "((!" + arg(0, ra) + ") || " + arg(1, rb) + ")";
            case Op::Eq: return "(" + arg(0, ra) + " == " + arg(1, rb) + ")";
            case Op::Ne: return "(" + arg(0, ra) + " != " + arg(1, rb) + ")";
            case Op::Lt: return "(" + arg(0, ra) + " < " + arg(1, rb) + ")";
            case Op::Le: return "(" + arg(0, ra) + " <= " + arg(1, rb) + ")";
            case Op::Gt: return "(" + arg(0, ra) + " > " + arg(1, rb) + ")";
            case Op::Ge: return "(" + arg(0, ra) + " >= " + arg(1, rb) + ")";
            case Op::Add: case Op::Sub: case Op::AddSat: case Op::SubSat: {
                const std::string a = arg(0, ra), b = arg(1, rb);
                const bool add = e.op == Op::Add || e.op == Op::AddSat;
                const Range exact = checked(e, add ? Range{ra.lo + rb.lo, ra.hi + rb.hi} : Range{ra.lo - rb.hi, ra.hi - rb.lo});
                const std::string x = "(" + a + (add ? " + " : " - ") + b + ")";
                if (e.op == Op::Add || e.op == Op::Sub) return wrap(t, x, exact);
                // Saturating: clamp the exact value to the type's range.
                const Range tr = type_range(t);
                std::string y = x;
                if (exact.lo < tr.lo) y = "(" + x + " < " + number(tr.lo) + " -> " + number(tr.lo) + " : " + x + ")";
                if (exact.hi > tr.hi) y = "(" + x + " > " + number(tr.hi) + " -> " + number(tr.hi) + " : " + y + ")";
                return y;
            }
            case Op::Mul: {
                const std::string a = arg(0, ra), b = arg(1, rb);
                const std::int64_t c[] = {ra.lo * rb.lo, ra.lo * rb.hi, ra.hi * rb.lo, ra.hi * rb.hi};
                const Range exact = checked(e, {*std::min_element(c, c + 4), *std::max_element(c, c + 4)});
                return wrap(t, "(" + a + " * " + b + ")", exact);
            }
            case Op::Neg: {
                const std::string a = arg(0, ra);
                return wrap(t, "(-" + a + ")", checked(e, {-ra.hi, -ra.lo}));
            }
            case Op::BitAnd: return "(" + arg(0, ra) + " & " + arg(1, rb) + ")";
            case Op::BitOr: return "(" + arg(0, ra) + " | " + arg(1, rb) + ")";
            case Op::BitXor: return "(" + arg(0, ra) + " ^ " + arg(1, rb) + ")";
            case Op::BitNot: {
                const std::string a = arg(0, ra);
                // A sign-extended value stays sign-extended under ~; an unsigned one is masked.
                return t.is_signed() ? "(~" + a + ")" : "((~" + a + ") & " + std::to_string(t.mask()) + ")";
            }
            case Op::Shl: case Op::Shr: {
                const std::string a = arg(0, ra);
                check_type(e.args[1]->type, "the shift amount of '" + to_string(ep) + "'");
                const std::string b = raw(e.args[1], rb);
                const std::string w = std::to_string(t.width);
                const std::string m = std::to_string(t.mask());
                std::string shifted, beyond;
                if (e.op == Op::Shl) {
                    // Clear the bits that would leave the type first: no overflow in C.
                    const std::string a_raw = t.is_signed() ? "(" + a + " & " + m + ")" : a;
                    shifted = "((" + a_raw + " & (" + m + " >> " + b + ")) << " + b + ")";
                    if (t.is_signed()) {
                        const std::string s = std::to_string(std::uint64_t{1} << (t.width - 1));
                        shifted = "((" + shifted + " ^ " + s + ") - " + s + ")";
                    }
                    beyond = "0";
                } else {
                    shifted = "(" + a + " >> " + b + ")";  // arithmetic for a negative (sN) value
                    beyond = t.is_signed() ? "(" + a + " < 0 -> -1 : 0)" : "0";
                }
                if (rb.hi < static_cast<std::int64_t>(t.width)) return shifted;
                return "(" + b + " >= " + w + " -> " + beyond + " : " + shifted + ")";
            }
            case Op::Ite: return "(" + arg(0, ra) + " -> " + arg(1, rb) + " : " + arg(2, rc) + ")";
            case Op::Cast: {
                const std::string a = arg(0, ra);
                if (t.is_bool()) return "(" + a + " != 0)";
                return wrap(t, a, ra);
            }
        }
        unsupported(std::string("operator '") + op_name(e.op) + "' has no Promela translation");
    }

    static void reads(const Expr& e, std::set<std::uint32_t>& vars) {
        if (!e) return;
        if (e->op == Op::Var || e->op == Op::Read) vars.insert(e->var);
        for (const Expr& a : e->args) reads(a, vars);
    }

    std::string initialiser(const Variable& v) const {
        std::vector<std::int64_t> vals;
        for (std::uint32_t i = 0; i < v.slots(); ++i) vals.push_back(stored(v.type, i < v.init.size() ? v.init[i] : 0));
        if (std::all_of(vals.begin(), vals.end(), [&](std::int64_t x) { return x == vals[0]; })) return std::to_string(vals[0]);
        std::string s = "{ ";
        for (std::size_t i = 0; i < vals.size(); ++i) s += (i ? ", " : "") + std::to_string(vals[i]);
        return s + " }";
    }
};

void PromelaWriter::write(std::ostream& out) {
    // Blocking clauses per transition.
    std::vector<std::vector<Expr>> blocked(sys_.transitions.size());
    std::vector<std::string> blocking_names;
    for (const Property& p : sys_.properties) {
        if (!p.blocking) continue;
        bool any = false;
        for (const Clause& c : p.clauses)
            if (c.transition >= 0 && static_cast<std::size_t>(c.transition) < blocked.size()) {
                blocked[c.transition].push_back(c.bad);
                any = true;
            }
        if (any) blocking_names.push_back(p.name);
    }

    // Translate everything first: an untranslatable construct throws before anything is written.
    std::ostringstream body;
    std::size_t temps = 0;
    for (std::size_t ti = 0; ti < sys_.transitions.size(); ++ti) {
        const Transition& t = sys_.transitions[ti];
        std::string guard = t.guard ? expr(t.guard) : "1";
        for (const Expr& bad : blocked[ti]) guard += " && !" + expr(bad);
        std::vector<std::string> pre, post;
        std::set<std::uint32_t> written;
        std::size_t temp = 0;
        for (const Assignment& a : t.updates) {
            const Variable& v = sys_.variables[a.var];
            std::set<std::uint32_t> r;
            reads(a.value, r);
            reads(a.index, r);
            const bool hoist = std::any_of(r.begin(), r.end(), [&](std::uint32_t x) { return written.count(x) > 0; });
            std::string value = expr(a.value);
            std::string index;
            Range ri{0, 0};
            if (a.index) index = raw(a.index, ri);
            if (hoist) {
                const std::string tv = "t_" + std::to_string(temp++);
                pre.push_back(tv + " = " + value);
                value = tv;
                if (a.index) {
                    const std::string tx = "t_" + std::to_string(temp++);
                    pre.push_back(tx + " = " + index);
                    index = tx;
                }
            }
            if (!a.index) {
                post.push_back(names_[a.var] + " = " + value);
            } else {
                const std::string store = names_[a.var] + "[" + index + "] = " + value;
                if (ri.hi < static_cast<std::int64_t>(v.slots()))
                    post.push_back(store);
                else  // a write outside the array is dropped
                    post.push_back("if :: (" + index + " < " + std::to_string(v.slots()) + ") -> " + store + " :: else -> skip fi");
            }
            written.insert(a.var);
        }
        temps = std::max(temps, temp);
        body << "  :: /* t" << ti << " " << comment_text(t.name) << " */\n     d_step { " << guard << " ->\n";
        std::vector<std::string> stmts = pre;
        stmts.insert(stmts.end(), post.begin(), post.end());
        if (stmts.empty()) stmts.push_back("skip");
        for (std::size_t k = 0; k < stmts.size(); ++k) body << "       " << stmts[k] << (k + 1 < stmts.size() ? ";" : "") << "\n";
        body << "     }\n";
    }

    out << "/* neuroproof export (Promela) of '" << comment_text(sys_.name) << "' from " << comment_text(sys_.source) << "\n"
        << " * One IR state = one Promela state; one do-option per IR transition, fired atomically (d_step)\n"
        << " * with parallel-assignment semantics. The do-loop has no else/timeout: SPIN's \"invalid end state\"\n"
        << " * is exactly a deadlock (a state that enables no transition). No other property is exported.\n";
    if (!blocking_names.empty()) {
        std::string names;
        for (const std::string& n : blocking_names) names += (names.empty() ? "" : ", ") + n;
        out << " * TRUNCATION: a transition that would violate the blocking propert" << (blocking_names.size() > 1 ? "ies " : "y ")
            << comment_text(names) << "\n"
            << " * (e.g. put more tokens on a place than its capacity) does not fire: `!bad` is in its guard. That\n"
            << " * truncation is UNCHECKED here (neuroproof check reports it); where it happens SPIN explores less\n"
            << " * than the full behaviour, and a state whose only enabled transitions are so blocked shows as an\n"
            << " * invalid end state although neuroproof does not call it a deadlock.\n";
    }
    out << " * Run: spin -a -o2 FILE.pml && gcc -O2 -DSAFETY -DNOREDUCE -o pan pan.c && ./pan -m10000000\n"
        << " * (-o2: SPIN would otherwise hide write-only variables, e.g. an STG's output signals that no\n"
        << " * guard reads, and store fewer states than the model has; add -DVECTORSZ=N to gcc when pan\n"
        << " * says the state vector is too small)\n"
        << " * Transitions (" << sys_.transitions.size() << "):\n";
    for (std::size_t ti = 0; ti < sys_.transitions.size(); ++ti)
        out << " *   t" << ti << " " << comment_text(sys_.transitions[ti].name) << " (" << kind_name(sys_.transitions[ti].kind) << ")\n";
    out << " */\n\n";
    for (std::size_t vi = 0; vi < sys_.variables.size(); ++vi) {
        const Variable& v = sys_.variables[vi];
        out << promela_type(v.type) << " " << names_[vi];
        if (v.length) out << "[" << v.length << "]";
        out << " = " << initialiser(v) << ";  /* " << comment_text(v.name) << ": " << v.type.str() << " */\n";
    }
    for (std::size_t k = 0; k < temps; ++k) out << "hidden int t_" << k << ";  /* scratch for parallel assignment */\n";
    // No transition: the initial state is a deadlock (an option that never fires keeps `do` well-formed).
    if (sys_.transitions.empty()) body << "  :: (0) -> skip  /* no transitions */\n";
    out << "\nactive proctype transitions() {\n  do\n" << body.str() << "  od\n}\n";
}

}  // namespace

void write_promela(const System& sys, std::ostream& out) { PromelaWriter(sys).write(out); }

}  // namespace np
