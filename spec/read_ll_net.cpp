#include "spec/read_ll_net.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace np {
namespace {

constexpr std::int64_t kMaxNumber = std::numeric_limits<std::int32_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_word(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string quote(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7f) return std::string{'\'', c, '\''};
    char buf[8];
    std::snprintf(buf, sizeof buf, "'\\x%02X'", u);
    return buf;
}

std::string quote(std::string_view word) {
    constexpr std::size_t kShown = 32;
    if (word.size() > kShown) return "'" + std::string(word.substr(0, kShown)) + "...'";
    return "'" + std::string(word) + "'";
}

// What a line of a block means to the net.
enum class Role : std::uint8_t { Skip, Places, Transitions, TransPlace, PlaceTrans, ReadArcs, OtherArcs };

// The fields a block accepts: letters by value type, and whether quoted names, plain numbers
// (identifiers) and number pairs (coordinates or arc endpoints) may occur.
struct FieldTable {
    std::string_view strings, coords, numbers, flags;
    bool names, idents, pairs;
};

enum class FieldType : std::uint8_t { None, String, Coords, Number, Flag };

FieldType field_type(const FieldTable& t, char c) {
    if (t.strings.find(c) != std::string_view::npos) return FieldType::String;
    if (t.coords.find(c) != std::string_view::npos) return FieldType::Coords;
    if (t.numbers.find(c) != std::string_view::npos) return FieldType::Number;
    if (t.flags.find(c) != std::string_view::npos) return FieldType::Flag;
    return FieldType::None;
}

constexpr FieldTable kNodeDefaults{"", "na", "st", "", false, false, false};
constexpr FieldTable kArcDefaults{"", "n", "tw", "", false, false, false};
constexpr FieldTable kBlockFields{"bRTu", "nNaA", "", "", true, true, true};
constexpr FieldTable kPlaceFields{"bZzyRuT", "nNaAB", "Mmkvstc", "ex", true, true, true};
constexpr FieldTable kTransFields{"buPgRiT", "nNaAhHj", "vstc", "Sr", true, true, true};
constexpr FieldTable kPhantomFields{"buPgRiT", "nNaAhHj", "vstc", "r", true, true, true};
constexpr FieldTable kArcFields{"p", "J,nNqQ", "wvtc", "", false, false, true};
constexpr FieldTable kTextFields{"", "N", "", "", true, false, false};

struct BlockInfo {
    std::string_view name;
    bool optional;
    bool entry_on_keyword_line;
    const FieldTable* fields;
    Role role;
};

constexpr std::array<BlockInfo, 14> kBlocks{{
    {"DBL", true, true, &kNodeDefaults, Role::Skip},
    {"DPL", true, true, &kNodeDefaults, Role::Skip},
    {"DTR", true, true, &kNodeDefaults, Role::Skip},
    {"DPT", true, true, &kArcDefaults, Role::Skip},
    {"BL", true, false, &kBlockFields, Role::Skip},
    {"PL", false, false, &kPlaceFields, Role::Places},
    {"TR", false, false, &kTransFields, Role::Transitions},
    {"PTR", true, false, &kPhantomFields, Role::Skip},
    {"TP", false, false, &kArcFields, Role::TransPlace},
    {"PT", false, false, &kArcFields, Role::PlaceTrans},
    {"RA", true, false, &kArcFields, Role::ReadArcs},
    {"PTP", true, false, &kArcFields, Role::OtherArcs},
    {"PPT", true, false, &kArcFields, Role::OtherArcs},
    {"TX", true, false, &kTextFields, Role::Skip},
}};

struct Number {
    std::int64_t value = 0;
    std::uint32_t col = 0;
};

// The fields of one entity line that matter to the net; the last occurrence of a field wins.
struct Entity {
    std::uint32_t col = 0;
    std::optional<Number> ident;
    std::optional<std::string_view> name;
    std::optional<Number> from, to;  // arc endpoints as written, left and right of the operator
    std::optional<Number> marking, capacity, weight;
};

// A position in one line of the source.
class Cursor {
public:
    Cursor(std::string_view text, std::uint32_t line) : text_(text), line_(line) {}
    std::uint32_t line() const { return line_; }
    std::uint32_t col() const { return static_cast<std::uint32_t>(i_ + 1); }
    char peek() const { return i_ < text_.size() ? text_[i_] : '\0'; }
    bool at_line_end() const { return i_ >= text_.size(); }
    // No field follows: end of line or a comment.
    bool done() const { return at_line_end() || text_[i_] == '%'; }
    void advance() { ++i_; }
    void skip_blanks() {
        while (i_ < text_.size() && is_blank(text_[i_])) ++i_;
    }
    std::string_view word() {
        std::size_t b = i_;
        while (i_ < text_.size() && is_word(text_[i_])) ++i_;
        return text_.substr(b, i_ - b);
    }
    // Rest of the line up to `c`, consuming it; nullopt (consuming nothing) when absent.
    std::optional<std::string_view> until(char c) {
        std::size_t e = text_.find(c, i_);
        if (e == std::string_view::npos) return std::nullopt;
        std::string_view s = text_.substr(i_, e - i_);
        i_ = e + 1;
        return s;
    }
    // Two uppercase letters after the indentation: the line starts a block.
    bool at_keyword() const { return i_ + 1 < text_.size() && is_upper(text_[i_]) && is_upper(text_[i_ + 1]); }

private:
    std::string_view text_;
    std::uint32_t line_;
    std::size_t i_ = 0;
};

class Parser {
public:
    explicit Parser(const SourceText& src) : src_(src), text_(src.text()) {}

    PetriNet run() {
        net_.file = src_.file();
        net_.name = std::filesystem::path(src_.file()).stem().string();
        net_.is_stg = false;
        header();
        while (auto c = next_line()) {
            if (c->at_keyword()) {
                keyword(*c);
            } else if (!block_) {
                fail(*c, c->col(), "expected a block keyword such as 'PL'");
            } else {
                entity(*c, kBlocks[*block_]);
            }
        }
        for (std::size_t j = next_block_; j < kBlocks.size(); ++j)
            if (!kBlocks[j].optional) fail_at_end("missing block " + quote(kBlocks[j].name));
        return std::move(net_);
    }

private:
    const SourceText& src_;
    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint32_t line_no_ = 0;
    PetriNet net_;

    std::size_t next_block_ = 0;        // index in kBlocks of the first block that may still come
    std::optional<std::size_t> block_;  // the block being read

    std::uint32_t place_count_ = 0, transition_count_ = 0;
    bool autonumbering_ = true;
    std::unordered_map<std::int64_t, std::uint32_t> place_index_, transition_index_;
    std::unordered_map<std::uint64_t, std::size_t> pre_arc_, post_arc_;  // (t, p) -> position in pre/post
    std::unordered_set<std::uint64_t> read_arc_;

    [[noreturn]] void fail(const Cursor& c, std::uint32_t col, const std::string& message) const {
        src_.fail(c.line(), col, message);
    }

    // Fails just after the last character of the file.
    [[noreturn]] void fail_at_end(const std::string& message) const {
        std::size_t end = text_.size();
        if (end > 0 && text_[end - 1] == '\n') --end;
        if (end > 0 && text_[end - 1] == '\r') --end;
        Origin o = src_.at_offset(end);
        src_.fail(o.line, o.col, message);
    }

    // The next line holding a field, positioned at its first one; blank and comment lines are skipped.
    std::optional<Cursor> next_line() {
        while (pos_ < text_.size()) {
            std::size_t e = text_.find('\n', pos_);
            if (e == std::string_view::npos) e = text_.size();
            Cursor c(text_.substr(pos_, e - pos_), ++line_no_);
            pos_ = e + 1;
            c.skip_blanks();
            if (!c.done()) return c;
        }
        return std::nullopt;
    }

    void expect_line_end(Cursor& c, std::string_view after) const {
        c.skip_blanks();
        if (!c.done()) fail(c, c.col(), "unexpected text after " + quote(after));
    }

    void header() {
        auto c = next_line();
        if (!c) {
            bool blank = text_.find_first_not_of(" \t\r\n") == std::string_view::npos;
            fail_at_end(blank ? "empty file (expected the header 'PEP')" : "missing header 'PEP'");
        }
        std::uint32_t col = c->col();
        if (c->word() != "PEP") fail(*c, col, "expected the header 'PEP'");
        expect_line_end(*c, "PEP");

        c = next_line();
        if (!c) fail_at_end("missing net type 'PetriBox' or 'PTNet' after 'PEP'");
        col = c->col();
        std::string_view type = c->word();
        if (type.empty()) fail(*c, col, "expected the net type 'PetriBox' or 'PTNet'");
        if (type != "PetriBox" && type != "PTNet")
            fail(*c, col, "unknown net type " + quote(type) + " (expected 'PetriBox' or 'PTNet')");
        expect_line_end(*c, type);

        c = next_line();
        if (!c) fail_at_end("missing format line 'FORMAT_N' or 'FORMAT_N2'");
        col = c->col();
        std::string_view format = c->word();
        if (!format.starts_with("FORMAT_N")) fail(*c, col, "expected 'FORMAT_N' or 'FORMAT_N2'");
        expect_line_end(*c, format);
    }

    void keyword(Cursor& c) {
        std::uint32_t col = c.col();
        std::string_view name = c.word();
        std::size_t i = 0;
        while (i < kBlocks.size() && kBlocks[i].name != name) ++i;
        if (i == kBlocks.size()) fail(c, col, "unknown block keyword " + quote(name));
        if (i < next_block_) {
            if (block_ == i) fail(c, col, "repeated block " + quote(name));
            fail(c, col, "block " + quote(name) + " out of order: it comes before " + quote(kBlocks[*block_].name));
        }
        for (std::size_t j = next_block_; j < i; ++j)
            if (!kBlocks[j].optional)
                fail(c, col, "missing block " + quote(kBlocks[j].name) + " before " + quote(name));
        next_block_ = i + 1;
        block_ = i;
        if (kBlocks[i].entry_on_keyword_line) {
            c.skip_blanks();
            if (!c.done()) entity(c, kBlocks[i]);
        } else {
            expect_line_end(c, name);
        }
    }

    Number number(Cursor& c, const std::string& after) const {
        Number n{0, c.col()};
        bool negative = c.peek() == '-';
        if (negative) c.advance();
        if (!is_digit(c.peek()))
            fail(c, c.col(), negative ? "expected a digit after '-'" : "expected a number after " + after);
        while (is_digit(c.peek())) {
            n.value = n.value * 10 + (c.peek() - '0');
            if (n.value > kMaxNumber) fail(c, n.col, "number too large");
            c.advance();
        }
        if (negative) n.value = -n.value;
        return n;
    }

    std::string_view quoted(Cursor& c) const {
        std::uint32_t col = c.col();
        char delimiter = c.peek();
        c.advance();
        auto s = c.until(delimiter);
        if (!s) fail(c, col, "unterminated string");
        return *s;
    }

    Entity fields(Cursor& c, const BlockInfo& block) const {
        const FieldTable& table = *block.fields;
        Entity e;
        e.col = c.col();
        for (c.skip_blanks(); !c.done(); c.skip_blanks()) {
            char ch = c.peek();
            std::uint32_t col = c.col();
            if (is_digit(ch) || ch == '-') {
                Number a = number(c, "");
                c.skip_blanks();
                char op = c.peek();
                if (op == '@' || op == '<' || op == '>') {
                    std::uint32_t op_col = c.col();
                    c.advance();
                    c.skip_blanks();
                    Number b = number(c, quote(op));
                    pair(c, block, e, a, op, op_col, b);
                } else {
                    if (!table.idents) fail(c, col, "unexpected number in " + std::string(block.name));
                    if (e.ident) fail(c, col, "second identifier on one line");
                    e.ident = a;
                }
                continue;
            }
            if (ch == '"' || ch == '\'') {
                if (!table.names) fail(c, col, "unexpected string in " + std::string(block.name));
                e.name = quoted(c);
                continue;
            }
            FieldType type = field_type(table, ch);
            if (type == FieldType::None) {
                std::string what = is_alpha(ch) ? "unknown field " : "unexpected character ";
                fail(c, col, what + quote(ch) + " in " + std::string(block.name));
            }
            c.advance();
            if (type == FieldType::Flag) continue;
            c.skip_blanks();
            if (type == FieldType::String) {
                if (c.peek() != '"' && c.peek() != '\'')
                    fail(c, c.col(), "expected a quoted string after " + quote(ch));
                quoted(c);
            } else if (type == FieldType::Coords) {
                number(c, quote(ch));
                c.skip_blanks();
                if (c.peek() != '@') fail(c, c.col(), "expected '@' in the coordinates of " + quote(ch));
                c.advance();
                c.skip_blanks();
                number(c, "'@'");
            } else {
                Number n = number(c, quote(ch));
                n.col = col;
                if (ch == 'M') e.marking = n;
                if (ch == 'k') e.capacity = n;
                if (ch == 'w') e.weight = n;
            }
        }
        return e;
    }

    void pair(const Cursor& c, const BlockInfo& block, Entity& e, Number a, char op, std::uint32_t op_col,
              Number b) const {
        const std::string name(block.name);
        if (!block.fields->pairs) fail(c, a.col, "unexpected coordinates in " + name);
        switch (block.role) {
            case Role::TransPlace:
                if (op != '<') fail(c, op_col, "TP arcs are written t<p (transition, then place)");
                break;
            case Role::PlaceTrans:
                if (op != '>') fail(c, op_col, "PT arcs are written p>t (place, then transition)");
                break;
            case Role::ReadArcs:
                if (op != '<') fail(c, op_col, "read arcs are written t<p (transition, then place)");
                break;
            case Role::OtherArcs:
                break;
            default:
                if (op != '@') fail(c, op_col, "expected coordinates x@y in " + name);
                return;
        }
        if (e.from) fail(c, a.col, "second arc on one line");
        e.from = a;
        e.to = b;
    }

    void entity(Cursor& c, const BlockInfo& block) {
        Entity e = fields(c, block);
        switch (block.role) {
            case Role::Places: add_place(c, e); break;
            case Role::Transitions: add_transition(c, e); break;
            case Role::TransPlace:
            case Role::PlaceTrans:
            case Role::ReadArcs: add_arc(c, e, block.role); break;
            default: break;
        }
    }

    // readpep's numbering: `count` counts the entities of the kind so far.
    std::int64_t identifier(const Cursor& c, const Entity& e, std::uint32_t count, const char* kind) {
        if (e.ident) {
            if (e.ident->value < 1) fail(c, e.ident->col, std::string(kind) + " identifier must be at least 1");
            if (e.ident->value != count) autonumbering_ = false;
            return e.ident->value;
        }
        if (!autonumbering_) fail(c, e.col, "missing " + std::string(kind) + " identifier");
        return count;
    }

    [[noreturn]] void duplicate(const Cursor& c, const Entity& e, std::int64_t id, std::uint32_t first_line,
                                const char* kind) const {
        fail(c, e.ident ? e.ident->col : e.col,
             std::string(kind) + " identifier " + std::to_string(id) + " used twice (first on line " +
                 std::to_string(first_line) + ")");
    }

    void add_place(const Cursor& c, const Entity& e) {
        std::int64_t id = identifier(c, e, ++place_count_, "place");
        if (auto it = place_index_.find(id); it != place_index_.end())
            duplicate(c, e, id, net_.places[it->second].origin.line, "place");
        Place p;
        p.name = e.name ? to_valid_utf8(*e.name) : "p" + std::to_string(id);
        p.origin = Origin{src_.file(), c.line(), e.col, {}};
        if (e.capacity) {
            if (e.capacity->value < 1) fail(c, e.capacity->col, "capacity must be at least 1");
            p.capacity = static_cast<std::uint32_t>(e.capacity->value);
        }
        if (e.marking) {
            if (e.marking->value < 0) fail(c, e.marking->col, "negative initial marking");
            if (e.marking->value > p.capacity)
                fail(c, e.marking->col,
                     "initial marking " + std::to_string(e.marking->value) + " exceeds the capacity " +
                         std::to_string(p.capacity) + " of place '" + p.name + "'" +
                         (e.capacity ? "" : " (set a capacity with k)"));
            p.initial = static_cast<std::uint32_t>(e.marking->value);
        }
        place_index_.emplace(id, static_cast<std::uint32_t>(net_.places.size()));
        net_.places.push_back(std::move(p));
    }

    void add_transition(const Cursor& c, const Entity& e) {
        if (transition_count_ == 0) autonumbering_ = true;
        std::int64_t id = identifier(c, e, ++transition_count_, "transition");
        if (auto it = transition_index_.find(id); it != transition_index_.end())
            duplicate(c, e, id, net_.transitions[it->second].origin.line, "transition");
        NetTransition t;
        t.name = e.name ? to_valid_utf8(*e.name) : "t" + std::to_string(id);
        t.origin = Origin{src_.file(), c.line(), e.col, {}};
        transition_index_.emplace(id, static_cast<std::uint32_t>(net_.transitions.size()));
        net_.transitions.push_back(std::move(t));
    }

    void add_arc(const Cursor& c, const Entity& e, Role role) {
        const bool read = role == Role::ReadArcs;
        const std::string what = read ? "read arc" : "arc";
        if (!e.from) fail(c, e.col, what + " without endpoints (write t<p or p>t)");
        const Number& tn = role == Role::PlaceTrans ? *e.to : *e.from;
        const Number& pn = role == Role::PlaceTrans ? *e.from : *e.to;
        auto t = transition_index_.find(tn.value);
        if (t == transition_index_.end()) fail(c, tn.col, what + ": no transition " + std::to_string(tn.value));
        auto p = place_index_.find(pn.value);
        if (p == place_index_.end()) fail(c, pn.col, what + ": no place " + std::to_string(pn.value));
        NetTransition& tr = net_.transitions[t->second];
        const std::uint64_t key = (std::uint64_t{t->second} << 32) | p->second;

        if (read) {
            if (e.weight && e.weight->value != 1) fail(c, e.weight->col, "a read arc has no weight");
            if (read_arc_.insert(key).second) tr.read.push_back(p->second);
            return;
        }
        std::int64_t weight = e.weight ? e.weight->value : 1;
        if (weight < 1) fail(c, e.weight->col, "arc weight must be at least 1");
        auto& arcs = role == Role::PlaceTrans ? tr.pre : tr.post;
        auto& index = role == Role::PlaceTrans ? pre_arc_ : post_arc_;
        auto [it, added] = index.emplace(key, arcs.size());
        if (added) {
            arcs.push_back(Arc{p->second, static_cast<std::uint32_t>(weight)});
            return;
        }
        std::uint64_t total = std::uint64_t{arcs[it->second].weight} + static_cast<std::uint64_t>(weight);
        if (total > std::numeric_limits<std::uint32_t>::max())
            fail(c, e.weight ? e.weight->col : e.col, "total weight of the arcs between one place and transition is too large");
        arcs[it->second].weight = static_cast<std::uint32_t>(total);
    }
};

}  // namespace

PetriNet parse_ll_net(const SourceText& src) { return Parser(src).run(); }

PetriNet read_ll_net(const std::string& path) { return parse_ll_net(SourceText::load(path)); }

}  // namespace np
