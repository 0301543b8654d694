// One file on purpose (~900 lines): a recursive-descent parser of the whole design language is
// one class over one token stream (lexer, items, statements, expressions share its lookahead and
// error positions); split, every part would need the whole class.
#include "spec/np_parse.hpp"

#include "spec/lexical.hpp"
#include "spec/lower_expr.hpp"

#include <cstdio>
#include <optional>
#include <string_view>

namespace np::lang {

const char* item_kind_name(ItemKind k) {
    switch (k) {
        case ItemKind::Param: return "param";
        case ItemKind::Let: return "let";
        case ItemKind::Const: return "const";
        case ItemKind::Var: return "var";
        case ItemKind::In: return "in";
        case ItemKind::Out: return "out";
        case ItemKind::Wire: return "wire";
        case ItemKind::Def: return "def";
        case ItemKind::Channel: return "channel";
        case ItemKind::Send: return "send";
        case ItemKind::Recv: return "recv";
        case ItemKind::Instance: return "instance";
        case ItemKind::Rule: return "rule";
        case ItemKind::DeadlockFree: return "deadlock_free";
        case ItemKind::Quiescent: return "quiescent";
        case ItemKind::Invariant: return "invariant";
        case ItemKind::Handshake: return "handshake";
        case ItemKind::For: return "for";
        case ItemKind::If: return "if";
        case ItemKind::Assert: return "assert";
        case ItemKind::Response: return "response";
        case ItemKind::Cover: return "cover";
    }
    return "?";
}

namespace {

constexpr int kMaxNesting = 500;
constexpr int kMaxTreeDepth = 2000;

enum class Tok : std::uint8_t { End, Ident, Quoted, Number, String, Punct };

struct Token {
    Tok kind = Tok::End;
    std::size_t pos = 0;
    std::size_t end = 0;
    std::string_view text;  // spelling
    std::string value;      // Ident/Quoted: the name; String: the decoded value
    bool is(std::string_view p) const { return kind == Tok::Punct && text == p; }
    bool word(std::string_view w) const { return kind == Tok::Ident && text == w; }
};

// Longest first (maximal munch).
constexpr std::string_view kPuncts[] = {"..=", "..", ":=", "->", "~>", "-|", "+|", "||", "^^", "&&", "==", "!=", "<=",
                                        ">=",  "<<", ">>", "?",  ":",  "|",  "^",  "&",  "<",  ">",  "+",  "-",
                                        "*",   "/",  "%",  "!",  "~",  "(",  ")",  "[",  "]",  "{",  "}",  ";",
                                        ",",   "=",  "."};

using lex::type_name;


class Parser {
public:
    Parser(const SourceText& src, std::uint32_t file) : src_(src), text_(src.text()), file_(file) {}

    FileAst parse_file() {
        FileAst f;
        for (;;) {
            const Token& t = peek();
            if (t.kind == Tok::End) break;
            if (t.word("import")) {
                Token kw = take();
                Token s = take();
                if (s.kind != Tok::String) fail(s, "expected a file name in double quotes after 'import', got " + describe(s));
                f.imports.push_back({s.value, loc(kw)});
                expect(";", "after the import");
            } else if (t.word("module") || t.word("top")) {
                f.modules.push_back(parse_module());
            } else {
                fail(t, "expected 'module' or 'import', got " + describe(t));
            }
        }
        return f;
    }

private:
    // ---- lexer -------------------------------------------------------------------------------
    [[noreturn]] void fail_at(std::size_t pos, const std::string& message) const {
        Origin o = src_.at_offset(pos);
        src_.fail(o.line, o.col, message);
    }
    [[noreturn]] void fail(const Token& t, const std::string& message) const { fail_at(t.pos, message); }

    Loc loc(const Token& t) const { return loc_at(t.pos); }
    Loc loc_at(std::size_t pos) const {
        Origin o = src_.at_offset(pos);
        return Loc{file_, o.line, o.col, pos};
    }

    void skip_space() {
        for (;;) {
            while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' ||
                                           text_[pos_] == '\n'))
                ++pos_;
            if (text_.compare(pos_, 2, "//") == 0) {
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
            } else if (text_.compare(pos_, 2, "/*") == 0) {
                std::size_t close = text_.find("*/", pos_ + 2);
                if (close == std::string::npos) fail_at(pos_, "unterminated comment (missing '*/')");
                pos_ = close + 2;
            } else {
                return;
            }
        }
    }

    Token lex() {
        skip_space();
        Token t;
        t.pos = pos_;
        if (pos_ >= text_.size()) {
            t.end = pos_;
            return t;
        }
        const char c = text_[pos_];
        std::size_t end = pos_ + 1;
        if (lex::is_ident_start(c)) {
            while (end < text_.size() && lex::is_word_char(text_[end])) ++end;
            t.kind = Tok::Ident;
            t.value = text_.substr(pos_, end - pos_);
        } else if (lex::is_digit(c)) {
            while (end < text_.size() && lex::is_word_char(text_[end])) ++end;
            t.kind = Tok::Number;
        } else if (c == '`') {
            t.kind = Tok::Quoted;
            for (;;) {
                if (end >= text_.size() || text_[end] == '\n') fail_at(pos_, "unterminated quoted name (missing closing '`')");
                if (text_[end] == '`') {
                    if (end + 1 < text_.size() && text_[end + 1] == '`') {
                        t.value += '`';
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                t.value += text_[end++];
            }
            if (t.value.empty()) fail_at(pos_, "empty quoted name");
        } else if (c == '"') {
            t.kind = Tok::String;
            for (;;) {
                if (end >= text_.size() || text_[end] == '\n') fail_at(pos_, "unterminated string (missing closing '\"')");
                char d = text_[end];
                if (d == '"') {
                    ++end;
                    break;
                }
                if (d == '\\') {
                    if (end + 1 >= text_.size()) fail_at(end, "unterminated string (missing closing '\"')");
                    char e = text_[end + 1];
                    if (e == '"' || e == '\\') t.value += e;
                    else if (e == 'n') t.value += '\n';
                    else if (e == 't') t.value += '\t';
                    else fail_at(end, std::string("unknown escape '\\") + e + "' in string");
                    end += 2;
                    continue;
                }
                t.value += d;
                ++end;
            }
        } else {
            t.kind = Tok::Punct;
            const std::size_t len = lex::match_punct(text_, pos_, kPuncts);
            if (len == 0) fail_at(pos_, "unexpected character " + lex::describe_char(c));
            end = pos_ + len;
        }
        t.text = std::string_view(text_).substr(pos_, end - pos_);
        t.end = end;
        pos_ = end;
        return t;
    }

    const Token& peek() {
        if (!ahead_) ahead_ = lex();
        return *ahead_;
    }
    // The token after the next one (the lexer is re-run from the saved position).
    Token peek2() {
        peek();
        std::size_t save = pos_;
        Token t = lex();
        pos_ = save;
        return t;
    }
    Token take() {
        peek();
        Token t = std::move(*ahead_);
        ahead_.reset();
        last_end_ = t.end;
        return t;
    }

    static std::string describe(const Token& t) {
        if (t.kind == Tok::End) return "end of file";
        if (t.kind == Tok::String) return "a string";
        return "'" + std::string(t.text) + "'";
    }

    Token expect(std::string_view p, const std::string& context) {
        const Token& t = peek();
        if (!t.is(p)) fail(t, "expected '" + std::string(p) + "' " + context + ", got " + describe(t));
        return take();
    }
    Token expect_word(std::string_view w, const std::string& context) {
        const Token& t = peek();
        if (!t.word(w)) fail(t, "expected '" + std::string(w) + "' " + context + ", got " + describe(t));
        return take();
    }
    Token ident(const std::string& what) {
        const Token& t = peek();
        if (t.kind != Tok::Ident && t.kind != Tok::Quoted) fail(t, "expected " + what + ", got " + describe(t));
        if (t.word("true") || t.word("false") || t.word("forall") || t.word("exists"))
            fail(t, "'" + std::string(t.text) + "' is a reserved word and cannot be " + what);
        return take();
    }

    // ---- modules -------------------------------------------------------------------------------
    ModuleAst parse_module() {
        ModuleAst m;
        Token first = take();
        m.loc = loc(first);
        if (first.word("top")) {
            m.top = true;
            expect_word("module", "after 'top'");
        }
        Token name = ident("a module name");
        m.name = name.value;
        m.loc = loc(name);
        expect("{", "to open the body of module '" + m.name + "'");
        m.items = items_until_close("module '" + m.name + "'");
        return m;
    }

    std::vector<Item> items_until_close(const std::string& what) {
        std::vector<Item> items;
        for (;;) {
            const Token& t = peek();
            if (t.is("}")) {
                take();
                return items;
            }
            if (t.kind == Tok::End) fail(t, "expected '}' to close " + what + ", got end of file");
            items.push_back(item());
        }
    }

    Item item() {
        Token kw = peek();
        Item it;
        it.loc = loc(kw);
        if (kw.kind != Tok::Ident) fail(kw, "expected a declaration, rule or property, got " + describe(kw));
        const std::string_view w = kw.text;
        if (w == "input" || w == "output" || w == "internal") {
            take();
            it.rule_kind = w == "input" ? TransitionKind::Input : w == "output" ? TransitionKind::Output : TransitionKind::Internal;
            expect_word("rule", "after '" + std::string(w) + "'");
            return rule(std::move(it));
        }
        take();
        if (w == "rule") return rule(std::move(it));
        if (w == "param") {
            it.kind = ItemKind::Param;
            declared_name(it, "a parameter name");
            if (peek().is(":")) {
                take();
                Token k = take();
                if (k.word("int")) it.param_kind = ParamKind::Int;
                else if (k.word("bool")) it.param_kind = ParamKind::Bool;
                else if (k.word("type")) it.param_kind = ParamKind::Type;
                else if (k.word("string")) it.param_kind = ParamKind::String;
                else fail(k, "expected a parameter kind (int, bool, type or string), got " + describe(k));
                it.has_param_kind = true;
            }
            if (peek().word("in")) {
                take();
                range(it.lo, it.hi, it.inclusive);
            }
            if (peek().is("=")) {
                Token eq = take();
                it.init.loc = loc(eq);
                if (it.param_kind == ParamKind::Type) it.type = type();
                else it.init.expr = expr();
            }
            expect(";", "after the parameter declaration");
            return it;
        }
        if (w == "let") {
            it.kind = ItemKind::Let;
            declared_name(it, "a name");
            expect("=", "after the name of the let");
            it.expr = expr();
            expect(";", "after the let");
            return it;
        }
        if (w == "const" || w == "var" || w == "in" || w == "out" || w == "wire" || w == "def") {
            it.kind = w == "const" ? ItemKind::Const : w == "var" ? ItemKind::Var : w == "in" ? ItemKind::In
                    : w == "out" ? ItemKind::Out : w == "wire" ? ItemKind::Wire : ItemKind::Def;
            declared_name(it, "a name");
            expect(":", "and a type after the name '" + it.name + "'");
            it.type = type();
            if (it.kind == ItemKind::Def) {
                expect("=", "and the defining expression after the type of '" + it.name + "'");
                it.expr = expr();
            } else if (peek().is("=")) {
                Token eq = take();
                if (it.kind == ItemKind::In || it.kind == ItemKind::Wire)
                    fail(eq, std::string("an ") + (it.kind == ItemKind::In ? "input port" : "wire") +
                                 " has no initial value (it is driven from elsewhere)");
                it.init = init(eq);
            } else if (it.kind == ItemKind::Const) {
                fail(peek(), "expected '=' and the value of constant '" + it.name + "', got " + describe(peek()));
            }
            expect(";", "after the declaration of '" + it.name + "'");
            return it;
        }
        if (w == "channel" || w == "send" || w == "recv") {
            it.kind = w == "channel" ? ItemKind::Channel : w == "send" ? ItemKind::Send : ItemKind::Recv;
            declared_name(it, "a channel name");
            expect(":", "and a protocol (4phase or 2phase) after the channel name");
            Token p = take();
            if (p.text == "4phase") it.protocol = ChannelProtocol::FourPhase;
            else if (p.text == "2phase") it.protocol = ChannelProtocol::TwoPhase;
            else fail(p, "expected a channel protocol (4phase or 2phase), got " + describe(p));
            if (peek().is("(")) {
                Token open = take();
                it.type = type();
                close(")", open);
            }
            expect(";", "after the channel declaration");
            return it;
        }
        if (w == "instance") {
            it.kind = ItemKind::Instance;
            declared_name(it, "an instance name");
            if (peek().is("[")) {
                Token open = take();
                it.name_index = expr();
                close("]", open);
            }
            expect(":", "and a module name after the instance name");
            Token m = ident("a module name");
            it.module = m.value;
            it.module_loc = loc(m);
            if (peek().is("<")) {
                Token open = take();
                ++angle_;
                if (!peek().is(">")) it.params = bindings(true);
                --angle_;
                close(">", open);
            }
            if (peek().is("(")) {
                Token open = take();
                if (!peek().is(")")) it.ports = bindings(false);
                close(")", open);
            }
            expect(";", "after the instance");
            return it;
        }
        if (w == "deadlock_free") {
            it.kind = ItemKind::DeadlockFree;
            expect(";", "after 'deadlock_free'");
            return it;
        }
        if (w == "quiescent") {
            it.kind = ItemKind::Quiescent;
            if (peek().word("within")) {
                take();
                it.expr = expr();
            }
            expect(";", "after 'quiescent'");
            return it;
        }
        if (w == "invariant") {
            it.kind = ItemKind::Invariant;
            declared_name(it, "an invariant name");
            if (peek().is("[")) {
                Token open = take();
                it.name_index = expr();
                close("]", open);
            }
            expect(":", "after the invariant name");
            std::size_t start = peek().pos;
            it.expr = expr();
            it.text = text_.substr(start, last_end_ - start);
            expect(";", "after the invariant");
            return it;
        }
        if (w == "response" || w == "cover") {
            const bool response = w == "response";
            it.kind = response ? ItemKind::Response : ItemKind::Cover;
            declared_name(it, response ? "a response property name" : "a cover property name");
            if (peek().is("[")) {
                Token open = take();
                it.name_index = expr();
                close("]", open);
            }
            expect(":", response ? "after the response property name" : "after the cover property name");
            std::size_t start = peek().pos;
            it.expr = expr();
            if (response) {
                expect("~>", "between the trigger and the goal of a response property (`P ~> Q`: always P implies eventually Q)");
                it.goal = expr();
            }
            it.text = text_.substr(start, last_end_ - start);
            expect(";", response ? "after the response property" : "after the cover property");
            return it;
        }
        if (w == "handshake") {
            it.kind = ItemKind::Handshake;
            it.expr = expr();
            expect(";", "after the handshake property");
            return it;
        }
        if (w == "for") {
            it.kind = ItemKind::For;
            Token v = ident("a loop variable");
            it.var = v.value;
            it.name_loc = loc(v);
            expect_word("in", "after the loop variable");
            range(it.lo, it.hi, it.inclusive);
            Token open = expect("{", "to open the loop body");
            it.items = nested_items(open, "the loop body");
            return it;
        }
        if (w == "if") return generate_if(std::move(it));
        if (w == "assert") {
            it.kind = ItemKind::Assert;
            it.expr = expr();
            if (peek().is(",")) {
                take();
                Token s = take();
                if (s.kind != Tok::String) fail(s, "expected a message in double quotes, got " + describe(s));
                it.text = s.value;
            }
            expect(";", "after the assertion");
            return it;
        }
        fail(kw, "expected a declaration, rule or property, got " + describe(kw));
    }

    std::vector<Item> nested_items(const Token& open, const std::string& what) {
        Nest guard(*this, open.pos);
        (void)open;
        return items_until_close(what);
    }

    Item generate_if(Item it) {
        it.kind = ItemKind::If;
        it.expr = expr();
        Token open = expect("{", "to open the body of the 'if'");
        it.items = nested_items(open, "the body of the 'if'");
        if (peek().word("else")) {
            take();
            if (peek().word("if")) {
                Token t = take();
                Item inner;
                inner.loc = loc(t);
                Nest guard(*this, t.pos);
                it.else_items.push_back(generate_if(std::move(inner)));
            } else {
                Token o = expect("{", "or 'if' after 'else'");
                it.else_items = nested_items(o, "the 'else' body");
            }
        }
        return it;
    }

    void declared_name(Item& it, const std::string& what) {
        Token n = ident(what);
        it.name = n.value;
        it.name_loc = loc(n);
    }

    void range(ENodePtr& lo, ENodePtr& hi, bool& inclusive) {
        lo = expr();
        const Token& t = peek();
        if (!t.is("..") && !t.is("..="))
            fail(t, "expected '..' (half-open) or '..=' (inclusive) in the range, got " + describe(t));
        inclusive = take().is("..=");
        hi = expr();
    }

    void close(std::string_view c, const Token& open) {
        const Token& t = peek();
        if (t.is(c)) {
            take();
            return;
        }
        Origin o = src_.at_offset(open.pos);
        fail(t, "expected '" + std::string(c) + "' to close the '" + std::string(open.text) + "' at line " +
                    std::to_string(o.line) + " column " + std::to_string(o.col) + ", got " + describe(t));
    }

    Init init(const Token& eq) {
        Init in;
        in.loc = loc(eq);
        if (peek().is("{")) {
            Token open = take();
            in.is_list = true;
            if (!peek().is("}")) {
                for (;;) {
                    in.list.push_back(expr());
                    if (!peek().is(",")) break;
                    take();
                    if (peek().is("}")) break;  // trailing comma
                }
            }
            close("}", open);
        } else {
            in.expr = expr();
        }
        return in;
    }

    bool looks_like_type() {
        const Token& t = peek();
        if (t.kind != Tok::Ident) return false;
        bool bad = false;
        if (t.text == "u" || t.text == "s") return peek2().is("<");
        if (type_name(t.text, bad) || bad) return !peek2().is("(");
        return false;
    }

    std::vector<Binding> bindings(bool params) {
        std::vector<Binding> out;
        for (;;) {
            Token n = ident(params ? "a parameter name" : "a port name");
            Binding b;
            b.name = n.value;
            b.loc = loc(n);
            expect("=", "after '" + b.name + "' in the binding");
            if (params && looks_like_type()) b.type = type();
            else b.value = expr();
            out.push_back(std::move(b));
            if (!peek().is(",")) break;
            take();
        }
        return out;
    }

    TypePtr type() {
        auto t = std::make_shared<TypeAst>();
        Token n = peek();
        t->loc = loc(n);
        if (n.kind != Tok::Ident) fail(n, "expected a type (bool, u8, s16, u<N>, ...), got " + describe(n));
        take();
        bool bad = false;
        if ((n.text == "u" || n.text == "s") && peek().is("<")) {
            Token open = take();
            ++angle_;
            t->width = expr();
            --angle_;
            close(">", open);
            t->kind = n.text == "u" ? TypeAst::Kind::Unsigned : TypeAst::Kind::Signed;
        } else if (auto known = type_name(n.text, bad)) {
            t->kind = known->is_bool() ? TypeAst::Kind::Bool
                    : known->is_signed() ? TypeAst::Kind::Signed : TypeAst::Kind::Unsigned;
            if (!known->is_bool()) {
                auto w = std::make_shared<ENode>();
                w->kind = EK::Int;
                w->loc = t->loc;
                w->magnitude = known->width;
                w->text = std::to_string(known->width);
                t->width = w;
            }
        } else if (bad) {
            fail(n, "invalid type '" + std::string(n.text) + "' (bit-vector types are u1..u64 and s1..s64)");
        } else {
            if (n.word("int") || n.word("string"))
                fail(n, "'" + std::string(n.text) + "' is a parameter kind, not a variable type (use bool, uN or sN)");
            t->kind = TypeAst::Kind::Named;
            t->name = n.value;
        }
        if (peek().is("[")) {
            Token open = take();
            int saved = angle_;
            angle_ = 0;
            t->length = expr();
            angle_ = saved;
            close("]", open);
        }
        return t;
    }

    // ---- rule bodies ---------------------------------------------------------------------------
    Item rule(Item it) {
        it.kind = ItemKind::Rule;
        declared_name(it, "a rule name");
        if (peek().is("[")) {
            Token open = take();
            it.name_index = expr();
            close("]", open);
        }
        if (peek().word("energy")) {
            take();
            it.energy = expr();
        }
        if (peek().word("when")) {
            take();
            it.expr = expr();
        }
        Token open = expect("{", "to open the body of rule '" + it.name + "'");
        Nest guard(*this, open.pos);
        it.body = stmts_until_close("rule '" + it.name + "'");
        return it;
    }

    std::vector<Stmt> stmts_until_close(const std::string& what) {
        std::vector<Stmt> out;
        for (;;) {
            const Token& t = peek();
            if (t.is("}")) {
                take();
                return out;
            }
            if (t.kind == Tok::End) fail(t, "expected '}' to close " + what + ", got end of file");
            out.push_back(stmt());
        }
    }

    Stmt stmt() {
        const Token& t = peek();
        Stmt s;
        s.loc = loc(t);
        if (t.word("for")) {
            take();
            s.kind = Stmt::Kind::For;
            s.var = ident("a loop variable").value;
            expect_word("in", "after the loop variable");
            range(s.lo, s.hi, s.inclusive);
            Token open = expect("{", "to open the loop body");
            Nest guard(*this, open.pos);
            s.body = stmts_until_close("the loop body");
            return s;
        }
        if (t.word("if")) {
            take();
            return stmt_if(std::move(s));
        }
        s.kind = Stmt::Kind::Assign;
        s.target = postfix();
        const Token& op = peek();
        if (op.is("=")) fail(op, "expected ':=' in an assignment (rules assign with ':='), got '='");
        expect(":=", "in the assignment");
        s.value = expr();
        expect(";", "after the assignment");
        return s;
    }

    Stmt stmt_if(Stmt s) {
        s.kind = Stmt::Kind::If;
        s.cond = expr();
        Token open = expect("{", "to open the body of the 'if'");
        {
            Nest guard(*this, open.pos);
            s.body = stmts_until_close("the body of the 'if'");
        }
        if (peek().word("else")) {
            take();
            if (peek().word("if")) {
                Token t = take();
                Stmt inner;
                inner.loc = loc(t);
                Nest guard(*this, t.pos);
                s.else_body.push_back(stmt_if(std::move(inner)));
            } else {
                Token o = expect("{", "or 'if' after 'else'");
                Nest guard(*this, o.pos);
                s.else_body = stmts_until_close("the 'else' body");
            }
        }
        return s;
    }

    // ---- expressions ---------------------------------------------------------------------------
    struct Nest {
        Parser& p;
        Nest(Parser& parser, std::size_t pos) : p(parser) {
            if (++p.nesting_ > kMaxNesting) p.fail_at(pos, "nested too deeply");
        }
        ~Nest() { --p.nesting_; }
    };

    std::shared_ptr<ENode> node(EK k, const Token& at, std::vector<ENodePtr> kids = {}) {
        auto n = std::make_shared<ENode>();
        n->kind = k;
        n->loc = loc(at);
        n->start = kids.empty() ? n->loc : kids[0]->start;
        for (const ENodePtr& kid : kids) n->depth = std::max(n->depth, kid->depth + 1);
        if (n->depth > kMaxTreeDepth) fail(at, "expression nested too deeply");
        n->kids = std::move(kids);
        return n;
    }

    ENodePtr expr() {
        Nest guard(*this, peek().pos);
        const Token& t = peek();
        if (t.word("forall") || t.word("exists")) {
            Token q = take();
            Token v = ident("a bound variable");
            expect_word("in", "after the bound variable");
            ENodePtr lo, hi;
            bool inclusive = false;
            range(lo, hi, inclusive);
            expect(":", "after the range of '" + std::string(q.text) + "'");
            ENodePtr body = expr();
            auto n = node(EK::Quant, q, {lo, hi, body});
            n->start = loc(q);
            n->text = q.text;
            n->var = v.value;
            n->inclusive = inclusive;
            return n;
        }
        ENodePtr cond = binary(1);
        if (!peek().is("?")) return cond;
        Token q = take();
        ENodePtr a = expr();
        const Token& colon = peek();
        if (!colon.is(":")) {
            Origin o = src_.at_offset(q.pos);
            fail(colon, "expected ':' of the '?' at line " + std::to_string(o.line) + " column " + std::to_string(o.col) +
                            ", got " + describe(colon));
        }
        take();
        ENodePtr b = expr();
        return node(EK::Ite, q, {cond, a, b});
    }

    const BinaryOp* find_binary(const Token& t) const {
        if (t.kind != Tok::Punct) return nullptr;
        if (angle_ > 0 && (t.is(">") || t.is(">>") || t.is(">="))) return nullptr;
        return find_binary_op(t.text);  // the one operator table (spec/lower_expr.hpp)
    }

    ENodePtr binary(int min_level) {
        ENodePtr lhs = unary();
        for (;;) {
            const BinaryOp* b = find_binary(peek());
            if (!b || b->level < min_level) return lhs;
            Token op = take();
            ENodePtr rhs;
            if (b->level == 1) {
                Nest guard(*this, op.pos);
                rhs = binary(1);
            } else {
                rhs = binary(b->level + 1);
            }
            auto n = node(EK::Binary, op, {lhs, rhs});
            n->text = op.text;
            lhs = n;
        }
    }

    ENodePtr unary() {
        const Token& t = peek();
        if (!(t.is("!") || t.is("~") || t.is("-"))) return postfix();
        Token op = take();
        if (op.is("-") && peek().kind == Tok::Number) {
            auto n = literal(take(), true);
            n->loc = loc(op);
            n->start = n->loc;
            return n;
        }
        Nest guard(*this, op.pos);
        auto n = node(EK::Unary, op, {unary()});
        n->start = loc(op);
        n->text = op.text;
        return n;
    }

    std::shared_ptr<ENode> literal(const Token& num, bool negative) {
        std::string_view s = num.text;
        lex::NumberLiteral lit;
        if (std::string err = lex::scan_number(s, lit); !err.empty()) fail(num, err);
        const std::uint64_t v = lit.magnitude;
        const std::optional<Type> suffix = lit.suffix;
        auto n = node(EK::Int, num);
        n->magnitude = v;
        n->negative = negative;
        n->suffix = suffix;
        n->text = (negative ? "-" : "") + std::string(s);
        return n;
    }

    ENodePtr postfix() {
        ENodePtr e = primary();
        for (;;) {
            const Token& t = peek();
            if (t.is("[")) {
                Token open = take();
                int saved = angle_;
                angle_ = 0;
                ENodePtr index = expr();
                angle_ = saved;
                close("]", open);
                e = node(EK::Index, open, {e, index});
            } else if (t.is(".")) {
                take();
                Token m = ident("a member name after '.'");
                auto n = node(EK::Member, m, {e});
                n->text = m.value;
                e = n;
            } else {
                return e;
            }
        }
    }

    // `u<W>(e)` / `s<W>(e)`: tried after the name u/s when '<' follows; when what follows is not
    // `<expr>(`, the parser backs up and reads a comparison instead.
    ENodePtr parametric_cast(const Token& t) {
        const std::size_t save_pos = pos_, save_end = last_end_;
        const std::optional<Token> save_ahead = ahead_;
        const int save_angle = angle_;
        try {
            take();  // '<'
            ++angle_;
            ENodePtr width = expr();
            --angle_;
            if (peek().is(">")) {
                take();
                if (peek().is("(")) {
                    Token open = take();
                    int saved = angle_;
                    angle_ = 0;
                    ENodePtr arg = expr();
                    angle_ = saved;
                    close(")", open);
                    auto n = node(EK::Cast, t, {arg});
                    n->start = n->loc;
                    n->cast_to = t.word("u") ? Type::uint(1) : Type::sint(1);
                    n->cast_width = width;
                    return n;
                }
            }
        } catch (const SourceError&) {
        }
        pos_ = save_pos;
        last_end_ = save_end;
        ahead_ = save_ahead;
        angle_ = save_angle;
        return nullptr;
    }

    ENodePtr primary() {
        Token t = take();
        switch (t.kind) {
            case Tok::Number: return literal(t, false);
            case Tok::String: {
                auto n = node(EK::String, t);
                n->text = t.value;
                return n;
            }
            case Tok::Ident:
                if ((t.word("u") || t.word("s")) && peek().is("<")) {
                    if (ENodePtr cast = parametric_cast(t)) return cast;
                }
                if (t.word("true") || t.word("false")) {
                    auto n = node(EK::Bool, t);
                    n->truth = t.word("true");
                    return n;
                }
                if (peek().is("(")) {
                    bool bad = false;
                    std::optional<Type> to = type_name(t.text, bad);
                    if (bad) fail(t, "invalid type '" + std::string(t.text) + "' (bit-vector types are u1..u64 and s1..s64)");
                    Token open = take();
                    Nest guard(*this, open.pos);
                    int saved = angle_;
                    angle_ = 0;
                    std::vector<ENodePtr> args;
                    if (!peek().is(")")) {
                        for (;;) {
                            args.push_back(expr());
                            if (!peek().is(",")) break;
                            take();
                        }
                    }
                    angle_ = saved;
                    close(")", open);
                    if (to) {
                        if (args.size() != 1)
                            fail(t, "a cast takes one operand, as in " + std::string(t.text) + "(x); got " +
                                        std::to_string(args.size()));
                        auto n = node(EK::Cast, t, {args[0]});
                        n->start = n->loc;
                        n->cast_to = *to;
                        return n;
                    }
                    auto n = node(EK::Call, t, std::move(args));
                    n->start = n->loc;
                    n->text = t.value;
                    return n;
                }
                [[fallthrough]];
            case Tok::Quoted: {
                if (t.word("forall") || t.word("exists"))
                    fail(t, "'" + std::string(t.text) + "' must start an expression (put it in parentheses)");
                auto n = node(EK::Name, t);
                n->text = t.value;
                return n;
            }
            case Tok::Punct:
                if (t.is("(")) {
                    int saved = angle_;
                    angle_ = 0;
                    ENodePtr inner = expr();
                    angle_ = saved;
                    close(")", t);
                    return inner;
                }
                break;
            case Tok::End: break;
        }
        fail(t, "expected an expression, got " + describe(t));
    }

    const SourceText& src_;
    const std::string& text_;
    std::uint32_t file_;
    std::size_t pos_ = 0;
    std::size_t last_end_ = 0;
    std::optional<Token> ahead_;
    int nesting_ = 0;
    int angle_ = 0;  // inside <...>: '>' closes rather than compares
};

}  // namespace

FileAst parse_np(const SourceText& text, std::uint32_t file_index) {
    Parser p(text, file_index);
    return p.parse_file();
}

}  // namespace np::lang
