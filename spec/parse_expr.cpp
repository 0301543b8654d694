#include "spec/parse_expr.hpp"

#include "spec/lexical.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace np {
namespace {

// Bounds on recursion: parser frames per bracket/unary/branch level, and the depth of the
// resulting tree (a long left-associative chain nests without brackets). Both keep the parser
// and every recursive back end (evaluator, encoder, printer) far from the stack limit.
constexpr int kMaxNesting = 500;
constexpr int kMaxTreeDepth = 2000;

enum class Tok : std::uint8_t { End, Ident, Quoted, Number, Punct };

struct Token {
    Tok kind = Tok::End;
    std::size_t pos = 0;
    std::string_view text;  // spelling in the source
    std::string name;       // Ident / Quoted: the variable name
    bool is(std::string_view p) const { return kind == Tok::Punct && text == p; }
};

// Two-character operators first: maximal munch.
constexpr std::string_view kPuncts[] = {"->", "-|", "+|", "||", "^^", "&&", "==", "!=", "<=", ">=", "<<", ">>",
                                        "?",  ":",  "|",  "^",  "&",  "<",  ">",  "+",  "-",  "*",  "!",  "~",
                                        "(",  ")",  "[",  "]"};

using lex::edit_distance;
using lex::is_digit;
using lex::is_ident_start;
using lex::is_word_char;
using lex::type_name;
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '.'; }

enum class NodeKind : std::uint8_t { Literal, BoolLit, Var, Read, Unary, Binary, Ite, Cast };

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
    NodeKind kind = NodeKind::Literal;
    std::size_t pos = 0;     // where errors about this node point: operator, literal, name
    std::string_view op;     // Unary / Binary: operator spelling
    bool typed = true;       // has a type without context (false: contains a bare literal at its root)
    int depth = 1;
    // Literal
    std::uint64_t magnitude = 0;
    bool negative = false;
    std::optional<Type> suffix;
    std::string spelling;
    // BoolLit
    bool truth = false;
    // Var / Read
    std::uint32_t var = 0;
    // Cast
    Type to;
    std::vector<NodePtr> kids;
};

enum class OpClass : std::uint8_t { Logical, SameType, Compare, Shift };

struct BinaryOp {
    std::string_view text;
    int level;
    OpClass cls;
    Op op;
};

// Lowest to highest precedence; ?: sits below level 1.
constexpr BinaryOp kBinary[] = {
    {"->", 1, OpClass::Logical, Op::Implies}, {"||", 2, OpClass::Logical, Op::Or},
    {"^^", 3, OpClass::Logical, Op::Xor},     {"&&", 4, OpClass::Logical, Op::And},
    {"|", 5, OpClass::SameType, Op::BitOr},   {"^", 6, OpClass::SameType, Op::BitXor},
    {"&", 7, OpClass::SameType, Op::BitAnd},  {"==", 8, OpClass::Compare, Op::Eq},
    {"!=", 8, OpClass::Compare, Op::Ne},      {"<", 9, OpClass::Compare, Op::Lt},
    {"<=", 9, OpClass::Compare, Op::Le},      {">", 9, OpClass::Compare, Op::Gt},
    {">=", 9, OpClass::Compare, Op::Ge},      {"<<", 10, OpClass::Shift, Op::Shl},
    {">>", 10, OpClass::Shift, Op::Shr},      {"+", 11, OpClass::SameType, Op::Add},
    {"-", 11, OpClass::SameType, Op::Sub},    {"+|", 11, OpClass::SameType, Op::AddSat},
    {"-|", 11, OpClass::SameType, Op::SubSat}, {"*", 12, OpClass::SameType, Op::Mul},
};

const BinaryOp* find_binary(const Token& t) {
    if (t.kind != Tok::Punct) return nullptr;
    for (const BinaryOp& b : kBinary)
        if (b.text == t.text) return &b;
    return nullptr;
}

class Parser {
public:
    Parser(const System& sys, std::string_view text, const Origin& origin, std::string_view line_text)
        : sys_(sys), text_(text), origin_(origin), line_text_(line_text.data() ? line_text : text) {}

    NodePtr parse_all() {
        start_ = peek().pos;
        NodePtr root = parse_ternary();
        const Token& t = peek();
        if (t.kind != Tok::End) {
            if (t.is(")") || t.is("]")) fail(t.pos, "unmatched '" + std::string(t.text) + "'");
            fail(t.pos, "unexpected " + describe(t) + " after the expression");
        }
        return root;
    }

    std::size_t start() const { return start_; }

    [[noreturn]] void fail(std::size_t pos, const std::string& message) const {
        Origin where = origin_;
        const std::uint32_t base = origin_.col == 0 ? 1 : origin_.col;
        std::size_t line_start = 0;
        std::uint32_t extra_lines = 0;
        for (std::size_t i = 0; i < pos && i < text_.size(); ++i)
            if (text_[i] == '\n') {
                ++extra_lines;
                line_start = i + 1;
            }
        if (extra_lines == 0) {
            where.col = base + static_cast<std::uint32_t>(pos);
            throw SourceError(where, message, std::string(line_text_));
        }
        where.line += extra_lines;
        where.col = static_cast<std::uint32_t>(pos - line_start + 1);
        std::size_t end = text_.find('\n', line_start);
        std::string_view shown = text_.substr(line_start, end == std::string_view::npos ? end : end - line_start);
        if (!shown.empty() && shown.back() == '\r') shown.remove_suffix(1);
        throw SourceError(where, message, std::string(shown));
    }

    Expr elab(const Node& n, std::optional<Type> hint) const;

private:
    struct Nest {
        Parser& p;
        explicit Nest(Parser& parser) : p(parser) {
            if (++p.nesting_ > kMaxNesting) p.fail(p.peek().pos, "expression nested too deeply");
        }
        ~Nest() { --p.nesting_; }
    };

    // ---- lexer -------------------------------------------------------------------------------
    Token lex() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n'))
            ++pos_;
        Token t;
        t.pos = pos_;
        if (pos_ >= text_.size()) return t;
        const char c = text_[pos_];
        std::size_t end = pos_ + 1;
        if (is_ident_start(c)) {
            while (end < text_.size() && is_ident_char(text_[end])) ++end;
            t.kind = Tok::Ident;
            t.name = std::string(text_.substr(pos_, end - pos_));
        } else if (is_digit(c)) {
            while (end < text_.size() && is_word_char(text_[end])) ++end;
            t.kind = Tok::Number;
        } else if (c == '`') {
            t.kind = Tok::Quoted;
            for (;;) {
                if (end >= text_.size()) fail(pos_, "unterminated quoted name (missing closing '`')");
                if (text_[end] == '`') {
                    if (end + 1 < text_.size() && text_[end + 1] == '`') {
                        t.name += '`';
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                t.name += text_[end++];
            }
        } else {
            t.kind = Tok::Punct;
            const std::size_t len = lex::match_punct(text_, pos_, kPuncts);
            if (len == 0) fail(pos_, "unexpected character " + lex::describe_char(c));
            end = pos_ + len;
        }
        t.text = text_.substr(pos_, end - pos_);
        pos_ = end;
        return t;
    }

    const Token& peek() {
        if (!ahead_) ahead_ = lex();
        return *ahead_;
    }
    Token take() {
        peek();
        Token t = std::move(*ahead_);
        ahead_.reset();
        return t;
    }

    static std::string describe(const Token& t) {
        if (t.kind == Tok::End) return "end of input";
        return "'" + std::string(t.text) + "'";
    }

    std::string column_of(std::size_t pos) const {
        std::size_t line_start = text_.rfind('\n', pos == 0 ? 0 : pos - 1);
        if (pos == 0 || line_start == std::string_view::npos)
            return std::to_string((origin_.col == 0 ? 1 : origin_.col) + pos);
        return std::to_string(pos - line_start);
    }

    void expect_close(std::string_view close, const Token& open) {
        const Token& t = peek();
        if (t.is(close)) {
            take();
            return;
        }
        fail(t.pos, "expected '" + std::string(close) + "' to close the '" + std::string(open.text) + "' at column " +
                        column_of(open.pos) + ", got " + describe(t));
    }

    // ---- nodes -------------------------------------------------------------------------------
    NodePtr node(NodeKind k, std::size_t pos, std::vector<NodePtr> kids = {}) {
        auto n = std::make_unique<Node>();
        n->kind = k;
        n->pos = pos;
        for (const NodePtr& kid : kids) n->depth = std::max(n->depth, kid->depth + 1);
        if (n->depth > kMaxTreeDepth) fail(pos, "expression nested too deeply");
        n->kids = std::move(kids);
        return n;
    }

    NodePtr literal(const Token& num, bool negative, std::size_t pos) {
        std::string_view s = num.text;
        lex::NumberLiteral lit;
        if (std::string err = lex::scan_number(s, lit); !err.empty()) fail(num.pos, err);
        const std::uint64_t v = lit.magnitude;
        const std::optional<Type> suffix = lit.suffix;
        NodePtr n = node(NodeKind::Literal, pos);
        n->magnitude = v;
        n->negative = negative;
        n->suffix = suffix;
        n->typed = suffix.has_value();
        n->spelling = (negative ? "-" : "") + std::string(s);
        return n;
    }

    // ---- grammar -----------------------------------------------------------------------------
    NodePtr parse_ternary() {
        Nest guard(*this);
        NodePtr cond = parse_binary(1);
        if (!peek().is("?")) return cond;
        Token q = take();
        NodePtr a = parse_ternary();
        const Token& colon = peek();
        if (!colon.is(":"))
            fail(colon.pos, "expected ':' of the '?' at column " + column_of(q.pos) + ", got " + describe(colon));
        take();
        NodePtr b = parse_ternary();
        std::vector<NodePtr> kids;
        kids.push_back(std::move(cond));
        kids.push_back(std::move(a));
        kids.push_back(std::move(b));
        NodePtr n = node(NodeKind::Ite, q.pos, std::move(kids));
        n->typed = n->kids[1]->typed || n->kids[2]->typed;
        return n;
    }

    NodePtr parse_binary(int min_level) {
        NodePtr lhs = parse_unary();
        for (;;) {
            const BinaryOp* b = find_binary(peek());
            if (!b || b->level < min_level) return lhs;
            Token op = take();
            NodePtr rhs;
            if (b->level == 1) {  // right-associative
                Nest guard(*this);
                rhs = parse_binary(1);
            } else {
                rhs = parse_binary(b->level + 1);
            }
            std::vector<NodePtr> kids;
            kids.push_back(std::move(lhs));
            kids.push_back(std::move(rhs));
            NodePtr n = node(NodeKind::Binary, op.pos, std::move(kids));
            n->op = b->text;
            switch (b->cls) {
                case OpClass::Logical: case OpClass::Compare: n->typed = true; break;
                case OpClass::Shift: n->typed = n->kids[0]->typed; break;
                case OpClass::SameType: n->typed = n->kids[0]->typed || n->kids[1]->typed; break;
            }
            lhs = std::move(n);
        }
    }

    NodePtr parse_unary() {
        const Token& t = peek();
        if (!(t.is("!") || t.is("~") || t.is("-"))) return parse_primary();
        Token op = take();
        if (op.is("-") && peek().kind == Tok::Number) return literal(take(), true, op.pos);
        Nest guard(*this);
        std::vector<NodePtr> kids;
        kids.push_back(parse_unary());
        NodePtr n = node(NodeKind::Unary, op.pos, std::move(kids));
        n->op = op.text;
        n->typed = op.is("!") || n->kids[0]->typed;
        return n;
    }

    NodePtr parse_primary() {
        Token t = take();
        switch (t.kind) {
            case Tok::Number: return literal(t, false, t.pos);
            case Tok::Ident:
                if (t.name == "true" || t.name == "false") {
                    NodePtr n = node(NodeKind::BoolLit, t.pos);
                    n->truth = t.name == "true";
                    return n;
                }
                if (peek().is("(")) {
                    bool bad = false;
                    std::optional<Type> to = type_name(t.name, bad);
                    if (bad) fail(t.pos, "invalid type '" + t.name + "' (bit-vector types are u1..u64 and s1..s64)");
                    if (!to) fail(t.pos, "'" + t.name + "' is not a type (casts are written u8(e), s16(e) or bool(e))");
                    Token open = take();
                    Nest guard(*this);
                    std::vector<NodePtr> kids;
                    kids.push_back(parse_ternary());
                    expect_close(")", open);
                    NodePtr n = node(NodeKind::Cast, t.pos, std::move(kids));
                    n->to = *to;
                    return n;
                }
                return name(t);
            case Tok::Quoted: return name(t);
            case Tok::Punct:
                if (t.is("(")) {
                    NodePtr inner = parse_ternary();
                    expect_close(")", t);
                    return inner;
                }
                break;
            case Tok::End: break;
        }
        fail(t.pos, "expected an expression, got " + describe(t));
    }

    NodePtr name(const Token& t) {
        std::optional<std::uint32_t> found = sys_.find_variable(t.name);
        if (!found) {
            std::string message = "unknown variable '" + t.name + "'";
            const std::size_t limit = std::min<std::size_t>(2, t.name.size() / 2);
            std::size_t best_d = limit + 1;
            const Variable* best = nullptr;
            if (limit > 0 && t.name.size() <= 200)
                for (const Variable& v : sys_.variables) {
                    if (v.name.size() > t.name.size() + limit || v.name.size() + limit < t.name.size()) continue;
                    std::size_t d = edit_distance(t.name, v.name);
                    if (d < best_d) best_d = d, best = &v;
                }
            if (best) message += " (did you mean '" + best->name + "'?)";
            fail(t.pos, message);
        }
        const Variable& v = sys_.variables[*found];
        if (peek().is("[")) {
            if (v.length == 0) fail(peek().pos, "'" + v.name + "' is not an array");
            Token open = take();
            Nest guard(*this);
            std::vector<NodePtr> kids;
            kids.push_back(parse_ternary());
            expect_close("]", open);
            NodePtr n = node(NodeKind::Read, open.pos, std::move(kids));
            n->var = *found;
            return n;
        }
        if (v.length != 0) fail(t.pos, "array '" + v.name + "' needs an index, as in " + std::string(t.text) + "[0]");
        NodePtr n = node(NodeKind::Var, t.pos);
        n->var = *found;
        return n;
    }

    const System& sys_;
    std::string_view text_;
    Origin origin_;
    std::string_view line_text_;
    std::size_t pos_ = 0;
    std::size_t start_ = 0;
    std::optional<Token> ahead_;
    int nesting_ = 0;
};

Op logical_for_bool(Op op) {
    switch (op) {
        case Op::BitAnd: return Op::And;
        case Op::BitOr: return Op::Or;
        case Op::BitXor: return Op::Xor;
        default: return op;
    }
}

bool needs_bitvec(Op op) {
    switch (op) {
        case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
        case Op::Add: case Op::Sub: case Op::Mul: case Op::AddSat: case Op::SubSat:
            return true;
        default: return false;
    }
}

Expr Parser::elab(const Node& n, std::optional<Type> hint) const {
    const Type u64 = Type::uint(64);
    auto at_op = [&](auto&& build) -> Expr {
        try {
            return build();
        } catch (const TypeError& e) {
            fail(n.pos, e.what());
        }
    };
    switch (n.kind) {
        case NodeKind::Literal: {
            if (!n.suffix && !hint)
                fail(n.pos, "type of literal " + n.spelling + " is unknown: give it a suffix (" + n.spelling + "u8, " +
                                n.spelling + "s16, ...) or use it with a typed operand");
            const Type t = n.suffix ? *n.suffix : *hint;
            if (t.is_bool()) fail(n.pos, "number " + n.spelling + " is not a bool (write true or false)");
            const bool fits = n.negative ? n.magnitude == 0 || (t.is_signed() && n.magnitude <= t.min_raw())
                                         : n.magnitude <= t.max_raw();
            if (!fits) fail(n.pos, "literal " + n.spelling + " does not fit " + t.str());
            return mk_const(t, n.negative ? std::uint64_t{0} - n.magnitude : n.magnitude);
        }
        case NodeKind::BoolLit: return mk_bool(n.truth);
        case NodeKind::Var: return sys_.var(n.var);
        case NodeKind::Read: {
            const Variable& v = sys_.variables[n.var];
            Expr index = elab(*n.kids[0], u64);
            return at_op([&] { return mk_read(n.var, v.slot, v.length, v.type, v.name, index); });
        }
        case NodeKind::Cast: {
            Expr a = elab(*n.kids[0], n.to.is_bitvec() ? std::optional<Type>(n.to) : std::nullopt);
            return at_op([&] { return mk_cast(n.to, a); });
        }
        case NodeKind::Unary: {
            if (n.op == "!") {
                Expr a = elab(*n.kids[0], Type::boolean());
                return at_op([&] { return mk_unary(Op::Not, a); });
            }
            Expr a = elab(*n.kids[0], hint);
            return at_op([&] { return mk_unary(n.op == "-" ? Op::Neg : Op::BitNot, a); });
        }
        case NodeKind::Ite: {
            Expr c = elab(*n.kids[0], Type::boolean());
            Expr a, b;
            if (n.kids[1]->typed || !n.kids[2]->typed) {
                a = elab(*n.kids[1], hint);
                b = elab(*n.kids[2], a->type);
            } else {
                b = elab(*n.kids[2], hint);
                a = elab(*n.kids[1], b->type);
            }
            return at_op([&] { return mk_ite(c, a, b); });
        }
        case NodeKind::Binary: {
            const BinaryOp* b = nullptr;
            for (const BinaryOp& x : kBinary)
                if (x.text == n.op) b = &x;
            const Node& l = *n.kids[0];
            const Node& r = *n.kids[1];
            Expr lhs, rhs;
            switch (b->cls) {
                case OpClass::Logical:
                    lhs = elab(l, Type::boolean());
                    rhs = elab(r, Type::boolean());
                    break;
                case OpClass::Shift:
                    lhs = elab(l, hint);
                    rhs = elab(r, u64);
                    break;
                case OpClass::SameType:
                case OpClass::Compare: {
                    const std::optional<Type> outer = b->cls == OpClass::Compare ? std::nullopt : hint;
                    const bool left_first = l.typed || !r.typed;
                    Expr& first = left_first ? lhs : rhs;
                    Expr& second = left_first ? rhs : lhs;
                    first = elab(left_first ? l : r, outer);
                    if (needs_bitvec(b->op) && first->type.is_bool())
                        fail(n.pos, "operator '" + std::string(n.op) + "' needs bit-vector operands, got bool");
                    second = elab(left_first ? r : l, first->type);
                    break;
                }
            }
            const Op op = lhs->type.is_bool() && rhs->type.is_bool() ? logical_for_bool(b->op) : b->op;
            return at_op([&] { return mk_binary(op, lhs, rhs); });
        }
    }
    fail(n.pos, "internal error: unknown expression node");
}

Expr parse_impl(const System& sys, std::string_view text, const Origin& origin, std::optional<Type> expected,
                std::string_view line_text) {
    Parser p(sys, text, origin, line_text);
    NodePtr root = p.parse_all();
    Expr e = p.elab(*root, expected);
    if (expected && e->type != *expected)
        p.fail(p.start(), "expected an expression of type " + expected->str() + ", got " + e->type.str());
    return e;
}

bool valid_invariant_name(std::string_view s) {
    if (s.empty() || !is_ident_start(s[0])) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return is_word_char(c) || c == '-'; });
}

}  // namespace

Expr parse_expr(const System& sys, std::string_view text, const Origin& origin, std::string_view line_text) {
    return parse_impl(sys, text, origin, std::nullopt, line_text);
}

Expr parse_typed_expr(const System& sys, std::string_view text, const Origin& origin, Type expected,
                      std::string_view line_text) {
    return parse_impl(sys, text, origin, expected, line_text);
}

void add_invariant(System& sys, std::string_view spec) {
    const std::string line(spec);
    auto at = [](std::size_t offset) { return Origin{"<command line>", 1, static_cast<std::uint32_t>(offset + 1), {}}; };
    auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    const std::size_t colon = spec.find(':');
    if (colon == std::string_view::npos)
        throw SourceError(at(0), "expected NAME:EXPRESSION, found no ':'", line);
    std::size_t b = 0, e = colon;
    while (b < e && is_space(spec[b])) ++b;
    while (e > b && is_space(spec[e - 1])) --e;
    const std::string name(spec.substr(b, e - b));
    if (name.empty()) throw SourceError(at(colon), "missing invariant name before ':'", line);
    if (!valid_invariant_name(name))
        throw SourceError(at(b), "invalid invariant name '" + name +
                                     "' (letters, digits, '_' and '-', starting with a letter or '_')", line);
    const std::string full = "invariant:" + name;
    if (sys.find_property(full)) throw SourceError(at(b), "duplicate property '" + full + "'", line);

    const std::string_view text = spec.substr(colon + 1);
    Expr expr = parse_expr(sys, text, at(colon + 1), spec);
    std::size_t tb = 0, te = text.size();
    while (tb < te && (is_space(text[tb]) || text[tb] == '\n' || text[tb] == '\r')) ++tb;
    while (te > tb && (is_space(text[te - 1]) || text[te - 1] == '\n' || text[te - 1] == '\r')) --te;
    const Origin expr_origin = at(colon + 1 + tb);
    if (!expr->type.is_bool())
        throw SourceError(expr_origin, "invariant must be a bool expression, got " + expr->type.str(), line);
    const std::string shown(text.substr(tb, te - tb));

    Property p;
    p.name = full;
    p.kind = PropertyKind::Invariant;
    p.description = "user invariant: " + shown;
    p.clauses.push_back({-1, mk_not(expr), "invariant " + name + " violated: " + shown, expr_origin});
    sys.properties.push_back(std::move(p));
}

}  // namespace np
