#include "checkers/prove_per_event.hpp"

#include <z3++.h>

#include <algorithm>
#include <map>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "checkers/emit_certificate.hpp"
#include "checkers/transition_relation.hpp"
#include "checkers/unrolling.hpp"
#include "model/eval.hpp"
#include "model/fingerprint.hpp"
#include "proofs/smt2_script.hpp"

namespace np {

namespace {

// One conjunct R may keep: an expression over the miter's slots (the design's slots only).
struct Candidate {
    std::string words;
    Expr e;
    bool control = false;  // a design slot at its initial value
    bool active = true;
};

std::string component_of(const std::string& name) {
    const auto dot = name.rfind('.');
    return dot == std::string::npos ? std::string() : name.substr(0, dot);
}

std::string slot_name(const Variable& v, std::uint32_t slot) {
    return v.length == 0 ? v.name : v.name + "[" + std::to_string(slot - v.slot) + "]";
}

// The facts R is built from (see the header), each true in the miter's initial state.
std::vector<Candidate> candidates(const System& design, const System& m, std::uint32_t memory, const CoreConfig& core) {
    std::vector<Candidate> out;
    const State init = m.initial_state();
    for (std::uint32_t i = 0; i < design.variables.size(); ++i) {
        if (i == memory) continue;
        const Variable& v = design.variables[i];
        for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) {
            const Expr x = mk_var(i, s, v.type, slot_name(v, s));
            out.push_back({slot_name(v, s) + " == " + std::to_string(init[s]), mk_binary(Op::Eq, x, mk_const(v.type, init[s])), true});
        }
    }
    for (std::uint32_t i = 0; i < design.variables.size(); ++i)
        for (std::uint32_t j = i + 1; j < design.variables.size(); ++j) {
            const Variable& a = design.variables[i];
            const Variable& b = design.variables[j];
            if (i == memory || j == memory || a.length || b.length || !(a.type == b.type) || a.type.kind == Type::Kind::Bool) continue;
            if (init[a.slot] != init[b.slot] || component_of(a.name) != component_of(b.name)) continue;
            out.push_back({a.name + " == " + b.name,
                           mk_binary(Op::Eq, mk_var(i, a.slot, a.type, a.name), mk_var(j, b.slot, b.type, b.name))});
        }
    for (const Property& p : design.properties) {
        if (p.kind != PropertyKind::Invariant) continue;
        std::vector<Expr> ok;
        for (const Clause& c : p.clauses)
            if (c.transition < 0) ok.push_back(mk_not(c.bad));
        if (!ok.empty()) out.push_back({"invariant " + p.name, mk_and(ok)});
    }
    if (memory != UINT32_MAX) {
        const Variable& v = design.variables[memory];
        std::vector<Expr> low, high;
        for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) {
            const Expr x = mk_var(memory, s, v.type, slot_name(v, s));
            low.push_back(mk_binary(Op::Le, mk_const(v.type, static_cast<std::uint64_t>(std::int64_t{core.threshold_low})), x));
            high.push_back(mk_binary(Op::Lt, x, mk_const(v.type, static_cast<std::uint64_t>(std::int64_t{core.threshold_high}))));
        }
        out.push_back({"threshold_low <= " + v.name + "[n] for every neuron", mk_and(low)});
        out.push_back({v.name + "[n] < threshold_high for every neuron (no neuron at rest is at or above threshold)", mk_and(high)});
    }
    std::erase_if(out, [&](const Candidate& c) { return !holds(c.e, init); });
    return out;
}

// The miter's slots R pins: ghosts at their initial values, except the reference memory, which
// equals the design's memory.
struct GhostFrame {
    std::vector<std::pair<std::uint32_t, std::uint64_t>> fixed;      // slot, initial raw value
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ref_is_mem;  // #ref slot, memory slot
    std::uint32_t ended = 0;
};

z3::expr rest_relation(const ExprEncoder& f, const GhostFrame& g, const std::vector<Candidate>& cs) {
    z3::context& ctx = f.slot(0).ctx();
    z3::expr_vector parts(ctx);
    for (auto [s, raw] : g.fixed) parts.push_back(f.slot(s) == f.value(f.slot_type(s), raw));
    for (auto [r, v] : g.ref_is_mem) parts.push_back(f.slot(r) == f.slot(v));
    for (const Candidate& c : cs)
        if (c.active) parts.push_back(f.encode(c.e));
    return z3::mk_and(parts);
}

z3::expr control_at_rest(const ExprEncoder& f, const std::vector<Candidate>& cs) {
    z3::expr_vector parts(f.slot(0).ctx());
    for (const Candidate& c : cs)
        if (c.active) parts.push_back(f.encode(c.e));
    return z3::mk_and(parts);
}

std::string join(const std::vector<std::string>& xs, const char* sep) {
    std::string out;
    for (const std::string& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
}

}  // namespace

PerEventResult prove_per_event_equivalence(const System& design, const SpeckConfig& reference, const PerEventOptions& opt) {
    const SpeckConfig cfg = complete_config(reference);
    MiterOptions mo;
    mo.max_inputs = 1;
    mo.binding = opt.binding;
    const System m = equivalence_miter(design, cfg, mo);  // validates binding and configuration
    const Property& prop = m.properties.back();
    const CoreConfig& core = cfg.cores[0];
    const std::uint32_t neurons = core.out_channels * core.out_width() * core.out_height();

    std::uint32_t memory = UINT32_MAX;
    if (!opt.binding.state.empty()) memory = *design.find_variable(opt.binding.state);  // the harness checked it
    if (memory == UINT32_MAX || design.variables[memory].slots() != neurons || design.variables[memory].type != Type::sint(16))
        throw HarnessError("the per-event proof needs the neuron memory bound (binding state '" + opt.binding.state +
                           "': an s16 array of " + std::to_string(neurons) + " neurons) to relate it to the emulator's");

    GhostFrame g;
    const State init = m.initial_state();
    for (std::uint32_t i = static_cast<std::uint32_t>(design.variables.size()); i < m.variables.size(); ++i) {
        const Variable& v = m.variables[i];
        const std::string prefix = "#ref[";
        if (v.name.rfind(prefix, 0) == 0) {
            const std::uint32_t n = static_cast<std::uint32_t>(std::stoul(v.name.substr(prefix.size())));
            g.ref_is_mem.push_back({v.slot, design.variables[memory].slot + n});
            continue;
        }
        for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) g.fixed.push_back({s, init[s]});
    }
    g.ended = m.variables[*m.find_variable("#ended")].slot;
    std::vector<Candidate> cs = candidates(design, m, memory, core);

    PerEventResult out;
    PropertyResult& r = out.miter.result;
    r.name = "equivalence";
    r.kind = PropertyKind::Invariant;
    r.engine = "per-event";
    r.verdict = Verdict::Unknown;

    SymbolicOptions so;
    so.timeout_seconds = opt.timeout_seconds;
    so.cancel = opt.cancel;
    Deadline deadline(so);
    std::string stopped;

    z3::context ctx;
    InterruptOnCancel attach(opt.cancel, ctx);
    TransitionRelation tr(ctx, m);
    z3::solver solver(ctx, z3::solver::simple());
    Unrolling u(tr, solver, false);
    std::vector<z3::expr> act;
    for (std::size_t i = 0; i < cs.size(); ++i) {
        act.push_back(fresh_literal(ctx, "cand"));
        solver.add(z3::implies(act.back(), u.frame(0).encode(cs[i].e)));
    }
    {
        std::vector<Candidate> none;
        solver.add(rest_relation(u.frame(0), g, none));
    }
    z3::expr_vector trunc(ctx);
    if (tr.has_blocking()) trunc.push_back(tr.truncation(u.frame(0)));

    auto query = [&](const z3::expr& e) {
        z3::expr q = fresh_literal(ctx, "q");
        solver.add(z3::implies(q, e));
        z3::expr_vector a(ctx);
        a.push_back(q);
        for (std::size_t i = 0; i < cs.size(); ++i)
            if (cs[i].active) a.push_back(act[i]);
        const z3::check_result res = check_within(solver, a, deadline, stopped);
        if (std::getenv("NP_PER_EVENT_TRACE"))
            std::cerr << "per-event: query at " << u.steps() << " steps: " << res << " (" << deadline.elapsed() << " s)\n";
        std::optional<z3::model> model;
        if (res == z3::sat) model = solver.get_model();
        solver.add(!q);
        return std::make_pair(res, model);
    };
    auto finish_unknown = [&](std::string msg) {
        r.seconds = deadline.elapsed();
        r.message = std::move(msg);
        if (!stopped.empty()) r.message += "; stopped: " + stopped;
        return out;
    };

    std::uint32_t B = 0;
    std::uint32_t houdini_rounds = 0;
    try {
        for (std::uint32_t k = 1; k <= opt.max_depth && B == 0; ++k) {
            if (deadline.expired() || deadline.cancelled()) {
                stopped = deadline.why_stopped();
                break;
            }
            u.extend();
            if (tr.has_blocking()) trunc.push_back(tr.truncation(u.frame(k)));
            if (k % std::max<std::uint32_t>(1, opt.check_every) != 0 && k != opt.max_depth) continue;
            for (;;) {
                z3::expr open = !u.frame(k).slot(g.ended);
                if (tr.has_blocking()) open = open || z3::mk_or(trunc);
                auto [running, m1] = query(open);
                (void)m1;
                if (running == z3::sat) break;  // some run from rest is longer: unroll further
                if (running != z3::unsat) return finish_unknown("the settling bound was not established (runs of up to " + std::to_string(k) + " steps)");
                auto [escapes, m2] = query(!control_at_rest(u.frame(k), cs));
                if (escapes == z3::unsat) {
                    B = k;
                    break;
                }
                if (escapes != z3::sat) return finish_unknown("R was not closed under the step (Houdini stopped at depth " + std::to_string(k) + ")");
                ++houdini_rounds;
                for (Candidate& c : cs)
                    if (c.active && !m2->eval(u.frame(k).encode(c.e), true).is_true()) c.active = false;
            }
        }
        if (B == 0) {
            if (!stopped.empty()) return finish_unknown("no settling bound established");
            return finish_unknown("some run from a rest state does not come to rest within " + plural(opt.max_depth, "step") +
                                  " (--max-depth): no settling bound B, nothing proved");
        }
        auto [bad, model] = query(tr.violates(prop, u.frame(B)));
        if (bad != z3::sat && bad != z3::unsat) return finish_unknown("the per-event obligation (property) was not decided at B = " + std::to_string(B));
        out.settling_bound = B;
        for (const Candidate& c : cs)
            if (c.active && !c.control) out.strengthening.push_back(c.words);
        for (std::uint32_t i = 0; i < design.variables.size(); ++i) {
            if (i == memory) continue;
            const Variable& v = design.variables[i];
            for (std::uint32_t s = v.slot; s < v.slot + v.slots(); ++s) {
                const bool pinned = std::any_of(cs.begin(), cs.end(), [&](const Candidate& c) {
                    return c.active && c.control && c.e->args[0]->slot == s;
                });
                if (!pinned) out.free_slots.push_back(slot_name(v, s));
            }
        }
        if (bad == z3::sat) {
            // A failing step from some R-state: is the failure reachable from the initial state?
            Trace t = u.trace(*model, B);
            const std::int32_t c = violated_clause(m, prop, t.final_state());
            const std::string why = c >= 0 ? prop.clauses[c].message : "violation";
            std::ostringstream start;
            const State& s0 = t.initial;
            const Variable& mv = design.variables[memory];
            start << mv.name << " = [";
            for (std::uint32_t n = 0; n < neurons; ++n)
                start << (n ? ", " : "") << static_cast<std::int16_t>(static_cast<std::uint16_t>(s0[mv.slot + n]));
            start << "]";
            for (std::uint32_t n = 1; n <= opt.search_inputs; ++n) {
                MiterOptions bo;
                bo.max_inputs = n;
                bo.engine = "explicit";
                bo.binding = opt.binding;
                bo.cancel = opt.cancel;
                if (opt.timeout_seconds > 0) {
                    bo.timeout_seconds = opt.timeout_seconds - deadline.elapsed();
                    if (bo.timeout_seconds <= 0) break;
                }
                MiterResult found = prove_equivalence(design, cfg, bo);
                if (found.result.verdict == Verdict::Fail || found.result.verdict == Verdict::Error) {
                    out.miter = std::move(found);
                    out.miter.result.engine = "per-event";
                    out.miter.result.message = "the per-event step fails (" + why + "); from the initial state: " + out.miter.result.message;
                    out.miter.result.seconds = deadline.elapsed();
                    return out;
                }
            }
            r.trace = std::move(t);
            return finish_unknown("the per-event step obligation fails from a rest state (" + start.str() + "): " + why +
                                  "; no stream of up to " + plural(opt.search_inputs, "input") +
                                  " from the initial state shows it, so R (as found) is not inductive and nothing is proved");
        }
    } catch (const z3::exception&) {
        if (!deadline.expired() && !deadline.cancelled()) throw;
        stopped = deadline.why_stopped();
        return finish_unknown("the per-event obligations were not decided");
    }

    // The certificate, built afresh in its own context from the miter and the final R.
    Certificate cert;
    {
        z3::context c2;
        TransitionRelation t2(c2, m);
        z3::solver s2(c2, z3::solver::simple());
        Unrolling u2(t2, s2, false);
        z3::expr_vector tr2(c2);
        if (t2.has_blocking()) tr2.push_back(t2.truncation(u2.frame(0)));
        for (std::uint32_t k = 1; k <= B; ++k) {
            u2.extend();
            if (t2.has_blocking()) tr2.push_back(t2.truncation(u2.frame(k)));
        }
        const z3::expr T = z3::mk_and(s2.assertions());
        const z3::expr R0 = rest_relation(u2.frame(0), g, cs);
        const ExprEncoder bare = t2.state("");
        z3::expr leaves = !u2.frame(B).slot(g.ended) || !control_at_rest(u2.frame(B), cs);
        if (t2.has_blocking()) leaves = leaves || z3::mk_or(tr2);
        const std::string subject = "system '" + m.name + "', spike equivalence with the reference by induction over inputs, B = " +
                                    std::to_string(B);
        cert.system = m.name;
        cert.property = "equivalence";
        cert.method = "per-event induction";
        cert.k = B;
        cert.invariant = smt2_script(rest_relation(bare, g, cs), "R, the rest relation of " + subject);
        cert.obligations.push_back({"init", "Init ∧ ¬R", smt2_script(t2.init(bare) && !rest_relation(bare, g, cs), "init: " + subject)});
        cert.obligations.push_back({"step", "R(s0) ∧ T^B ∧ (¬rest(s_B) ∨ ¬R_control(s_B) ∨ blocked)", smt2_script(R0 && T && leaves, "step: " + subject)});
        cert.obligations.push_back({"property", "R(s0) ∧ T^B ∧ mismatch(s_B)",
                                    smt2_script(R0 && T && t2.violates(prop, u2.frame(B)), "property: " + subject)});
        cert.binding.model_sha256 = model_fingerprint(m);
        cert.binding.property_sha256 = property_fingerprint(prop);
    }
    r.verdict = Verdict::Pass;
    r.depth = B;
    r.seconds = deadline.elapsed();
    r.message = "equivalent to the reference for every stream of every length, under every schedule that offers each input at rest "
                "(induction over inputs: every input settles within " + plural(B, "step") + ")";
    if (!out.strengthening.empty()) r.message += "; R strengthened with: " + join(out.strengthening, "; ");
    if (houdini_rounds) r.message += "; " + plural(houdini_rounds, "Houdini round") + " freed " + plural(out.free_slots.size(), "slot");
    r.certificate = std::move(cert);
    if (opt.recheck) {
        RecheckOptions ro = opt.recheck_options;
        if (opt.cancel && !ro.stop) ro.stop = [c = opt.cancel] { return c->cancelled(); };
        confirm_certificate(r, ro);
    }
    r.seconds = deadline.elapsed();
    return out;
}

}  // namespace np
