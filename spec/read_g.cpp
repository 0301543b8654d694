#include "spec/read_g.hpp"

#include <cstdio>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace np {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c) || c == '.' || c == '[' || c == ']'; }
// Separates the words of a marking or capacity entry besides white space.
bool is_entry_punct(char c) { return c == ',' || c == '<' || c == '>' || c == '{' || c == '}' || c == '='; }

// "character 'x'" for printable ASCII, "byte 0xNN" otherwise, so that messages stay readable.
std::string describe(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7F) return std::string("character '") + c + "'";
    char buf[16];
    std::snprintf(buf, sizeof buf, "byte 0x%02X", u);
    return buf;
}

char edge_char(Edge e) {
    switch (e) {
        case Edge::Plus: return '+';
        case Edge::Minus: return '-';
        case Edge::Toggle: return '~';
        case Edge::None: break;
    }
    return '?';
}

// A node reference as written: `name`, `name/k`, `name+`, `name+/k`...
struct Ref {
    std::size_t at = 0;  // offset of its first byte
    std::string name;
    Edge edge = Edge::None;
    std::uint32_t instance = 0;
    bool has_instance = false;
};

// What a reference denotes once declarations are known.
struct Meaning {
    bool transition = false;
    std::string canonical;  // transition name (`a+/2`) or place name
    std::int32_t signal = -1;
    Edge edge = Edge::None;
};

struct Node {
    bool place = false;
    std::uint32_t index = 0;
};

class GParser {
public:
    explicit GParser(const SourceText& src) : src_(src), t_(src.text()), n_(t_.size()) {}

    PetriNet run() {
        net_.file = src_.file();
        net_.is_stg = true;
        skip_blank_lines();
        if (p_ >= n_) src_.fail(1, 1, "empty file: expected an STG");
        while (!ended_) {
            skip_blank_lines();
            if (p_ >= n_) fail_eof("unexpected end of file: missing .end");
            if (t_[p_] == '.')
                directive();
            else
                arc_line();
        }
        for (const auto& [place, at] : marked_) {
            const Place& pl = net_.places[place];
            if (pl.initial > pl.capacity)
                fail(at, "marking of '" + pl.name + "' (" + std::to_string(pl.initial) + " tokens) exceeds its capacity " +
                             std::to_string(pl.capacity) + (has_capacity_.count(place) ? "" : "; raise it with .capacity"));
        }
        if (net_.name.empty()) net_.name = std::filesystem::path(src_.file()).stem().string();
        return std::move(net_);
    }

private:
    // Arc lines are read in Graph only; After begins at the first .marking or .capacity.
    enum class Section { Header, Graph, After };
    // A name in the signal/dummy namespace.
    struct Decl {
        bool dummy = false;
        std::int32_t signal = -1;
    };

    const SourceText& src_;
    std::string_view t_;
    std::size_t n_;
    std::size_t p_ = 0;
    PetriNet net_;
    Section section_ = Section::Header;
    bool marking_seen_ = false, ended_ = false;
    std::unordered_map<std::string, Decl> decls_;
    std::unordered_map<std::string, std::uint32_t> transitions_, places_;
    std::unordered_set<std::uint64_t> pre_arcs_, post_arcs_;  // (place << 32 | transition)
    std::vector<std::pair<std::uint32_t, std::size_t>> marked_;  // place, offset of its entry
    std::unordered_set<std::uint32_t> has_capacity_;

    // --- locations and diagnostics

    [[noreturn]] void fail(std::size_t at, const std::string& message) const {
        Origin o = src_.at_offset(at);
        src_.fail(o.line, o.col, message);
    }
    // At the end of the last line (past a final line break).
    [[noreturn]] void fail_eof(const std::string& message) const {
        std::size_t end = n_;
        if (end > 0 && t_[end - 1] == '\n') --end;
        if (end > 0 && t_[end - 1] == '\r') --end;
        fail(end, message);
    }
    void warn(std::size_t at, const std::string& message) {
        Origin o = src_.at_offset(at);
        net_.warnings.push_back(src_.warning(o.line, o.col, message));
    }
    Origin origin(std::size_t at) const { return src_.at_offset(at); }

    // --- scanning

    std::size_t line_end() const {
        std::size_t e = t_.find('\n', p_);
        return e == std::string_view::npos ? n_ : e;
    }
    // Skips spaces and a comment on the current line.
    void skip_space() {
        while (p_ < n_ && is_space(t_[p_])) ++p_;
        if (p_ < n_ && t_[p_] == '#') p_ = line_end();
    }
    void skip_blank_lines() {
        for (;;) {
            skip_space();
            if (p_ < n_ && t_[p_] == '\n')
                ++p_;
            else
                return;
        }
    }
    bool at_eol() {
        skip_space();
        return p_ >= n_ || t_[p_] == '\n';
    }
    void next_line() {
        p_ = line_end();
        if (p_ < n_) ++p_;
    }
    // End of the word starting at `b`: up to white space, a line break or a comment.
    std::size_t word_end(std::size_t b) const {
        while (b < n_ && !is_space(t_[b]) && t_[b] != '\n' && t_[b] != '#') ++b;
        return b;
    }
    std::size_t entry_word_end(std::size_t b) const {
        while (b < n_ && !is_space(t_[b]) && t_[b] != '\n' && t_[b] != '#' && !is_entry_punct(t_[b])) ++b;
        return b;
    }

    std::uint32_t number(std::size_t b, std::size_t e) const {
        std::uint64_t v = 0;
        if (!parse_decimal(t_.substr(b, e - b), std::numeric_limits<std::uint32_t>::max(), v)) fail(b, "number too large");
        return static_cast<std::uint32_t>(v);
    }
    // Decimal digits at p_ (after optional spaces), or an error naming what was expected.
    std::uint32_t expect_number(const std::string& what) {
        skip_space();
        std::size_t b = p_;
        while (p_ < n_ && is_digit(t_[p_])) ++p_;
        if (p_ == b) fail(b, "expected " + what);
        return number(b, p_);
    }

    // A declared name occupying exactly [b, e).
    std::string scan_name(std::size_t b, std::size_t e) const {
        if (!is_name_start(t_[b])) fail(b, "unexpected " + describe(t_[b]));
        std::size_t q = b + 1;
        while (q < e && is_name_char(t_[q])) ++q;
        if (q < e) fail(q, "unexpected " + describe(t_[q]) + " in name");
        return std::string(t_.substr(b, e - b));
    }

    // A node reference occupying exactly [b, e), b < e.
    Ref scan_ref(std::size_t b, std::size_t e) const {
        Ref r;
        r.at = b;
        if (!is_name_start(t_[b])) fail(b, "unexpected " + describe(t_[b]));
        std::size_t q = b + 1;
        while (q < e && is_name_char(t_[q])) ++q;
        r.name = std::string(t_.substr(b, q - b));
        if (q < e && (t_[q] == '+' || t_[q] == '-' || t_[q] == '~')) {
            r.edge = t_[q] == '+' ? Edge::Plus : t_[q] == '-' ? Edge::Minus : Edge::Toggle;
            ++q;
        }
        if (q < e && t_[q] == '/') {
            std::size_t d = ++q;
            while (q < e && is_digit(t_[q])) ++q;
            if (q == d) fail(d, "expected an instance number after '/'");
            r.instance = number(d, q);
            r.has_instance = true;
        }
        if (q < e) fail(q, "unexpected " + describe(t_[q]));
        return r;
    }

    Meaning meaning(const Ref& r) const {
        auto it = decls_.find(r.name);
        std::string suffix = r.instance != 0 ? "/" + std::to_string(r.instance) : "";
        if (it == decls_.end()) {
            if (r.edge != Edge::None) fail(r.at, "undeclared signal '" + r.name + "'");
            if (r.has_instance) fail(r.at, "undeclared dummy '" + r.name + "'");
            return {false, r.name, -1, Edge::None};
        }
        if (it->second.dummy) {
            if (r.edge != Edge::None) fail(r.at, "dummy '" + r.name + "' cannot have a signal edge");
            return {true, r.name + suffix, -1, Edge::None};
        }
        Edge e = r.edge == Edge::None ? Edge::Toggle : r.edge;
        return {true, r.name + edge_char(e) + suffix, it->second.signal, e};
    }

    // --- directives

    void directive() {
        std::size_t at = p_++;
        std::size_t b = p_;
        while (p_ < n_ && (is_name_start(t_[p_]) || is_digit(t_[p_]))) ++p_;
        std::string name(t_.substr(b, p_ - b));
        if (name.empty()) fail(b, "expected a directive name after '.'");
        const std::string shown = "'." + name + "'";
        bool known = name == "model" || name == "name" || name == "inputs" || name == "outputs" || name == "internal" ||
                     name == "dummy" || name == "silent" || name == "graph" || name == "marking" || name == "capacity" ||
                     name == "initial" || name == "end";
        if (!known) {
            bool petrify = name == "mode" || name == "slowenv" || name == "time";
            warn(at, (petrify ? "directive " : "unknown directive ") + shown + " ignored");
            next_line();
            return;
        }
        if (p_ < n_ && !is_space(t_[p_]) && t_[p_] != '\n' && t_[p_] != '#' && !(name == "marking" && t_[p_] == '{'))
            fail(p_, "unexpected " + describe(t_[p_]) + " after " + shown);

        if (name == "model" || name == "name") {
            model_name(at, shown);
        } else if (name == "inputs" || name == "outputs" || name == "internal" || name == "dummy" || name == "silent") {
            if (section_ != Section::Header) fail(at, shown + " must come before .graph");
            declarations(name);
        } else if (name == "graph") {
            if (section_ != Section::Header) fail(at, "second .graph section");
            section_ = Section::Graph;
            if (!at_eol()) fail(p_, "unexpected text after '.graph'");
        } else if (name == "marking") {
            if (section_ == Section::Header) fail(at, "'.marking' must come after .graph");
            if (marking_seen_) fail(at, "second .marking");
            section_ = Section::After;
            marking_seen_ = true;
            marking();
        } else if (name == "capacity") {
            if (section_ == Section::Header) fail(at, "'.capacity' must come after .graph");
            section_ = Section::After;
            capacity();
        } else if (name == "initial") {
            initial_state();
        } else {
            end(at);
            return;
        }
        next_line();
    }

    void model_name(std::size_t at, const std::string& shown) {
        if (!net_.name.empty()) fail(at, "the net's name is given twice");
        if (at_eol()) fail(p_, "expected a name after " + shown);
        std::size_t b = p_, e = word_end(p_);
        for (std::size_t q = b; q < e; ++q)
            if (static_cast<unsigned char>(t_[q]) <= 0x20 || static_cast<unsigned char>(t_[q]) >= 0x7F)
                fail(q, "unexpected " + describe(t_[q]) + " in name");
        net_.name = std::string(t_.substr(b, e - b));
        p_ = e;
        if (!at_eol()) fail(p_, "unexpected text after the net's name");
    }

    void declarations(const std::string& kind) {
        while (!at_eol()) {
            std::size_t b = p_, e = word_end(p_);
            std::string name = scan_name(b, e);
            p_ = e;
            if (decls_.count(name)) fail(b, "duplicate declaration of '" + name + "'");
            Decl d;
            if (kind == "dummy" || kind == "silent") {
                d.dummy = true;
            } else {
                d.signal = static_cast<std::int32_t>(net_.signals.size());
                Signal s;
                s.name = name;
                s.kind = kind == "inputs" ? SignalKind::Input : kind == "outputs" ? SignalKind::Output : SignalKind::Internal;
                s.origin = origin(b);
                net_.signals.push_back(std::move(s));
            }
            decls_.emplace(std::move(name), d);
        }
    }

    void initial_state() {
        skip_space();
        std::size_t b = p_, e = word_end(p_);
        if (t_.substr(b, e - b) != "state") fail(b, "expected 'state' after '.initial'");
        p_ = e;
        while (!at_eol()) {
            std::size_t at = p_;
            bool value = true;
            if (t_[p_] == '!') {
                value = false;
                ++p_;
            }
            std::size_t ne = word_end(p_);
            if (ne == p_) fail(p_, "expected a signal name after '!'");
            std::string name = scan_name(p_, ne);
            auto it = decls_.find(name);
            if (it == decls_.end() || it->second.dummy) fail(p_, "undeclared signal '" + name + "'");
            Signal& s = net_.signals[static_cast<std::size_t>(it->second.signal)];
            if (s.initial) fail(at, "second initial value for signal '" + name + "'");
            s.initial = value;
            p_ = ne;
        }
    }

    void end(std::size_t at) {
        ended_ = true;
        if (section_ == Section::Header) fail(at, "missing .graph section");
        if (!marking_seen_) warn(at, "no .marking: every place starts empty");
        if (at_eol()) {
            next_line();
            skip_blank_lines();
        }
        if (p_ < n_) warn(p_, "text after .end ignored");
    }

    // --- the graph

    void arc_line() {
        if (section_ != Section::Graph) {
            if (!is_name_start(t_[p_])) fail(p_, "unexpected " + describe(t_[p_]));
            fail(p_, section_ == Section::Header ? "expected a directive; arcs come after '.graph'"
                                                 : "arcs must come before '.marking' and '.capacity'");
        }
        std::size_t e = word_end(p_);
        Ref src_ref = scan_ref(p_, e);
        p_ = e;
        Node src = node(src_ref);
        while (!at_eol()) {
            e = word_end(p_);
            Ref dst_ref = scan_ref(p_, e);
            p_ = e;
            arc(src, node(dst_ref), dst_ref.at);
        }
        next_line();
    }

    // The node a graph token denotes, created at its first mention.
    Node node(const Ref& r) {
        Meaning m = meaning(r);
        if (m.transition) {
            auto [it, fresh] = transitions_.try_emplace(m.canonical, static_cast<std::uint32_t>(net_.transitions.size()));
            if (fresh) {
                NetTransition t;
                t.name = m.canonical;
                t.signal = m.signal;
                t.edge = m.edge;
                t.origin = origin(r.at);
                net_.transitions.push_back(std::move(t));
            }
            return {false, it->second};
        }
        return {true, place(m.canonical, false, r.at)};
    }

    std::uint32_t place(const std::string& name, bool implicit, std::size_t at) {
        auto [it, fresh] = places_.try_emplace(name, static_cast<std::uint32_t>(net_.places.size()));
        if (fresh) {
            Place p;
            p.name = name;
            p.implicit = implicit;
            p.origin = origin(at);
            net_.places.push_back(std::move(p));
        }
        return it->second;
    }

    std::string node_name(Node n) const { return n.place ? net_.places[n.index].name : net_.transitions[n.index].name; }

    void arc(Node src, Node dst, std::size_t at) {
        if (src.place && dst.place) fail(at, "arc from place '" + node_name(src) + "' to place '" + node_name(dst) + "'");
        auto duplicate = [&] { warn(at, "duplicate arc from '" + node_name(src) + "' to '" + node_name(dst) + "' ignored"); };
        auto key = [](std::uint32_t place, std::uint32_t transition) { return std::uint64_t{place} << 32 | transition; };
        if (!src.place && !dst.place) {
            std::string name = "<" + node_name(src) + "," + node_name(dst) + ">";
            if (places_.count(name)) return duplicate();
            std::uint32_t p = place(name, true, at);
            net_.transitions[src.index].post.push_back(Arc{p, 1});
            net_.transitions[dst.index].pre.push_back(Arc{p, 1});
        } else if (src.place) {
            if (!pre_arcs_.insert(key(src.index, dst.index)).second) return duplicate();
            net_.transitions[dst.index].pre.push_back(Arc{src.index, 1});
        } else {
            if (!post_arcs_.insert(key(dst.index, src.index)).second) return duplicate();
            net_.transitions[src.index].post.push_back(Arc{dst.index, 1});
        }
    }

    // --- marking and capacity

    // Skips white space, comments and, when `lines`, line breaks.
    void skip_entry_space(bool lines) {
        skip_space();
        while (lines && p_ < n_ && t_[p_] == '\n') {
            ++p_;
            skip_space();
        }
    }

    // A transition inside `<T1,T2>`.
    std::string entry_transition(bool lines) {
        skip_entry_space(lines);
        std::size_t e = entry_word_end(p_);
        if (e == p_) fail(p_, p_ < n_ && t_[p_] != '\n' ? "unexpected " + describe(t_[p_]) : "expected a transition");
        Ref r = scan_ref(p_, e);
        p_ = e;
        Meaning m = meaning(r);
        if (!m.transition) fail(r.at, "'" + r.name + "' is not a transition");
        return m.canonical;
    }

    void expect_char(char c, bool lines, const std::string& message) {
        skip_entry_space(lines);
        if (p_ >= n_ || t_[p_] != c) fail(p_, message);
        ++p_;
    }

    // A place (PLACE or <T1,T2>) of a .marking or .capacity entry, at p_; `at` receives its offset.
    std::uint32_t entry_place(bool lines, std::size_t& at) {
        at = p_;
        if (t_[p_] == '<') {
            ++p_;
            std::string t1 = entry_transition(lines);
            expect_char(',', lines, "expected ',' between the transitions of an implicit place");
            std::string t2 = entry_transition(lines);
            expect_char('>', lines, "expected '>' closing the implicit place");
            std::string name = "<" + t1 + "," + t2 + ">";
            auto it = places_.find(name);
            if (it == places_.end()) fail(at, "no implicit place " + name);
            return it->second;
        }
        std::size_t e = entry_word_end(p_);
        if (e == p_) fail(p_, "unexpected " + describe(t_[p_]));
        Ref r = scan_ref(p_, e);
        p_ = e;
        Meaning m = meaning(r);
        if (m.signal >= 0 && r.edge == Edge::None) fail(at, "signal '" + r.name + "' used as a place");
        if (m.transition) fail(at, "'" + m.canonical + "' is a transition, not a place");
        auto it = places_.find(m.canonical);
        if (it == places_.end()) fail(at, "unknown place '" + m.canonical + "'");
        return it->second;
    }

    void marking() {
        skip_space();
        if (p_ >= n_ || t_[p_] != '{') fail(p_, "expected '{' after '.marking'");
        ++p_;
        std::unordered_set<std::uint32_t> seen;
        for (;;) {
            skip_entry_space(true);
            if (p_ >= n_) fail_eof("missing '}' closing .marking");
            if (t_[p_] == '}') break;
            if (t_[p_] == '.') fail(p_, "missing '}' closing .marking");
            std::size_t at = 0;
            std::uint32_t place = entry_place(true, at);
            std::uint32_t tokens = 1;
            skip_entry_space(true);
            if (p_ < n_ && t_[p_] == '=') {
                ++p_;
                skip_entry_space(true);
                tokens = expect_number("a number of tokens after '='");
            }
            if (!seen.insert(place).second) fail(at, "place '" + net_.places[place].name + "' is marked twice");
            net_.places[place].initial = tokens;
            marked_.emplace_back(place, at);
        }
        ++p_;
        if (!at_eol()) fail(p_, "unexpected text after '}'");
    }

    void capacity() {
        while (!at_eol()) {
            std::size_t at = 0;
            std::uint32_t place = entry_place(false, at);
            skip_space();
            if (p_ >= n_ || t_[p_] != '=') fail(p_, "expected '=' and a capacity after the place");
            ++p_;
            skip_space();
            std::size_t b = p_;
            std::uint32_t cap = expect_number("a capacity after '='");
            if (cap == 0) fail(b, "capacity must be at least 1");
            if (!has_capacity_.insert(place).second)
                fail(at, "second capacity for place '" + net_.places[place].name + "'");
            net_.places[place].capacity = cap;
        }
    }
};

}  // namespace

PetriNet parse_g(const SourceText& src) { return GParser(src).run(); }

PetriNet read_g(const std::string& path) { return parse_g(SourceText::load(path)); }

}  // namespace np
