#include "checkers/spacer.hpp"

#include "checkers/bmc.hpp"
#include "checkers/emit_certificate.hpp"
#include "checkers/unrolling.hpp"

#include <atomic>
#include <memory>
#include <mutex>

namespace np {

namespace {

z3::expr close(const z3::expr_vector& vars, const z3::expr& body) {
    return vars.empty() ? body : z3::forall(vars, body);
}

// Z3_interrupt cancels a context's manager for good (api::context::interrupt), and destroying a
// Spacer fixedpoint rewrites under that cancelled limit: Z3 throws from inside a destructor and
// the process ends (std::terminate). A context that was interrupted is therefore never destroyed:
// it and its fixedpoint stay allocated, reachable from here, until the process exits. The CLI runs
// Spacer in a process of its own (checkers/isolated_engine.hpp), so this costs it nothing.
struct Interrupted {
    std::unique_ptr<z3::context> ctx;
    std::unique_ptr<z3::fixedpoint> fp;
};
std::mutex g_kept_mutex;
std::vector<Interrupted>* const g_kept = new std::vector<Interrupted>;

void keep_forever(std::unique_ptr<z3::context> ctx, std::unique_ptr<z3::fixedpoint> fp) {
    std::lock_guard<std::mutex> lock(g_kept_mutex);
    g_kept->push_back({std::move(ctx), std::move(fp)});
}

std::vector<PropertyResult> query_spacer(const System& sys, const std::vector<const Property*>& props,
                                         const SymbolicOptions& options, z3::context& ctx, z3::fixedpoint& fp) {
    Deadline deadline(options);
    TransitionRelation tr(ctx, sys, options.include_inputs);

    auto configure = [&] {
        z3::params p(ctx);
        p.set("engine", "spacer");
        p.set("xform.slice", false);
        p.set("xform.inline_linear", false);
        p.set("xform.inline_eager", false);
        if (unsigned ms = deadline.remaining_ms()) p.set("timeout", ms);
        fp.set(p);
    };
    configure();

    const ExprEncoder pre = tr.state("pre"), post = tr.state("post"), bare = tr.state("");
    z3::sort_vector sorts(ctx);
    for (std::uint32_t i = 0; i < sys.slot_count; ++i) sorts.push_back(pre.slot(i).get_sort());
    z3::func_decl reach = ctx.function("Reach", sorts, ctx.bool_sort());
    fp.register_relation(reach);
    const z3::expr sel = tr.selector("pre");
    z3::expr_vector pre_vars = pre.slots(), step_vars(ctx);
    for (const z3::expr& v : pre.slots()) step_vars.push_back(v);
    step_vars.push_back(sel);
    for (const z3::expr& v : post.slots()) step_vars.push_back(v);

    z3::expr init_rule = close(pre_vars, z3::implies(tr.init(pre), reach(pre.slots())));
    fp.add_rule(init_rule, ctx.str_symbol("init"));
    if (tr.any_allowed()) {
        z3::expr step_rule = close(step_vars, z3::implies(reach(pre.slots()) && tr.step(pre, sel, post), reach(post.slots())));
        fp.add_rule(step_rule, ctx.str_symbol("step"));
    }
    struct Queries {
        z3::func_decl obligation, violation;
    };
    std::vector<Queries> queries;
    for (std::size_t i = 0; i < props.size(); ++i) {
        z3::func_decl err = ctx.function(("Err" + std::to_string(i)).c_str(), z3::sort_vector(ctx), ctx.bool_sort());
        z3::func_decl viol = ctx.function(("Violation" + std::to_string(i)).c_str(), z3::sort_vector(ctx), ctx.bool_sort());
        fp.register_relation(err);
        fp.register_relation(viol);
        z3::expr r1 = close(pre_vars, z3::implies(reach(pre.slots()) && tr.obligation(*props[i], pre), err()));
        fp.add_rule(r1, ctx.str_symbol(("bad" + std::to_string(i)).c_str()));
        z3::expr r2 = close(pre_vars, z3::implies(reach(pre.slots()) && tr.violates(*props[i], pre), viol()));
        fp.add_rule(r2, ctx.str_symbol(("violation" + std::to_string(i)).c_str()));
        queries.push_back({err, viol});
    }

    // One query; unknown sets `why`.
    auto query = [&](z3::func_decl& rel, std::string& why) {
        if (deadline.expired()) {
            why = deadline.why_stopped();
            return z3::unknown;
        }
        configure();
        z3::check_result r = z3::unknown;
        try {
            z3::expr q = rel();
            r = fp.query(q);
        } catch (const z3::exception& e) {
            why = deadline.expired() ? deadline.why_stopped() : std::string("spacer failed: ") + e.msg();
            return z3::unknown;
        }
        if (r == z3::unknown) why = deadline.expired() ? deadline.why_stopped() : "spacer gave up (" + fp.reason_unknown() + ")";
        return r;
    };

    std::vector<PropertyResult> results;
    for (std::size_t i = 0; i < props.size(); ++i) {
        const Property& p = *props[i];
        PropertyResult r = undecided_result(p, "spacer");
        std::string why;
        z3::check_result res = query(queries[i].obligation, why);
        if (res == z3::unsat) {
            r.verdict = Verdict::Pass;
            r.message = proved_words(p) +
                        " (spacer: inductive invariant found)";
            if (options.certificates != SymbolicOptions::Certificates::None) {
                z3::expr inv = sys.slot_count == 0 ? ctx.bool_val(true) : fp.get_cover_delta(-1, reach).substitute(bare.slots());
                attach_certificate(r, make_certificate(tr, p, "spacer", 1, inv), options);
            }
        } else if (res == z3::sat) {
            z3::check_result v = tr.has_blocking() ? query(queries[i].violation, why) : z3::sat;
            if (v == z3::unsat) {
                r.message = "no violation is reachable, but a firing that a blocking property forbids is: no proof is "
                            "possible (behaviour past such firings is not part of the model)";
            } else if (v == z3::sat) {
                std::vector<PropertyResult> found = run_bmc(tr, {&p}, 0xFFFFFFFEu, deadline, "spacer");
                r = std::move(found[0]);
                if (r.verdict == Verdict::Unknown)
                    r.message = "spacer found the property violated, but no trace was found: " + r.message;
            } else {
                r.message = "a violation or a blocked firing is reachable; which one is undecided: " + why;
            }
        } else {
            r.message = "no conclusion; stopped: " + why;
        }
        r.seconds = deadline.elapsed();
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace

std::vector<PropertyResult> check_spacer(const System& sys, const std::vector<const Property*>& props,
                                         const SymbolicOptions& options) {
    auto ctx = std::make_unique<z3::context>();
    auto fp = std::make_unique<z3::fixedpoint>(*ctx);
    std::atomic<bool> interrupted{false};
    try {
        std::vector<PropertyResult> results;
        {
            const Cancellation::Attachment attach(options.cancel, [&] {
                interrupted = true;
                ctx->interrupt();
            });
            results = query_spacer(sys, props, options, *ctx, *fp);
        }
        if (interrupted) keep_forever(std::move(ctx), std::move(fp));
        return results;
    } catch (...) {
        if (!interrupted) throw;
        // Stopped while a result was being finished (its invariant read back from an
        // interrupted context, say): every property is left open, for the stop's reason.
        keep_forever(std::move(ctx), std::move(fp));
        const std::string why = Deadline(options).why_stopped();
        std::vector<PropertyResult> results;
        for (const Property* p : props) {
            PropertyResult r = undecided_result(*p, "spacer");
            r.message = "no conclusion; stopped: " + why;
            results.push_back(std::move(r));
        }
        return results;
    }
}

}  // namespace np
