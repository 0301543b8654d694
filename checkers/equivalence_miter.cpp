#include "checkers/equivalence_miter.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "checkers/engines.hpp"
#include "checkers/find_cycle.hpp"
#include "checkers/unrolling.hpp"
#include "model/eval.hpp"

namespace np {

namespace {

const Type kS64 = Type::sint(64);
const Type kU32 = Type::uint(32);
const Type kS16 = Type::sint(16);
const Type kCount = Type::uint(16);

Expr c64(std::int64_t v) { return mk_const(kS64, static_cast<std::uint64_t>(v)); }
Expr cnt(std::uint64_t v) { return mk_const(kCount, v); }
Expr add(Expr a, Expr b) { return mk_binary(Op::Add, std::move(a), std::move(b)); }
Expr eq(Expr a, Expr b) { return mk_binary(Op::Eq, std::move(a), std::move(b)); }
Expr ne(Expr a, Expr b) { return mk_binary(Op::Ne, std::move(a), std::move(b)); }
Expr lt(Expr a, Expr b) { return mk_binary(Op::Lt, std::move(a), std::move(b)); }
bool const_true(const Expr& e) { return e->op == Op::Const && e->value != 0; }
// ite that folds a constant-true condition (the common case: a rule that always raises the ack).
Expr when(const Expr& c, Expr a, Expr b) { return const_true(c) ? a : mk_ite(c, std::move(a), std::move(b)); }

std::uint32_t pack(std::uint32_t f, std::uint32_t x, std::uint32_t y) { return f << 16 | (x & 0xff) << 8 | (y & 0xff); }

bool constant_expr(const ExprNode& e) {
    if (e.op == Op::Var || e.op == Op::Read) return false;
    for (const Expr& a : e.args)
        if (!constant_expr(*a)) return false;
    return true;
}

const Assignment* last_write(const Transition& t, std::uint32_t v) {
    const Assignment* w = nullptr;
    for (const Assignment& a : t.updates)
        if (a.var == v) w = &a;
    return w;
}

// The emulator's 16-bit addition (add16 / add16_wide of model/emulator.cpp) on s64 operands
// holding int16 values (resp. a bias): the exact sum, then saturated or wrapped to 16 bits.
Expr add16(const EmulatorOptions& o, Expr a, Expr b) {
    Expr s = add(std::move(a), std::move(b));
    if (o.overflow == OverflowMode::Saturate)
        return mk_ite(lt(c64(32767), s), c64(32767), mk_ite(lt(s, c64(-32768)), c64(-32768), s));
    return mk_cast(kS64, mk_cast(kS16, s));
}

Expr clip(Expr v, std::int64_t lo) { return mk_ite(lt(v, c64(lo)), c64(lo), v); }

Expr fires(const EmulatorOptions& o, const Expr& v, std::int64_t hi) {
    return o.spike_test == SpikeTest::GreaterEqual ? mk_binary(Op::Ge, v, c64(hi)) : mk_binary(Op::Gt, v, c64(hi));
}

Expr reset(const EmulatorOptions& o, const CoreConfig& c, const Expr& v) {
    return c.return_to_zero ? c64(0) : add16(o, v, c64(-std::int64_t{c.threshold_high}));
}



struct Ghost {
    std::uint32_t ended, offered, accepted, pend_ev, pend_lk, ev_addr, protocol, ni;
    std::vector<std::uint32_t> ref, refcnt, imp;  // refcnt[i * A + a]
};

struct Layout {
    std::uint32_t design_transitions = 0, end = 0, stay = 0;
    std::vector<std::int32_t> event_injector_addr;  // per transition: -1, or the packed address it offers
    std::int32_t leak_injector = -1;
};

// Builds the miter; `layout` receives what projection needs.
System build(const System& design, const SpeckConfig& cfg0, const MiterOptions& opt, Layout& layout) {
    if (opt.binding.order == OutputOrder::Exact)
        throw HarnessError("the equivalence miter compares spikes per input or per neuron; order 'exact' is not supported");
    if (opt.max_inputs == 0) throw HarnessError("the equivalence miter needs at least one input (max_inputs >= 1)");
    const SpeckConfig cfg = complete_config(cfg0);
    EquivalenceHarness harness(design, cfg, opt.binding);  // validates the binding and the configuration
    const CoreConfig& core = cfg.cores[0];
    const EmulatorOptions& eo = cfg.options;
    const std::uint32_t N = opt.max_inputs;
    const std::uint32_t ow = core.out_width(), oh = core.out_height(), neurons = core.out_channels * ow * oh;

    // Output addresses and, per neuron, the addresses its spike goes to (one per destination).
    std::map<std::uint32_t, std::uint32_t> addr_index;
    std::vector<std::vector<std::uint32_t>> dests(neurons);
    for (std::uint32_t c = 0; c < core.out_channels; ++c)
        for (std::uint32_t x = 0; x < ow; ++x)
            for (std::uint32_t y = 0; y < oh; ++y)
                for (const Destination& d : core.destinations) {
                    std::uint32_t a = pack(static_cast<std::uint32_t>(std::int64_t{c} + d.feature_shift), x / d.pool, y / d.pool);
                    auto [it, fresh] = addr_index.emplace(a, static_cast<std::uint32_t>(addr_index.size()));
                    (void)fresh;
                    dests[core.neuron_index(c, x, y)].push_back(it->second);
                }
    const std::uint32_t A = static_cast<std::uint32_t>(addr_index.size());
    // Synaptic hits: per neuron, the (input address, weight) pairs that update it.
    struct Hit {
        std::uint32_t address;
        std::int8_t w;
    };
    std::vector<std::vector<Hit>> hits(neurons);
    std::map<std::uint32_t, std::uint32_t> spikes_per_address;  // most output spikes one event can cause
    for (std::uint32_t ci = 0; ci < core.in_channels; ++ci)
        for (std::uint32_t x = 0; x < core.in_width; ++x)
            for (std::uint32_t y = 0; y < core.in_height; ++y) {
                const std::uint32_t a = pack(ci, x, y);
                std::uint32_t& most = spikes_per_address[a];
                for (std::uint32_t co = 0; co < core.out_channels; ++co)
                    for (std::uint32_t ox = 0; ox < ow; ++ox)
                        for (std::uint32_t oy = 0; oy < oh; ++oy) {
                            std::int64_t kx = std::int64_t{x} + core.padding_x - std::int64_t{ox} * core.stride_x;
                            std::int64_t ky = std::int64_t{y} + core.padding_y - std::int64_t{oy} * core.stride_y;
                            if (kx < 0 || kx >= core.kernel_x || ky < 0 || ky >= core.kernel_y) continue;
                            const std::uint32_t n = static_cast<std::uint32_t>(core.neuron_index(co, ox, oy));
                            hits[n].push_back({a, core.weights[core.weight_index(co, ci, static_cast<std::uint32_t>(kx),
                                                                                static_cast<std::uint32_t>(ky))]});
                            most += static_cast<std::uint32_t>(dests[n].size());
                        }
            }
    std::uint64_t per_input = 0;
    for (auto [a, s] : spikes_per_address) (void)a, per_input = std::max<std::uint64_t>(per_input, s);
    if (core.leak && eo.leak_can_spike) per_input = std::max<std::uint64_t>(per_input, std::uint64_t{neurons} * core.destinations.size());
    const std::uint64_t M64 = per_input * N;
    if (M64 >= 65535 || std::uint64_t{N} * A > 100000)
        throw HarnessError("the configuration is too large for the equivalence miter (up to " + std::to_string(M64) +
                           " output spikes for " + std::to_string(N) + " inputs)");
    const std::uint32_t M = static_cast<std::uint32_t>(M64);

    System m = design;
    m.properties.clear();
    for (const Property& p : design.properties)
        if (p.blocking) m.properties.push_back(p);
    m.requested_checks.clear();
    layout.design_transitions = static_cast<std::uint32_t>(design.transitions.size());

    auto ghost = [&](const std::string& name, Type t, std::uint64_t init) {
        Variable v;
        v.name = name;  // '#' is not a character of design names
        v.type = t;
        v.init = {init & (t.width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << t.width) - 1)};
        return m.add_variable(std::move(v));
    };
    const Type ctr = Type::uint(bits_for(N) + 1);
    Ghost g;
    g.ended = ghost("#ended", Type::boolean(), 0);
    g.offered = ghost("#offered", ctr, 0);
    g.accepted = ghost("#accepted", ctr, 0);
    g.pend_ev = ghost("#pending_event", Type::boolean(), 0);
    g.pend_lk = ghost("#pending_leak", Type::boolean(), 0);
    g.ev_addr = ghost("#event", kU32, 0);
    g.protocol = ghost("#protocol_error", Type::boolean(), 0);
    g.ni = ghost("#impl_spikes", kCount, 0);
    for (std::uint32_t n = 0; n < neurons; ++n)
        g.ref.push_back(ghost("#ref[" + std::to_string(n) + "]", kS16, static_cast<std::uint16_t>(core.initial_state[n])));
    for (std::uint32_t i = 0; i < N; ++i)
        for (std::uint32_t a = 0; a < A; ++a)
            g.refcnt.push_back(ghost("#ref_spikes[" + std::to_string(i) + "][" + std::to_string(a) + "]", kCount, 0));
    for (std::uint32_t j = 0; j < M; ++j) g.imp.push_back(ghost("#impl[" + std::to_string(j) + "]", kU32, 0));
    auto V = [&](std::uint32_t var) { return m.var(var); };

    const Channel& ev = *design.find_channel(opt.binding.events);
    const Channel& lk = *design.find_channel(opt.binding.leak);
    const Channel& out = *design.find_channel(opt.binding.output);
    std::optional<std::uint32_t> state_var;
    if (!opt.binding.state.empty()) state_var = design.find_variable(opt.binding.state);
    const std::uint32_t out_data = out.data[0];

    // Edge of an acknowledge written by an assignment (4-phase: rises; 2-phase: toggles).
    auto edge = [&](const Channel& ch, const Assignment& a) {
        Expr pre = V(ch.ack), post = a.value->type.is_bool() ? a.value : mk_cast(Type::boolean(), a.value);
        return ch.protocol == ChannelProtocol::TwoPhase ? ne(pre, post) : mk_and({mk_not(pre), post});
    };

    // The reference's response to an input: new neuron values and per-address spike counts.
    auto respond = [&](bool leak_tick) {
        std::vector<Expr> value(neurons), spike(neurons);
        for (std::uint32_t n = 0; n < neurons; ++n) {
            const Expr v = mk_cast(kS64, V(g.ref[n]));
            const std::int64_t lo = core.threshold_low, hi = core.threshold_high;
            if (leak_tick) {
                if (!core.leak) {
                    value[n] = V(g.ref[n]);
                    spike[n] = mk_bool(false);
                    continue;
                }
                const std::uint32_t co = n / (ow * oh);
                Expr nv = add16(eo, v, c64(core.biases[co]));
                if (eo.clip == ClipOrder::BeforeSpike) nv = clip(nv, lo);
                Expr f = mk_bool(false);
                if (eo.leak_can_spike) {
                    f = fires(eo, nv, hi);
                    nv = mk_ite(f, reset(eo, core, nv), nv);
                }
                if (eo.clip == ClipOrder::AfterSpike) nv = clip(nv, lo);
                value[n] = mk_cast(kS16, nv);
                spike[n] = f;
                continue;
            }
            if (hits[n].empty()) {
                value[n] = V(g.ref[n]);
                spike[n] = mk_bool(false);
                continue;
            }
            std::vector<Expr> is;
            Expr w = c64(hits[n].back().w);
            for (std::size_t k = 0; k < hits[n].size(); ++k) {
                Expr here = eq(V(g.ev_addr), mk_const(kU32, hits[n][k].address));
                is.push_back(here);
                if (k + 1 < hits[n].size()) w = mk_ite(here, c64(hits[n][k].w), w);
            }
            Expr hit = mk_or(is);
            Expr nv = add16(eo, v, w);
            if (eo.clip == ClipOrder::BeforeSpike) nv = clip(nv, lo);
            Expr f = fires(eo, nv, hi);
            nv = mk_ite(f, reset(eo, core, nv), nv);
            if (eo.clip == ClipOrder::AfterSpike) nv = clip(nv, lo);
            value[n] = mk_ite(hit, mk_cast(kS16, nv), V(g.ref[n]));
            spike[n] = mk_and({hit, f});
        }
        std::vector<Expr> count(A, cnt(0));
        for (std::uint32_t n = 0; n < neurons; ++n) {
            if (spike[n]->op == Op::Const && spike[n]->value == 0) continue;
            for (std::uint32_t a : dests[n]) count[a] = add(count[a], mk_ite(spike[n], cnt(1), cnt(0)));
        }
        return std::make_pair(value, count);
    };

    const State init = design.initial_state();
    std::map<std::uint32_t, bool> seen_address;
    std::vector<Expr> idle;  // every transition the harness may move, but not an injector, is disabled
    for (std::uint32_t t = 0; t < layout.design_transitions; ++t) {
        Transition& tr = m.transitions[t];
        layout.event_injector_addr.push_back(-1);
        const Assignment* er = last_write(tr, ev.req);
        const Assignment* lr = last_write(tr, lk.req);
        auto raises = [&](const Assignment* a, const Channel& ch) {
            if (!a || !constant_expr(*a->value)) return false;
            return ch.protocol == ChannelProtocol::TwoPhase || eval(a->value, init) != 0;
        };
        const Assignment* ea = last_write(tr, ev.ack);
        const Assignment* la = last_write(tr, lk.ack);
        const Assignment* oa = last_write(tr, out.ack);
        const bool input = !is_local(tr.kind);
        if (input && raises(er, ev)) {
            // The harness's injector for its datum (the first one per address), else never picked.
            const Assignment* d = nullptr;
            for (const Assignment& a : tr.updates)
                if (a.var == ev.data[0]) d = &a;
            const std::uint32_t address = static_cast<std::uint32_t>(eval(d->value, init));
            const bool first = seen_address.emplace(address, true).second;
            const bool in_map = spikes_per_address.count(address) != 0;
            if (ea || la || oa) throw HarnessError("injector '" + tr.name + "' also writes an acknowledge");
            if (!first || !in_map) {
                tr.guard = mk_bool(false);
                continue;
            }
            layout.event_injector_addr.back() = static_cast<std::int32_t>(address);
            tr.guard = mk_and({tr.guard, mk_not(V(g.ended)), lt(V(g.offered), mk_const(ctr, N))});
            tr.updates.push_back({g.offered, nullptr, add(V(g.offered), mk_const(ctr, 1))});
            tr.updates.push_back({g.pend_ev, nullptr, mk_bool(true)});
            tr.updates.push_back({g.protocol, nullptr, mk_or({V(g.protocol), V(g.pend_ev)})});
            tr.updates.push_back({g.ev_addr, nullptr, mk_const(kU32, address)});
            continue;
        }
        if (input && raises(lr, lk)) {
            if (layout.leak_injector >= 0) {
                tr.guard = mk_bool(false);
                continue;
            }
            if (ea || la || oa) throw HarnessError("injector '" + tr.name + "' also writes an acknowledge");
            layout.leak_injector = static_cast<std::int32_t>(t);
            tr.guard = mk_and({tr.guard, mk_not(V(g.ended)), lt(V(g.offered), mk_const(ctr, N))});
            tr.updates.push_back({g.offered, nullptr, add(V(g.offered), mk_const(ctr, 1))});
            tr.updates.push_back({g.pend_lk, nullptr, mk_bool(true)});
            tr.updates.push_back({g.protocol, nullptr, mk_or({V(g.protocol), V(g.pend_lk)})});
            continue;
        }
        idle.push_back(mk_not(design.transitions[t].guard));
        if (ea && la) throw HarnessError("transition '" + tr.name + "' acknowledges the event and the leak channel at once");
        if (ea || la) {
            const bool leak_tick = la != nullptr;
            const Expr r = edge(leak_tick ? lk : ev, leak_tick ? *la : *ea);
            const std::uint32_t pend = leak_tick ? g.pend_lk : g.pend_ev;
            auto [value, count] = respond(leak_tick);
            std::vector<Assignment> extra;
            extra.push_back({g.accepted, nullptr, when(r, add(V(g.accepted), mk_const(ctr, 1)), V(g.accepted))});
            extra.push_back({pend, nullptr, when(r, mk_bool(false), V(pend))});
            extra.push_back({g.protocol, nullptr, mk_or({V(g.protocol), mk_and({r, mk_not(V(pend))})})});
            for (std::uint32_t n = 0; n < neurons; ++n) extra.push_back({g.ref[n], nullptr, when(r, value[n], V(g.ref[n]))});
            for (std::uint32_t i = 0; i < N; ++i)
                for (std::uint32_t a = 0; a < A; ++a) {
                    const std::uint32_t var = g.refcnt[i * A + a];
                    Expr c = mk_and({r, eq(V(g.accepted), mk_const(ctr, i))});
                    extra.push_back({var, nullptr, mk_ite(c, count[a], V(var))});
                }
            for (Assignment& a : extra) tr.updates.push_back(std::move(a));
        }
        if (oa) {
            const Expr r = edge(out, *oa);
            const Expr datum = mk_cast(kU32, V(out_data));
            for (std::uint32_t j = 0; j < M; ++j)
                tr.updates.push_back({g.imp[j], nullptr, mk_ite(mk_and({r, eq(V(g.ni), cnt(j))}), datum, V(g.imp[j]))});
            tr.updates.push_back({g.ni, nullptr, when(r, mk_binary(Op::AddSat, V(g.ni), cnt(1)), V(g.ni))});
        }
    }

    Transition end;
    end.name = "#end";
    end.kind = TransitionKind::Input;
    idle.push_back(mk_not(V(g.ended)));
    end.guard = mk_and(idle);
    end.updates.push_back({g.ended, nullptr, mk_bool(true)});
    layout.end = static_cast<std::uint32_t>(m.transitions.size());
    m.transitions.push_back(end);
    Transition stay;
    stay.name = "#stay";
    stay.kind = TransitionKind::Input;
    stay.guard = V(g.ended);
    layout.stay = static_cast<std::uint32_t>(m.transitions.size());
    m.transitions.push_back(stay);

    // The property.
    const Expr ended = V(g.ended);
    Property p;
    p.name = "equivalence";
    p.kind = PropertyKind::Invariant;
    p.description = "bit-exact spike equivalence with the reference for streams of at most " + std::to_string(N) + " inputs";
    auto clause = [&](Expr bad, std::string msg) { p.clauses.push_back({-1, mk_and({ended, std::move(bad)}), std::move(msg), {}}); };
    clause(V(g.protocol), "the design acknowledged an input that was not offered, or was offered an input while its channel was busy");
    clause(ne(V(g.accepted), V(g.offered)), "an offered input was never acknowledged");
    std::vector<Expr> totals(N, cnt(0));
    Expr nr = cnt(0);
    for (std::uint32_t i = 0; i < N; ++i) {
        for (std::uint32_t a = 0; a < A; ++a) totals[i] = add(totals[i], V(g.refcnt[i * A + a]));
        nr = add(nr, totals[i]);
    }
    clause(ne(V(g.ni), nr), "the number of output spikes differs from the reference's");
    std::vector<Expr> wrong;
    std::vector<Expr> is_addr(M * A);
    for (std::uint32_t j = 0; j < M; ++j)
        for (auto [addr, a] : addr_index) is_addr[j * A + a] = eq(V(g.imp[j]), mk_const(kU32, addr));
    if (opt.binding.order == OutputOrder::PerInput) {
        Expr start = cnt(0);
        for (std::uint32_t i = 0; i < N; ++i) {
            const Expr stop = add(start, totals[i]);
            std::vector<Expr> in_segment(M);
            for (std::uint32_t j = 0; j < M; ++j)
                in_segment[j] = mk_and({mk_binary(Op::Le, start, cnt(j)), lt(cnt(j), stop)});
            for (std::uint32_t a = 0; a < A; ++a) {
                Expr c = cnt(0);
                for (std::uint32_t j = 0; j < M; ++j) c = add(c, mk_ite(mk_and({in_segment[j], is_addr[j * A + a]}), cnt(1), cnt(0)));
                wrong.push_back(ne(c, V(g.refcnt[i * A + a])));
            }
            start = stop;
        }
    } else {
        for (std::uint32_t a = 0; a < A; ++a) {
            Expr c = cnt(0), r = cnt(0);
            for (std::uint32_t j = 0; j < M; ++j) c = add(c, mk_ite(mk_and({lt(cnt(j), V(g.ni)), is_addr[j * A + a]}), cnt(1), cnt(0)));
            for (std::uint32_t i = 0; i < N; ++i) r = add(r, V(g.refcnt[i * A + a]));
            wrong.push_back(ne(c, r));
        }
    }
    clause(mk_or(wrong), std::string("the output spikes differ from the reference's (order: ") + output_order_name(opt.binding.order) + ")");
    if (state_var) {
        const Variable& sv = design.variables[*state_var];
        std::vector<Expr> differ;
        for (std::uint32_t n = 0; n < neurons; ++n) {
            Expr impl = sv.length == 0 ? design.var(*state_var)
                                       : mk_read(*state_var, sv.slot, sv.length, sv.type, sv.name, mk_const(kU32, n));
            differ.push_back(ne(mk_cast(kS16, impl), V(g.ref[n])));
        }
        clause(mk_or(differ), "the final neuron states differ from the reference's");
    }
    m.properties.push_back(std::move(p));
    return m;
}

// Projects a miter trace onto the design and confirms it with the harness.
MiterResult confirm(const System& design, const SpeckConfig& cfg, const MiterOptions& opt, const Layout& layout,
                    const Trace& t, const std::string& engine) {
    MiterResult out;
    std::int64_t time = 0;
    for (const Trace::Step& s : t.steps) {
        if (s.transition >= layout.design_transitions) continue;
        out.schedule.push_back(s.transition);
        if (static_cast<std::int32_t>(s.transition) == layout.leak_injector) {
            StreamInput in;
            in.leak = true;
            in.t = ++time;
            out.stream.push_back(in);
        } else if (std::int32_t a = layout.event_injector_addr[s.transition]; a >= 0) {
            StreamInput in;
            in.feature = static_cast<std::uint32_t>(a) >> 16;
            in.x = static_cast<std::uint32_t>(a) >> 8 & 0xff;
            in.y = static_cast<std::uint32_t>(a) & 0xff;
            in.t = ++time;
            out.stream.push_back(in);
        }
    }
    EquivalenceHarness h(design, complete_config(cfg), opt.binding);
    CaseRun run = h.replay(out.stream, out.schedule);
    if (run.equivalent() || !run.replay_error.empty()) {
        out.result.verdict = Verdict::Error;
        out.result.message = "internal error: the miter's counterexample (" + t.violation + ") " +
                             (run.replay_error.empty() ? "is equivalent when the harness replays it"
                                                       : "does not replay in the harness: " + run.replay_error);
    } else {
        out.result = h.result(out.stream, run);
        if (out.result.verdict == Verdict::Fail)
            out.result.message = "counterexample: " + plural(out.stream.size(), "input") + ", " +
                                 plural(out.schedule.size(), "step") + " (confirmed by the fuzz harness): " + out.result.message;
    }
    out.result.name = "equivalence";
    out.result.engine = engine;
    return out;
}

// The explicit engine on the miter: its whole state graph (every stream of at most N inputs under
// every schedule, states merged). A violating state gives a shortest counterexample (states are
// numbered breadth-first); PASS needs a complete graph and every run to end: a cycle among states
// before #end is a run of the design that never settles, which no end-state check covers.
PropertyResult explore(const System& m, const Property& prop, const MiterOptions& opt) {
    PropertyResult r;
    r.name = prop.name;
    r.kind = prop.kind;
    r.verdict = Verdict::Unknown;
    SearchLimits limits;
    limits.timeout_seconds = opt.timeout_seconds;
    limits.max_states = opt.max_states;
    limits.max_memory_bytes = opt.max_memory_bytes;
    limits.cancel = opt.cancel;
    const StateGraph g = build_state_graph(m, limits);
    r.states = g.size();
    r.seconds = g.seconds;
    const std::uint32_t ended = m.variables[*m.find_variable("#ended")].slot;
    std::vector<std::uint8_t> open(g.size());  // before #end
    // A search the budget stopped is not prolonged by this pass: it checks the explored states
    // until the cancellation is seen, and says how many it checked.
    std::uint32_t checked = g.size();
    for (std::uint32_t s = 0; s < g.size(); ++s) {
        if (!g.complete && (s & 4095) == 0 && opt.cancel && opt.cancel->cancelled()) {
            checked = s;
            break;
        }
        const State st = g.state(s);
        open[s] = st[ended] == 0;
        if (violated_clause(m, prop, st) < 0) continue;
        Trace t = g.path_to(s);
        const std::string replay = finish_counterexample(m, prop, t);
        r.depth = static_cast<std::uint32_t>(t.steps.size());
        if (!replay.empty()) {
            r.verdict = Verdict::Error;
            r.message = "internal error: the miter's counterexample does not replay: " + replay;
            return r;
        }
        r.verdict = Verdict::Fail;
        r.message = t.violation;
        r.trace = std::move(t);
        return r;
    }
    if (!g.complete) {
        r.message = "no mismatch in " + plural(checked, "state") + (checked < g.size() ? " checked of " + std::to_string(g.size()) + " explored" : "") +
                    "; the search is incomplete: " + g.incomplete_reason;
        return r;
    }
    // Every run ends: no cycle among the states before #end.
    const SubgraphCycle c = find_cycle(g, [&](const StateGraph::Edge& e) { return open[e.src] && open[e.dst]; });
    if (c.on_cycle) {
        r.message = "no mismatch at any end state, but some run of the design never ends (a cycle through " +
                    plural(c.cycle.size(), "state") + " before the end of the run): not proved; `neuroproof check -p "
                    "quiescence` shows the cycle";
        return r;
    }
    r.verdict = Verdict::Pass;
    r.message = "every run of the miter was explored and ends: " + plural(g.size(), "state") + " (exhaustive explicit search)";
    return r;
}

}  // namespace

System equivalence_miter(const System& design, const SpeckConfig& reference, const MiterOptions& options) {
    Layout layout;
    return build(design, reference, options, layout);
}

MiterResult prove_equivalence(const System& design, const SpeckConfig& reference, const MiterOptions& opt) {
    Layout layout;
    const System m = build(design, reference, opt, layout);
    const Property& prop = m.properties.back();
    const std::string engine = "miter-" + opt.engine;
    SymbolicOptions so;
    so.depth = opt.max_depth;
    so.timeout_seconds = opt.timeout_seconds;
    so.cancel = opt.cancel;
    const std::string scope = "every stream of at most " + plural(opt.max_inputs, "input") + " under every schedule";

    auto finish = [&](PropertyResult r) {
        MiterResult out;
        if (r.verdict == Verdict::Fail && r.trace) {
            const double secs = r.seconds;
            out = confirm(design, reference, opt, layout, *r.trace, engine);
            out.result.seconds = secs;
            return out;
        }
        out.result = std::move(r);
        out.result.name = "equivalence";
        out.result.engine = engine;
        if (out.result.verdict == Verdict::Pass) out.result.message = "equivalent to the reference for " + scope + ": " + out.result.message;
        return out;
    };

    // The miter's own bmc (every run must end) and explicit (every run explored and ending)
    // back ends; the registry's proof engines run on the miter system as they are.
    const EngineInfo& info = find_engine(opt.engine);
    if (!info.miter) throw std::invalid_argument("equivalence miter: '" + opt.engine + "' is not a miter engine");
    if (info.kind == EngineInfo::Kind::Explicit) return finish(explore(m, prop, opt));
    Deadline deadline(so);
    if (info.name != "bmc") {
        try {
            return finish(info.symbolic(m, {&prop}, so)[0]);
        } catch (const z3::exception&) {
            // The watchdog interrupts Z3 when the budget ends; Z3 may then throw from whatever it
            // was doing outside a check: a stop, not a failure.
            if (!deadline.expired() && !deadline.cancelled()) throw;
            PropertyResult r;
            r.name = "equivalence";
            r.kind = PropertyKind::Invariant;
            r.verdict = Verdict::Unknown;
            r.seconds = deadline.elapsed();
            r.message = "no mismatch established for " + scope + "; stopped: " + deadline.why_stopped();
            return finish(std::move(r));
        }
    }

    return run_in_solver_space(deadline, [&](SolverSpace& space, std::string& stopped) -> MiterResult {
        z3::context& ctx = space.ctx;
        InterruptOnCancel attach(so.cancel, ctx);
        TransitionRelation tr(ctx, m);
        z3::solver& solver = space.add_solver();
        Unrolling u(tr, solver, true);
        z3::expr_vector trunc(ctx);
        const std::uint32_t ended_var = *m.find_variable("#ended");
        const std::uint32_t ended_slot = m.variables[ended_var].slot;
        std::uint32_t covered = 0;  // end states reached within `covered` - 1 steps have been checked
        PropertyResult r;
        r.name = "equivalence";
        r.kind = PropertyKind::Invariant;
        r.engine = engine;
        r.verdict = Verdict::Unknown;
        auto query = [&](const z3::expr& e) {
            z3::expr act = fresh_literal(ctx, "miter");
            solver.add(z3::implies(act, e));
            z3::expr_vector a(ctx);
            a.push_back(act);
            z3::check_result res = check_within(solver, a, deadline, stopped);
            std::optional<z3::model> model;
            if (res == z3::sat) model = solver.get_model();
            solver.add(!act);
            return std::make_pair(res, model);
        };
        try {
        if (tr.has_blocking()) trunc.push_back(tr.truncation(u.frame(0)));
        for (std::uint32_t k = 1; k <= opt.max_depth && stopped.empty(); ++k) {
            // Encoding a step is not interruptible: a passed deadline is seen before each one.
            if (deadline.expired() || deadline.cancelled()) {
                stopped = deadline.why_stopped();
                break;
            }
            try {
                u.extend();
            } catch (const z3::exception&) {
                // The watchdog interrupts the context when the budget ends, and Z3 then throws from
                // whatever it was building: a stop, not a failure.
                if (!deadline.expired() && !deadline.cancelled()) throw;
                stopped = deadline.why_stopped();
                break;
            }
            if (tr.has_blocking()) trunc.push_back(tr.truncation(u.frame(k)));
            if (k % std::max<std::uint32_t>(1, opt.check_every) != 0 && k != opt.max_depth) continue;
            auto [bad, model] = query(tr.violates(prop, u.frame(k)));
            if (bad == z3::sat) {
                Trace t = u.trace(*model, k);
                const std::int32_t c = violated_clause(m, prop, t.final_state());
                t.violation = c >= 0 ? prop.clauses[c].message : "violation";
                r.verdict = Verdict::Fail;
                r.seconds = deadline.elapsed();
                r.trace = std::move(t);
                return finish(std::move(r));
            }
            if (bad != z3::unsat) break;
            covered = k;
            // Has every run ended by depth k (and no blocked firing been enabled on the way)?
            z3::expr open = !u.frame(k).slot(ended_slot);
            if (tr.has_blocking()) open = open || any_of(trunc, ctx);
            auto [running, m2] = query(open);
            (void)m2;
            if (running == z3::unsat) {
                r.verdict = Verdict::Pass;
                r.depth = k;
                r.seconds = deadline.elapsed();
                r.message = "every run ends within " + plural(k, "step") + " and none disagrees with the reference (bounded "
                            "model checking exhausted all runs)";
                return finish(std::move(r));
            }
            if (running != z3::sat) break;
        }
        } catch (const z3::exception&) {
            // Interrupted while encoding, adding or reading a model (see above): a stop.
            if (!deadline.expired() && !deadline.cancelled()) throw;
            stopped = deadline.why_stopped();
        }
        r.seconds = deadline.elapsed();
        r.depth = covered;
        r.message = covered == 0 ? "nothing was checked" : "no mismatch for " + scope + " among runs of up to " + plural(covered, "step") +
                                                               "; longer runs exist and were not covered";
        if (!stopped.empty()) r.message += "; stopped: " + stopped;
        else if (covered == opt.max_depth) r.message += " (depth limit " + std::to_string(opt.max_depth) + ")";
        return finish(std::move(r));
    });
}

}  // namespace np
