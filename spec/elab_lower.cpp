// The elaborator's lowering to Expr: names, ports, defs and arrays of a design (the rest is spec/lower_expr.hpp).
#include "spec/elaborator.hpp"

namespace np::elab {

bool Elaborator::typed(const ENode& e, Scope* s) {
    InScope in(*this, s);
    return ExprLowering::typed(e);
}

bool Elaborator::name_typed(const ENode& e) {
    Scope* s = cur_;
    switch (e.kind) {
        case EK::Name: case EK::Member: case EK::Index: {
            std::optional<Ref> r = resolve(e, s);
            if (!r) return true;
            const Symbol& sym = *r->sym;
            return !(r->member.empty() && (sym.k == Symbol::K::Param || sym.k == Symbol::K::Let || sym.k == Symbol::K::LoopVar) &&
                     sym.value.k == Value::K::Int);
        }
        case EK::Call:
            if (e.text == "ite" && e.kids.size() == 3) return typed(*e.kids[1], s) || typed(*e.kids[2], s);
            if (e.text == "min" || e.text == "max" || e.text == "clog2" || e.text == "len" || e.text == "json") return false;
            return true;
        default: return true;
    }
}

Expr Elaborator::int_literal(std::int64_t v, const std::string& shown, bool is_literal, const ENode& at, std::optional<Type> hint) {
    if (!hint) {
        if (is_literal)
            fail(at.loc, "type of literal " + shown + " is unknown: give it a suffix (" + shown + "u8, " + shown +
                             "s16, ...) or use it with a typed operand");
        fail(at.start, "type of '" + shown + "' is unknown: use it with a typed operand or cast it, as in u8(" + shown + ")");
    }
    const Type t = *hint;
    if (t.is_bool()) {
        if (is_literal) fail(at.loc, "number " + shown + " is not a bool (write true or false)");
        fail(at.start, "'" + shown + "' is a number, not a bool");
    }
    bool ok = v < 0 ? t.is_signed() && static_cast<std::uint64_t>(-(v + 1)) + 1 <= t.min_raw()
                    : static_cast<std::uint64_t>(v) <= t.max_raw();
    if (!ok) {
        if (is_literal) fail(at.loc, "literal " + shown + " does not fit " + t.str());
        fail(at.start, "value " + std::to_string(v) + " of '" + shown + "' does not fit " + t.str());
    }
    return mk_const(t, static_cast<std::uint64_t>(v));
}

std::string Elaborator::source_of(const ENode& e) {
    // The node's text as written, for messages about untyped values.
    if (e.kind == EK::Name) return e.text;
    const std::string& text = files_[e.start.file]->text();
    std::size_t b = e.start.offset, end = b;
    while (end < text.size() && text[end] != ';' && text[end] != '\n' && end - b < 40) ++end;
    std::string s = text.substr(b, end - b);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

Expr Elaborator::elab(const ENode& e, Scope* s, std::optional<Type> hint) {
    InScope in(*this, s);
    return lower(e, hint);
}

Expr Elaborator::lower_name(const ENode& e, std::optional<Type> hint) {
    Scope* s = cur_;
    switch (e.kind) {
        case EK::String: fail(e.loc, "a string is not a value of the design");
        case EK::Name: case EK::Member: case EK::Index: {
            std::optional<Ref> r = resolve(e, s);
            if (r) return ref_value(*r, e, hint);
            return array_read(e, s);
        }
        case EK::Call: {
            const std::string& f = e.text;
            if (f == "ite") {
                if (e.kids.size() != 3) fail(e.loc, "ite takes 3 arguments, got " + std::to_string(e.kids.size()));
                return lower_ite(e, *e.kids[0], *e.kids[1], *e.kids[2], hint);
            }
            if (f == "json") fail(e.loc, "json(...) can only initialise a constant, variable or parameter");
            if (Symbol* sym = find(s, f); sym && sym->k == Symbol::K::Param && sym->value.k == Value::K::Type) {
                if (e.kids.size() != 1) fail(e.loc, "a cast takes one operand, got " + std::to_string(e.kids.size()));
                const Type to = sym->value.t;
                Expr a = elab(*e.kids[0], s, to.is_bitvec() ? std::optional<Type>(to) : std::nullopt);
                return at_op(e, [&] { return mk_cast(to, a); });
            }
            if (f == "min" || f == "max" || f == "clog2" || f == "len") {
                if (!is_static(e, s)) fail(e.loc, f + " applies only to elaboration-time integers");
                Value v = eval(e, s);
                return int_literal(v.i, source_of(e), false, e, hint);
            }
            eval_call(e, s);  // reports the unknown function
            fail(e.loc, "unknown function '" + f + "'");
        }
        case EK::Quant: {
            std::vector<Expr> parts;
            for_each_in_range(*e.kids[0], *e.kids[1], e.inclusive, s, "range bound", [&](std::int64_t i) {
                Expr b = elab(*e.kids[2], loop_scope(s, e.var, e.loc, i), Type::boolean());
                if (!b->type.is_bool()) fail(e.kids[2]->start, "body of '" + e.text + "' must be bool, got " + b->type.str());
                parts.push_back(b);
                return true;
            });
            return e.text == "forall" ? mk_and(parts) : mk_or(parts);
        }
        default: fail(e.loc, "internal error: unknown expression");
    }
}

std::optional<Expr> Elaborator::lower_static(const ENode& e, std::optional<Type> hint) {
    Scope* s = cur_;
    const std::string& op = e.text;
    if (op == "/" || op == "%") {
        if (!is_static(e, s))
            fail(e.loc, "'" + op + "' applies only to elaboration-time integers (parameters, lets, loop variables, constants)");
        Value v = eval(e, s);
        if (v.k != Value::K::Int) fail(e.loc, "'" + op + "' needs integers");
        return int_literal(v.i, source_of(e), false, e, hint);
    }
    if (!is_static(e, s)) return std::nullopt;
    return mk_bool(eval(e, s).b);
}

Expr Elaborator::net_var(int net) {
    const Net& n = nets_[net];
    return sys_.var(n.var);
}

Expr Elaborator::ref_value(const Ref& r, const ENode& e, std::optional<Type> hint) {
    const Symbol& sym = *r.sym;
    if (!r.member.empty()) {
        const ChanInfo& c = chans_[sym.chan];
        return net_var(r.member == "req" ? c.req : r.member == "ack" ? c.ack : c.data_net);
    }
    switch (sym.k) {
        case Symbol::K::Param: case Symbol::K::Let: case Symbol::K::LoopVar:
            switch (sym.value.k) {
                case Value::K::Int: return int_literal(sym.value.i, r.shown, false, e, hint);
                case Value::K::Bool: return mk_bool(sym.value.b);
                case Value::K::Type: fail(e.loc, "'" + r.shown + "' is a type, not a value (a cast is written " + r.shown + "(e))");
                case Value::K::String: fail(e.loc, "'" + r.shown + "' is a string, not a value of the design");
            }
            break;
        case Symbol::K::Const: return mk_const(sym.type, sym.raw);
        case Symbol::K::Net:
            if (sym.length) fail(e.loc, "array '" + r.shown + "' needs an index, as in " + r.shown + "[0]");
            return net_var(sym.net);
        case Symbol::K::InPort:
            if (sym.length) fail(e.loc, "array '" + r.shown + "' needs an index, as in " + r.shown + "[0]");
            return inport_expr(*r.sym, e.loc);
        case Symbol::K::Def: return def_expr(*r.sym, e.loc);
        case Symbol::K::Channel:
            fail(e.loc, "'" + r.shown + "' is a channel; use " + r.shown + ".req, " + r.shown + ".ack or " + r.shown + ".data");
        case Symbol::K::Instance:
            fail(e.loc, "'" + r.shown + "' is an instance; name one of its ports, as in " + r.shown + ".PORT");
        case Symbol::K::InstanceArray:
            fail(e.loc, "'" + r.shown + "' is an array of instances; name an element's port, as in " + r.shown + "[0].PORT");
    }
    fail(e.loc, "internal error: unknown symbol");
}

Expr Elaborator::inport_expr(Symbol& sym, const Loc& use) {
    if (sym.length) {
        array_inport(sym);
        return nullptr;
    }
    if (sym.state == 2) return sym.cached;
    if (sym.state == 1) fail(use, "combinational loop: the value of input port bound at line " +
                                      std::to_string(sym.binding->loc.line) + " depends on itself");
    sym.state = 1;
    Expr v = elab(*sym.binding->value, sym.binding_scope, sym.type);
    if (v->type != sym.type)
        fail(sym.binding->value->start, "port '" + sym.binding->name + "' is " + sym.type.str() + " but is bound to a " +
                                            v->type.str() + " expression");
    sym.cached = v;
    sym.state = 2;
    return v;
}

int Elaborator::array_inport(Symbol& sym) {
    if (sym.state == 2) return sym.array_net;
    const ENode& b = *sym.binding->value;
    std::optional<Ref> r = resolve(b, sym.binding_scope);
    if (!r || !r->member.empty() || (r->sym->k != Symbol::K::Net && r->sym->k != Symbol::K::InPort) || r->sym->length == 0)
        fail(b.start, "array port '" + sym.binding->name + "' must be bound to an array of the parent (a name)");
    if (r->sym->type != sym.type || r->sym->length != sym.length)
        fail(b.start, "port '" + sym.binding->name + "' is " + type_text(sym.type, sym.length) + " but '" + r->shown + "' is " +
                          type_text(r->sym->type, r->sym->length));
    if (sym.state == 1) fail(b.start, "array port '" + sym.binding->name + "' is bound to itself");
    sym.state = 1;
    sym.array_net = r->sym->k == Symbol::K::Net ? r->sym->net : array_inport(*r->sym);
    sym.state = 2;
    return sym.array_net;
}

Expr Elaborator::def_expr(Symbol& sym, const Loc& use) {
    if (sym.state == 2) return sym.cached;
    if (sym.state == 1) fail(use, "combinational loop: def '" + sym.def->name + "' depends on itself");
    sym.state = 1;
    Expr v = elab(*sym.def->expr, sym.def_scope, sym.type);
    if (v->type != sym.type)
        fail(sym.def->expr->start, "def '" + sym.def->name + "' is " + sym.type.str() + " but its expression is " + v->type.str());
    sym.cached = v;
    sym.state = 2;
    return v;
}

Elaborator::ArrayRef Elaborator::array_of(const ENode& base, Scope* s) {
    std::optional<Ref> r = resolve(base, s);
    if (!r) fail(base.start, "only named arrays can be indexed");
    if (!r->member.empty()) fail(base.loc, "'" + r->shown + "' is not an array");
    Symbol& sym = *r->sym;
    if (sym.k == Symbol::K::Net && sym.length) return {sym.net, r->shown};
    if (sym.k == Symbol::K::InPort && sym.length) return {array_inport(sym), r->shown};
    fail(base.loc, "'" + r->shown + "' is not an array");
}

bool Elaborator::closed(const Expr& e) {
    if (e->op == Op::Var || e->op == Op::Read) return false;
    for (const Expr& k : e->args)
        if (!closed(k)) return false;
    return true;
}

std::optional<std::uint64_t> Elaborator::constant_index(const Expr& index, const ENode& idx, const ArrayRef& a) {
    if (!closed(index)) return std::nullopt;
    const std::uint64_t k = np::eval(*index, std::span<const std::uint64_t>{});
    const Net& n = nets_[a.net];
    if (k >= n.length) {
        const std::string shown = index->type.is_signed() ? std::to_string(to_signed(k, index->type.width)) : std::to_string(k);
        fail(idx.start, "index " + shown + " is out of bounds for '" + a.shown + "' (length " + std::to_string(n.length) + ")");
    }
    return k;
}

Expr Elaborator::array_read(const ENode& e, Scope* s) {
    ArrayRef a = array_of(*e.kids[0], s);
    const Net& n = nets_[a.net];
    Expr index = elab(*e.kids[1], s, Type::uint(64));
    std::optional<std::uint64_t> k = constant_index(index, *e.kids[1], a);
    if (k && n.const_table) return mk_const(n.type, n.init[*k]);
    const Variable& v = sys_.variables[n.var];
    return at_op(e, [&] { return mk_read(n.var, v.slot, v.length, v.type, v.name, index); });
}

Expr Elaborator::typed_expr(const ENode& e, Scope* s, Type t, const std::string& what) {
    Expr v = elab(e, s, t);
    if (v->type != t) fail(e.start, what + " must be " + t.str() + ", got " + v->type.str());
    return v;
}

}  // namespace np::elab
