#include "checkers/emit_certificate.hpp"

#include "proofs/smt2_script.hpp"

namespace np {

Certificate make_certificate(const TransitionRelation& tr, const Property& p, const std::string& method, std::uint32_t k,
                             const z3::expr& invariant, const std::vector<bool>* cone) {
    z3::context& ctx = tr.ctx();
    const System& sys = tr.system();
    const ExprEncoder bare = tr.state("");
    auto inv = [&](const ExprEncoder& s) { return z3::expr(invariant).substitute(bare.slots(), s.slots()); };
    const std::string about = "system '" + sys.name + "', property '" + p.name + "' (" + method + ")";
    const std::string legend =
        "State variables are named <variable>@<frame> (array elements <variable>[<i>]@<frame>);\n"
        "sel@<i> is the transition fired by step i (its index in the model). Expected answer: unsat.";

    Certificate cert;
    cert.system = sys.name;
    cert.property = p.name;
    cert.method = method;
    cert.k = std::max<std::uint32_t>(k, 1);
    cert.invariant = smt2_script(invariant, "Invariant Inv of " + about +
                                                ":\nthe states satisfying the assertion below. Variables: <variable>, "
                                                "array elements <variable>[<i>].\nSatisfiable (Inv holds in the "
                                                "initial state); the proof obligations are the other files.");

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
        std::string solvers;
        for (const std::string& s : options.solvers) solvers += (solvers.empty() ? "" : ", ") + s;
        r.message += "; certificate re-checked by " + solvers;
        return;
    }
    // A solver that answered sat (or failed on the file, or is missing) shows the certificate
    // wrong or unconfirmable: ERROR. One that ran out of time or was stopped shows nothing: the
    // proof stands unconfirmed, which is not a PASS.
    bool shown_wrong = false;
    for (const ObligationCheck& c : cert.checks)
        shown_wrong |= c.answer != "unsat" && c.answer != "timeout" && c.answer != "interrupted" && c.answer != "unknown";
    const bool stopped = options.stop && options.stop();
    if (!shown_wrong) {
        r.verdict = Verdict::Unknown;
        r.message = "proof found, certificate not confirmed in time: " +
                    (stopped ? std::string("the re-check was stopped") : cert.failure()) + " (the engine's claim was: " +
                    r.message + ")";
        return;
    }
    r.verdict = Verdict::Error;
    r.message = "the " + cert.method + " proof was not confirmed: its certificate failed the re-check: " + cert.failure() +
                " (the engine's claim was: " + r.message + ")";
}

}  // namespace np
