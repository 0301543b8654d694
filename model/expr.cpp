#include "model/expr.hpp"

namespace np {

std::string Type::str() const {
    switch (kind) {
        case Kind::Bool: return "bool";
        case Kind::Unsigned: return "u" + std::to_string(width);
        case Kind::Signed: return "s" + std::to_string(width);
    }
    return "?";
}

const char* op_name(Op op) {
    switch (op) {
        case Op::Const: return "const";
        case Op::Var: return "var";
        case Op::Read: return "[]";
        case Op::Not: return "!";
        case Op::And: return "&&";
        case Op::Or: return "||";
        case Op::Xor: return "^^";
        case Op::Implies: return "->";
        case Op::Eq: return "==";
        case Op::Ne: return "!=";
        case Op::Lt: return "<";
        case Op::Le: return "<=";
        case Op::Gt: return ">";
        case Op::Ge: return ">=";
        case Op::Add: return "+";
        case Op::Sub: return "-";
        case Op::Mul: return "*";
        case Op::Neg: return "-";
        case Op::AddSat: return "+|";
        case Op::SubSat: return "-|";
        case Op::BitAnd: return "&";
        case Op::BitOr: return "|";
        case Op::BitXor: return "^";
        case Op::BitNot: return "~";
        case Op::Shl: return "<<";
        case Op::Shr: return ">>";
        case Op::Ite: return "?:";
        case Op::Cast: return "cast";
    }
    return "?";
}

namespace {

Expr make(ExprNode n) { return std::make_shared<const ExprNode>(std::move(n)); }

void check_width(Type t) {
    if (t.is_bitvec() && (t.width < 1 || t.width > 64))
        throw TypeError("bit-vector width " + std::to_string(t.width) + " is outside 1..64");
}

[[noreturn]] void mismatch(Op op, const Expr& a, const Expr& b) {
    throw TypeError(std::string("operator '") + op_name(op) + "' needs operands of one type, got " +
                    a->type.str() + " and " + b->type.str());
}

}  // namespace

Expr mk_const(Type t, std::uint64_t raw) {
    check_width(t);
    ExprNode n{Op::Const, t};
    n.value = raw & t.mask();
    return make(std::move(n));
}

Expr mk_bool(bool b) { return mk_const(Type::boolean(), b ? 1 : 0); }

Expr mk_var(std::uint32_t var, std::uint32_t slot, Type t, std::string name) {
    check_width(t);
    ExprNode n{Op::Var, t};
    n.var = var;
    n.slot = slot;
    n.name = std::move(name);
    return make(std::move(n));
}

Expr mk_read(std::uint32_t var, std::uint32_t slot, std::uint32_t length, Type elem, std::string name,
             Expr index) {
    if (!index->type.is_bitvec()) throw TypeError("array index must be a bit-vector, got " + index->type.str());
    ExprNode n{Op::Read, elem};
    n.var = var;
    n.slot = slot;
    n.length = length;
    n.name = std::move(name);
    n.args = {std::move(index)};
    return make(std::move(n));
}

Expr mk_unary(Op op, Expr a) {
    ExprNode n{op, a->type};
    switch (op) {
        case Op::Not:
            if (!a->type.is_bool()) throw TypeError("operator '!' needs a bool, got " + a->type.str());
            break;
        case Op::Neg:
        case Op::BitNot:
            if (!a->type.is_bitvec())
                throw TypeError(std::string("operator '") + op_name(op) + "' needs a bit-vector, got bool");
            break;
        default: throw TypeError(std::string("'") + op_name(op) + "' is not a unary operator");
    }
    n.args = {std::move(a)};
    return make(std::move(n));
}

Expr mk_binary(Op op, Expr a, Expr b) {
    ExprNode n{op, a->type};
    switch (op) {
        case Op::And: case Op::Or: case Op::Xor: case Op::Implies:
            if (!a->type.is_bool() || !b->type.is_bool())
                throw TypeError(std::string("operator '") + op_name(op) + "' needs bool operands, got " +
                                a->type.str() + " and " + b->type.str());
            break;
        case Op::Eq: case Op::Ne:
            if (a->type != b->type) mismatch(op, a, b);
            n.type = Type::boolean();
            break;
        case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
            if (a->type != b->type) mismatch(op, a, b);
            if (!a->type.is_bitvec())
                throw TypeError(std::string("operator '") + op_name(op) + "' needs bit-vector operands, got bool");
            n.type = Type::boolean();
            break;
        case Op::Add: case Op::Sub: case Op::Mul: case Op::AddSat: case Op::SubSat:
        case Op::BitAnd: case Op::BitOr: case Op::BitXor:
            if (a->type != b->type) mismatch(op, a, b);
            if (!a->type.is_bitvec())
                throw TypeError(std::string("operator '") + op_name(op) + "' needs bit-vector operands, got bool");
            break;
        case Op::Shl: case Op::Shr:
            if (!a->type.is_bitvec() || !b->type.is_bitvec())
                throw TypeError(std::string("operator '") + op_name(op) + "' needs bit-vector operands");
            break;
        default: throw TypeError(std::string("'") + op_name(op) + "' is not a binary operator");
    }
    n.args = {std::move(a), std::move(b)};
    return make(std::move(n));
}

Expr mk_ite(Expr c, Expr a, Expr b) {
    if (!c->type.is_bool()) throw TypeError("condition of '?:' must be bool, got " + c->type.str());
    if (a->type != b->type) mismatch(Op::Ite, a, b);
    ExprNode n{Op::Ite, a->type};
    n.args = {std::move(c), std::move(a), std::move(b)};
    return make(std::move(n));
}

Expr mk_cast(Type to, Expr a) {
    check_width(to);
    if (a->type == to) return a;
    ExprNode n{Op::Cast, to};
    n.args = {std::move(a)};
    return make(std::move(n));
}

Expr mk_and(const std::vector<Expr>& xs) {
    if (xs.empty()) return mk_bool(true);
    Expr acc = xs[0];
    for (std::size_t i = 1; i < xs.size(); ++i) acc = mk_binary(Op::And, acc, xs[i]);
    return acc;
}

Expr mk_or(const std::vector<Expr>& xs) {
    if (xs.empty()) return mk_bool(false);
    Expr acc = xs[0];
    for (std::size_t i = 1; i < xs.size(); ++i) acc = mk_binary(Op::Or, acc, xs[i]);
    return acc;
}

std::string to_string(const Expr& e) {
    // Names that are not identifiers [A-Za-z_][A-Za-z0-9_.]* (or are the constants true/false)
    // are written in backquotes, a backquote inside doubled; see spec/parse_expr.hpp.
    auto name = [](const std::string& n) {
        auto ident_start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
        bool plain = !n.empty() && ident_start(n[0]) && n != "true" && n != "false";
        for (char c : n) plain = plain && (ident_start(c) || (c >= '0' && c <= '9') || c == '.');
        if (plain) return n;
        std::string q = "`";
        for (char c : n) q += c == '`' ? std::string("``") : std::string(1, c);
        return q + "`";
    };
    switch (e->op) {
        case Op::Const:
            // A literal with its type suffix; signed negatives as `-128s8` (a negative literal).
            if (e->type.is_bool()) return e->value ? "true" : "false";
            if (e->type.is_signed()) {
                if (to_signed(e->value, e->type.width) < 0)
                    return "-" + std::to_string((std::uint64_t{0} - e->value) & e->type.mask()) + e->type.str();
                return std::to_string(e->value) + e->type.str();
            }
            return std::to_string(e->value) + e->type.str();
        case Op::Var: return name(e->name);
        case Op::Read: return name(e->name) + "[" + to_string(e->args[0]) + "]";
        case Op::Not: case Op::Neg: case Op::BitNot:
            return std::string(op_name(e->op)) + "(" + to_string(e->args[0]) + ")";
        case Op::Ite:
            return "(" + to_string(e->args[0]) + " ? " + to_string(e->args[1]) + " : " + to_string(e->args[2]) + ")";
        case Op::Cast: return e->type.str() + "(" + to_string(e->args[0]) + ")";
        default:
            return "(" + to_string(e->args[0]) + " " + op_name(e->op) + " " + to_string(e->args[1]) + ")";
    }
}

}  // namespace np
