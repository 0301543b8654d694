// The elaborator's items: scopes, declarations, parameters, constants, nets, ports, channels and instances.
#include "spec/elaborator.hpp"

namespace np::elab {

Instance* Elaborator::new_instance() {
    instances_.push_back(std::make_unique<Instance>());
    return instances_.back().get();
}

Scope* Elaborator::new_scope(Instance* inst, Scope* parent) {
    scopes_.push_back(std::make_unique<Scope>());
    Scope* s = scopes_.back().get();
    s->inst = inst;
    s->parent = parent;
    return s;
}

Symbol* Elaborator::find(Scope* s, const std::string& name) {
    for (Scope* c = s; c; c = c->parent) {
        auto it = c->syms.find(name);
        if (it != c->syms.end()) return &it->second;
    }
    return nullptr;
}

std::vector<std::string> Elaborator::visible(Scope* s) {
    std::vector<std::string> out;
    for (Scope* c = s; c; c = c->parent)
        for (const auto& [n, _] : c->syms) out.push_back(n);
    return out;
}

Symbol& Elaborator::declare(Scope* s, const std::string& name, const Loc& at, Symbol sym) {
    if (Symbol* old = find(s, name))
        fail(at, "duplicate name '" + name + "' (first declared at line " + std::to_string(old->loc.line) + ")");
    sym.loc = at;
    return s->syms.emplace(name, std::move(sym)).first->second;
}

void Elaborator::build(Instance* inst) {
    inst->root = new_scope(inst, nullptr);
    if (inst->depth > kMaxInstanceDepth) fail(inst->loc, "instances nested more than " + std::to_string(kMaxInstanceDepth) + " deep");
    check_bindings(inst);
    declare_items(inst->root, inst->mod->items, false, true);
    instantiate_items(inst->root, inst->mod->items, false, true);
}

const Item* Elaborator::find_item(const ModuleAst& m, const std::string& name, std::initializer_list<ItemKind> kinds) {
    for (const Item& it : m.items)
        if (it.name == name && std::find(kinds.begin(), kinds.end(), it.kind) != kinds.end()) return &it;
    return nullptr;
}

void Elaborator::check_bindings(Instance* inst) {
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

const Binding* Elaborator::binding_of(Instance* inst, const std::string& name, bool param) {
    if (!inst->item) return nullptr;
    for (const Binding& b : param ? inst->item->params : inst->item->ports)
        if (b.name == name) return &b;
    return nullptr;
}

bool Elaborator::is_declaration(ItemKind k) {
    switch (k) {
        case ItemKind::Param: case ItemKind::Const: case ItemKind::Var: case ItemKind::In: case ItemKind::Out:
        case ItemKind::Wire: case ItemKind::Def: case ItemKind::Channel: case ItemKind::Send: case ItemKind::Recv:
            return true;
        default: return false;
    }
}

void Elaborator::declare_items(Scope* s, const std::vector<Item>& items, bool in_loop, bool at_top) {
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

Symbol Elaborator::let_symbol(Value v) {
    Symbol sym;
    sym.k = Symbol::K::Let;
    sym.value = std::move(v);
    return sym;
}

void Elaborator::check_assert(const Item& it, Scope* s) {
    if (!eval_bool(*it.expr, s, "assertion"))
        fail(it.expr->start, it.text.empty() ? "assertion failed" : "assertion failed: " + it.text);
}

void Elaborator::check_top_parameters(const ModuleAst& top) {
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

const ElaborateOptions::Parameter* Elaborator::top_override(const Instance* inst, const std::string& name) const {
    if (inst->item) return nullptr;
    for (const ElaborateOptions::Parameter& p : opts_.parameters)
        if (p.name == name) return &p;
    return nullptr;
}

Value Elaborator::override_value(const ElaborateOptions::Parameter& p) {
    if (const auto* i = std::get_if<std::int64_t>(&p.value)) return Value::integer(*i);
    if (const auto* b = std::get_if<bool>(&p.value)) return Value::boolean(*b);
    Value v;
    v.k = Value::K::String;
    v.s = std::get<std::string>(p.value);
    std::error_code ec;
    v.dir = fs::current_path(ec).string();
    return v;
}

void Elaborator::declare_param(Scope* s, const Item& it) {
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

void Elaborator::declare_const(Scope* s, const Item& it) {
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

void Elaborator::reserve_slots(const TypeAst& type, std::uint32_t len) {
    state_slots_ += std::max<std::uint64_t>(len, 1);
    if (state_slots_ > kMaxStateSlots)
        fail(type.length ? type.length->start : type.loc,
             "the design's state exceeds " + std::to_string(kMaxStateSlots) +
                 " slots (scalars plus array elements, over all instances); split or shrink its arrays");
}

int Elaborator::add_net(Net n) {
    nets_.push_back(std::move(n));
    return static_cast<int>(nets_.size() - 1);
}

void Elaborator::declare_net(Scope* s, const Item& it) {
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

Ref Elaborator::target_ref(const ENode& e, Scope* ps, const std::string& what, const std::string& child) {
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

std::string Elaborator::describe(const Symbol& s) {
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

void Elaborator::declare_in(Scope* s, const Item& it) {
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

void Elaborator::declare_channel(Scope* s, const Item& it) {
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

void Elaborator::instantiate_items(Scope* s, const std::vector<Item>& items, bool in_loop, bool at_top) {
    for (const Item& it : items) {
        switch (it.kind) {
            case ItemKind::Instance: instantiate(s, it); break;
            case ItemKind::Rule: case ItemKind::Invariant: case ItemKind::Handshake: case ItemKind::Quiescent:
            case ItemKind::DeadlockFree: case ItemKind::Response: case ItemKind::Cover:
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
                    instantiate_items(loop_scope(s, it.var, it.name_loc, i), it.items, true, false);
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

std::string Elaborator::indexed_name(const Item& it, Scope* s) {
    if (!it.name_index) return it.name;
    std::int64_t i = eval_int(*it.name_index, s, "index of '" + it.name + "'");
    if (i < 0) fail(it.name_index->start, "index of '" + it.name + "' must not be negative, got " + std::to_string(i));
    return it.name + "[" + std::to_string(i) + "]";
}

void Elaborator::instantiate(Scope* s, const Item& it) {
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

void Elaborator::finish_nets() {
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

}  // namespace np::elab
