#include "checkers/portfolio.hpp"

#include <mutex>
#include <thread>

#include "checkers/emit_certificate.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/spacer.hpp"

namespace np {

namespace {

bool conclusive(const PropertyResult& r) { return r.verdict == Verdict::Pass || r.verdict == Verdict::Fail; }

using Engine = std::vector<PropertyResult> (*)(const System&, const std::vector<const Property*>&, const SymbolicOptions&);

PropertyResult race(const System& sys, const Property& p, const SymbolicOptions& options) {
    const Engine engines[2] = {check_kind, check_spacer};
    const char* names[2] = {"kind", "spacer"};
    std::shared_ptr<Cancellation> cancel[2] = {std::make_shared<Cancellation>(), std::make_shared<Cancellation>()};
    PropertyResult result[2];
    std::mutex m;
    int winner = -1;
    auto run = [&](int i) {
        SymbolicOptions o = options;
        o.cancel = cancel[i];
        if (o.certificates == SymbolicOptions::Certificates::Recheck) o.certificates = SymbolicOptions::Certificates::Emit;
        PropertyResult r;
        try {
            r = engines[i](sys, {&p}, o).at(0);
        } catch (const std::exception& e) {
            r.name = p.name;
            r.kind = p.kind;
            r.engine = names[i];
            r.verdict = Verdict::Error;
            r.message = std::string("internal error: ") + e.what();
        }
        std::lock_guard<std::mutex> lock(m);
        result[i] = std::move(r);
        if (winner < 0 && conclusive(result[i])) {
            winner = i;
            cancel[1 - i]->cancel();
        }
    };
    // The outer cancellation, when there is one, stops both.
    std::thread t0(run, 0), t1(run, 1);
    if (options.cancel) {
        while (true) {
            {
                std::lock_guard<std::mutex> lock(m);
                if (winner >= 0) break;
            }
            if (options.cancel->cancelled()) {
                cancel[0]->cancel();
                cancel[1]->cancel();
                break;
            }
            bool done0 = false;
            {
                std::lock_guard<std::mutex> lock(m);
                done0 = !result[0].engine.empty() && !result[1].engine.empty();
            }
            if (done0) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    t0.join();
    t1.join();
    if (winner >= 0) {
        PropertyResult r = std::move(result[winner]);
        if (r.verdict == Verdict::Pass && options.certificates == SymbolicOptions::Certificates::Recheck)
            confirm_certificate(r, options.recheck);
        return r;
    }
    PropertyResult r = result[0].verdict == Verdict::Error || result[1].verdict != Verdict::Error ? result[0] : result[1];
    if (r.verdict != Verdict::Error) {
        r.engine = "portfolio";
        r.message = std::string("kind: ") + result[0].message + "; spacer: " + result[1].message;
        r.seconds = std::max(result[0].seconds, result[1].seconds);
        r.depth = result[0].depth;
    }
    return r;
}

}  // namespace

std::vector<PropertyResult> check_portfolio(const System& sys, const std::vector<const Property*>& props,
                                            const SymbolicOptions& symbolic) {
    std::vector<PropertyResult> results;
    for (const Property* p : props) results.push_back(race(sys, *p, symbolic));
    return results;
}

std::vector<PropertyResult> check_auto(const System& sys, const std::vector<const Property*>& props,
                                       const AutoOptions& options) {
    ExplicitOptions eo = options.explicit_options;
    const std::uint64_t limit = eo.limits.max_states && eo.limits.max_states < options.explicit_state_limit
                                    ? eo.limits.max_states : options.explicit_state_limit;
    eo.limits.max_states = limit;
    std::vector<PropertyResult> results = check_explicit(sys, props, eo);
    for (std::size_t i = 0; i < props.size(); ++i) {
        PropertyResult& r = results[i];
        // The explicit engine stops past its state limit with more than `limit` states stored.
        if (r.verdict != Verdict::Unknown || r.states <= limit) continue;
        PropertyResult s = race(sys, *props[i], options.symbolic);
        if (!conclusive(s) && s.verdict != Verdict::Error) {
            s.message = "explicit: " + r.message + "; " + s.message;
            s.states = r.states;
            s.depth = r.depth;
        }
        s.seconds += r.seconds;
        r = std::move(s);
    }
    return results;
}

}  // namespace np
