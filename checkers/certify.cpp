#include "checkers/certify.hpp"

#include "checkers/emit_certificate.hpp"
#include "checkers/liveness_to_safety.hpp"
#include "checkers/symbolic_quiescence.hpp"
#include "model/cone_of_influence.hpp"
#include "model/fingerprint.hpp"
#include "proofs/recheck.hpp"

namespace np {

namespace {

// The comment block a script starts with (what it says it is about).
std::string header_comment(const std::string& smt2) {
    std::string out;
    std::size_t start = 0;
    while (start < smt2.size() && smt2[start] == ';') {
        std::size_t end = smt2.find('\n', start);
        if (end == std::string::npos) end = smt2.size();
        out.append(smt2, start, end - start + 1);
        start = end + 1;
    }
    return out;
}

}  // namespace

Certificate regenerate_certificate(const System& model, const Certificate& stored) {
    const CertificateBinding& b = stored.binding;
    if (b.activity_bound && !b.quiescence_bound) throw CertificateRejected("the binding has an activity bound but no settling bound");
    if (b.liveness && b.quiescence_bound) throw CertificateRejected("the binding names both a liveness property and a settling bound");
    const LivenessProperty* live = b.liveness ? model.find_liveness(*b.liveness) : nullptr;
    if (b.liveness && !live) throw CertificateRejected("the model has no liveness property '" + *b.liveness + "'");
    if (b.liveness_k && !live) throw CertificateRejected("the binding has a k-liveness bound but no liveness property");
    const System derived = b.quiescence_bound ? quiescence_monitor(model, *b.quiescence_bound, b.activity_bound)
                           : b.liveness_k     ? kliveness_monitor(model, *live, *b.liveness_k)
                           : live             ? liveness_monitor(model, *live)
                                              : System{};
    const System& sys = b.quiescence_bound || live ? derived : model;
    const std::string what = b.quiescence_bound ? "the quiescence monitor of the model"
                             : b.liveness_k     ? "the k-liveness monitor of " + *b.liveness
                             : live             ? "the liveness-to-safety monitor of " + *b.liveness
                                                : "the model";
    if (stored.system != sys.name)
        throw CertificateRejected("the certificate is about system '" + stored.system + "', the model is '" + sys.name + "'");
    const std::string fp = model_fingerprint(sys);
    if (fp != b.model_sha256)
        throw CertificateRejected("the certificate is not about this model: " + what + " has fingerprint " + fp +
                                  ", the certificate's is " + b.model_sha256 +
                                  " (the design, its parameters or its --invariant options differ from the proved ones)");
    const Property* p = sys.find_property(stored.property);
    if (!p) throw CertificateRejected("the model has no property '" + stored.property + "'");
    if (property_fingerprint(*p) != b.property_sha256)
        throw CertificateRejected("property '" + p->name + "' of the model is not the proved one (its fingerprint differs)");
    std::vector<bool> cone;
    if (b.cone) {
        if (stored.k < 2) throw CertificateRejected("a cone of influence is stored, but k = 1 uses none");
        cone.assign(sys.slot_count, false);
        for (std::uint32_t i : *b.cone) {
            if (i >= sys.slot_count)
                throw CertificateRejected("the cone names slot " + std::to_string(i) + "; the model has " + std::to_string(sys.slot_count));
            cone[i] = true;
        }
        if (!is_closed_cone(sys, *p, cone))
            throw CertificateRejected("the stored cone of influence is not closed for property '" + p->name +
                                      "': its simple-path constraint would not be sound");
    }
    z3::context ctx;
    const TransitionRelation tr(ctx, sys, b.inputs);
    Certificate regen = certificate_for_invariant(tr, *p, stored.method, stored.k, stored.invariant, b.cone ? &cone : nullptr);
    for (std::size_t i = 0; i < regen.obligations.size(); ++i) {
        const CertificateObligation& o = regen.obligations[i];
        const CertificateObligation* s = nullptr;
        for (const CertificateObligation& x : stored.obligations)
            if (x.name == o.name) s = &x;
        if (!s) throw CertificateRejected(o.name + ".smt2 is missing from the certificate");
        // Both texts are read back into one context, where equal formulas are one term (Z3 shares
        // structurally equal terms); the printed texts themselves may differ in let-binding order.
        const z3::expr stored_formula = parse_assertion(ctx, s->smt2, o.name + ".smt2");  // checks its shape first
        if (header_comment(s->smt2) != header_comment(o.smt2))
            throw CertificateRejected(o.name + ".smt2 does not describe itself as the rebuilt obligation does (its comment differs: "
                                      "the system, property, method, k or cone it names are not the manifest's)");
        const z3::expr rebuilt = parse_assertion(ctx, o.smt2, "the rebuilt " + o.name + " obligation");
        if (stored_formula.id() != rebuilt.id())
            throw CertificateRejected(o.name + ".smt2 does not state the " + o.name + " obligation of this invariant and model (" +
                                      o.meaning.substr(0, o.meaning.find('\n')) + ")");
    }
    regen.binding = b;
    regen.found_by = stored.found_by;
    regen.folder = stored.folder;
    return regen;
}

void store_certificate(const std::string& folder, Certificate& cert) { write_certificate(folder, cert); }

}  // namespace np
