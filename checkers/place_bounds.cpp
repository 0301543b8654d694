#include "checkers/place_bounds.hpp"

#include <z3++.h>

#include <map>
#include <numeric>

#include "checkers/successor_generator.hpp"

namespace np {

namespace {

using Int = __int128;

// a * b, or false on overflow of |x| < 2^120.
bool mul(Int a, Int b, Int& out) {
    const Int limit = Int{1} << 120;
    if (a != 0 && (b > limit / (a < 0 ? -a : a) || b < -limit / (a < 0 ? -a : a))) return false;
    out = a * b;
    return out < limit && out > -limit;
}

}  // namespace

std::vector<bool> prove_places_one_safe(const System& sys, const std::shared_ptr<Cancellation>& cancel) {
    std::vector<bool> safe(sys.variables.size(), false);
    std::vector<std::int32_t> place_of_slot(sys.slot_count, -1);
    std::vector<std::uint32_t> places;  // variable indices
    for (std::uint32_t v = 0; v < sys.variables.size(); ++v) {
        const Variable& var = sys.variables[v];
        if (var.role == VarRole::Place && var.type.is_bool() && var.length == 0) {
            place_of_slot[var.slot] = static_cast<std::int32_t>(places.size());
            places.push_back(v);
        }
    }
    if (places.empty()) return safe;
    // The incidence of every transition on the places (sparse), from its literal form.
    std::vector<std::map<std::uint32_t, int>> effect(sys.transitions.size());
    for (std::size_t t = 0; t < sys.transitions.size(); ++t) {
        const Transition& tr = sys.transitions[t];
        std::vector<std::pair<std::uint32_t, bool>> lits;
        bool never = false;
        if (!boolean_literals(*tr.guard, lits, never)) return safe;
        std::map<std::uint32_t, bool> needs;
        for (auto [s, v] : lits) needs[s] = v;
        for (const Assignment& a : tr.updates) {
            const Variable& v = sys.variables[a.var];
            if (a.index || v.length || !v.type.is_bool() || a.value->op != Op::Const) return safe;
            const std::int32_t p = place_of_slot[v.slot];
            if (p < 0) continue;
            const auto need = needs.find(v.slot);
            const bool written = a.value->value != 0;
            if (written) {
                effect[t][p] = need != needs.end() && need->second ? 0 : 1;
            } else {
                if (need == needs.end()) return safe;  // clears a place it does not test: not a net firing
                effect[t][p] = need->second ? -1 : 0;
            }
        }
    }

    z3::context ctx;
    z3::solver solver(ctx);
    std::vector<z3::expr> y;
    for (std::size_t p = 0; p < places.size(); ++p) {
        y.push_back(ctx.real_const(("y" + std::to_string(p)).c_str()));
        solver.add(y.back() >= 0);
    }
    for (const auto& row : effect) {
        z3::expr sum = ctx.real_val(0);
        bool any = false;
        for (auto [p, e] : row)
            if (e) {
                sum = sum + ctx.real_val(e) * y[p];
                any = true;
            }
        if (any) solver.add(sum == 0);
    }
    z3::expr initial = ctx.real_val(0);
    for (std::size_t p = 0; p < places.size(); ++p)
        if (sys.variables[places[p]].init.at(0)) initial = initial + y[p];
    solver.add(initial <= 1);

    std::vector<bool> tried(places.size(), false), covered(places.size(), false);
    for (std::size_t target = 0; target < places.size(); ++target) {
        if (covered[target] || tried[target]) continue;
        if (cancel && cancel->cancelled()) break;
        tried[target] = true;
        solver.push();
        solver.add(y[target] >= 1);
        if (solver.check() == z3::sat) {
            // Exact check of the model: scale to integers by the common denominator L; then
            // y·C = 0, y >= 0, y·M0 <= L, and every place with y_q >= L is one-safe.
            const z3::model m = solver.get_model();
            std::vector<Int> num(places.size()), den(places.size());
            Int common = 1;
            bool ok = true;
            for (std::size_t p = 0; p < places.size() && ok; ++p) {
                const z3::expr v = m.eval(y[p], true);
                std::int64_t n = 0, d = 1;
                ok = v.is_numeral() && v.numerator().is_numeral_i64(n) && v.denominator().is_numeral_i64(d) && d > 0 && n >= 0;
                num[p] = n;
                den[p] = d;
                if (ok) {
                    const Int g = std::gcd(static_cast<std::int64_t>(common % d), d);
                    ok = mul(common, d / g, common);
                }
            }
            std::vector<Int> scaled(places.size());
            for (std::size_t p = 0; p < places.size() && ok; ++p) ok = mul(num[p], common / den[p], scaled[p]);
            for (std::size_t t = 0; t < effect.size() && ok; ++t) {
                Int sum = 0;
                for (auto [p, e] : effect[t]) sum += e * scaled[p];
                ok = sum == 0;
            }
            Int at_start = 0;
            for (std::size_t p = 0; p < places.size() && ok; ++p)
                if (sys.variables[places[p]].init.at(0)) at_start += scaled[p];
            ok = ok && at_start <= common;
            if (ok)
                for (std::size_t p = 0; p < places.size(); ++p)
                    if (scaled[p] >= common) covered[p] = true;
        }
        solver.pop();
    }
    for (std::size_t p = 0; p < places.size(); ++p) safe[places[p]] = covered[p];
    return safe;
}

bool blocking_clauses_excluded(const System& sys, const std::vector<bool>& one_safe) {
    for (const Property& p : sys.properties) {
        if (!p.blocking) continue;
        for (const Clause& c : p.clauses) {
            const ExprNode& bad = *c.bad;
            if (bad.op == Op::Const && bad.value == 0) continue;
            if (bad.op != Op::Var || !bad.type.is_bool() || bad.var >= one_safe.size() || !one_safe[bad.var] || c.transition < 0)
                return false;
            // The clause of a firing that puts a token on the place (the safeness clause): it
            // holds with the transition enabled only where the unbounded net has two tokens there.
            const Transition& t = sys.transitions[c.transition];
            std::vector<std::pair<std::uint32_t, bool>> lits;
            bool never = false;
            if (!boolean_literals(*t.guard, lits, never)) return false;
            bool produces = false;
            for (const Assignment& a : t.updates)
                produces |= a.var == bad.var && !a.index && a.value->op == Op::Const && a.value->value == 1;
            for (auto [s, v] : lits) produces &= !(s == bad.slot && v);
            if (!produces) return false;
        }
    }
    return true;
}

}  // namespace np
