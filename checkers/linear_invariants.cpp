#include "checkers/linear_invariants.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <chrono>
#include <cmath>
#include <map>

#include "checkers/unrolling.hpp"

namespace np {

namespace {

using Rational = boost::multiprecision::cpp_rational;
using BigInt = boost::multiprecision::cpp_int;

constexpr unsigned kWidth = 64;  // width of the arithmetic of effects and equations

// The slot's raw value as an unsigned bit-vector of `width` bits (bools as 0/1).
z3::expr widened(const ExprEncoder& s, std::uint32_t slot, const z3::expr& value, unsigned width = kWidth) {
    const Type t = s.slot_type(slot);
    z3::context& ctx = value.ctx();
    if (t.is_bool()) return z3::ite(value, ctx.bv_val(1, width), ctx.bv_val(0, width));
    return z3::zext(value, width - t.width);
}

unsigned slot_bits(const ExprEncoder& s, std::uint32_t slot) {
    const Type t = s.slot_type(slot);
    return t.is_bool() ? 1 : t.width;
}

// A basis of {y : D·y = 0} by Gauss-Jordan elimination over the rationals, scaled to coprime
// integers.
std::vector<std::vector<BigInt>> null_space(std::vector<std::vector<Rational>> d, std::size_t columns) {
    std::vector<std::size_t> pivot_of_row;
    std::size_t row = 0;
    for (std::size_t c = 0; c < columns && row < d.size(); ++c) {
        std::size_t p = row;
        while (p < d.size() && d[p][c] == 0) ++p;
        if (p == d.size()) continue;
        std::swap(d[p], d[row]);
        const Rational lead = d[row][c];
        for (Rational& x : d[row]) x /= lead;
        for (std::size_t r = 0; r < d.size(); ++r) {
            if (r == row || d[r][c] == 0) continue;
            const Rational f = d[r][c];
            for (std::size_t k = c; k < columns; ++k) d[r][k] -= f * d[row][k];
        }
        pivot_of_row.push_back(c);
        ++row;
    }
    std::vector<bool> is_pivot(columns, false);
    for (std::size_t c : pivot_of_row) is_pivot[c] = true;
    std::vector<std::vector<BigInt>> basis;
    for (std::size_t free = 0; free < columns; ++free) {
        if (is_pivot[free]) continue;
        std::vector<Rational> y(columns, 0);
        y[free] = 1;
        for (std::size_t r = 0; r < pivot_of_row.size(); ++r) y[pivot_of_row[r]] = -d[r][free];
        BigInt lcm = 1;
        for (const Rational& x : y)
            if (x != 0) lcm = boost::multiprecision::lcm(lcm, BigInt(boost::multiprecision::denominator(x)));
        std::vector<BigInt> yi(columns);
        BigInt g = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            Rational v = y[c] * lcm;
            yi[c] = boost::multiprecision::numerator(v);
            g = boost::multiprecision::gcd(g, yi[c]);
        }
        if (g > 1)
            for (BigInt& v : yi) v /= g;
        basis.push_back(std::move(yi));
    }
    return basis;
}

}  // namespace

std::vector<LinearInvariant> find_linear_invariants(const TransitionRelation& tr, const Deadline& deadline,
                                                    double budget_seconds) {
    const System& sys = tr.system();
    z3::context& ctx = tr.ctx();
    const auto start = std::chrono::steady_clock::now();
    auto out_of_time = [&] {
        return deadline.expired() ||
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > budget_seconds;
    };
    const ExprEncoder pre = tr.state("lin");

    // Candidate slots: scalars and array elements of width <= 32.
    std::vector<bool> candidate(sys.slot_count, false);
    for (std::uint32_t x = 0; x < sys.slot_count; ++x) candidate[x] = slot_bits(pre, x) <= 32;

    z3::solver solver(ctx, z3::solver::simple());
    std::vector<std::map<std::uint32_t, std::int64_t>> effects;  // per firing transition: nonzero changes
    std::string why;
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
        if (!tr.allows(t)) continue;
        if (out_of_time()) return {};  // an undecided transition could change any slot
        z3::expr fires = tr.fires(pre, t);
        z3::expr_vector assume(ctx);
        const z3::expr act = fresh_literal(ctx, "fires");
        solver.add(z3::implies(act, fires));
        assume.push_back(act);
        z3::check_result r = check_within(solver, assume, deadline, why);
        if (r == z3::unsat) continue;  // never fires: no row
        if (r != z3::sat) return {};
        const z3::model m = solver.get_model();
        const z3::expr_vector post = tr.successor(pre, t);
        std::map<std::uint32_t, std::int64_t> row;
        for (std::uint32_t x = 0; x < sys.slot_count; ++x) {
            if (!candidate[x] || z3::eq(post[x], pre.slot(x))) continue;
            const z3::expr delta = widened(pre, x, post[x]) - widened(pre, x, pre.slot(x));
            const std::uint64_t raw = m.eval(delta, true).get_numeral_uint64();
            const z3::expr differs = fresh_literal(ctx, "differs");
            solver.add(z3::implies(differs, delta != ctx.bv_val(raw, kWidth)));
            z3::expr_vector both(ctx);
            both.push_back(act);
            both.push_back(differs);
            if (out_of_time() || check_within(solver, both, deadline, why) != z3::unsat) {
                candidate[x] = false;
                continue;
            }
            if (raw != 0) row[x] = static_cast<std::int64_t>(raw);
        }
        solver.add(!act);
        effects.push_back(std::move(row));
    }

    std::vector<std::uint32_t> columns;
    std::vector<std::int64_t> column_of(sys.slot_count, -1);
    for (std::uint32_t x = 0; x < sys.slot_count; ++x)
        if (candidate[x]) {
            column_of[x] = static_cast<std::int64_t>(columns.size());
            columns.push_back(x);
        }
    std::vector<std::vector<Rational>> d;
    for (const auto& row : effects) {
        std::vector<Rational> r(columns.size(), 0);
        bool any = false;
        for (const auto& [x, delta] : row)
            if (column_of[x] >= 0) {
                r[static_cast<std::size_t>(column_of[x])] = delta;
                any = true;
            }
        if (any) d.push_back(std::move(r));
    }

    const State init = sys.initial_state();
    std::vector<LinearInvariant> out;
    for (const std::vector<BigInt>& y : null_space(std::move(d), columns.size())) {
        LinearInvariant inv;
        long double magnitude = 0;
        BigInt constant = 0;
        bool fits = true;
        for (std::size_t c = 0; c < columns.size() && fits; ++c) {
            if (y[c] == 0) continue;
            if (boost::multiprecision::abs(y[c]) > BigInt(1) << 30) fits = false;
            const std::int64_t coefficient = static_cast<std::int64_t>(y[c]);
            magnitude += std::fabs(static_cast<long double>(coefficient)) * std::ldexp(1.0L, slot_bits(pre, columns[c]));
            constant += y[c] * BigInt(init[columns[c]]);
            inv.terms.push_back({columns[c], coefficient});
        }
        if (!fits || magnitude >= std::ldexp(1.0L, 62) || inv.terms.empty()) continue;
        inv.constant = static_cast<std::int64_t>(constant);
        inv.width = 2;
        while (std::ldexp(1.0L, inv.width - 1) <= magnitude) ++inv.width;
        out.push_back(std::move(inv));
    }
    return out;
}

z3::expr encode_linear_invariants(const TransitionRelation& tr, const std::vector<LinearInvariant>& invs,
                                  const ExprEncoder& s) {
    z3::context& ctx = tr.ctx();
    z3::expr_vector eqs(ctx);
    for (const LinearInvariant& inv : invs) {
        const unsigned w = inv.width;
        auto term = [&](std::uint32_t x, std::int64_t y) {
            const z3::expr v = widened(s, x, s.slot(x), w);
            const std::int64_t a = y < 0 ? -y : y;
            return a == 1 ? v : ctx.bv_val(static_cast<std::uint64_t>(a), w) * v;
        };
        // Σ_{y>0} y·x − Σ_{y<0} |y|·x = c, as (positive side) = c + (negative side).
        z3::expr lhs = ctx.bv_val(0, w), rhs = ctx.bv_val(static_cast<std::uint64_t>(inv.constant), w);
        bool first_l = true, first_r = inv.constant == 0;
        for (const auto& [x, y] : inv.terms) {
            z3::expr& side = y > 0 ? lhs : rhs;
            bool& first = y > 0 ? first_l : first_r;
            side = first ? term(x, y) : side + term(x, y);
            first = false;
        }
        eqs.push_back(lhs == rhs);
    }
    return all_of(eqs, ctx);
}

std::string to_string(const System& sys, const LinearInvariant& inv) {
    // Slot names as the encoder prints them: the bare constants' names.
    z3::context ctx;
    const ExprEncoder bare(ctx, sys, "");
    std::string s;
    for (const auto& [x, y] : inv.terms) {
        const std::string name = bare.slot(x).decl().name().str();
        const std::int64_t a = y < 0 ? -y : y;
        s += s.empty() ? (y < 0 ? "-" : "") : (y < 0 ? " - " : " + ");
        if (a != 1) s += std::to_string(a) + "·";
        s += name;
    }
    return s + " = " + std::to_string(inv.constant);
}

}  // namespace np
