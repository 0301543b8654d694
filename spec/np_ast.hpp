// Syntax tree of the design language (`.np` files; grammar in docs/language.md, parser in
// np_parse.hpp, meaning given by elaboration in elaborate.hpp). The tree is exactly what the text
// says: names are unresolved, expressions untyped; elaboration checks everything else.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/system.hpp"
#include "model/type.hpp"

namespace np::lang {

// A position in one of the program's files (index into Program::files), 1-based line/column,
// and the byte offset (for cutting source text, e.g. an invariant's expression).
struct Loc {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t col = 0;
    std::size_t offset = 0;
};

// ---- expressions ----------------------------------------------------------------------------
// Int        unsigned magnitude with `negative` for a directly negated literal (-128s8) and an
//            optional type suffix; `text` is the spelling.
// Bool       true / false.  String  "..." (text = the value).
// Name       identifier (text).  Member  kids[0].text (a.b).  Index  kids[0][kids[1]].
// Unary      text = "!", "~", "-".   Binary  text = the operator, kids = {lhs, rhs}.
// Ite        kids = {c, a, b}.       Cast    cast_to, kids = {e}.
// Call       text = function (ite, min, max, clog2, len, json, or a type parameter: a cast).
// Quant      text = "forall"/"exists", var = bound name, kids = {lo, hi, body}, inclusive.
enum class EK : std::uint8_t { Int, Bool, String, Name, Member, Index, Unary, Binary, Ite, Cast, Call, Quant };

struct ENode;
using ENodePtr = std::shared_ptr<const ENode>;

struct ENode {
    EK kind = EK::Int;
    Loc loc;             // where messages about this node point (the operator of a Binary)
    std::string text;
    std::uint64_t magnitude = 0;
    bool negative = false;
    std::optional<Type> suffix;
    bool truth = false;
    Type cast_to;
    ENodePtr cast_width;  // Cast written u<W>(e) / s<W>(e): the width expression (cast_to's kind holds)
    std::string var;
    bool inclusive = false;
    std::vector<ENodePtr> kids;
    Loc start;           // first token of the whole expression
    int depth = 1;       // height of the tree (bounded by the parser)
};

// A type as written: bool, uN / sN, u<expr> / s<expr>, or the name of a type parameter; with
// an optional array length.
struct TypeAst {
    enum class Kind : std::uint8_t { Bool, Unsigned, Signed, Named } kind = Kind::Bool;
    Loc loc;
    ENodePtr width;   // Unsigned/Signed
    std::string name; // Named
    ENodePtr length;  // array length, or null
};
using TypePtr = std::shared_ptr<const TypeAst>;

// ---- rule bodies --------------------------------------------------------------------------------
struct Stmt {
    enum class Kind : std::uint8_t { Assign, For, If } kind = Kind::Assign;
    Loc loc;
    ENodePtr target, value;           // Assign
    std::string var;                  // For
    ENodePtr lo, hi;
    bool inclusive = false;
    ENodePtr cond;                    // If
    std::vector<Stmt> body, else_body;
};

// ---- module items -------------------------------------------------------------------------------
struct Binding {
    std::string name;
    Loc loc;
    ENodePtr value;   // expression (ports, value parameters)
    TypePtr type;     // a type argument (type parameters)
};

enum class ItemKind : std::uint8_t {
    Param, Let, Const, Var, In, Out, Wire, Def, Channel, Send, Recv, Instance, Rule,
    DeadlockFree, Quiescent, Invariant, Handshake, For, If, Assert, Response, Cover,
};
const char* item_kind_name(ItemKind k);

enum class ParamKind : std::uint8_t { Int, Bool, Type, String };

// Initialiser of a const/var/out: an expression (broadcast to every element of an array), a
// list `{e, ...}`, or an expression that is a json(...) call (a table).
struct Init {
    ENodePtr expr;
    std::vector<ENodePtr> list;
    bool is_list = false;
    Loc loc;
    bool present() const { return expr || is_list; }
};

struct Item {
    ItemKind kind = ItemKind::Param;
    Loc loc;                      // first token of the item
    std::string name;             // declared name (without index)
    Loc name_loc;
    ENodePtr name_index;          // Instance / Rule / Invariant: `name[expr]`
    TypePtr type;                 // declarations; channel data type (may be null)
    ParamKind param_kind = ParamKind::Int;
    bool has_param_kind = false;
    ENodePtr lo, hi;              // Param range, For range
    bool inclusive = false;
    Init init;                    // Param default, Const/Var/Out initialiser
    ENodePtr expr;                // Let/Def value, Rule guard, Invariant, Quiescent bound,
                                  // Handshake channel, If/Assert condition
    ENodePtr goal;                // Response: the goal Q of `P ~> Q` (expr is P)
    std::string text;             // Invariant, Cover: the expression's source text; Response: `P ~> Q`'s;
                                  // Assert: message
    ChannelProtocol protocol = ChannelProtocol::FourPhase;
    // Instance
    std::string module;
    Loc module_loc;
    std::vector<Binding> params, ports;
    // Rule
    TransitionKind rule_kind = TransitionKind::Internal;
    ENodePtr energy;
    std::vector<Stmt> body;
    // For / If
    std::string var;
    std::vector<Item> items, else_items;
};

struct ModuleAst {
    std::string name;
    Loc loc;
    bool top = false;
    std::vector<Item> items;
};

struct ImportAst {
    std::string path;
    Loc loc;
};

struct FileAst {
    std::vector<ImportAst> imports;
    std::vector<ModuleAst> modules;
};

}  // namespace np::lang
