#include "spec/parse_expr.hpp"

#include "model/did_you_mean.hpp"
#include "spec/lexical.hpp"
#include "spec/lower_expr.hpp"

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

using lex::is_digit;
using lex::is_ident_start;
using lex::is_word_char;
using lex::type_name;
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '.'; }

using lang::EK;
using lang::ENode;
using NodePtr = std::shared_ptr<ENode>;

// The operator at token `t` (the one table, spec/lower_expr.hpp), or null.
const lang::BinaryOp* find_binary(const Token& t) { return t.kind == Tok::Punct ? lang::find_binary_op(t.text) : nullptr; }

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
    // Positions are kept as byte offsets into the text (Loc::offset); fail() turns them into
    // lines and columns.
    NodePtr node(EK k, std::size_t pos, std::vector<NodePtr> kids = {}) {
        auto n = std::make_shared<ENode>();
        n->kind = k;
        n->loc.offset = pos;
        n->start = n->loc;
        for (const NodePtr& kid : kids) n->depth = std::max(n->depth, kid->depth + 1);
        if (n->depth > kMaxTreeDepth) fail(pos, "expression nested too deeply");
        n->kids.assign(kids.begin(), kids.end());
        return n;
    }

    NodePtr literal(const Token& num, bool negative, std::size_t pos) {
        std::string_view s = num.text;
        lex::NumberLiteral lit;
        if (std::string err = lex::scan_number(s, lit); !err.empty()) fail(num.pos, err);
        const std::uint64_t v = lit.magnitude;
        const std::optional<Type> suffix = lit.suffix;
        NodePtr n = node(EK::Int, pos);
        n->magnitude = v;
        n->negative = negative;
        n->suffix = suffix;
        n->text = (negative ? "-" : "") + std::string(s);
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
        return node(EK::Ite, q.pos, std::move(kids));
    }

    NodePtr parse_binary(int min_level) {
        NodePtr lhs = parse_unary();
        for (;;) {
            const lang::BinaryOp* b = find_binary(peek());
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
            NodePtr n = node(EK::Binary, op.pos, std::move(kids));
            n->text = b->text;
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
        NodePtr n = node(EK::Unary, op.pos, std::move(kids));
        n->text = op.text;
        return n;
    }

    NodePtr parse_primary() {
        Token t = take();
        switch (t.kind) {
            case Tok::Number: return literal(t, false, t.pos);
            case Tok::Ident:
                if (t.name == "true" || t.name == "false") {
                    NodePtr n = node(EK::Bool, t.pos);
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
                    NodePtr n = node(EK::Cast, t.pos, std::move(kids));
                    n->cast_to = *to;
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
            std::vector<std::string> names;
            for (const Variable& v : sys_.variables) names.push_back(v.name);
            fail(t.pos, "unknown variable '" + t.name + "'" + did_you_mean(t.name, names));
        }
        const Variable& v = sys_.variables[*found];
        if (peek().is("[")) {
            if (v.length == 0) fail(peek().pos, "'" + v.name + "' is not an array");
            Token open = take();
            Nest guard(*this);
            NodePtr array = node(EK::Name, t.pos);
            array->text = v.name;
            std::vector<NodePtr> kids{array};
            kids.push_back(parse_ternary());
            expect_close("]", open);
            return node(EK::Index, open.pos, std::move(kids));
        }
        if (v.length != 0) fail(t.pos, "array '" + v.name + "' needs an index, as in " + std::string(t.text) + "[0]");
        NodePtr n = node(EK::Name, t.pos);
        n->text = v.name;
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

// Names are the system's variables (the parser has checked that they exist and are indexed as
// their kind requires); everything else is the shared lowering.
class SystemLowering : public lang::ExprLowering {
public:
    SystemLowering(const System& sys, const Parser& parser) : sys_(sys), parser_(parser) {}

private:
    Expr lower_name(const ENode& e, std::optional<Type> hint) override {
        if (e.kind == EK::Name) return sys_.var(*sys_.find_variable(e.text));
        if (e.kind != EK::Index) report(e.loc, "internal error: unknown expression node");
        const std::uint32_t index = *sys_.find_variable(e.kids[0]->text);
        const Variable& v = sys_.variables[index];
        Expr at = lower(*e.kids[1], Type::uint(64));
        return at_op(e, [&] { return mk_read(index, v.slot, v.length, v.type, v.name, at); });
    }
    bool name_typed(const ENode&) override { return true; }
    [[noreturn]] void report(const lang::Loc& at, const std::string& message) override { parser_.fail(at.offset, message); }

    const System& sys_;
    const Parser& parser_;
};

Expr parse_impl(const System& sys, std::string_view text, const Origin& origin, std::optional<Type> expected,
                std::string_view line_text) {
    Parser p(sys, text, origin, line_text);
    NodePtr root = p.parse_all();
    SystemLowering lowering(sys, p);
    Expr e = lowering.lower(*root, expected);
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

namespace {

Origin command_line_at(std::size_t offset) { return Origin{"<command line>", 1, static_cast<std::uint32_t>(offset + 1), {}}; }

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// "NAME:TEXT" of a command-line property option: the name (checked, not yet taken by `full`
// prefixed with `prefix`) and where the text after the ':' starts.
struct NamedSpec {
    std::string name, full;
    std::size_t text_at;
};

NamedSpec named_spec(const System& sys, std::string_view spec, const std::string& prefix, const std::string& what) {
    const std::string line(spec);
    const std::size_t colon = spec.find(':');
    if (colon == std::string_view::npos) throw SourceError(command_line_at(0), "expected NAME:EXPRESSION, found no ':'", line);
    std::size_t b = 0, e = colon;
    while (b < e && is_blank(spec[b])) ++b;
    while (e > b && is_blank(spec[e - 1])) --e;
    const std::string name(spec.substr(b, e - b));
    if (name.empty()) throw SourceError(command_line_at(colon), "missing " + what + " name before ':'", line);
    if (!valid_invariant_name(name))
        throw SourceError(command_line_at(b), "invalid " + what + " name '" + name +
                                                  "' (letters, digits, '_' and '-', starting with a letter or '_')", line);
    const std::string full = prefix + name;
    if (sys.find_property(full) || sys.find_liveness(full))
        throw SourceError(command_line_at(b), "duplicate property '" + full + "'", line);
    return {name, full, colon + 1};
}

// The bool expression spec[from, to), parsed, its text without surrounding blanks, and where
// that text starts.
struct BoolExpr {
    Expr expr;
    std::string shown;
    Origin at;
};

BoolExpr bool_expr(const System& sys, std::string_view spec, std::size_t from, std::size_t to, const std::string& what) {
    const std::string_view text = spec.substr(from, to - from);
    Expr expr = parse_expr(sys, text, command_line_at(from), spec);
    std::size_t tb = 0, te = text.size();
    while (tb < te && is_blank(text[tb])) ++tb;
    while (te > tb && is_blank(text[te - 1])) --te;
    if (!expr->type.is_bool())
        throw SourceError(command_line_at(from + tb), what + " must be a bool expression, got " + expr->type.str(), std::string(spec));
    return {expr, std::string(text.substr(tb, te - tb)), command_line_at(from + tb)};
}

}  // namespace

void add_invariant(System& sys, std::string_view spec) {
    const NamedSpec n = named_spec(sys, spec, "invariant:", "invariant");
    auto [expr, shown, at] = bool_expr(sys, spec, n.text_at, spec.size(), "invariant");
    Property p;
    p.name = n.full;
    p.kind = PropertyKind::Invariant;
    p.description = "user invariant: " + shown;
    p.clauses.push_back({-1, mk_not(expr), "invariant " + n.name + " violated: " + shown, at});
    sys.properties.push_back(std::move(p));
}

void add_response(System& sys, std::string_view spec) {
    const NamedSpec n = named_spec(sys, spec, "response:", "response property");
    const std::size_t arrow = spec.find("~>", n.text_at);
    if (arrow == std::string_view::npos)
        throw SourceError(command_line_at(n.text_at), "expected TRIGGER ~> GOAL (always TRIGGER implies eventually GOAL), found no '~>'",
                          std::string(spec));
    auto [trigger, tshown, tat] = bool_expr(sys, spec, n.text_at, arrow, "a response trigger");
    auto [goal, gshown, gat] = bool_expr(sys, spec, arrow + 2, spec.size(), "a response goal");
    LivenessProperty p;
    p.name = n.full;
    p.kind = PropertyKind::Response;
    p.description = "response: " + tshown + " ~> " + gshown;
    p.origin = tat;
    p.obligations.push_back({trigger, goal, "response " + n.name + " violated: " + tshown + " ~> " + gshown, p.origin});
    sys.liveness.push_back(std::move(p));
}

void add_cover(System& sys, std::string_view spec) {
    const NamedSpec n = named_spec(sys, spec, "cover:", "cover property");
    auto [expr, shown, at] = bool_expr(sys, spec, n.text_at, spec.size(), "a cover expression");
    Property p;
    p.name = n.full;
    p.kind = PropertyKind::Cover;
    p.description = "cover: " + shown;
    p.clauses.push_back({-1, expr, "cover " + n.name + " reached: " + shown, at});
    sys.properties.push_back(std::move(p));
}

void set_fairness(System& sys, std::string_view spec) {
    const std::size_t colon = spec.find(':');
    const std::string kind(spec.substr(0, colon == std::string_view::npos ? 0 : colon));
    const std::string n(colon == std::string_view::npos ? spec : spec.substr(colon + 1));
    const std::string option = "--" + (kind == "unfair" ? kind : kind + "-fair");
    Fairness f;
    if (kind == "strong") f = Fairness::Strong;
    else if (kind == "weak") f = Fairness::Weak;
    else if (kind == "unfair") f = Fairness::None;
    else throw SourceError(command_line_at(0), "expected strong:NAME, weak:NAME or unfair:NAME", std::string(spec));
    bool any = false;
    std::vector<std::string> names;
    for (Transition& t : sys.transitions) {
        names.push_back(t.name);
        const bool inside = t.name.size() > n.size() && t.name.compare(0, n.size(), n) == 0 &&
                            (t.name[n.size()] == '.' || t.name[n.size()] == '[');
        if (t.name == n || inside) t.fairness = f, any = true;
    }
    if (!any)
        throw SourceError(command_line_at(0), option + ": no transition is called '" + n + "' or lies in a component of that name" +
                                                  did_you_mean(n, names), n);
}

}  // namespace np
