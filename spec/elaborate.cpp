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

namespace {

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

std::string join(const std::string& path, const std::string& name) { return path.empty() ? name : path + "." + name; }

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

    void load_main(const std::string& path, std::optional<std::string> text) {
        fs::path p(path);
        load(p, text, nullptr);
    }

    void run() {
        const ModuleAst* top = choose_top();
        auto* inst = new_instance();
        inst->path = "";
        inst->mod = top;
        inst->loc = top->loc;
        sys_.name = top->name;
        check_top_parameters(*top);
        build(inst);
        finish_nets();
        for (auto& [sym, scope] : inports_) (void)scope, inport_expr(*sym, sym->loc);
        for (auto& [sym, scope] : defs_) (void)scope, def_expr(*sym, sym->loc);
        for (const Deferred& d : deferred_) elaborate_deferred(d);
    }

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
    Origin origin(const Loc& l, const std::string& component) const {
        Origin o = files_.at(l.file)->at(l.line, l.col);
        o.component = component;
        return o;
    }
    std::string dir_of(const Loc& l) const { return fs::path(files_.at(l.file)->file()).parent_path().string(); }

    std::uint32_t load(const fs::path& path, const std::optional<std::string>& text, const ImportAst* from) {
        std::string key;
        std::error_code ec;
        fs::path canon = fs::weakly_canonical(path, ec);
        key = ec ? path.lexically_normal().string() : canon.string();
        for (std::size_t i = 0; i < loaded_.size(); ++i) {
            if (loaded_[i].key != key) continue;
            if (loaded_[i].done) return static_cast<std::uint32_t>(i);
            // `key` is still being read: the import chain from it back to itself is a cycle.
            std::string chain;
            auto pos = std::find(stack_.begin(), stack_.end(), static_cast<std::uint32_t>(i));
            for (auto k = pos; k != stack_.end(); ++k) chain += fs::path(files_[*k]->file()).filename().string() + " -> ";
            chain += fs::path(files_[i]->file()).filename().string();
            fail(loaded_[i].importing, "import cycle: " + chain);
        }
        std::unique_ptr<SourceText> src;
        if (text) {
            src = std::make_unique<SourceText>(path.string(), *text);
        } else {
            try {
                src = std::make_unique<SourceText>(SourceText::load(path.string(), 64u << 20));
            } catch (const SourceError& e) {
                if (!from) throw;
                fail(from->loc, "cannot read imported file '" + from->path + "' (" + path.string() + "): " + e.message());
            }
        }
        const auto index = static_cast<std::uint32_t>(files_.size());
        files_.push_back(std::move(src));
        loaded_.push_back({key, false, {}});
        asts_.push_back(std::make_unique<FileAst>(parse_np(*files_[index], index)));
        stack_.push_back(index);
        for (const ImportAst& imp : asts_[index]->imports) {
            loaded_[index].importing = imp.loc;
            load(resolve_import(imp), std::nullopt, &imp);
        }
        stack_.pop_back();
        loaded_[index].done = true;
        for (const ModuleAst& m : asts_[index]->modules) {
            auto [it, inserted] = modules_.emplace(m.name, &m);
            if (!inserted) {
                const Loc& first = it->second->loc;
                fail(m.loc, "duplicate module '" + m.name + "' (first defined at " +
                                fs::path(files_[first.file]->file()).filename().string() + ":" +
                                std::to_string(first.line) + ")");
            }
        }
        return index;
    }

    fs::path resolve_import(const ImportAst& imp) {
        if (imp.path.empty()) fail(imp.loc, "empty import path");
        if (imp.path.rfind("std/", 0) == 0) {
            std::string rest = imp.path.substr(4);
            std::string looked;
            for (const std::string& d : library_search_path(opts_)) {
                fs::path p = fs::path(d) / rest;
                std::error_code ec;
                if (fs::is_regular_file(p, ec)) return p;
                looked += (looked.empty() ? "" : ", ") + d;
            }
            fail(imp.loc, "cannot find '" + imp.path + "' in the standard library (looked in: " + looked +
                              "; set NEUROPROOF_LIB to the spec/lib folder)");
        }
        fs::path p = fs::path(imp.path);
        if (p.is_relative()) p = fs::path(dir_of(imp.loc)) / p;
        std::error_code ec;
        if (!fs::is_regular_file(p, ec))
            fail(imp.loc, "cannot find imported file '" + imp.path + "' (paths are relative to the importing file's folder; "
                          "library files are imported as \"std/NAME.np\")");
        return p;
    }

    const ModuleAst* choose_top() {
        if (!opts_.top.empty()) {
            auto it = modules_.find(opts_.top);
            if (it == modules_.end())
                throw SourceError(Origin{files_[0]->file(), 0, 0, {}}, "no module named '" + opts_.top + "' (--top)");
            return it->second;
        }
        const ModuleAst* marked = nullptr;
        for (const auto& f : asts_)
            for (const ModuleAst& m : f->modules)
                if (m.top) {
                    if (marked) fail(m.loc, "two modules are marked 'top' ('" + marked->name + "' and '" + m.name + "')");
                    marked = &m;
                }
        if (marked) return marked;
        if (asts_[0]->modules.empty()) {
            Loc end{0, static_cast<std::uint32_t>(files_[0]->line_count()), 1, 0};
            fail(end, "no module in this file (the last module of the main file is the top of the design)");
        }
        return &asts_[0]->modules.back();
    }

    // ---- scopes ----------------------------------------------------------------------------------
    Instance* new_instance() {
        instances_.push_back(std::make_unique<Instance>());
        return instances_.back().get();
    }
    Scope* new_scope(Instance* inst, Scope* parent) {
        scopes_.push_back(std::make_unique<Scope>());
        Scope* s = scopes_.back().get();
        s->inst = inst;
        s->parent = parent;
        return s;
    }

    Symbol* find(Scope* s, const std::string& name) {
        for (Scope* c = s; c; c = c->parent) {
            auto it = c->syms.find(name);
            if (it != c->syms.end()) return &it->second;
        }
        return nullptr;
    }

    std::vector<std::string> visible(Scope* s) {
        std::vector<std::string> out;
        for (Scope* c = s; c; c = c->parent)
            for (const auto& [n, _] : c->syms) out.push_back(n);
        return out;
    }

    Symbol& declare(Scope* s, const std::string& name, const Loc& at, Symbol sym) {
        if (Symbol* old = find(s, name))
            fail(at, "duplicate name '" + name + "' (first declared at line " + std::to_string(old->loc.line) + ")");
        sym.loc = at;
        return s->syms.emplace(name, std::move(sym)).first->second;
    }

    // ---- phase 1: instance tree and nets --------------------------------------------------------
    void build(Instance* inst) {
        inst->root = new_scope(inst, nullptr);
        if (inst->depth > kMaxInstanceDepth) fail(inst->loc, "instances nested more than " + std::to_string(kMaxInstanceDepth) + " deep");
        check_bindings(inst);
        declare_items(inst->root, inst->mod->items, false, true);
        instantiate_items(inst->root, inst->mod->items, false, true);
    }

    const Item* find_item(const ModuleAst& m, const std::string& name, std::initializer_list<ItemKind> kinds) {
        for (const Item& it : m.items)
            if (it.name == name && std::find(kinds.begin(), kinds.end(), it.kind) != kinds.end()) return &it;
        return nullptr;
    }

    // Parameter and port bindings of an instantiation name existing parameters/ports, once each;
    // every input and channel port is bound.
    void check_bindings(Instance* inst) {
        const ModuleAst& m = *inst->mod;
        if (!inst->item) {
            for (const Item& it : m.items)
                if (it.kind == ItemKind::In || it.kind == ItemKind::Send || it.kind == ItemKind::Recv)
                    fail(it.name_loc, "the top module '" + m.name + "' has the " + port_kind(it.kind) + " '" + it.name +
                                          "': the top of a design must be closed (model its environment in it)");
            return;
        }
        const Item& at = *inst->item;
        std::set<std::string> seen;
        for (const Binding& b : at.params) {
            if (!seen.insert(b.name).second) fail(b.loc, "parameter '" + b.name + "' is given twice");
            if (!find_item(m, b.name, {ItemKind::Param})) {
                std::vector<std::string> names;
                for (const Item& it : m.items)
                    if (it.kind == ItemKind::Param) names.push_back(it.name);
                fail(b.loc, "module '" + m.name + "' has no parameter '" + b.name + "'" + did_you_mean(b.name, names));
            }
        }
        seen.clear();
        for (const Binding& b : at.ports) {
            if (!seen.insert(b.name).second) fail(b.loc, "port '" + b.name + "' is bound twice");
            if (!find_item(m, b.name, {ItemKind::In, ItemKind::Out, ItemKind::Send, ItemKind::Recv})) {
                std::vector<std::string> names;
                for (const Item& it : m.items)
                    if (it.kind == ItemKind::In || it.kind == ItemKind::Out || it.kind == ItemKind::Send || it.kind == ItemKind::Recv)
                        names.push_back(it.name);
                fail(b.loc, "module '" + m.name + "' has no port '" + b.name + "'" + did_you_mean(b.name, names));
            }
        }
        for (const Item& it : m.items)
            if ((it.kind == ItemKind::In || it.kind == ItemKind::Send || it.kind == ItemKind::Recv) && !seen.count(it.name))
                fail(at.name_loc, port_kind(it.kind) + " '" + it.name + "' of instance '" +
                                      inst->path + "' (module " + m.name + ") is not bound");
    }

    static std::string port_kind(ItemKind k) {
        return k == ItemKind::In ? "input port" : k == ItemKind::Out ? "output port" : k == ItemKind::Send ? "send port" : "recv port";
    }

    const Binding* binding_of(Instance* inst, const std::string& name, bool param) {
        if (!inst->item) return nullptr;
        for (const Binding& b : param ? inst->item->params : inst->item->ports)
            if (b.name == name) return &b;
        return nullptr;
    }

    static bool is_declaration(ItemKind k) {
        switch (k) {
            case ItemKind::Param: case ItemKind::Const: case ItemKind::Var: case ItemKind::In: case ItemKind::Out:
            case ItemKind::Wire: case ItemKind::Def: case ItemKind::Channel: case ItemKind::Send: case ItemKind::Recv:
                return true;
            default: return false;
        }
    }

    void declare_items(Scope* s, const std::vector<Item>& items, bool in_loop, bool at_top) {
        for (const Item& it : items) {
            if (in_loop) {
                if (is_declaration(it.kind))
                    fail(it.loc, "'" + std::string(item_kind_name(it.kind)) +
                                     "' is not allowed inside a generate 'for' (declare an array outside the loop)");
                if (it.kind == ItemKind::For || it.kind == ItemKind::If) declare_items(s, it.items, true, false);
                if (it.kind == ItemKind::If) declare_items(s, it.else_items, true, false);
                continue;
            }
            if (!at_top && (it.kind == ItemKind::Param || it.kind == ItemKind::In || it.kind == ItemKind::Out ||
                            it.kind == ItemKind::Send || it.kind == ItemKind::Recv))
                fail(it.loc, std::string(item_kind_name(it.kind)) + " declarations must be at the top level of the module body");
            switch (it.kind) {
                case ItemKind::Param: declare_param(s, it); break;
                case ItemKind::Let: declare(s, it.name, it.name_loc, let_symbol(eval(*it.expr, s))); break;
                case ItemKind::Const: declare_const(s, it); break;
                case ItemKind::Var: case ItemKind::Out: case ItemKind::Wire: declare_net(s, it); break;
                case ItemKind::In: declare_in(s, it); break;
                case ItemKind::Def: {
                    Symbol sym;
                    sym.k = Symbol::K::Def;
                    sym.decl = ItemKind::Def;
                    auto [t, len] = resolve_type(*it.type, s);
                    if (len) fail(it.type->loc, "a def is a scalar expression; arrays are not allowed");
                    sym.type = t;
                    sym.def = &it;
                    sym.def_scope = s;
                    Symbol& d = declare(s, it.name, it.name_loc, sym);
                    defs_.push_back({&d, s});
                    break;
                }
                case ItemKind::Channel: case ItemKind::Send: case ItemKind::Recv: declare_channel(s, it); break;
                case ItemKind::For: declare_items(s, it.items, true, false); break;
                case ItemKind::If:
                    declare_items(s, eval_bool(*it.expr, s, "condition of a generate 'if'") ? it.items : it.else_items, false, false);
                    break;
                case ItemKind::Assert: check_assert(it, s); break;
                default: break;
            }
        }
    }

    static Symbol let_symbol(Value v) {
        Symbol sym;
        sym.k = Symbol::K::Let;
        sym.value = std::move(v);
        return sym;
    }

    void check_assert(const Item& it, Scope* s) {
        if (!eval_bool(*it.expr, s, "assertion"))
            fail(it.expr->start, it.text.empty() ? "assertion failed" : "assertion failed: " + it.text);
    }

    // ElaborateOptions::parameters name parameters of the top module, each once.
    void check_top_parameters(const ModuleAst& top) {
        std::vector<std::string> names;
        std::set<std::string> given;
        for (const Item& it : top.items)
            if (it.kind == ItemKind::Param) names.push_back(it.name);
        for (const ElaborateOptions::Parameter& p : opts_.parameters) {
            if (std::find(names.begin(), names.end(), p.name) == names.end())
                fail(top.loc, "top module '" + top.name + "' has no parameter '" + p.name + "' (given as an option)" +
                                  did_you_mean(p.name, names));
            if (!given.insert(p.name).second) fail(top.loc, "parameter '" + p.name + "' of the top module is given twice");
        }
    }

    const ElaborateOptions::Parameter* top_override(const Instance* inst, const std::string& name) const {
        if (inst->item) return nullptr;
        for (const ElaborateOptions::Parameter& p : opts_.parameters)
            if (p.name == name) return &p;
        return nullptr;
    }

    static Value override_value(const ElaborateOptions::Parameter& p) {
        if (const auto* i = std::get_if<std::int64_t>(&p.value)) return Value::integer(*i);
        if (const auto* b = std::get_if<bool>(&p.value)) return Value::boolean(*b);
        Value v;
        v.k = Value::K::String;
        v.s = std::get<std::string>(p.value);
        std::error_code ec;
        v.dir = fs::current_path(ec).string();
        return v;
    }

    void declare_param(Scope* s, const Item& it) {
        Instance* inst = s->inst;
        const Binding* b = binding_of(inst, it.name, true);
        Value v;
        Loc at = it.name_loc;
        if (const ElaborateOptions::Parameter* o = top_override(inst, it.name)) {
            v = override_value(*o);
        } else if (b) {
            at = b->loc;
            Scope* ps = inst->parent_scope;
            if (b->type) {
                v.k = Value::K::Type;
                auto [t, len] = resolve_type(*b->type, ps);
                if (len) fail(b->type->loc, "a type parameter cannot be an array type");
                v.t = t;
            } else {
                at = b->value->start;
                v = eval(*b->value, ps);
            }
        } else if (it.type) {
            auto [t, len] = resolve_type(*it.type, s);
            if (len) fail(it.type->loc, "a type parameter cannot be an array type");
            v.k = Value::K::Type;
            v.t = t;
        } else if (it.init.expr) {
            at = it.init.expr->start;
            v = eval(*it.init.expr, s);
        } else {
            if (inst->item)
                fail(inst->item->name_loc, "parameter '" + it.name + "' of module '" + inst->mod->name +
                                               "' has no default: instance '" + inst->path + "' must give it");
            fail(it.name_loc, "parameter '" + it.name + "' of the top module has no default value");
        }
        if (it.has_param_kind) {
            Value::K want = it.param_kind == ParamKind::Int ? Value::K::Int : it.param_kind == ParamKind::Bool ? Value::K::Bool
                          : it.param_kind == ParamKind::Type ? Value::K::Type : Value::K::String;
            if (v.k != want) {
                // A name that is a type given to a type parameter parses as an expression.
                fail(at, "parameter '" + it.name + "' expects " + Value{want}.kind_name() + ", got " + v.kind_name());
            }
        }
        if (it.lo) {
            if (v.k != Value::K::Int) fail(at, "parameter '" + it.name + "' has a range, so it must be an integer");
            std::int64_t lo = eval_int(*it.lo, s, "range bound"), hi = eval_int(*it.hi, s, "range bound");
            bool ok = v.i >= lo && (it.inclusive ? v.i <= hi : v.i < hi);
            if (!ok)
                fail(at, "parameter '" + it.name + "' = " + std::to_string(v.i) + " is outside its range " +
                             std::to_string(lo) + (it.inclusive ? "..=" : "..") + std::to_string(hi));
        }
        Symbol sym;
        sym.k = Symbol::K::Param;
        sym.decl = ItemKind::Param;
        sym.value = v;
        declare(s, it.name, it.name_loc, sym);
    }

    std::pair<Type, std::uint32_t> resolve_type(const TypeAst& t, Scope* s) {
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

    // Raw bits of value `v` in type `t`, or an error at `at` naming `what`.
    std::uint64_t fit(const Value& v, Type t, const Loc& at, const std::string& what) {
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

    std::uint64_t fit_json(const JsonNumber& n, Type t, const Loc& at, const std::string& file) {
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

    // The elements of an initialiser for `count` slots of type t.
    std::vector<std::uint64_t> init_values(const Init& in, Type t, std::uint32_t length, Scope* s, const std::string& name) {
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

    // An initial value: a literal is checked as written (so all of u64 can be given), anything
    // else is evaluated at elaboration time.
    std::uint64_t fit_node(const ENode& e, Type t, Scope* s, const std::string& what) {
        if (e.kind != EK::Int || t.is_bool()) return fit(eval(e, s), t, e.start, what);
        if (e.suffix && *e.suffix != t) fail(e.loc, what + " " + e.text + " is " + e.suffix->str() + ", expected " + t.str());
        const bool fits = e.negative ? e.magnitude == 0 || (t.is_signed() && e.magnitude <= t.min_raw()) : e.magnitude <= t.max_raw();
        if (!fits) fail(e.loc, what + " " + e.text + " does not fit " + t.str());
        return (e.negative ? std::uint64_t{0} - e.magnitude : e.magnitude) & t.mask();
    }

    std::pair<std::string, std::vector<JsonNumber>> json_call(const ENode& e, Scope* s) {
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

    void declare_const(Scope* s, const Item& it) {
        auto [t, len] = resolve_type(*it.type, s);
        Symbol sym;
        sym.decl = ItemKind::Const;
        sym.type = t;
        sym.length = len;
        if (len == 0) {
            sym.k = Symbol::K::Const;
            sym.raw = init_values(it.init, t, 0, s, it.name)[0];
            declare(s, it.name, it.name_loc, sym);
            return;
        }
        sym.k = Symbol::K::Net;
        reserve_slots(*it.type, len);
        Net n;
        n.name = join(s->inst->path, it.name);
        n.type = t;
        n.length = len;
        n.init = init_values(it.init, t, len, s, it.name);
        n.origin = origin(it.name_loc, s->inst->path);
        n.const_table = true;
        n.driven = true;
        n.decl = it.name_loc;
        sym.net = add_net(std::move(n));
        declare(s, it.name, it.name_loc, sym);
    }

    // Counts a declaration's slots against kMaxStateSlots; `type` locates the error.
    void reserve_slots(const TypeAst& type, std::uint32_t len) {
        state_slots_ += std::max<std::uint64_t>(len, 1);
        if (state_slots_ > kMaxStateSlots)
            fail(type.length ? type.length->start : type.loc,
                 "the design's state exceeds " + std::to_string(kMaxStateSlots) +
                     " slots (scalars plus array elements, over all instances); split or shrink its arrays");
    }

    int add_net(Net n) {
        nets_.push_back(std::move(n));
        return static_cast<int>(nets_.size() - 1);
    }

    void declare_net(Scope* s, const Item& it) {
        Instance* inst = s->inst;
        auto [t, len] = resolve_type(*it.type, s);
        Symbol sym;
        sym.k = Symbol::K::Net;
        sym.decl = it.kind;
        sym.type = t;
        sym.length = len;
        sym.has_init = it.init.present();
        reserve_slots(*it.type, len);
        std::vector<std::uint64_t> init = init_values(it.init, t, len, s, it.name);
        if (it.kind == ItemKind::Out) {
            if (const Binding* b = binding_of(inst, it.name, false)) {
                // Bound to a wire / output port of the parent: that net, driven from here.
                Ref r = target_ref(*b->value, inst->parent_scope, "output port '" + it.name + "'", inst->path);
                Symbol& ps = *r.sym;
                Net& pn = nets_[ps.net];
                if (ps.type != t || ps.length != len)
                    fail(b->value->start, "output port '" + it.name + "' is " + type_text(t, len) + " but '" + r.shown +
                                              "' is " + type_text(ps.type, ps.length));
                pn.init = init;
                pn.driven = true;
                pn.driver = inst->path;
                pn.driver_loc = b->loc;
                sym.net = ps.net;
                declare(s, it.name, it.name_loc, sym);
                return;
            }
        }
        Net n;
        n.name = join(inst->path, it.name);
        n.type = t;
        n.length = len;
        n.init = init;
        n.origin = origin(it.name_loc, inst->path);
        n.driven = it.kind != ItemKind::Wire;
        n.driver = inst->path;
        n.decl = it.name_loc;
        sym.net = add_net(std::move(n));
        declare(s, it.name, it.name_loc, sym);
    }

    static std::string type_text(Type t, std::uint32_t len) { return t.str() + (len ? "[" + std::to_string(len) + "]" : ""); }

    // The parent's wire or output port an output port is bound to.
    Ref target_ref(const ENode& e, Scope* ps, const std::string& what, const std::string& child) {
        if (e.kind != EK::Name)
            fail(e.start, what + " can only be bound to a wire or an output port of the parent (a plain name)");
        Symbol* sym = find(ps, e.text);
        if (!sym) fail(e.start, "unknown name '" + e.text + "'" + did_you_mean(e.text, visible(ps)));
        Ref r{sym, ps->inst, ps, "", e.text};
        if (sym->k != Symbol::K::Net || (sym->decl != ItemKind::Wire && sym->decl != ItemKind::Out))
            fail(e.start, what + " can only be bound to a wire or an output port of the parent; '" + e.text + "' is " +
                              describe(*sym) + (sym->decl == ItemKind::Var ? " written by the parent (it would have two drivers)" : ""));
        Net& n = nets_[sym->net];
        if (sym->decl == ItemKind::Wire && n.driven)
            fail(e.start, "multiple drivers: wire '" + e.text + "' is already driven by instance '" + n.driver + "' (line " +
                              std::to_string(n.driver_loc.line) + ")");
        if (sym->decl == ItemKind::Out) {
            if (sym->forwarded)
                fail(e.start, "multiple drivers: output '" + e.text + "' is already driven by instance '" + sym->forwarded_to + "'");
            if (sym->has_init)
                fail(e.start, "output '" + e.text + "' is driven by this instance, so its initial value comes from here: "
                              "remove the initial value of '" + e.text + "' (line " + std::to_string(sym->loc.line) + ")");
            sym->forwarded = true;
            sym->forwarded_to = child;
        }
        return r;
    }

    std::string describe(const Symbol& s) {
        switch (s.k) {
            case Symbol::K::Param: return "a parameter";
            case Symbol::K::Let: return "a let";
            case Symbol::K::LoopVar: return "a loop variable";
            case Symbol::K::Const: return "a constant";
            case Symbol::K::Net:
                switch (s.decl) {
                    case ItemKind::Var: return "a variable";
                    case ItemKind::Out: return "an output port";
                    case ItemKind::Wire: return "a wire";
                    case ItemKind::Const: return "a constant table";
                    default: return "a variable";
                }
            case Symbol::K::InPort: return "an input port";
            case Symbol::K::Def: return "a def";
            case Symbol::K::Channel: return "a channel";
            case Symbol::K::Instance: return "an instance";
            case Symbol::K::InstanceArray: return "an array of instances";
        }
        return "?";
    }

    void declare_in(Scope* s, const Item& it) {
        auto [t, len] = resolve_type(*it.type, s);
        Symbol sym;
        sym.k = Symbol::K::InPort;
        sym.decl = ItemKind::In;
        sym.type = t;
        sym.length = len;
        sym.binding = binding_of(s->inst, it.name, false);
        sym.binding_scope = s->inst->parent_scope;
        Symbol& d = declare(s, it.name, it.name_loc, sym);
        inports_.push_back({&d, s});
    }

    void declare_channel(Scope* s, const Item& it) {
        Instance* inst = s->inst;
        std::optional<Type> data;
        if (it.type) {
            auto [t, len] = resolve_type(*it.type, s);
            if (len) fail(it.type->loc, "channel data must be a scalar type (bool, uN or sN)");
            data = t;
        }
        Symbol sym;
        sym.k = Symbol::K::Channel;
        sym.decl = it.kind;
        sym.role = it.kind == ItemKind::Send ? ChanRole::Send : it.kind == ItemKind::Recv ? ChanRole::Recv : ChanRole::Local;
        if (it.kind == ItemKind::Channel) {
            ChanInfo c;
            c.name = join(inst->path, it.name);
            c.protocol = it.protocol;
            c.data = data;
            c.origin = origin(it.name_loc, inst->path);
            c.declared = true;
            auto wire = [&](const std::string& member, Type t) {
                Net n;
                n.name = c.name + "." + member;
                n.type = t;
                n.origin = c.origin;
                n.driven = true;
                n.driver = inst->path;
                n.decl = it.name_loc;
                return add_net(std::move(n));
            };
            c.req = wire("req", Type::boolean());
            c.ack = wire("ack", Type::boolean());
            if (data) c.data_net = wire("data", *data);
            chans_.push_back(std::move(c));
            sym.chan = static_cast<int>(chans_.size() - 1);
            declare(s, it.name, it.name_loc, sym);
            return;
        }
        const Binding* b = binding_of(inst, it.name, false);
        Scope* ps = inst->parent_scope;
        const char* dir = it.kind == ItemKind::Send ? "send" : "recv";
        if (b->value->kind != EK::Name)
            fail(b->value->start, std::string(dir) + " port '" + it.name + "' must be bound to a channel (a plain name)");
        Symbol* target = find(ps, b->value->text);
        if (!target) fail(b->value->start, "unknown name '" + b->value->text + "'" + did_you_mean(b->value->text, visible(ps)));
        if (target->k != Symbol::K::Channel)
            fail(b->value->start, std::string(dir) + " port '" + it.name + "' must be bound to a channel; '" + b->value->text +
                                      "' is " + describe(*target));
        ChanInfo& c = chans_[target->chan];
        if (c.protocol != it.protocol)
            fail(b->value->start, "protocol mismatch: port '" + it.name + "' is " + protocol_name(it.protocol) + " but channel '" +
                                      b->value->text + "' is " + protocol_name(c.protocol));
        if (c.data != data)
            fail(b->value->start, "data mismatch: port '" + it.name + "' carries " + (data ? data->str() : "no data") +
                                      " but channel '" + b->value->text + "' carries " + (c.data ? c.data->str() : "no data"));
        const bool send = it.kind == ItemKind::Send;
        if (target->role == ChanRole::Local) {
            std::string& side = send ? c.sender : c.receiver;
            Loc& side_loc = send ? c.sender_loc : c.receiver_loc;
            if (!side.empty())
                fail(b->value->start, std::string("multiple ") + (send ? "senders" : "receivers") + " on channel '" +
                                          b->value->text + "': instance '" + side + "' already " + (send ? "sends" : "receives") +
                                          " on it (line " + std::to_string(side_loc.line) + ")");
            side = inst->path;
            side_loc = b->loc;
        } else {
            if ((target->role == ChanRole::Send) != send)
                fail(b->value->start, std::string("bad channel use: ") + dir + " port '" + it.name + "' is bound to '" +
                                          b->value->text + "', on which the parent " +
                                          (target->role == ChanRole::Send ? "sends" : "receives"));
            if (target->forwarded)
                fail(b->value->start, "multiple " + std::string(send ? "senders" : "receivers") + " on channel '" +
                                          b->value->text + "': instance '" + target->forwarded_to + "' is already bound to it");
            target->forwarded = true;
            target->forwarded_to = inst->path;
        }
        sym.chan = target->chan;
        declare(s, it.name, it.name_loc, sym);
    }

    // Pass B: instances (recursively), loop lets and asserts, and the rules and properties to
    // elaborate once every net exists.
    void instantiate_items(Scope* s, const std::vector<Item>& items, bool in_loop, bool at_top) {
        for (const Item& it : items) {
            switch (it.kind) {
                case ItemKind::Instance: instantiate(s, it); break;
                case ItemKind::Rule: case ItemKind::Invariant: case ItemKind::Handshake: case ItemKind::Quiescent:
                case ItemKind::DeadlockFree:
                    deferred_.push_back({&it, s});
                    break;
                case ItemKind::Let:
                    if (in_loop) declare(s, it.name, it.name_loc, let_symbol(eval(*it.expr, s)));
                    break;
                case ItemKind::Assert:
                    if (in_loop) check_assert(it, s);
                    break;
                case ItemKind::For:
                    for_each_in_range(*it.lo, *it.hi, it.inclusive, s, "loop bound", [&](std::int64_t i) {
                        Scope* body = new_scope(s->inst, s);
                        Symbol v;
                        v.k = Symbol::K::LoopVar;
                        v.value = Value::integer(i);
                        declare(body, it.var, it.name_loc, v);
                        instantiate_items(body, it.items, true, false);
                        return true;
                    });
                    break;
                case ItemKind::If:
                    instantiate_items(s, eval_bool(*it.expr, s, "condition of a generate 'if'") ? it.items : it.else_items,
                                      in_loop, false);
                    break;
                default: break;
            }
        }
        (void)at_top;
    }

    // "name" or "name[i]" for an indexed declaration.
    std::string indexed_name(const Item& it, Scope* s) {
        if (!it.name_index) return it.name;
        std::int64_t i = eval_int(*it.name_index, s, "index of '" + it.name + "'");
        if (i < 0) fail(it.name_index->start, "index of '" + it.name + "' must not be negative, got " + std::to_string(i));
        return it.name + "[" + std::to_string(i) + "]";
    }

    void instantiate(Scope* s, const Item& it) {
        Instance* parent = s->inst;
        std::string name = indexed_name(it, s);
        Scope* root = parent->root;
        if (it.name_index) {
            Symbol* arr = find(root, it.name);
            if (!arr) {
                Symbol a;
                a.k = Symbol::K::InstanceArray;
                declare(root, it.name, it.name_loc, a);
            } else if (arr->k != Symbol::K::InstanceArray) {
                fail(it.name_loc, "duplicate name '" + it.name + "' (first declared at line " + std::to_string(arr->loc.line) + ")");
            }
        }
        if (root->syms.count(name)) fail(it.name_loc, "duplicate instance '" + name + "'");
        auto m = modules_.find(it.module);
        if (m == modules_.end()) {
            std::vector<std::string> names;
            for (const auto& [n, _] : modules_) names.push_back(n);
            fail(it.module_loc, "unknown module '" + it.module + "'" + did_you_mean(it.module, names));
        }
        for (Instance* a = parent; a; a = a->parent)
            if (a->mod == m->second) {
                std::string chain = it.module;
                for (Instance* b = parent; b; b = b->parent) {
                    chain = b->mod->name + " -> " + chain;
                    if (b == a) break;
                }
                fail(it.module_loc, "recursive instantiation: " + chain);
            }
        Instance* child = new_instance();
        child->path = join(parent->path, name);
        child->mod = m->second;
        child->parent = parent;
        child->item = &it;
        child->parent_scope = s;
        child->loc = it.name_loc;
        child->depth = parent->depth + 1;
        Symbol sym;
        sym.k = Symbol::K::Instance;
        sym.inst = child;
        declare(root, name, it.name_loc, sym);
        build(child);
    }

    void finish_nets() {
        for (const Net& n : nets_)
            if (!n.driven) fail(n.decl, "wire '" + n.name + "' has no driver (bind it to an output port of an instance)");
        for (Net& n : nets_) {
            Variable v;
            v.name = n.name;
            v.type = n.type;
            v.length = n.length;
            v.init = n.init;
            v.origin = n.origin;
            n.var = sys_.add_variable(std::move(v));
        }
        for (ChanInfo& c : chans_) {
            Channel ch;
            ch.name = c.name;
            ch.protocol = c.protocol;
            ch.req = nets_[c.req].var;
            ch.ack = nets_[c.ack].var;
            if (c.data_net >= 0) ch.data.push_back(nets_[c.data_net].var);
            ch.origin = c.origin;
            c.system_index = static_cast<std::int32_t>(sys_.channels.size());
            sys_.channels.push_back(std::move(ch));
        }
    }

    // ---- names in expressions ------------------------------------------------------------------
    // Resolves a Name, Member or instance-array element; nullopt for other nodes (array reads).
    std::optional<Ref> resolve(const ENode& e, Scope* s) {
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

    // ---- elaboration-time evaluation -----------------------------------------------------------
    std::int64_t eval_int(const ENode& e, Scope* s, const std::string& what) {
        Value v = eval(e, s);
        if (v.k != Value::K::Int) fail(e.start, what + " must be an integer, got " + v.kind_name());
        return v.i;
    }
    bool eval_bool(const ENode& e, Scope* s, const std::string& what) {
        Value v = eval(e, s);
        if (v.k != Value::K::Bool) fail(e.start, what + " must be a bool, got " + v.kind_name());
        return v.b;
    }

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

    Value symbol_value(const Ref& r, const ENode& e) {
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

    static bool is_static_symbol(const Symbol& s) {
        return s.k == Symbol::K::Param || s.k == Symbol::K::Let || s.k == Symbol::K::LoopVar || s.k == Symbol::K::Const;
    }

    [[noreturn]] void overflow(const ENode& e) { fail(e.loc, "integer overflow in elaboration-time arithmetic"); }

    Value eval(const ENode& e, Scope* s) {
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
                    if (eval_bool(*e.kids[2], loop_scope(s, e, i), "body of '" + e.text + "'") == all) return true;
                    result = !all;
                    return false;
                });
                return Value::boolean(result);
            }
        }
        fail(e.loc, "internal error: unknown expression");
    }

    Type cast_type(const ENode& e, Scope* s) {
        if (!e.cast_width) return e.cast_to;
        std::int64_t w = eval_int(*e.cast_width, s, "bit width");
        if (w < 1 || w > 64) fail(e.cast_width->start, "bit width " + std::to_string(w) + " is outside 1..64");
        return e.cast_to.is_signed() ? Type::sint(static_cast<unsigned>(w)) : Type::uint(static_cast<unsigned>(w));
    }

    Scope* loop_scope(Scope* s, const ENode& q, std::int64_t i) {
        Scope* body = new_scope(s->inst, s);
        Symbol v;
        v.k = Symbol::K::LoopVar;
        v.value = Value::integer(i);
        declare(body, q.var, q.loc, v);
        return body;
    }

    Value eval_binary(const ENode& e, Scope* s) {
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

    Value eval_call(const ENode& e, Scope* s) {
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

    // True when `e` can be evaluated at elaboration time (no variable of the design in it).
    bool is_static(const ENode& e, Scope* s) {
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

    bool typed(const ENode& e, Scope* s) {
        InScope in(*this, s);
        return ExprLowering::typed(e);
    }

    bool name_typed(const ENode& e) override {
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

    Expr int_literal(std::int64_t v, const std::string& shown, bool is_literal, const ENode& at, std::optional<Type> hint) {
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

    std::string source_of(const ENode& e) {
        // The node's text as written, for messages about untyped values.
        if (e.kind == EK::Name) return e.text;
        const std::string& text = files_[e.start.file]->text();
        std::size_t b = e.start.offset, end = b;
        while (end < text.size() && text[end] != ';' && text[end] != '\n' && end - b < 40) ++end;
        std::string s = text.substr(b, end - b);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s;
    }

    Expr elab(const ENode& e, Scope* s, std::optional<Type> hint) {
        InScope in(*this, s);
        return lower(e, hint);
    }

    [[noreturn]] void report(const Loc& at, const std::string& message) override { fail(at, message); }
    Type cast_target(const ENode& e) override { return cast_type(e, cur_); }

    // Names, members, array elements, calls, quantifiers and strings (spec/lower_expr.hpp).
    Expr lower_name(const ENode& e, std::optional<Type> hint) override {
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
                    Expr b = elab(*e.kids[2], loop_scope(s, e, i), Type::boolean());
                    if (!b->type.is_bool()) fail(e.kids[2]->start, "body of '" + e.text + "' must be bool, got " + b->type.str());
                    parts.push_back(b);
                    return true;
                });
                return e.text == "forall" ? mk_and(parts) : mk_or(parts);
            }
            default: fail(e.loc, "internal error: unknown expression");
        }
    }

    // `/` and `%` (elaboration-time integers only), and a comparison of two elaboration-time
    // integers, decided now (parse_expr has no such operands).
    std::optional<Expr> lower_static(const ENode& e, std::optional<Type> hint) override {
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

    Expr net_var(int net) {
        const Net& n = nets_[net];
        return sys_.var(n.var);
    }

    Expr ref_value(const Ref& r, const ENode& e, std::optional<Type> hint) {
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

    // An input port's value: the binding expression, elaborated in the parent's scope.
    Expr inport_expr(Symbol& sym, const Loc& use) {
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

    // An input port of array type refers to an array (variable, output, constant table) of the parent.
    int array_inport(Symbol& sym) {
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

    Expr def_expr(Symbol& sym, const Loc& use) {
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

    // The array an Index node reads: its net, element type and length.
    struct ArrayRef {
        int net;
        std::string shown;
    };
    ArrayRef array_of(const ENode& base, Scope* s) {
        std::optional<Ref> r = resolve(base, s);
        if (!r) fail(base.start, "only named arrays can be indexed");
        if (!r->member.empty()) fail(base.loc, "'" + r->shown + "' is not an array");
        Symbol& sym = *r->sym;
        if (sym.k == Symbol::K::Net && sym.length) return {sym.net, r->shown};
        if (sym.k == Symbol::K::InPort && sym.length) return {array_inport(sym), r->shown};
        fail(base.loc, "'" + r->shown + "' is not an array");
    }

    static bool closed(const Expr& e) {
        if (e->op == Op::Var || e->op == Op::Read) return false;
        for (const Expr& k : e->args)
            if (!closed(k)) return false;
        return true;
    }

    // The value of an index that reads no variable (as the IR reads it: unsigned), checked
    // against the array's length; nullopt for an index that depends on the state.
    std::optional<std::uint64_t> constant_index(const Expr& index, const ENode& idx, const ArrayRef& a) {
        if (!closed(index)) return std::nullopt;
        const std::uint64_t k = np::eval(*index, std::span<const std::uint64_t>{});
        const Net& n = nets_[a.net];
        if (k >= n.length) {
            const std::string shown = index->type.is_signed() ? std::to_string(to_signed(k, index->type.width)) : std::to_string(k);
            fail(idx.start, "index " + shown + " is out of bounds for '" + a.shown + "' (length " + std::to_string(n.length) + ")");
        }
        return k;
    }

    Expr array_read(const ENode& e, Scope* s) {
        ArrayRef a = array_of(*e.kids[0], s);
        const Net& n = nets_[a.net];
        Expr index = elab(*e.kids[1], s, Type::uint(64));
        std::optional<std::uint64_t> k = constant_index(index, *e.kids[1], a);
        if (k && n.const_table) return mk_const(n.type, n.init[*k]);
        const Variable& v = sys_.variables[n.var];
        return at_op(e, [&] { return mk_read(n.var, v.slot, v.length, v.type, v.name, index); });
    }

    // ---- phase 2: rules and properties ---------------------------------------------------------
    struct Deferred {
        const Item* item;
        Scope* scope;
    };

    Expr typed_expr(const ENode& e, Scope* s, Type t, const std::string& what) {
        Expr v = elab(e, s, t);
        if (v->type != t) fail(e.start, what + " must be " + t.str() + ", got " + v->type.str());
        return v;
    }

    void elaborate_deferred(const Deferred& d) {
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
                std::string shown;
                for (char c : it.text) {
                    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
                    if (c == ' ' && !shown.empty() && shown.back() == ' ') continue;
                    shown += c;
                }
                Property p;
                p.name = full;
                p.kind = PropertyKind::Invariant;
                p.description = "invariant: " + shown;
                p.clauses.push_back({-1, mk_not(e), "invariant " + name + " violated: " + shown, origin(it.expr->start, path)});
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
    Target writable(const ENode& target, Scope* s) {
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

    void assign_twice(const Loc& at, const std::string& n, const std::string& rule) {
        fail(at, "'" + n + "' is assigned twice in rule '" + rule + "' (each variable is assigned at most once)");
    }

    void body(const std::vector<Stmt>& stmts, Scope* s, Writes& w, const std::string& rule) {
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
                        Scope* inner = new_scope(s->inst, s);
                        Symbol v;
                        v.k = Symbol::K::LoopVar;
                        v.value = Value::integer(i);
                        declare(inner, st.var, st.loc, v);
                        body(st.body, inner, w, rule);
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

    void elaborate_rule(const Item& it, Scope* s) {
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

System elaborate_impl(const std::string& path, std::optional<std::string> text, const ElaborateOptions& options) {
    System sys;
    sys.source = path;
    Elaborator e(options, sys);
    e.load_main(path, std::move(text));
    e.run();
    return sys;
}

}  // namespace

std::vector<std::string> library_search_path(const ElaborateOptions& options) {
    std::vector<std::string> dirs = options.library_dirs;
    if (const char* env = std::getenv("NEUROPROOF_LIB")) {
        std::string s = env;
        std::size_t b = 0;
        while (b <= s.size()) {
            std::size_t e = s.find(':', b);
            if (e == std::string::npos) e = s.size();
            if (e > b) dirs.push_back(s.substr(b, e - b));
            b = e + 1;
        }
    }
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back((exe.parent_path() / ".." / ".." / "spec" / "lib").lexically_normal().string());
#ifdef NP_STDLIB_DIR
    dirs.push_back(NP_STDLIB_DIR);  // the source tree's spec/lib, when the build defines it
#endif
    return dirs;
}

System elaborate_file(const std::string& path, const ElaborateOptions& options) {
    return elaborate_impl(path, std::nullopt, options);
}

System elaborate_text(const std::string& file_name, const std::string& text, const ElaborateOptions& options) {
    return elaborate_impl(file_name, text, options);
}

}  // namespace np
