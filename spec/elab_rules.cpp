// The elaborator's rules: deferred invariants and checks, rule bodies, writes and their targets.
#include "spec/elaborator.hpp"

namespace np::elab {

namespace {

// Source text on one line, runs of white space as one space (for messages).
std::string one_line(const std::string& text) {
    std::string shown;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == ' ' && !shown.empty() && shown.back() == ' ') continue;
        shown += c;
    }
    return shown;
}

}  // namespace

void Elaborator::elaborate_deferred(const Deferred& d) {
    const Item& it = *d.item;
    Scope* s = d.scope;
    const std::string& path = s->inst->path;
    switch (it.kind) {
        case ItemKind::Rule: elaborate_rule(it, s); break;
        case ItemKind::DeadlockFree:
            if (!sys_.find_property("deadlock"))
                sys_.properties.push_back({"deadlock", PropertyKind::Deadlock, {}, false,
                                           "no reachable state enables no transition (DESIGN §3)"});
            break;
        case ItemKind::Invariant: {
            std::string name = join(path, indexed_name(it, s));
            std::string full = "invariant:" + name;
            if (sys_.find_property(full)) fail(it.name_loc, "duplicate property '" + full + "'");
            Expr e = typed_expr(*it.expr, s, Type::boolean(), "an invariant");
            const std::string shown = one_line(it.text);
            Property p;
            p.name = full;
            p.kind = PropertyKind::Invariant;
            p.description = "invariant: " + shown;
            p.clauses.push_back({-1, mk_not(e), "invariant " + name + " violated: " + shown, origin(it.expr->start, path)});
            sys_.properties.push_back(std::move(p));
            break;
        }
        case ItemKind::Response: {
            const std::string name = join(path, indexed_name(it, s));
            const std::string full = "response:" + name;
            if (sys_.find_liveness(full)) fail(it.name_loc, "duplicate property '" + full + "'");
            const std::string shown = one_line(it.text);
            LivenessProperty p;
            p.name = full;
            p.kind = PropertyKind::Response;
            p.description = "response: " + shown;
            p.origin = origin(it.expr->start, path);
            p.obligations.push_back({typed_expr(*it.expr, s, Type::boolean(), "a response trigger"),
                                     typed_expr(*it.goal, s, Type::boolean(), "a response goal"),
                                     "response " + name + " violated: " + shown, p.origin});
            sys_.liveness.push_back(std::move(p));
            break;
        }
        case ItemKind::Cover: {
            const std::string name = join(path, indexed_name(it, s));
            const std::string full = "cover:" + name;
            if (sys_.find_property(full)) fail(it.name_loc, "duplicate property '" + full + "'");
            const std::string shown = one_line(it.text);
            Property p;
            p.name = full;
            p.kind = PropertyKind::Cover;
            p.description = "cover: " + shown;
            p.clauses.push_back({-1, typed_expr(*it.expr, s, Type::boolean(), "a cover expression"), "cover " + name + " reached: " + shown,
                                 origin(it.expr->start, path)});
            sys_.properties.push_back(std::move(p));
            break;
        }
        case ItemKind::Quiescent: {
            RequestedCheck c;
            c.name = "quiescence";
            if (it.expr) {
                std::int64_t b = eval_int(*it.expr, s, "the settling bound");
                if (b < 0) fail(it.expr->start, "the settling bound must not be negative, got " + std::to_string(b));
                c.bound = static_cast<std::uint64_t>(b);
            }
            c.origin = origin(it.loc, path);
            sys_.requested_checks.push_back(c);  // checked as `quiescence` (checkers/run_checks.hpp)
            break;
        }
        case ItemKind::Handshake: {
            std::optional<Ref> r = resolve(*it.expr, s);
            if (!r || !r->member.empty() || r->sym->k != Symbol::K::Channel)
                fail(it.expr->start, "handshake needs a channel name");
            const ChanInfo& ch = chans_[r->sym->chan];
            RequestedCheck c;
            c.name = "handshake:" + ch.name;
            c.channel = ch.system_index;
            c.origin = origin(it.loc, path);
            sys_.requested_checks.push_back(c);  // spec/load_system.cpp turns it into a property
            break;
        }
        default: break;
    }
}

Elaborator::Target Elaborator::writable(const ENode& target, Scope* s) {
    std::optional<Ref> r = resolve(target, s);
    if (!r) fail(target.start, "cannot assign to this expression (assign a variable, an output port or an array element)");
    const Symbol& sym = *r->sym;
    const std::string& n = r->shown;
    if (r->owner != s->inst)
        fail(target.start, "cannot assign '" + n + "': a variable may be written only by the instance that declares it ('" +
                               r->owner->path + "')");
    if (!r->member.empty()) {
        const ChanInfo& c = chans_[sym.chan];
        const bool ack = r->member == "ack";
        switch (sym.role) {
            case ChanRole::Local: {
                const std::string& side = ack ? c.receiver : c.sender;
                if (!side.empty())
                    fail(target.start, "bad channel use: instance '" + side + "' " + (ack ? "receives" : "sends") + " on '" +
                                           n.substr(0, n.rfind('.')) + "', so only it drives '" + n + "'");
                break;
            }
            case ChanRole::Send:
            case ChanRole::Recv: {
                const bool send = sym.role == ChanRole::Send;
                if (ack == send)
                    fail(target.start, std::string("bad channel use: this module ") + (send ? "sends" : "receives") + " on '" +
                                           n.substr(0, n.rfind('.')) + "', so '" + n + "' is driven by the " +
                                           (send ? "receiver" : "sender"));
                if (sym.forwarded)
                    fail(target.start, "cannot assign '" + n + "': instance '" + sym.forwarded_to + "' drives it");
                break;
            }
        }
        const int net = r->member == "req" ? c.req : ack ? c.ack : c.data_net;
        return {net, n};
    }
    switch (sym.k) {
        case Symbol::K::Net:
            if (sym.decl == ItemKind::Const) fail(target.start, "cannot assign constant '" + n + "'");
            if (sym.decl == ItemKind::Wire) {
                const Net& w = nets_[sym.net];
                fail(target.start, "cannot assign wire '" + n + "': it is driven by instance '" + w.driver + "'");
            }
            if (sym.decl == ItemKind::Out && sym.forwarded)
                fail(target.start, "cannot assign '" + n + "': it is driven by an instance bound to it (multiple drivers)");
            return {sym.net, n};
        case Symbol::K::InPort: fail(target.start, "cannot assign input port '" + n + "'");
        case Symbol::K::Const: fail(target.start, "cannot assign constant '" + n + "'");
        case Symbol::K::Param: fail(target.start, "cannot assign parameter '" + n + "'");
        case Symbol::K::Let: case Symbol::K::LoopVar: fail(target.start, "cannot assign '" + n + "': it is an elaboration-time constant");
        case Symbol::K::Def: fail(target.start, "cannot assign def '" + n + "' (a named expression, not a variable)");
        case Symbol::K::Channel:
            fail(target.start, "cannot assign channel '" + n + "'; assign " + n + ".req, " + n + ".ack or " + n + ".data");
        default: fail(target.start, "cannot assign " + describe(sym) + " '" + n + "'");
    }
}

void Elaborator::body(const std::vector<Stmt>& stmts, Scope* s, Writes& w, const std::string& rule) {
    for (const Stmt& st : stmts) {
        switch (st.kind) {
            case Stmt::Kind::Assign: {
                const ENode& t = *st.target;
                if (t.kind == EK::Index && !resolve(t, s)) {
                    ArrayRef a = array_of(*t.kids[0], s);
                    Target tg = writable(*t.kids[0], s);
                    const Net& n = nets_[tg.net];
                    Expr index = elab(*t.kids[1], s, Type::uint(64));
                    if (!index->type.is_bitvec()) fail(t.kids[1]->start, "array index must be a bit-vector, got bool");
                    std::optional<std::uint64_t> k = constant_index(index, *t.kids[1], a);
                    Expr value = typed_expr(*st.value, s, n.type, "the value assigned to '" + a.shown + "[...]'");
                    if (k)
                        for (const auto& el : w.elements)
                            if (el.var == n.var && el.fixed == k)
                                assign_twice(st.loc, a.shown + "[" + std::to_string(*k) + "]", rule);
                    w.elements.push_back({n.var, index, value, st.loc, k});
                    break;
                }
                Target tg = writable(t, s);
                const Net& n = nets_[tg.net];
                if (n.length) fail(t.start, "'" + tg.shown + "' is an array: assign its elements, as in " + tg.shown + "[0] := ...");
                Expr value = typed_expr(*st.value, s, n.type, "the value assigned to '" + tg.shown + "'");
                if (w.scalars.count(n.var)) assign_twice(st.loc, tg.shown, rule);
                w.scalars[n.var] = {value, st.loc};
                break;
            }
            case Stmt::Kind::For:
                for_each_in_range(*st.lo, *st.hi, st.inclusive, s, "loop bound", [&](std::int64_t i) {
                    body(st.body, loop_scope(s, st.var, st.loc, i), w, rule);
                    return true;
                });
                break;
            case Stmt::Kind::If: {
                if (is_static(*st.cond, s)) {
                    body(eval_bool(*st.cond, s, "condition") ? st.body : st.else_body, s, w, rule);
                    break;
                }
                Expr c = typed_expr(*st.cond, s, Type::boolean(), "the condition of 'if'");
                Writes wt, we;
                body(st.body, s, wt, rule);
                body(st.else_body, s, we, rule);
                std::set<std::uint32_t> vars;
                for (const auto& [v, _] : wt.scalars) vars.insert(v);
                for (const auto& [v, _] : we.scalars) vars.insert(v);
                for (std::uint32_t v : vars) {
                    auto ti = wt.scalars.find(v), ei = we.scalars.find(v);
                    const Loc at = ti != wt.scalars.end() ? ti->second.second : ei->second.second;
                    if (w.scalars.count(v)) assign_twice(at, sys_.variables[v].name, rule);
                    Expr pre = sys_.var(v);
                    Expr a = ti != wt.scalars.end() ? ti->second.first : pre;
                    Expr b = ei != we.scalars.end() ? ei->second.first : pre;
                    w.scalars[v] = {mk_ite(c, a, b), at};
                }
                auto guarded = [&](Writes::Element el, bool then_branch) {
                    const Variable& var = sys_.variables[el.var];
                    Expr idx = el.index;
                    if (idx->type.is_signed()) idx = mk_cast(Type::uint(idx->type.width), idx);
                    idx = mk_cast(Type::uint(64), idx);
                    Expr none = mk_const(Type::uint(64), var.length);  // out of range: the write is dropped
                    el.index = then_branch ? mk_ite(c, idx, none) : mk_ite(c, none, idx);
                    el.fixed.reset();
                    w.elements.push_back(std::move(el));
                };
                for (auto& el : wt.elements) guarded(el, true);
                for (auto& el : we.elements) guarded(el, false);
                break;
            }
        }
    }
}

void Elaborator::elaborate_rule(const Item& it, Scope* s) {
    const std::string& path = s->inst->path;
    std::string rname = indexed_name(it, s);
    Transition t;
    t.name = join(path, rname);
    for (const Transition& other : sys_.transitions)
        if (other.name == t.name) fail(it.name_loc, "duplicate rule '" + rname + "'");
    t.kind = it.rule_kind;
    t.origin = origin(it.name_loc, path);
    t.guard = it.expr ? typed_expr(*it.expr, s, Type::boolean(), "a guard") : mk_bool(true);
    if (it.energy) {
        std::int64_t en = eval_int(*it.energy, s, "energy");
        if (en < 0 || en > static_cast<std::int64_t>(UINT32_MAX))
            fail(it.energy->start, "energy must be in 0..4294967295, got " + std::to_string(en));
        t.energy = static_cast<std::uint32_t>(en);
    }
    Writes w;
    body(it.body, s, w, rname);
    for (auto& [v, val] : w.scalars) t.updates.push_back({v, nullptr, val.first});
    for (auto& el : w.elements) t.updates.push_back({el.var, el.index, el.value});
    if (t.updates.empty())
        fail(it.name_loc, "rule '" + rname + "' assigns nothing (a rule that cannot change the state would hide deadlocks)");
    sys_.transitions.push_back(std::move(t));
}

}  // namespace np::elab
