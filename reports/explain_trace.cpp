#include "reports/explain_trace.hpp"

#include <filesystem>
#include <set>

#include "model/eval.hpp"
#include "reports/trace_view.hpp"

namespace np {

namespace {

bool is_comparison(Op op) {
    return op == Op::Eq || op == Op::Ne || op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
}

// The variables (slots) an expression reads, rendered with their values in `s`.
void collect_reads(const System& sys, const ExprNode& e, const State& s, std::set<std::string>& seen, std::vector<std::string>& out) {
    if (e.op == Op::Var) {
        const Variable& v = sys.variables[e.var];
        std::string name = v.name;
        if (seen.insert(name).second) out.push_back(name + " = " + format_value(v.type, s[e.slot]));
        return;
    }
    if (e.op == Op::Read) {
        const Variable& v = sys.variables[e.var];
        const std::uint64_t k = eval(*e.args[0], s);
        std::string name = v.name + "[" + std::to_string(k) + "]";
        if (k < e.length && seen.insert(name).second) out.push_back(name + " = " + format_value(v.type, s[e.slot + k]));
        for (const Expr& a : e.args) collect_reads(sys, *a, s, seen, out);
        return;
    }
    for (const Expr& a : e.args) collect_reads(sys, *a, s, seen, out);
}

std::string reads_text(const System& sys, const ExprNode& e, const State& s) {
    std::set<std::string> seen;
    std::vector<std::string> reads;
    collect_reads(sys, e, s, seen, reads);
    std::string out;
    for (std::size_t i = 0; i < reads.size() && i < 8; ++i) out += (i ? ", " : "") + reads[i];
    if (reads.size() > 8) out += ", … (" + std::to_string(reads.size() - 8) + " more)";
    return out;
}

std::string clip(std::string s, std::size_t n = 160) {
    if (s.size() > n) s = s.substr(0, n - 3) + "...";
    return s;
}

void flatten(const Expr& e, Op op, std::vector<Expr>& out) {
    if (e->op == op) {
        for (const Expr& a : e->args) flatten(a, op, out);
    } else {
        out.push_back(e);
    }
}

// Explains why `e` evaluates to `value` (true/false for bool), depth-first, appending lines.
void explain(const System& sys, const Expr& e, const State& s, int depth, std::size_t max, std::vector<std::string>& out) {
    if (out.size() >= max || e->op == Op::Const) return;
    const std::string indent(2 * static_cast<std::size_t>(depth), ' ');
    const std::uint64_t v = eval(*e, s);
    if (e->type.is_bool() && (e->op == Op::Or || e->op == Op::And)) {
        // Which parts decide it: for a true Or the true disjuncts, for a false And the false conjuncts.
        std::vector<Expr> parts;
        flatten(e, e->op, parts);
        const bool deciding = e->op == Op::Or ? true : false;
        std::size_t shown = 0, deciders = 0;
        for (const Expr& p : parts) deciders += (eval(*p, s) != 0) == deciding;
        if ((v != 0) != deciding) {  // every part agrees: a true And, a false Or
            out.push_back(indent + "all " + std::to_string(parts.size()) + " parts of `" + clip(to_string(e), 100) + "` are " + (v ? "true" : "false"));
            return;
        }
        for (const Expr& p : parts) {
            if ((eval(*p, s) != 0) != deciding) continue;
            if (++shown > 4) {
                out.push_back(indent + "… and " + std::to_string(deciders - 4) + " more parts " + (deciding ? "true" : "false"));
                break;
            }
            explain(sys, p, s, depth, max, out);
        }
        return;
    }
    if (e->type.is_bool() && e->op == Op::Not) {
        const Op inner = e->args[0]->op;
        if (inner == Op::And || inner == Op::Or) {
            std::vector<Expr> parts;
            flatten(e->args[0], inner, parts);
            out.push_back(indent + "`!(" + clip(to_string(e->args[0]), 60) + ")` is " + (v ? "true" : "false") + ": of its " +
                          std::to_string(parts.size()) + (inner == Op::And ? " conjuncts" : " disjuncts") + ", these decide it:");
        } else {
            out.push_back(indent + "`" + clip(to_string(e)) + "` is " + (v ? "true" : "false") + ":");
        }
        explain(sys, e->args[0], s, depth + 1, max, out);
        return;
    }
    if (e->op == Op::Implies) {
        out.push_back(indent + "`" + clip(to_string(e), 100) + "` is " + (v ? "true" : "false") + (v ? "" : ": its premise holds and its conclusion does not:"));
        if (!v) {
            explain(sys, e->args[0], s, depth + 1, max, out);
            explain(sys, e->args[1], s, depth + 1, max, out);
        }
        return;
    }
    std::string line = indent + "`" + clip(to_string(e)) + "` is " + (e->type.is_bool() ? (v ? "true" : "false") : format_value(e->type, v));
    if (is_comparison(e->op)) {
        const Expr& a = e->args[0];
        const Expr& b = e->args[1];
        line += ": left " + format_value(a->type, eval(*a, s)) + ", right " + format_value(b->type, eval(*b, s));
    }
    const std::string reads = reads_text(sys, *e, s);
    if (!reads.empty()) line += " (" + reads + ")";
    out.push_back(line);
}

}  // namespace

std::string origin_text(const Origin& o) {
    if (o.file.empty()) return "";
    return std::filesystem::path(o.file).filename().string() + (o.line ? ":" + std::to_string(o.line) : std::string());
}

std::vector<std::string> explain_violation(const System& sys, const PropertyResult& r, std::size_t max_lines) {
    std::vector<std::string> out;
    if (!r.trace) return out;
    const Trace& tr = *r.trace;
    const State& s = tr.final_state();
    if (r.kind == PropertyKind::Deadlock || tr.violated_clause < 0) return out;
    const Property* p = sys.find_property(r.name);
    if (!p || tr.violated_clause >= static_cast<std::int32_t>(p->clauses.size())) return out;
    const Clause& c = p->clauses[static_cast<std::size_t>(tr.violated_clause)];
    std::string head = "clause " + std::to_string(tr.violated_clause + 1) + " of " + std::to_string(p->clauses.size());
    if (!c.message.empty()) head += " (" + c.message + ")";
    const std::string at = origin_text(c.origin);
    if (!at.empty()) head += ", declared at " + at;
    out.push_back(head + ":");
    if (c.transition >= 0) {
        const Transition& t = sys.transitions[static_cast<std::size_t>(c.transition)];
        out.push_back("  transition " + t.name + " is enabled" + (origin_text(t.origin).empty() ? "" : " (" + origin_text(t.origin) + ")") +
                      " and firing it would be wrong:");
    }
    explain(sys, c.bad, s, 1, max_lines, out);
    return out;
}

std::vector<BlockedTransition> explain_blocked(const System& sys, const State& s) {
    std::vector<BlockedTransition> out;
    for (const Transition& t : sys.transitions) {
        std::vector<Expr> conj;
        flatten(t.guard, Op::And, conj);
        for (const Expr& c : conj) {
            if (eval(*c, s) != 0) continue;
            out.push_back({t.name, clip(to_string(c)), reads_text(sys, *c, s), t.origin});
            break;
        }
    }
    return out;
}

std::vector<bool> constant_slots(const System& sys) {
    std::vector<bool> constant(sys.slot_count, true);
    for (const Transition& t : sys.transitions)
        for (const Assignment& a : t.updates) {
            const Variable& v = sys.variables[a.var];
            for (std::uint32_t k = 0; k < v.slots(); ++k) constant[v.slot + k] = false;
        }
    return constant;
}

}  // namespace np
