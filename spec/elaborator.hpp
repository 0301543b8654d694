// Private to the elaborator (spec/elab_*.cpp, spec/elaborate.cpp): the state of one
// elaboration and its phases, one file each — imports (elab_imports.cpp), elaboration-time
// constants (elab_constants.cpp), declarations, instances and channels (elab_items.cpp),
// lowering to Expr (elab_lower.cpp, over the shared spec/lower_expr.hpp) and rules
// (elab_rules.cpp); the driver and the public entry points are in elaborate.cpp.
#pragma once

#include "spec/elaborate.hpp"
#include "spec/lexical.hpp"
#include <algorithm>
#include <bit>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include "model/did_you_mean.hpp"
#include "model/eval.hpp"
#include "spec/elab_range.hpp"
#include "spec/lower_expr.hpp"
#include "spec/np_ast.hpp"
#include "spec/np_json.hpp"
#include "spec/np_parse.hpp"
#include "spec/source_text.hpp"

namespace np {
namespace fs = std::filesystem;
using namespace lang;

namespace elab {

constexpr std::uint64_t kMaxArrayLength = 1u << 20;
constexpr std::uint64_t kMaxUnroll = 1u << 20;  // loop iterations in one elaboration
// State slots (scalars plus array elements) of a whole design, counted as declarations are met,
// before their initial values are allocated: 4 M slots is far past what any engine explores.
constexpr std::uint64_t kMaxStateSlots = 1u << 22;
// Elaboration-time evaluation steps (expression nodes evaluated) in one elaboration: with the
// unroll limit, what bounds the time a design can make the elaborator spend (a few seconds).
constexpr int kMaxInstanceDepth = 64;


// ---- elaboration-time values ---------------------------------------------------------------------
struct Value {
    enum class K : std::uint8_t { Int, Bool, Type, String } k = K::Int;
    std::int64_t i = 0;
    bool b = false;
    Type t;
    std::string s;
    std::string dir;  // String: folder of the file the literal was written in
    static Value integer(std::int64_t v) { Value x; x.k = K::Int; x.i = v; return x; }
    static Value boolean(bool v) { Value x; x.k = K::Bool; x.b = v; return x; }
    std::string kind_name() const {
        switch (k) {
            case K::Int: return "an integer";
            case K::Bool: return "a bool";
            case K::Type: return "a type";
            case K::String: return "a string";
        }
        return "?";
    }
    std::string str() const {
        switch (k) {
            case K::Int: return std::to_string(i);
            case K::Bool: return b ? "true" : "false";
            case K::Type: return t.str();
            case K::String: return "\"" + s + "\"";
        }
        return "?";
    }
};

// ---- the flattened design -----------------------------------------------------------------------
struct Net {
    std::string name;
    Type type;
    std::uint32_t length = 0;
    std::vector<std::uint64_t> init;
    Origin origin;
    bool const_table = false;
    bool driven = false;      // a wire gets a driver from a child's output port
    std::string driver;       // instance path of the driver (messages)
    Loc driver_loc;
    Loc decl;
    std::uint32_t var = 0;    // System variable once created
};

struct Instance;
struct Scope;

enum class ChanRole : std::uint8_t { Local, Send, Recv };

struct ChanInfo {
    std::string name;  // hierarchical name of the declaring channel
    ChannelProtocol protocol = ChannelProtocol::FourPhase;
    std::optional<Type> data;
    int req = -1, ack = -1, data_net = -1;
    std::string sender, receiver;  // child instances bound to it (paths), empty: none
    Loc sender_loc, receiver_loc;
    Origin origin;
    bool declared = false;  // a `channel` declaration (not a port of the top)
    std::int32_t system_index = -1;
};

struct Symbol {
    enum class K : std::uint8_t { Param, Let, LoopVar, Const, Net, InPort, Def, Channel, Instance, InstanceArray } k = K::Let;
    ItemKind decl = ItemKind::Let;
    Loc loc;
    Value value;                  // Param / Let / LoopVar
    Type type;                    // Const scalar, Net, InPort, Def
    std::uint32_t length = 0;
    std::uint64_t raw = 0;        // Const scalar
    int net = -1;                 // Net
    bool has_init = false;        // Out: declared with an initial value
    bool forwarded = false;       // Out / Send / Recv: driven by a child instead
    std::string forwarded_to;
    // InPort: the binding in the parent, elaborated on first use.
    const Binding* binding = nullptr;
    Scope* binding_scope = nullptr;
    Expr cached;
    int array_net = -1;           // InPort of array type: the net it refers to
    int state = 0;                // 0 fresh, 1 being elaborated (cycle detection), 2 done
    // Def
    const Item* def = nullptr;
    Scope* def_scope = nullptr;
    // Channel
    int chan = -1;
    ChanRole role = ChanRole::Local;
    // Instance
    Instance* inst = nullptr;
};

struct Scope {
    Instance* inst = nullptr;
    Scope* parent = nullptr;  // enclosing loop scope within the same instance; null at the root
    std::map<std::string, Symbol> syms;
};

struct Instance {
    std::string path;  // "" for the top
    const ModuleAst* mod = nullptr;
    Instance* parent = nullptr;
    const Item* item = nullptr;  // the instantiation (null for the top)
    Scope* parent_scope = nullptr;
    Scope* root = nullptr;
    Loc loc;
    int depth = 0;
};

inline std::string join(const std::string& path, const std::string& name) { return path.empty() ? name : path + "." + name; }

// What a name (or a.b / a[i].b path) in an expression denotes.
struct Ref {
    Symbol* sym = nullptr;
    Instance* owner = nullptr;  // instance the symbol belongs to
    Scope* scope = nullptr;     // scope it was found in
    std::string member;         // channel member: req / ack / data
    std::string shown;          // as written, for messages
};

class Elaborator : private lang::ExprLowering {
public:
    Elaborator(const ElaborateOptions& opts, System& sys) : opts_(opts), sys_(sys) {}

    void load_main(const std::string& path, std::optional<std::string> text);

    void run();

private:
    // ---- files and imports ---------------------------------------------------------------------
    struct Loaded {
        std::string key;
        bool done = false;
        Loc importing;  // the import being followed while this file is in progress
    };

    [[noreturn]] void fail(const Loc& l, const std::string& message) const {
        files_.at(l.file)->fail(l.line, l.col, message);
    }
    void warn(const Loc& l, const std::string& message) {
        sys_.warnings.push_back(files_.at(l.file)->warning(l.line, l.col, message));
    }
    Origin origin(const Loc& l, const std::string& component) const;
    std::string dir_of(const Loc& l) const { return fs::path(files_.at(l.file)->file()).parent_path().string(); }

    std::uint32_t load(const fs::path& path, const std::optional<std::string>& text, const ImportAst* from);

    fs::path resolve_import(const ImportAst& imp);

    const ModuleAst* choose_top();

    // ---- scopes ----------------------------------------------------------------------------------
    Instance* new_instance();
    Scope* new_scope(Instance* inst, Scope* parent);

    Symbol* find(Scope* s, const std::string& name);

    std::vector<std::string> visible(Scope* s);

    Symbol& declare(Scope* s, const std::string& name, const Loc& at, Symbol sym);

    // ---- phase 1: instance tree and nets --------------------------------------------------------
    void build(Instance* inst);

    const Item* find_item(const ModuleAst& m, const std::string& name, std::initializer_list<ItemKind> kinds);

    // Parameter and port bindings of an instantiation name existing parameters/ports, once each;
    // every input and channel port is bound.
    void check_bindings(Instance* inst);

    static std::string port_kind(ItemKind k) {
        return k == ItemKind::In ? "input port" : k == ItemKind::Out ? "output port" : k == ItemKind::Send ? "send port" : "recv port";
    }

    const Binding* binding_of(Instance* inst, const std::string& name, bool param);

    static bool is_declaration(ItemKind k);

    void declare_items(Scope* s, const std::vector<Item>& items, bool in_loop, bool at_top);

    static Symbol let_symbol(Value v);

    void check_assert(const Item& it, Scope* s);

    // ElaborateOptions::parameters name parameters of the top module, each once.
    void check_top_parameters(const ModuleAst& top);

    const ElaborateOptions::Parameter* top_override(const Instance* inst, const std::string& name) const;

    static Value override_value(const ElaborateOptions::Parameter& p);

    void declare_param(Scope* s, const Item& it);

    std::pair<Type, std::uint32_t> resolve_type(const TypeAst& t, Scope* s);

    // Raw bits of value `v` in type `t`, or an error at `at` naming `what`.
    std::uint64_t fit(const Value& v, Type t, const Loc& at, const std::string& what);

    std::uint64_t fit_json(const JsonNumber& n, Type t, const Loc& at, const std::string& file);

    // The elements of an initialiser for `count` slots of type t.
    std::vector<std::uint64_t> init_values(const Init& in, Type t, std::uint32_t length, Scope* s, const std::string& name);

    // An initial value: a literal is checked as written (so all of u64 can be given), anything
    // else is evaluated at elaboration time.
    std::uint64_t fit_node(const ENode& e, Type t, Scope* s, const std::string& what);

    std::pair<std::string, std::vector<JsonNumber>> json_call(const ENode& e, Scope* s);

    void declare_const(Scope* s, const Item& it);

    // Counts a declaration's slots against kMaxStateSlots; `type` locates the error.
    void reserve_slots(const TypeAst& type, std::uint32_t len);

    int add_net(Net n);

    void declare_net(Scope* s, const Item& it);

    static std::string type_text(Type t, std::uint32_t len) { return t.str() + (len ? "[" + std::to_string(len) + "]" : ""); }

    // The parent's wire or output port an output port is bound to.
    Ref target_ref(const ENode& e, Scope* ps, const std::string& what, const std::string& child);

    std::string describe(const Symbol& s);

    void declare_in(Scope* s, const Item& it);

    void declare_channel(Scope* s, const Item& it);

    // Pass B: instances (recursively), loop lets and asserts, and the rules and properties to
    // elaborate once every net exists.
    void instantiate_items(Scope* s, const std::vector<Item>& items, bool in_loop, bool at_top);

    // "name" or "name[i]" for an indexed declaration.
    std::string indexed_name(const Item& it, Scope* s);

    void instantiate(Scope* s, const Item& it);

    void finish_nets();

    // ---- names in expressions ------------------------------------------------------------------
    // Resolves a Name, Member or instance-array element; nullopt for other nodes (array reads).
    std::optional<Ref> resolve(const ENode& e, Scope* s);

    // ---- elaboration-time evaluation -----------------------------------------------------------
    std::int64_t eval_int(const ENode& e, Scope* s, const std::string& what);
    bool eval_bool(const ENode& e, Scope* s, const std::string& what);

    // ---- ranges ----------------------------------------------------------------------------------
    // The one walk over a range of the language: generate `for` items, rule-body `for` statements,
    // and `forall` / `exists` both when evaluated at elaboration time and when lowered to an Expr.
    // Evaluates the bounds (`what` names them in messages), counts the elements without overflow
    // (lo..hi: hi - lo, lo..=hi: hi - lo + 1, an empty or reversed range: none, so a quantifier over
    // it is its neutral element), and charges them all to the design's unroll budget before the first
    // iteration: a range with more than kMaxUnroll elements, or more than the budget has left, is an
    // error at its first bound. Then calls body(i) for lo, lo + 1, ... in order (stepped with a
    // counter, so X..=INT64_MAX is fine) until body returns false (a quantifier's short cut).
    template <class Body>
    void for_each_in_range(const ENode& lo_e, const ENode& hi_e, bool inclusive, Scope* s, const std::string& what,
                           Body&& body) {
        const std::int64_t lo = eval_int(lo_e, s, what), hi = eval_int(hi_e, s, what);
        const unsigned __int128 n = range_count(lo, hi, inclusive);
        auto shown = [&] { return std::to_string(lo) + (inclusive ? "..=" : "..") + std::to_string(hi); };
        if (n > kMaxUnroll) {
            std::string count;  // up to 2^64: wider than std::to_string takes
            for (unsigned __int128 m = n; m; m /= 10) count.insert(count.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
            fail(lo_e.start, "range " + shown() + " has " + count + " elements; at most " + std::to_string(kMaxUnroll) +
                                 " can be unrolled");
        }
        const auto count = static_cast<std::uint64_t>(n);
        if (count > kMaxUnroll - unrolled_)
            fail(lo_e.start, "more than " + std::to_string(kMaxUnroll) + " loop iterations in this design (range " + shown() +
                                 " adds " + std::to_string(count) + ")");
        unrolled_ += count;
        for (std::uint64_t k = 0; k < count; ++k)
            if (!body(range_element(lo, k))) return;
    }

    Value symbol_value(const Ref& r, const ENode& e);

    static bool is_static_symbol(const Symbol& s) {
        return s.k == Symbol::K::Param || s.k == Symbol::K::Let || s.k == Symbol::K::LoopVar || s.k == Symbol::K::Const;
    }

    [[noreturn]] void overflow(const ENode& e) { fail(e.loc, "integer overflow in elaboration-time arithmetic"); }

    Value eval(const ENode& e, Scope* s);

    Type cast_type(const ENode& e, Scope* s);

    // A scope inside `s` binding the loop variable `var` (declared at `at`) to i: the body of one
    // iteration of a generate `for`, a rule-body `for`, or a quantifier.
    Scope* loop_scope(Scope* s, const std::string& var, const Loc& at, std::int64_t i);

    Value eval_binary(const ENode& e, Scope* s);

    Value eval_call(const ENode& e, Scope* s);

    // True when `e` can be evaluated at elaboration time (no variable of the design in it).
    bool is_static(const ENode& e, Scope* s);

    // ---- typing of runtime expressions (the rules of spec/parse_expr.hpp) ------------------------
    // An untyped node takes its type from context: an unsuffixed literal, or an integer-valued
    // parameter/let/loop variable/min/max/... expression.
    // The scope names resolve in while the shared lowering (spec/lower_expr.hpp) runs; set for
    // the duration of one elab/typed call (a quantifier's body runs in its loop scope).
    Scope* cur_ = nullptr;
    struct InScope {
        Elaborator& el;
        Scope* saved;
        InScope(Elaborator& e, Scope* s) : el(e), saved(e.cur_) { e.cur_ = s; }
        ~InScope() { el.cur_ = saved; }
    };

    bool typed(const ENode& e, Scope* s);

    bool name_typed(const ENode& e) override;

    Expr int_literal(std::int64_t v, const std::string& shown, bool is_literal, const ENode& at, std::optional<Type> hint);

    std::string source_of(const ENode& e);

    Expr elab(const ENode& e, Scope* s, std::optional<Type> hint);

    [[noreturn]] void report(const Loc& at, const std::string& message) override { fail(at, message); }
    Type cast_target(const ENode& e) override { return cast_type(e, cur_); }

    // Names, members, array elements, calls, quantifiers and strings (spec/lower_expr.hpp).
    Expr lower_name(const ENode& e, std::optional<Type> hint) override;

    // `/` and `%` (elaboration-time integers only), and a comparison of two elaboration-time
    // integers, decided now (parse_expr has no such operands).
    std::optional<Expr> lower_static(const ENode& e, std::optional<Type> hint) override;

    Expr net_var(int net);

    Expr ref_value(const Ref& r, const ENode& e, std::optional<Type> hint);

    // An input port's value: the binding expression, elaborated in the parent's scope.
    Expr inport_expr(Symbol& sym, const Loc& use);

    // An input port of array type refers to an array (variable, output, constant table) of the parent.
    int array_inport(Symbol& sym);

    Expr def_expr(Symbol& sym, const Loc& use);

    // The array an Index node reads: its net, element type and length.
    struct ArrayRef {
        int net;
        std::string shown;
    };
    ArrayRef array_of(const ENode& base, Scope* s);

    static bool closed(const Expr& e);

    // The value of an index that reads no variable (as the IR reads it: unsigned), checked
    // against the array's length; nullopt for an index that depends on the state.
    std::optional<std::uint64_t> constant_index(const Expr& index, const ENode& idx, const ArrayRef& a);

    Expr array_read(const ENode& e, Scope* s);

    // ---- phase 2: rules and properties ---------------------------------------------------------
    struct Deferred {
        const Item* item;
        Scope* scope;
    };

    Expr typed_expr(const ENode& e, Scope* s, Type t, const std::string& what);

    void elaborate_deferred(const Deferred& d);

    // Writes collected from a rule body: one value per scalar, guarded element writes per array.
    struct Writes {
        std::map<std::uint32_t, std::pair<Expr, Loc>> scalars;  // variable -> value
        struct Element {
            std::uint32_t var;
            Expr index;
            Expr value;
            Loc loc;
            std::optional<std::uint64_t> fixed;  // constant index of an unguarded write
        };
        std::vector<Element> elements;
    };

    // The variable `target` names, if this instance may write it; else a located error.
    struct Target {
        int net;
        std::string shown;
    };
    Target writable(const ENode& target, Scope* s);

    void assign_twice(const Loc& at, const std::string& n, const std::string& rule) {
        fail(at, "'" + n + "' is assigned twice in rule '" + rule + "' (each variable is assigned at most once)");
    }

    void body(const std::vector<Stmt>& stmts, Scope* s, Writes& w, const std::string& rule);

    void elaborate_rule(const Item& it, Scope* s);

    const ElaborateOptions& opts_;
    System& sys_;
    std::vector<std::unique_ptr<SourceText>> files_;
    std::vector<std::unique_ptr<FileAst>> asts_;
    std::vector<Loaded> loaded_;
    std::vector<std::uint32_t> stack_;
    std::map<std::string, const ModuleAst*> modules_;
    std::vector<std::unique_ptr<Instance>> instances_;
    std::vector<std::unique_ptr<Scope>> scopes_;
    std::vector<Net> nets_;
    std::vector<ChanInfo> chans_;
    std::vector<std::pair<Symbol*, Scope*>> inports_, defs_;
    std::vector<Deferred> deferred_;
    JsonFiles json_;
    std::uint64_t unrolled_ = 0;
    std::uint64_t eval_steps_ = 0;
    std::uint64_t state_slots_ = 0;
};

}  // namespace elab
}  // namespace np
