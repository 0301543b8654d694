#include "checkers/emit_certificate.hpp"

#include <unordered_set>

#include "model/fingerprint.hpp"
#include "proofs/recheck.hpp"
#include "proofs/smt2_script.hpp"

namespace np {

z3::expr parse_assertion(z3::context& ctx, const std::string& smt2, const std::string& file) {
    const std::string shape = script_shape_error(smt2);
    if (!shape.empty()) throw CertificateRejected(file + ": " + shape);
    z3::expr_vector assertions(ctx);
    try {
        assertions = ctx.parse_string(smt2.c_str());
    } catch (const z3::exception& e) {
        throw CertificateRejected(file + " is not SMT-LIB2 that Z3 reads: " + e.msg());
    }
    // Z3 drops an (assert true) while parsing: no assertion is the formula true.
    if (assertions.empty()) return ctx.bool_val(true);
    if (assertions.size() != 1)
        throw CertificateRejected(file + " must assert one formula, it asserts " + std::to_string(assertions.size()));
    if (!assertions[0].is_bool()) throw CertificateRejected(file + " asserts a term that is not a formula");
    return assertions[0];
}

z3::expr parse_invariant(const TransitionRelation& tr, const std::string& smt2) {
    const z3::expr inv = parse_assertion(tr.ctx(), smt2, "invariant.smt2");
    // Its free constants must be state variables of the model, with their sorts (Z3 identifies a
    // constant by its name and sort, so a declaration of a state name at another sort is another
    // constant and is rejected here).
    std::unordered_set<unsigned> slots;
    const ExprEncoder bare = tr.state("");
    for (const z3::expr& x : bare.slots()) slots.insert(x.decl().id());
    std::unordered_set<unsigned> seen;
    std::vector<z3::expr> todo{inv};
    while (!todo.empty()) {
        z3::expr e = todo.back();
        todo.pop_back();
        if (!seen.insert(e.id()).second) continue;
        if (e.is_quantifier() || e.is_var()) throw CertificateRejected("invariant.smt2 is not quantifier-free");
        if (!e.is_app()) continue;
        const z3::func_decl d = e.decl();
        if (d.decl_kind() == Z3_OP_UNINTERPRETED) {
            if (e.num_args() != 0) throw CertificateRejected("invariant.smt2 applies an undeclared function '" + d.name().str() + "'");
            if (!slots.count(d.id()))
                throw CertificateRejected("invariant.smt2 reads '" + d.name().str() + "' of sort " + e.get_sort().to_string() +
                                          ", which is not a state variable of the model");
        }
        for (unsigned i = 0; i < e.num_args(); ++i) todo.push_back(e.arg(i));
    }
    return inv;
}

namespace {

// What a certificate's comments say it is about.
std::string subject(const System& sys, const Property& p, const std::string& method) {
    return "system '" + sys.name + "', property '" + p.name + "' (" + method + ")";
}

}  // namespace

Certificate make_certificate(const TransitionRelation& tr, const Property& p, const std::string& method, std::uint32_t k,
                             const z3::expr& invariant, const std::vector<bool>* cone) {
    const std::string about = subject(tr.system(), p, method);
    const std::string text = smt2_script(invariant, "Invariant Inv of " + about +
                                                        ":\nthe states satisfying the assertion below. Variables: <variable>, "
                                                        "array elements <variable>[<i>].\nSatisfiable (Inv holds in the "
                                                        "initial state); the proof obligations are the other files.");
    return certificate_for_invariant(tr, p, method, k, text, cone);
}

Certificate certificate_for_invariant(const TransitionRelation& tr, const Property& p, const std::string& method, std::uint32_t k,
                                      const std::string& invariant_smt2, const std::vector<bool>* cone) {
    z3::context& ctx = tr.ctx();
    const System& sys = tr.system();
    const ExprEncoder bare = tr.state("");
    const std::string about = subject(sys, p, method);
    const std::string legend =
        "State variables are named <variable>@<frame> (array elements <variable>[<i>]@<frame>);\n"
        "sel@<i> is the transition fired by step i (its index in the model). Expected answer: unsat.";

    Certificate cert;
    cert.system = sys.name;
    cert.property = p.name;
    cert.method = method;
    cert.k = std::max<std::uint32_t>(k, 1);
    cert.binding.model_sha256 = model_fingerprint(sys);
    cert.binding.property_sha256 = property_fingerprint(p);
    cert.binding.inputs = tr.includes_inputs();
    if (cone && cert.k > 1) {
        cert.binding.cone.emplace();
        for (std::uint32_t i = 0; i < sys.slot_count; ++i)
            if ((*cone)[i]) cert.binding.cone->push_back(i);
    }
    cert.invariant = invariant_smt2;
    // The obligations are built from the invariant as read back from its text, exactly as
    // `certify` rebuilds them from the stored text (Z3's printing and parsing are not inverse:
    // the formula read back may differ in structure from the one printed).
    const z3::expr read_back = parse_invariant(tr, cert.invariant);
    auto inv = [&](const ExprEncoder& s) { return z3::expr(read_back).substitute(bare.slots(), s.slots()); };

    std::vector<ExprEncoder> s;
    for (std::uint32_t i = 0; i <= cert.k; ++i) s.push_back(tr.state(std::to_string(i)));
    auto T = [&](std::uint32_t i) { return tr.step(s[i], tr.selector(std::to_string(i)), s[i + 1]); };

    if (cert.k == 1) {
        cert.obligations.push_back({"init", "Init ∧ ¬Inv",
            smt2_script(tr.init(s[0]) && !inv(s[0]), "Obligation init of " + about + ": Init ∧ ¬Inv\n" + legend)});
        cert.obligations.push_back({"step", "Inv ∧ T ∧ ¬Inv'",
            smt2_script(inv(s[0]) && T(0) && !inv(s[1]), "Obligation step of " + about + ": Inv ∧ T ∧ ¬Inv'\n" + legend)});
    } else {
        const std::string K = std::to_string(cert.k);
        // Init(s0) ∧ ⋁_{j<k} (T(s0,s1) ∧ … ∧ T(s_{j-1},s_j) ∧ ¬Inv(s_j))
        z3::expr_vector cases(ctx);
        for (std::uint32_t j = 0; j < cert.k; ++j) {
            z3::expr_vector path(ctx);
            for (std::uint32_t i = 0; i < j; ++i) path.push_back(T(i));
            path.push_back(!inv(s[j]));
            cases.push_back(all_of(path, ctx));
        }
        const std::string init_meaning = "Init(s0) ∧ ⋁_{j<" + K + "} (T(s0,s1) ∧ … ∧ T(s_{j-1},s_j) ∧ ¬Inv(s_j))";
        cert.obligations.push_back({"init", init_meaning,
            smt2_script(tr.init(s[0]) && any_of(cases, ctx),
                        "Obligation init of " + about + " (k-induction base, k = " + K + "):\n" + init_meaning +
                            "\nno run of fewer than k steps reaches a state outside Inv.\n" + legend)});
        z3::expr_vector step(ctx);
        for (std::uint32_t i = 0; i < cert.k; ++i) {
            step.push_back(inv(s[i]));
            step.push_back(T(i));
        }
        for (std::uint32_t i = 0; i <= cert.k; ++i)
            for (std::uint32_t j = i + 1; j <= cert.k; ++j) step.push_back(tr.differ(s[i], s[j], cone));
        step.push_back(!inv(s[cert.k]));
        std::string cone_names;
        if (cone)
            for (std::uint32_t i = 0; i < sys.slot_count; ++i)
                if ((*cone)[i]) cone_names += (cone_names.empty() ? "" : " ") + bare.slot(i).decl().name().str();
        const std::string step_meaning = "Inv(s0) ∧ … ∧ Inv(s_" + std::to_string(cert.k - 1) + ") ∧ T(s0,s1) ∧ … ∧ T(s_" +
                                         std::to_string(cert.k - 1) + ",s_" + K + ") ∧ ⋀_{i<j} s_i ≠ s_j ∧ ¬Inv(s_" + K + ")" +
                                         (cone ? "\nwhere s_i ≠ s_j compares the cone of influence of the property: " + cone_names
                                               : std::string());
        cert.obligations.push_back({"step", step_meaning,
            smt2_script(all_of(step, ctx), "Obligation step of " + about + " (k-induction step with simple paths, k = " + K +
                                              "):\n" + step_meaning + "\n" + legend)});
    }
    cert.obligations.push_back({"property", "Inv ∧ ¬P",
        smt2_script(inv(s[0]) && tr.obligation(p, s[0]),
                    "Obligation property of " + about + ": Inv ∧ ¬P, where ¬P: the state violates '" + p.name +
                        "' or enables a firing that a blocking property forbids\n" + legend)});
    return cert;
}

void attach_certificate(PropertyResult& r, Certificate cert, const SymbolicOptions& options) {
    if (options.certificates == SymbolicOptions::Certificates::None) return;
    r.certificate = std::move(cert);
    if (options.certificates != SymbolicOptions::Certificates::Recheck) return;
    RecheckOptions ro = options.recheck;
    if (options.cancel && !ro.stop) ro.stop = [c = options.cancel] { return c->cancelled(); };
    confirm_certificate(r, ro);
}

void confirm_certificate(PropertyResult& r, const RecheckOptions& options) {
    if (!r.certificate) return;
    Certificate& cert = *r.certificate;
    recheck_certificate(cert, options);
    if (cert.confirmed()) {
        r.message += "; certificate confirmed (" + cert.confirmation() + ")";
        return;
    }
    // Only a solver answering sat shows the certificate wrong: ERROR. Anything else (a time-out,
    // the run's budget, a missing or failing solver) leaves the proof standing but unconfirmed,
    // which is not a PASS.
    if (cert.refuted()) {
        r.verdict = Verdict::Error;
        r.message = "the " + cert.method + " proof is wrong: its certificate failed the re-check: " + cert.failure() + " (" +
                    cert.confirmation() + "; the engine's claim was: " + r.message + ")";
        return;
    }
    const bool stopped = options.stop && options.stop();
    r.verdict = Verdict::Unknown;
    r.message = "proof found, certificate not confirmed" + std::string(stopped ? " in time" : "") + ": " + cert.failure() +
                (cert.checks.empty() ? std::string() : " (" + cert.confirmation() + ")") + " (the engine's claim was: " + r.message + ")";
}

}  // namespace np
