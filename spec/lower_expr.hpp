// The one expression front end's shared half: the operator table and the lowering of surface
// expressions (spec/np_ast.hpp's ENode) to the IR's Expr. Both readers of expressions use it —
// the design language (spec/np_parse + spec/elaborate) and parse_expr (--invariant, .g) — and
// differ only in their lexical form of names (a design's scopes and `a.b` members; a system's
// flat variable names, dotted or `quoted`) and in how names resolve, which are the hooks below.
//
// Typing (docs/language.md, spec/parse_expr.hpp): an unsuffixed literal takes its type from its
// context — the other operand of == != < <= > >= + - +| -| * & | ^ and of the ?: branches (the
// typed one is lowered first), the expected type passed down through arithmetic, ?: branches,
// unary - and ~, a cast's target, u64 for an array index or a shift amount; bool where ! && ||
// ^^ -> and a ?: condition expect it. No context is an error, never a default. & | ^ on two bools
// are the logical operators. A TypeError of the IR's constructors is reported at the operator.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/expr.hpp"
#include "spec/np_ast.hpp"

namespace np::lang {

// How an operator's operands are typed: both bool (Logical); one type for both, the result's
// (SameType); one type for both, bool result (Compare); the amount u64 (Shift); elaboration-time
// integers only (Static: `/` and `%` of the design language).
enum class OpClass : std::uint8_t { Logical, SameType, Compare, Shift, Static };

struct BinaryOp {
    std::string_view text;
    int level;  // precedence, 1 (lowest) .. 12; the ?: operator sits below level 1
    OpClass cls;
    Op op;      // the IR operator (unused for Static)
};

// Every binary operator, lowest to highest precedence. `->` is right-associative, the others left.
inline constexpr BinaryOp kBinaryOps[] = {
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
    {"/", 12, OpClass::Static, Op::Mul},      {"%", 12, OpClass::Static, Op::Mul},
};

// The operator spelled `text`, or null.
const BinaryOp* find_binary_op(std::string_view text);

class ExprLowering {
public:
    virtual ~ExprLowering() = default;

    // `e` as an Expr; `hint` is the type the context expects (it types unsuffixed literals).
    Expr lower(const ENode& e, std::optional<Type> hint);
    // Whether `e` has a type without context (false: an unsuffixed literal, or an expression whose
    // type comes from one, decides nothing about its operator's other operand).
    bool typed(const ENode& e);

protected:
    // Name, Member, Index, Call, Quant and String nodes: the front end's own.
    virtual Expr lower_name(const ENode& e, std::optional<Type> hint) = 0;
    virtual bool name_typed(const ENode& e) = 0;
    // The target type of a Cast node (a design may write u<W>(e) with W an expression).
    virtual Type cast_target(const ENode& e) { return e.cast_to; }
    // A binary node the front end may decide at elaboration time: a Static operator (must
    // return a value or fail), or a comparison of two untyped operands (nullopt: lower it).
    virtual std::optional<Expr> lower_static(const ENode& e, std::optional<Type> hint) { return std::nullopt; }
    [[noreturn]] virtual void report(const Loc& at, const std::string& message) = 0;

    // Builds with an IR constructor; its TypeError is reported at e.loc.
    template <class F>
    Expr at_op(const ENode& e, F&& build) {
        try {
            return build();
        } catch (const TypeError& err) {
            report(e.loc, err.what());
            throw;  // not reached: report does not return
        }
    }
    // c ? a : b (also a design's ite(c, a, b), whose node is `e`).
    Expr lower_ite(const ENode& e, const ENode& c, const ENode& a, const ENode& b, std::optional<Type> hint);

private:
    Expr lower_binary(const ENode& e, std::optional<Type> hint);
};

}  // namespace np::lang
