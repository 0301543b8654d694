#include "checkers/fuzz_harness.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "checkers/replay_trace.hpp"
#include "model/eval.hpp"

namespace np {

namespace {

bool constant_expr(const ExprNode& e) {
    if (e.op == Op::Var || e.op == Op::Read) return false;
    for (const Expr& a : e.args)
        if (!constant_expr(*a)) return false;
    return true;
}

std::uint32_t pack(std::uint32_t f, std::uint32_t x, std::uint32_t y) { return f << 16 | (x & 0xff) << 8 | (y & 0xff); }

std::string address(const OutputSpike& s) {
    return "(" + std::to_string(s.feature) + ", " + std::to_string(s.x) + ", " + std::to_string(s.y) + ")";
}

// Whether a transition writes variable v (any element).
const Assignment* writes(const Transition& t, std::uint32_t v) {
    for (const Assignment& a : t.updates)
        if (a.var == v) return &a;
    return nullptr;
}

}  // namespace

const char* output_order_name(OutputOrder o) {
    switch (o) {
        case OutputOrder::Exact: return "exact";
        case OutputOrder::PerInput: return "per-input";
        case OutputOrder::PerNeuron: return "per-neuron";
    }
    return "?";
}

std::string CaseRun::failure() const {
    if (!replay_error.empty()) return replay_error;
    if (!stopped.empty()) return stopped;
    return mismatch;
}

std::string single_core_problem(const SpeckConfig& cfg) {
    if (cfg.cores.size() != 1)
        return "the reference configuration has " + std::to_string(cfg.cores.size()) +
               " cores; the equivalence harness drives one core";
    const CoreConfig& c = cfg.cores[0];
    if (c.destinations.empty()) return "core " + std::to_string(c.id) + " has no destination (its spikes go nowhere)";
    for (const Destination& d : c.destinations)
        if (d.core) return "core " + std::to_string(c.id) + " sends to core " + std::to_string(*d.core) + "; the harness needs the chip output";
    if (c.in_width > 256 || c.in_height > 256) return "input map wider than 256: x and y are 8-bit fields of the channel datum";
    return {};
}

SpeckConfig complete_config(SpeckConfig cfg) {
    for (CoreConfig& c : cfg.cores) {
        if (c.biases.empty()) c.biases.assign(c.out_channels, 0);
        if (c.initial_state.empty()) c.initial_state.assign(std::size_t{c.out_channels} * c.out_width() * c.out_height(), 0);
    }
    return cfg;
}

namespace {

SpeckConfig checked(const SpeckConfig& cfg) {
    if (std::string p = single_core_problem(cfg); !p.empty()) throw HarnessError(p);
    if (auto problems = validate_config(cfg); !problems.empty())
        throw HarnessError("the reference configuration is not valid:\n" + describe_problems(problems));
    return cfg;
}

}  // namespace

EquivalenceHarness::EquivalenceHarness(const System& sys, const SpeckConfig& reference, FuzzBinding binding,
                                       HarnessEvaluator evaluator)
    : sys_(sys), compiled_(sys), evaluator_(evaluator), binding_(std::move(binding)), emu_(checked(reference)), core_(reference.cores[0].id) {
    auto channel = [&](const std::string& name, Chan& c, bool need_data) {
        const Channel* ch = sys.find_channel(name);
        if (!ch) {
            std::string known;
            for (const Channel& k : sys.channels) known += (known.empty() ? "" : ", ") + k.name;
            throw HarnessError("the design has no channel '" + name + "' (its channels: " + (known.empty() ? "none" : known) + ")");
        }
        c.req = ch->req;
        c.ack = ch->ack;
        c.two_phase = ch->protocol == ChannelProtocol::TwoPhase;
        c.ack_slot = sys.variables[ch->ack].slot;
        if (need_data) {
            if (ch->data.size() != 1 || sys.variables[ch->data[0]].length != 0 || sys.variables[ch->data[0]].type.width < 24)
                throw HarnessError("channel '" + name + "' must carry one datum of at least 24 bits (feature << 16 | x << 8 | y)");
            c.has_data = true;
            c.data_slot = sys.variables[ch->data[0]].slot;
        }
    };
    channel(binding_.events, ev_, true);
    channel(binding_.leak, lk_, false);
    channel(binding_.output, out_, true);
    if (!binding_.state.empty()) {
        auto v = sys.find_variable(binding_.state);
        if (!v) throw HarnessError("the design has no variable '" + binding_.state + "' (the neuron memory to compare)");
        const Variable& var = sys.variables[*v];
        const CoreConfig& c = reference.cores[0];
        std::size_t n = std::size_t{c.out_channels} * c.out_width() * c.out_height();
        if (var.slots() != n || var.type.width != 16)
            throw HarnessError("variable '" + binding_.state + "' has " + std::to_string(var.slots()) + " elements of " +
                               var.type.str() + "; the reference core has " + std::to_string(n) + " 16-bit neurons");
        has_state_ = true;
        state_slot_ = var.slot;
        state_len_ = var.slots();
    }
    const State init = sys.initial_state();
    std::map<std::uint32_t, std::int32_t> by_address;
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
        const Transition& tr = sys.transitions[t];
        if (is_local(tr.kind)) {
            local_.push_back(t);
            continue;
        }
        const Assignment* er = writes(tr, ev_.req);
        const Assignment* lr = writes(tr, lk_.req);
        auto raises = [&](const Assignment* a, const Chan& c) {
            if (!a || !constant_expr(*a->value)) return false;
            std::uint64_t v = eval(a->value, init);
            return c.two_phase ? true : v != 0;
        };
        if (raises(er, ev_)) {
            const Assignment* d = nullptr;
            for (const Assignment& a : tr.updates)
                if (sys.variables[a.var].slot == ev_.data_slot) d = &a;
            if (!d || !constant_expr(*d->value))
                throw HarnessError("input transition '" + tr.name + "' raises the request of '" + binding_.events +
                                   "' without a constant datum; the harness needs one injector per address");
            by_address.emplace(static_cast<std::uint32_t>(eval(d->value, init)), static_cast<std::int32_t>(t));
        } else if (raises(lr, lk_)) {
            if (leak_injector_ < 0) leak_injector_ = static_cast<std::int32_t>(t);
        } else if (writes(tr, out_.ack)) {
            sink_.push_back(t);
        } else {
            source_.push_back(t);
        }
    }
    if (by_address.empty())
        throw HarnessError("no input transition of the design offers an event on '" + binding_.events + "'");
    event_injector_.clear();
    for (auto [a, t] : by_address) (void)a, event_injector_.push_back(t);
    addresses_ = std::vector<std::uint32_t>();
    for (auto [a, t] : by_address) (void)t, addresses_.push_back(a);
}

std::int32_t EquivalenceHarness::injector(const StreamInput& in) const {
    if (in.leak) return leak_injector_;
    std::uint32_t a = pack(in.feature, in.x, in.y);
    if (in.x > 255 || in.y > 255 || in.feature > 0xffff) return -1;
    auto it = std::lower_bound(addresses_.begin(), addresses_.end(), a);
    if (it == addresses_.end() || *it != a) return -1;
    return event_injector_[static_cast<std::size_t>(it - addresses_.begin())];
}

template <class Choose>
CaseRun EquivalenceHarness::execute(const std::vector<StreamInput>& stream, Choose&& choose, std::uint64_t max_idle) const {
    CaseRun r;
    State s = sys_.initial_state();
    std::vector<std::int32_t> inj(stream.size());
    for (std::size_t k = 0; k < stream.size(); ++k) {
        inj[k] = injector(stream[k]);
        if (inj[k] < 0) {
            r.stopped = "the design offers no input transition for stream input " + std::to_string(k + 1) + " (" +
                        describe(stream[k]) + ")";
            return r;
        }
    }
    if (max_idle == 0) max_idle = kDefaultMaxIdle;
    std::uint64_t idle = 0;  // steps since an input was offered or accepted
    std::size_t next = 0;
    std::int64_t on_events = -1, on_leak = -1;
    std::array<std::vector<std::uint32_t>, kMoveKinds> moves;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> w;
    const std::uint32_t ev_ack = ev_.ack_slot, lk_ack = lk_.ack_slot, out_ack = out_.ack_slot;
    // Enabledness is cached per transition and re-tested only when a slot its guard reads changed.
    const bool tree = evaluator_ == HarnessEvaluator::TreeWalk;  // every guard every step, as before compilation
    std::vector<std::uint8_t> on(sys_.transitions.size(), 0), stale(sys_.transitions.size(), 1);
    auto is_enabled = [&](std::uint32_t t) {
        if (stale[t]) {
            on[t] = tree ? enabled(sys_.transitions[t], s) : compiled_.enabled(t, s, regs_);
            stale[t] = tree ? 1 : 0;
        }
        return on[t] != 0;
    };
    for (std::uint64_t step = 0;; ++step) {
        for (auto& m : moves) m.clear();
        for (std::uint32_t t : local_)
            if (is_enabled(t)) moves[0].push_back(t);
        for (std::uint32_t t : source_)
            if (is_enabled(t)) moves[1].push_back(t);
        for (std::uint32_t t : sink_)
            if (is_enabled(t)) moves[2].push_back(t);
        if (next < stream.size() && is_enabled(static_cast<std::uint32_t>(inj[next])))
            moves[3].push_back(static_cast<std::uint32_t>(inj[next]));
        if (moves[0].empty() && moves[1].empty() && moves[2].empty() && moves[3].empty()) break;
        if (idle >= max_idle) {
            r.stopped = "livelock: " + std::to_string(max_idle) + " steps without accepting an input (after " +
                        std::to_string(r.accepted.size()) + " of " + std::to_string(stream.size()) + " inputs)";
            finish(stream, r, s);
            return r;
        }
        std::optional<std::uint32_t> pick = choose(moves, step);
        if (!pick) {
            finish(stream, r, s);
            return r;
        }
        const std::uint32_t t = *pick;
        const Transition& tr = sys_.transitions[t];
        const std::uint64_t ev0 = s[ev_ack], lk0 = s[lk_ack], out0 = s[out_ack];
        const std::uint64_t out_data = s[out_.data_slot];
        w.clear();
        if (tree)
            for_each_write(sys_, tr, s, [&](std::uint32_t slot, std::uint64_t v) { w.emplace_back(slot, v); });
        else
            compiled_.for_each_write(t, s, regs_, [&](std::uint32_t slot, std::uint64_t v) { w.emplace_back(slot, v); });
        for (auto [slot, v] : w) {
            if (s[slot] == v) continue;
            s[slot] = v;
            for (std::uint32_t r : compiled_.guard_readers(slot)) stale[r] = 1;
        }
        r.fired.push_back(t);
        ++idle;
        if (next < stream.size() && static_cast<std::int32_t>(t) == inj[next]) {
            std::int64_t& on = stream[next].leak ? on_leak : on_events;
            if (on >= 0) {
                r.stopped = "stream input " + std::to_string(next + 1) + " was offered while input " + std::to_string(on + 1) +
                            " was still unacknowledged on the same channel (the environment model does not wait)";
                finish(stream, r, s);
                return r;
            }
            on = static_cast<std::int64_t>(next++);
            idle = 0;
        }
        auto edge = [](const Chan& c, std::uint64_t before, std::uint64_t after) {
            return c.two_phase ? before != after : before == 0 && after != 0;
        };
        if (edge(ev_, ev0, s[ev_ack])) {
            if (on_events < 0) {
                r.stopped = "the design acknowledged an event on '" + binding_.events + "' that was not offered (step " +
                            std::to_string(r.fired.size()) + ", " + tr.name + ")";
                finish(stream, r, s);
                return r;
            }
            r.accepted.push_back(static_cast<std::size_t>(on_events));
            on_events = -1;
            idle = 0;
        }
        if (edge(lk_, lk0, s[lk_ack])) {
            if (on_leak < 0) {
                r.stopped = "the design acknowledged a leak tick that was not offered (step " + std::to_string(r.fired.size()) +
                            ", " + tr.name + ")";
                finish(stream, r, s);
                return r;
            }
            r.accepted.push_back(static_cast<std::size_t>(on_leak));
            on_leak = -1;
            idle = 0;
        }
        if (edge(out_, out0, s[out_ack])) {
            OutputSpike sp;
            sp.core = core_;
            sp.feature = static_cast<std::uint32_t>(out_data >> 16 & 0xffff);
            sp.x = static_cast<std::uint32_t>(out_data >> 8 & 0xff);
            sp.y = static_cast<std::uint32_t>(out_data & 0xff);
            r.implementation.push_back(sp);
        }
    }
    if (next < stream.size())
        r.stopped = "the design stopped before stream input " + std::to_string(next + 1) + " (" + describe(stream[next]) +
                    ") could be offered: its channel stayed busy";
    else if (on_events >= 0 || on_leak >= 0) {
        std::size_t k = static_cast<std::size_t>(on_events >= 0 ? on_events : on_leak);
        r.stopped = "the design stopped without acknowledging stream input " + std::to_string(k + 1) + " (" +
                    describe(stream[k]) + ")";
    }
    finish(stream, r, s);
    return r;
}

void EquivalenceHarness::finish(const std::vector<StreamInput>& stream, CaseRun& r, const State& s) const {
    if (has_state_) {
        r.implementation_state.resize(state_len_);
        for (std::uint32_t i = 0; i < state_len_; ++i)
            r.implementation_state[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(s[state_slot_ + i]));
    }
    // The reference runs the inputs in the order the design accepted them.
    emu_.reset();
    std::vector<std::size_t> ends;  // ends[j]: reference spikes caused by the first j+1 accepted inputs
    for (std::size_t k : r.accepted) {
        const StreamInput& in = stream[k];
        if (in.leak) emu_.leak_tick(in.t);
        else emu_.feed_core(core_, in.feature, in.x, in.y, in.t);
        ends.push_back(emu_.output().size());
    }
    r.reference = emu_.output();
    r.reference_state = emu_.state(core_);
    for (std::size_t i = 0; i < r.implementation.size() && i < r.reference.size(); ++i) r.implementation[i].t = r.reference[i].t;
    if (!r.stopped.empty()) return;
    // Per channel, the accepted order must be the stream's.
    std::int64_t last_ev = -1, last_lk = -1;
    for (std::size_t k : r.accepted) {
        std::int64_t& last = stream[k].leak ? last_lk : last_ev;
        if (static_cast<std::int64_t>(k) < last) {
            r.mismatch = "stream input " + std::to_string(k + 1) + " was accepted after input " + std::to_string(last + 1) +
                         " of the same channel";
            return;
        }
        last = static_cast<std::int64_t>(k);
    }
    const auto& ref = r.reference;
    const auto& imp = r.implementation;
    using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;
    auto key = [](const OutputSpike& sp) { return Key{sp.feature, sp.x, sp.y}; };
    if (binding_.order == OutputOrder::Exact) {
        for (std::size_t i = 0; i < ref.size() && i < imp.size(); ++i)
            if (key(ref[i]) != key(imp[i])) {
                r.mismatch = "output spike " + std::to_string(i + 1) + ": reference " + address(ref[i]) + " (caused by the input at t=" +
                             std::to_string(ref[i].t) + "), implementation " + address(imp[i]);
                return;
            }
    } else if (binding_.order == OutputOrder::PerInput) {
        // Segment j: the reference spikes of the j-th accepted input.
        for (std::size_t j = 0, b = 0; j < ends.size() && b < imp.size(); b = ends[j++]) {
            const std::size_t e = ends[j];
            if (e == b) continue;
            std::size_t ie = std::min(e, imp.size());
            std::map<Key, std::int64_t> n;
            for (std::size_t i = b; i < e; ++i) ++n[key(ref[i])];
            for (std::size_t i = b; i < ie; ++i) --n[key(imp[i])];
            for (std::size_t i = b; i < ie; ++i)
                if (n[key(imp[i])] < 0) {
                    r.mismatch = "output spike " + std::to_string(i + 1) + ": implementation " + address(imp[i]) +
                                 ", which the reference does not emit for the input at t=" + std::to_string(ref[b].t) +
                                 " (the reference's spikes " + std::to_string(b + 1) + ".." + std::to_string(e) + " are that input's)";
                    return;
                }
            if (ie < e) break;  // the implementation ran out: reported below by count
        }
    } else {
        std::map<Key, std::pair<std::size_t, std::size_t>> n;
        for (const OutputSpike& sp : ref) ++n[key(sp)].first;
        for (const OutputSpike& sp : imp) ++n[key(sp)].second;
        for (const auto& [k, c] : n)
            if (c.first != c.second) {
                OutputSpike sp{0, core_, std::get<0>(k), std::get<1>(k), std::get<2>(k)};
                r.mismatch = "output neuron " + address(sp) + ": reference " + std::to_string(c.first) + " spikes, implementation " +
                             std::to_string(c.second);
                return;
            }
    }
    if (ref.size() != imp.size()) {
        r.mismatch = "the reference emits " + std::to_string(ref.size()) + " spikes, the implementation " + std::to_string(imp.size()) +
                     (ref.size() > imp.size() ? "; first missing: " + address(ref[imp.size()]) + " (caused by the input at t=" +
                                                    std::to_string(ref[imp.size()].t) + ")"
                                              : "; first extra: " + address(imp[ref.size()]));
        return;
    }
    if (has_state_) {
        std::string d = compare_states(*emu_.config().core(core_), r.reference_state, r.implementation_state);
        if (!d.empty()) r.mismatch = "final state: " + d;
    }
}

CaseRun EquivalenceHarness::run(const std::vector<StreamInput>& stream, const SchedulePolicy& policy, std::uint64_t max_idle) const {
    std::mt19937_64 rng(policy.seed);
    auto choose = [&](const std::array<std::vector<std::uint32_t>, kMoveKinds>& moves, std::uint64_t) -> std::optional<std::uint32_t> {
        std::uint64_t total = 0;
        for (std::size_t k = 0; k < kMoveKinds; ++k)
            if (!moves[k].empty()) total += policy.weight[k];
        std::size_t kind = kMoveKinds;
        if (total == 0) {
            for (std::size_t k = 0; k < kMoveKinds && kind == kMoveKinds; ++k)
                if (!moves[k].empty()) kind = k;
        } else {
            std::uint64_t x = std::uniform_int_distribution<std::uint64_t>(0, total - 1)(rng);
            for (std::size_t k = 0; k < kMoveKinds; ++k) {
                if (moves[k].empty()) continue;
                if (x < policy.weight[k]) {
                    kind = k;
                    break;
                }
                x -= policy.weight[k];
            }
        }
        const auto& m = moves[kind];
        std::size_t i = 0;
        if (policy.random_within && m.size() > 1) i = std::uniform_int_distribution<std::size_t>(0, m.size() - 1)(rng);
        return m[i];
    };
    return execute(stream, choose, max_idle);
}

CaseRun EquivalenceHarness::replay(const std::vector<StreamInput>& stream, const std::vector<std::uint32_t>& fired,
                                   std::uint64_t max_idle) const {
    std::string error;
    auto choose = [&](const std::array<std::vector<std::uint32_t>, kMoveKinds>& moves, std::uint64_t step) -> std::optional<std::uint32_t> {
        if (step >= fired.size()) {
            error = "the recorded schedule ends after " + std::to_string(fired.size()) + " steps, but the design can still move";
            return std::nullopt;
        }
        for (const auto& m : moves)
            if (std::find(m.begin(), m.end(), fired[step]) != m.end()) return fired[step];
        const std::string name = fired[step] < sys_.transitions.size() ? sys_.transitions[fired[step]].name : "?";
        error = "step " + std::to_string(step + 1) + " of the recorded schedule: '" + name + "' is not a possible move here";
        return std::nullopt;
    };
    CaseRun r = execute(stream, choose, max_idle);
    if (error.empty() && r.fired.size() != fired.size())
        error = "the design stopped after " + std::to_string(r.fired.size()) + " of the " + std::to_string(fired.size()) + " recorded steps";
    r.replay_error = error;
    if (!error.empty()) r.stopped.clear();
    return r;
}

Trace EquivalenceHarness::trace(const CaseRun& run) const {
    Trace tr;
    tr.initial = sys_.initial_state();
    State s = tr.initial;
    for (std::uint32_t t : run.fired) {
        s = fire(sys_, sys_.transitions[t], s);
        tr.steps.push_back({t, s});
    }
    tr.violation = run.failure();
    return tr;
}

PropertyResult EquivalenceHarness::result(const std::vector<StreamInput>& stream, const CaseRun& run, std::uint64_t max_idle) const {
    PropertyResult p;
    p.name = "equivalence";
    p.kind = PropertyKind::Invariant;
    p.engine = "fuzz";
    if (run.equivalent()) {
        p.verdict = Verdict::Unknown;
        p.message = "this run equals the reference (one stream under one schedule proves nothing in general)";
        return p;
    }
    p.verdict = Verdict::Fail;
    p.message = run.failure();
    Trace t = trace(run);
    // Re-execute independently: every step's transition must be enabled in the state before it.
    State s = t.initial;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        const Transition& tr = sys_.transitions[t.steps[i].transition];
        if (!enabled(tr, s) || fire(sys_, tr, s) != t.steps[i].state) {
            p.verdict = Verdict::Error;
            p.message = "the counterexample does not replay at step " + std::to_string(i + 1) + " (" + tr.name + ")";
            break;
        }
        s = t.steps[i].state;
    }
    // ... and the harness, run again on the recorded schedule, must fail the same way.
    if (p.verdict == Verdict::Fail) {
        CaseRun again = replay(stream, run.fired, max_idle);
        if (again.failure() != run.failure()) {
            p.verdict = Verdict::Error;
            p.message = "the counterexample does not reproduce: first run: " + run.failure() + "; replay: " + again.failure();
        }
    }
    p.depth = static_cast<std::uint32_t>(t.steps.size());
    p.trace = std::move(t);
    return p;
}

}  // namespace np
