// The elaborator's elaboration-time constants: names, integer/bool/type values, ranges, fitting values to types.
#include "spec/elaborator.hpp"

namespace np::elab {

std::pair<Type, std::uint32_t> Elaborator::resolve_type(const TypeAst& t, Scope* s) {
    Type ty;
    switch (t.kind) {
        case TypeAst::Kind::Bool: ty = Type::boolean(); break;
        case TypeAst::Kind::Unsigned: case TypeAst::Kind::Signed: {
            std::int64_t w = eval_int(*t.width, s, "bit width");
            if (w < 1 || w > 64) fail(t.width->start, "bit width " + std::to_string(w) + " is outside 1..64");
            ty = t.kind == TypeAst::Kind::Unsigned ? Type::uint(static_cast<unsigned>(w)) : Type::sint(static_cast<unsigned>(w));
            break;
        }
        case TypeAst::Kind::Named: {
            Symbol* sym = find(s, t.name);
            if (!sym) fail(t.loc, "unknown type '" + t.name + "' (types are bool, u1..u64, s1..s64, u<N>, s<N> or a type parameter)");
            if (sym->k != Symbol::K::Param || sym->value.k != Value::K::Type)
                fail(t.loc, "'" + t.name + "' is not a type");
            ty = sym->value.t;
            break;
        }
    }
    std::uint32_t len = 0;
    if (t.length) {
        std::int64_t n = eval_int(*t.length, s, "array length");
        if (n < 1) fail(t.length->start, "array length must be at least 1, got " + std::to_string(n));
        if (static_cast<std::uint64_t>(n) > kMaxArrayLength)
            fail(t.length->start, "array length " + std::to_string(n) + " exceeds the limit of " + std::to_string(kMaxArrayLength));
        len = static_cast<std::uint32_t>(n);
    }
    return {ty, len};
}

std::uint64_t Elaborator::fit(const Value& v, Type t, const Loc& at, const std::string& what) {
    if (t.is_bool()) {
        if (v.k != Value::K::Bool) fail(at, what + " must be true or false, got " + v.kind_name() + " " + v.str());
        return v.b ? 1 : 0;
    }
    if (v.k != Value::K::Int) fail(at, what + " must be an integer, got " + v.kind_name());
    bool ok = v.i < 0 ? t.is_signed() && static_cast<std::uint64_t>(-(v.i + 1)) + 1 <= t.min_raw()
                      : static_cast<std::uint64_t>(v.i) <= t.max_raw();
    if (!ok) fail(at, what + " " + std::to_string(v.i) + " does not fit " + t.str());
    return static_cast<std::uint64_t>(v.i) & t.mask();
}

std::uint64_t Elaborator::fit_json(const JsonNumber& n, Type t, const Loc& at, const std::string& file) {
    const std::string shown = (n.negative ? "-" : "") + std::to_string(n.magnitude);
    if (t.is_bool()) {
        if (!n.is_bool && (n.negative || n.magnitude > 1))
            fail(at, "value " + shown + " at '" + n.pointer + "' in '" + file + "' does not fit bool");
        return n.magnitude;
    }
    bool ok = n.negative ? t.is_signed() && n.magnitude <= t.min_raw() : n.magnitude <= t.max_raw();
    if (!ok) fail(at, "value " + shown + " at '" + n.pointer + "' in '" + file + "' does not fit " + t.str());
    return (n.negative ? std::uint64_t{0} - n.magnitude : n.magnitude) & t.mask();
}

std::vector<std::uint64_t> Elaborator::init_values(const Init& in, Type t, std::uint32_t length, Scope* s, const std::string& name) {
    const std::uint32_t count = length == 0 ? 1 : length;
    if (!in.present()) return std::vector<std::uint64_t>(count, 0);
    if (in.is_list) {
        if (length == 0) fail(in.loc, "'" + name + "' is a scalar: give one value, not a list");
        if (in.list.size() != count)
            fail(in.loc, "'" + name + "' has " + std::to_string(count) + " elements but the list gives " +
                             std::to_string(in.list.size()));
        std::vector<std::uint64_t> out;
        for (const ENodePtr& e : in.list) out.push_back(fit_node(*e, t, s, "value"));
        return out;
    }
    const ENode& e = *in.expr;
    if (e.kind == EK::Call && e.text == "json") {
        auto [file, numbers] = json_call(e, s);
        if (numbers.size() != count)
            fail(e.start, "json(...) gives " + std::to_string(numbers.size()) + " number" + (numbers.size() == 1 ? "" : "s") +
                              " but '" + name + "' has " + std::to_string(count) + " element" + (count == 1 ? "" : "s"));
        std::vector<std::uint64_t> out;
        for (const JsonNumber& n : numbers) out.push_back(fit_json(n, t, e.start, file));
        return out;
    }
    return std::vector<std::uint64_t>(count, fit_node(e, t, s, "initial value"));
}

std::uint64_t Elaborator::fit_node(const ENode& e, Type t, Scope* s, const std::string& what) {
    if (e.kind != EK::Int || t.is_bool()) return fit(eval(e, s), t, e.start, what);
    if (e.suffix && *e.suffix != t) fail(e.loc, what + " " + e.text + " is " + e.suffix->str() + ", expected " + t.str());
    const bool fits = e.negative ? e.magnitude == 0 || (t.is_signed() && e.magnitude <= t.min_raw()) : e.magnitude <= t.max_raw();
    if (!fits) fail(e.loc, what + " " + e.text + " does not fit " + t.str());
    return (e.negative ? std::uint64_t{0} - e.magnitude : e.magnitude) & t.mask();
}

std::pair<std::string, std::vector<JsonNumber>> Elaborator::json_call(const ENode& e, Scope* s) {
    if (e.kids.size() != 2) fail(e.loc, "json takes two arguments: json(\"file.json\", \"/json/pointer\")");
    Value file = eval(*e.kids[0], s), ptr = eval(*e.kids[1], s);
    if (file.k != Value::K::String) fail(e.kids[0]->start, "the first argument of json must be a file name string");
    if (ptr.k != Value::K::String) fail(e.kids[1]->start, "the second argument of json must be a JSON pointer string");
    fs::path p(file.s);
    if (p.is_relative()) p = fs::path(file.dir) / p;
    try {
        const nlohmann::json& doc = json_.load(p.string(), file.s);
        return {file.s, json_numbers(doc, ptr.s, file.s)};
    } catch (const JsonError& err) {
        fail(err.where == JsonError::Where::Pointer ? e.kids[1]->start : e.kids[0]->start, err.what());
    }
}

std::optional<Ref> Elaborator::resolve(const ENode& e, Scope* s) {
    switch (e.kind) {
        case EK::Name: {
            Symbol* sym = find(s, e.text);
            if (!sym) fail(e.loc, "unknown name '" + e.text + "'" + did_you_mean(e.text, visible(s)));
            return Ref{sym, s->inst, s, "", e.text};
        }
        case EK::Member: {
            std::optional<Ref> obj = resolve(*e.kids[0], s);
            if (!obj) fail(e.loc, "'.' applies to instances and channels");
            if (!obj->member.empty()) fail(e.loc, "'" + obj->shown + "' has no members");
            Symbol& o = *obj->sym;
            std::string shown = obj->shown + "." + e.text;
            if (o.k == Symbol::K::Instance) {
                Scope* cs = o.inst->root;
                auto it = cs->syms.find(e.text);
                if (it == cs->syms.end()) {
                    std::vector<std::string> names;
                    for (const auto& [n, _] : cs->syms) names.push_back(n);
                    fail(e.loc, "instance '" + obj->shown + "' (module " + o.inst->mod->name + ") has no member '" + e.text +
                                    "'" + did_you_mean(e.text, names));
                }
                return Ref{&it->second, o.inst, cs, "", shown};
            }
            if (o.k == Symbol::K::Channel) {
                if (e.text != "req" && e.text != "ack" && e.text != "data")
                    fail(e.loc, "channel '" + obj->shown + "' has no member '" + e.text + "' (members: req, ack, data)");
                if (e.text == "data" && !chans_[o.chan].data)
                    fail(e.loc, "channel '" + obj->shown + "' carries no data");
                return Ref{obj->sym, obj->owner, obj->scope, e.text, shown};
            }
            fail(e.loc, "'" + obj->shown + "' is " + describe(o) + "; '.' applies to instances and channels");
        }
        case EK::Index: {
            if (e.kids[0]->kind != EK::Name && e.kids[0]->kind != EK::Member) return std::nullopt;
            std::optional<Ref> obj = resolve(*e.kids[0], s);
            if (!obj || !obj->member.empty() || obj->sym->k != Symbol::K::InstanceArray) return std::nullopt;
            std::int64_t i = eval_int(*e.kids[1], s, "instance index");
            std::string key = e.kids[0]->text + "[" + std::to_string(i) + "]";
            Scope* root = obj->owner->root;
            auto it = root->syms.find(key);
            if (it == root->syms.end())
                fail(e.kids[1]->start, "instance array '" + obj->shown + "' has no element [" + std::to_string(i) + "]");
            return Ref{&it->second, obj->owner, root, "", obj->shown + "[" + std::to_string(i) + "]"};
        }
        default: return std::nullopt;
    }
}

std::int64_t Elaborator::eval_int(const ENode& e, Scope* s, const std::string& what) {
    Value v = eval(e, s);
    if (v.k != Value::K::Int) fail(e.start, what + " must be an integer, got " + v.kind_name());
    return v.i;
}

bool Elaborator::eval_bool(const ENode& e, Scope* s, const std::string& what) {
    Value v = eval(e, s);
    if (v.k != Value::K::Bool) fail(e.start, what + " must be a bool, got " + v.kind_name());
    return v.b;
}

Value Elaborator::symbol_value(const Ref& r, const ENode& e) {
    const Symbol& sym = *r.sym;
    if (!r.member.empty())
        fail(e.loc, "'" + r.shown + "' is a channel wire; an elaboration-time constant is needed here");
    switch (sym.k) {
        case Symbol::K::Param: case Symbol::K::Let: case Symbol::K::LoopVar: return sym.value;
        case Symbol::K::Const:
            if (sym.type.is_bool()) return Value::boolean(sym.raw != 0);
            return Value::integer(sym.type.is_signed() ? to_signed(sym.raw, sym.type.width) : static_cast<std::int64_t>(sym.raw));
        default:
            fail(e.loc, "'" + r.shown + "' is " + describe(sym) +
                            "; an elaboration-time constant is needed here (a parameter, let, loop variable or constant)");
    }
}

Value Elaborator::eval(const ENode& e, Scope* s) {
    if (++eval_steps_ > opts_.max_eval_steps)
        fail(e.loc, "elaboration-time evaluation takes more than " + std::to_string(opts_.max_eval_steps) +
                        " steps (loops times the size of the expressions they evaluate); simplify the design");
    switch (e.kind) {
        case EK::Int: {
            if (e.negative) {
                if (e.magnitude > static_cast<std::uint64_t>(INT64_MAX) + 1) fail(e.loc, "number too large");
                return Value::integer(static_cast<std::int64_t>(std::uint64_t{0} - e.magnitude));
            }
            if (e.magnitude > static_cast<std::uint64_t>(INT64_MAX)) fail(e.loc, "number too large for an elaboration-time integer");
            return Value::integer(static_cast<std::int64_t>(e.magnitude));
        }
        case EK::Bool: return Value::boolean(e.truth);
        case EK::String: {
            Value v;
            v.k = Value::K::String;
            v.s = e.text;
            v.dir = dir_of(e.loc);
            return v;
        }
        case EK::Name: case EK::Member: {
            std::optional<Ref> r = resolve(e, s);
            return symbol_value(*r, e);
        }
        case EK::Index: {
            if (std::optional<Ref> r = resolve(e, s)) return symbol_value(*r, e);
            std::optional<Ref> base = resolve(*e.kids[0], s);
            if (!base || !base->member.empty() || base->sym->k != Symbol::K::Net || !nets_[base->sym->net].const_table)
                fail(e.loc, "only constant tables can be indexed in an elaboration-time expression");
            const Net& n = nets_[base->sym->net];
            std::int64_t i = eval_int(*e.kids[1], s, "index");
            if (i < 0 || static_cast<std::uint64_t>(i) >= n.length)
                fail(e.kids[1]->start, "index " + std::to_string(i) + " is out of bounds for '" + base->shown + "' (length " +
                                           std::to_string(n.length) + ")");
            std::uint64_t raw = n.init[static_cast<std::size_t>(i)];
            if (n.type.is_bool()) return Value::boolean(raw != 0);
            return Value::integer(n.type.is_signed() ? to_signed(raw, n.type.width) : static_cast<std::int64_t>(raw));
        }
        case EK::Unary: {
            Value a = eval(*e.kids[0], s);
            if (e.text == "!") {
                if (a.k != Value::K::Bool) fail(e.loc, "operator '!' needs a bool, got " + a.kind_name());
                return Value::boolean(!a.b);
            }
            if (a.k != Value::K::Int) fail(e.loc, "operator '" + e.text + "' needs an integer, got " + a.kind_name());
            if (e.text == "~") return Value::integer(~a.i);
            if (a.i == INT64_MIN) overflow(e);
            return Value::integer(-a.i);
        }
        case EK::Binary: return eval_binary(e, s);
        case EK::Ite: {
            bool c = eval_bool(*e.kids[0], s, "condition of '?:'");
            return eval(*e.kids[c ? 1 : 2], s);
        }
        case EK::Cast: {
            Value a = eval(*e.kids[0], s);
            const Type t = cast_type(e, s);
            if (t.is_bool()) {
                if (a.k == Value::K::Bool) return a;
                if (a.k != Value::K::Int) fail(e.loc, "cannot cast " + a.kind_name() + " to bool");
                return Value::boolean(a.i != 0);
            }
            std::uint64_t raw = a.k == Value::K::Bool ? (a.b ? 1 : 0) : static_cast<std::uint64_t>(a.i);
            if (a.k != Value::K::Int && a.k != Value::K::Bool) fail(e.loc, "cannot cast " + a.kind_name() + " to " + t.str());
            raw &= t.mask();
            if (!t.is_signed() && t.width == 64 && raw > static_cast<std::uint64_t>(INT64_MAX)) overflow(e);
            return Value::integer(t.is_signed() ? to_signed(raw, t.width) : static_cast<std::int64_t>(raw));
        }
        case EK::Call: return eval_call(e, s);
        case EK::Quant: {
            const bool all = e.text == "forall";
            bool result = all;
            for_each_in_range(*e.kids[0], *e.kids[1], e.inclusive, s, "range bound", [&](std::int64_t i) {
                if (eval_bool(*e.kids[2], loop_scope(s, e.var, e.loc, i), "body of '" + e.text + "'") == all) return true;
                result = !all;
                return false;
            });
            return Value::boolean(result);
        }
    }
    fail(e.loc, "internal error: unknown expression");
}

Type Elaborator::cast_type(const ENode& e, Scope* s) {
    if (!e.cast_width) return e.cast_to;
    std::int64_t w = eval_int(*e.cast_width, s, "bit width");
    if (w < 1 || w > 64) fail(e.cast_width->start, "bit width " + std::to_string(w) + " is outside 1..64");
    return e.cast_to.is_signed() ? Type::sint(static_cast<unsigned>(w)) : Type::uint(static_cast<unsigned>(w));
}

Scope* Elaborator::loop_scope(Scope* s, const std::string& var, const Loc& at, std::int64_t i) {
    Scope* body = new_scope(s->inst, s);
    Symbol v;
    v.k = Symbol::K::LoopVar;
    v.value = Value::integer(i);
    declare(body, var, at, v);
    return body;
}

Value Elaborator::eval_binary(const ENode& e, Scope* s) {
    const std::string& op = e.text;
    if (op == "&&" || op == "||" || op == "^^" || op == "->") {
        bool a = eval_bool(*e.kids[0], s, "operand of '" + op + "'");
        if (op == "&&" && !a) return Value::boolean(false);
        if (op == "||" && a) return Value::boolean(true);
        if (op == "->" && !a) return Value::boolean(true);
        bool b = eval_bool(*e.kids[1], s, "operand of '" + op + "'");
        return Value::boolean(op == "^^" ? a != b : b);
    }
    Value a = eval(*e.kids[0], s), b = eval(*e.kids[1], s);
    if (op == "==" || op == "!=") {
        if (a.k != b.k) fail(e.loc, "operator '" + op + "' needs operands of one kind, got " + a.kind_name() + " and " + b.kind_name());
        bool eq = a.k == Value::K::Int ? a.i == b.i : a.k == Value::K::Bool ? a.b == b.b : a.k == Value::K::Type ? a.t == b.t : a.s == b.s;
        return Value::boolean(op == "==" ? eq : !eq);
    }
    if ((op == "&" || op == "|" || op == "^") && a.k == Value::K::Bool && b.k == Value::K::Bool)
        return Value::boolean(op == "&" ? (a.b && b.b) : op == "|" ? (a.b || b.b) : a.b != b.b);
    if (a.k != Value::K::Int || b.k != Value::K::Int)
        fail(e.loc, "operator '" + op + "' needs integer operands here, got " + a.kind_name() + " and " + b.kind_name());
    std::int64_t x = a.i, y = b.i, r = 0;
    if (op == "<") return Value::boolean(x < y);
    if (op == "<=") return Value::boolean(x <= y);
    if (op == ">") return Value::boolean(x > y);
    if (op == ">=") return Value::boolean(x >= y);
    if (op == "+" || op == "+|") {
        if (__builtin_add_overflow(x, y, &r)) overflow(e);
    } else if (op == "-" || op == "-|") {
        if (__builtin_sub_overflow(x, y, &r)) overflow(e);
    } else if (op == "*") {
        if (__builtin_mul_overflow(x, y, &r)) overflow(e);
    } else if (op == "/" || op == "%") {
        if (y == 0) fail(e.loc, "division by zero");
        if (x == INT64_MIN && y == -1) overflow(e);
        r = op == "/" ? x / y : x % y;
    } else if (op == "&") {
        r = x & y;
    } else if (op == "|") {
        r = x | y;
    } else if (op == "^") {
        r = x ^ y;
    } else if (op == "<<" || op == ">>") {
        if (y < 0 || y > 63) fail(e.loc, "shift amount " + std::to_string(y) + " is outside 0..63");
        if (op == ">>") {
            r = x >> y;
        } else {
            r = static_cast<std::int64_t>(static_cast<std::uint64_t>(x) << y);
            if ((r >> y) != x) overflow(e);
        }
    } else {
        fail(e.loc, "operator '" + op + "' is not available on elaboration-time integers");
    }
    return Value::integer(r);
}

Value Elaborator::eval_call(const ENode& e, Scope* s) {
    const std::string& f = e.text;
    auto args = [&](std::size_t n) {
        if (e.kids.size() != n)
            fail(e.loc, f + " takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + ", got " + std::to_string(e.kids.size()));
    };
    if (f == "ite") {
        args(3);
        return eval(*e.kids[eval_bool(*e.kids[0], s, "condition of ite") ? 1 : 2], s);
    }
    if (f == "min" || f == "max") {
        args(2);
        std::int64_t a = eval_int(*e.kids[0], s, "argument of " + f), b = eval_int(*e.kids[1], s, "argument of " + f);
        return Value::integer(f == "min" ? std::min(a, b) : std::max(a, b));
    }
    if (f == "clog2") {
        args(1);
        std::int64_t a = eval_int(*e.kids[0], s, "argument of clog2");
        if (a < 1) fail(e.kids[0]->start, "clog2 needs a positive argument, got " + std::to_string(a));
        // The bits of a - 1: exact for every positive int64 (no shift loop to overflow).
        return Value::integer(std::bit_width(static_cast<std::uint64_t>(a) - 1));
    }
    if (f == "len") {
        args(1);
        std::optional<Ref> r = resolve(*e.kids[0], s);
        if (!r || !r->member.empty()) fail(e.kids[0]->start, "len needs the name of an array");
        std::uint32_t len = r->sym->k == Symbol::K::Net || r->sym->k == Symbol::K::InPort ? r->sym->length : 0;
        if (len == 0) fail(e.kids[0]->start, "'" + r->shown + "' is not an array");
        return Value::integer(len);
    }
    if (f == "json") {
        auto [file, numbers] = json_call(e, s);
        if (numbers.size() != 1)
            fail(e.start, "json(...) gives " + std::to_string(numbers.size()) + " numbers where one value is needed");
        const JsonNumber& n = numbers[0];
        if (n.is_bool) return Value::boolean(n.magnitude != 0);
        if (n.magnitude > static_cast<std::uint64_t>(INT64_MAX) + (n.negative ? 1 : 0))
            fail(e.start, "value at '" + n.pointer + "' in '" + file + "' is too large");
        return Value::integer(n.negative ? static_cast<std::int64_t>(std::uint64_t{0} - n.magnitude)
                                         : static_cast<std::int64_t>(n.magnitude));
    }
    if (Symbol* sym = find(s, f); sym && sym->k == Symbol::K::Param && sym->value.k == Value::K::Type) {
        auto cast = std::make_shared<ENode>(e);
        cast->kind = EK::Cast;
        cast->cast_to = sym->value.t;
        args(1);
        return eval(*cast, s);
    }
    fail(e.loc, "unknown function '" + f + "' (functions: ite, min, max, clog2, len, json; casts: u8(e), s16(e), bool(e), T(e) for a type parameter T)");
}

bool Elaborator::is_static(const ENode& e, Scope* s) {
    switch (e.kind) {
        case EK::Int: case EK::Bool: case EK::String: return true;
        case EK::Name: case EK::Member: {
            std::optional<Ref> r = resolve(e, s);
            return r->member.empty() && is_static_symbol(*r->sym);
        }
        case EK::Index: {
            if (std::optional<Ref> r = resolve(e, s)) return r->member.empty() && is_static_symbol(*r->sym);
            std::optional<Ref> base = resolve(*e.kids[0], s);
            return base && base->member.empty() && base->sym->k == Symbol::K::Net && nets_[base->sym->net].const_table &&
                   is_static(*e.kids[1], s);
        }
        case EK::Call:
            if (e.text == "len") return true;
            [[fallthrough]];
        case EK::Unary: case EK::Binary: case EK::Ite: case EK::Cast:
            for (const ENodePtr& k : e.kids)
                if (!is_static(*k, s)) return false;
            return true;
        case EK::Quant: {
            if (!is_static(*e.kids[0], s) || !is_static(*e.kids[1], s)) return false;
            Scope* body = new_scope(s->inst, s);
            Symbol v;
            v.k = Symbol::K::LoopVar;
            v.value = Value::integer(0);
            body->syms.emplace(e.var, v);
            return is_static(*e.kids[2], body);
        }
    }
    return false;
}

}  // namespace np::elab
