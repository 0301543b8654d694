// The one expression AST of the IR (DESIGN §2), shared by every back end: the explicit
// evaluator (eval.hpp), the Z3 encoder (checkers/encode_expr.hpp) and every exporter.
//
// Expressions are immutable, shared, and typed at construction. The builders check operand
// types and throw TypeError (a user-reachable error: front ends catch it and attach a
// location). Semantics of each operator:
//   Not, And, Or, Xor, Implies     bool -> bool
//   Eq, Ne                         same type -> bool
//   Lt, Le, Gt, Ge                 same bit-vector type -> bool; signed compare for sN
//   Add, Sub, Mul, Neg             same bit-vector type; wrap-around modulo 2^N
//   AddSat, SubSat                 same bit-vector type; clamp to the type's range
//   BitAnd, BitOr, BitXor, BitNot  same bit-vector type
//   Shl, Shr                       (value, amount): amount is read unsigned; Shr is arithmetic
//                                  for sN; amounts >= N give 0 (or all sign bits for Shr on sN)
//   Ite                            (bool, T, T) -> T
//   Cast                           to any type: to bool is `!= 0`; from bool gives 0/1; between
//                                  bit-vectors truncates or extends, sign-extending sN sources
//   Read                           array variable [index]: index read unsigned; an index
//                                  outside the array reads 0
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/type.hpp"

namespace np {

enum class Op : std::uint8_t {
    Const, Var, Read,
    Not, And, Or, Xor, Implies,
    Eq, Ne, Lt, Le, Gt, Ge,
    Add, Sub, Mul, Neg, AddSat, SubSat,
    BitAnd, BitOr, BitXor, BitNot, Shl, Shr,
    Ite, Cast,
};

const char* op_name(Op op);

class TypeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ExprNode;
using Expr = std::shared_ptr<const ExprNode>;

struct ExprNode {
    Op op;
    Type type;
    std::uint64_t value = 0;   // Const: raw bits
    std::uint32_t var = 0;     // Var/Read: variable index in the System
    std::uint32_t slot = 0;    // Var/Read: first state slot of that variable
    std::uint32_t length = 0;  // Read: array length
    std::string name;          // Var/Read: variable name (for printing)
    std::vector<Expr> args;
};

// Builders. Each checks its operand types and throws TypeError on a mismatch.
Expr mk_const(Type t, std::uint64_t raw);  // raw is masked to the type's width
Expr mk_bool(bool b);
Expr mk_var(std::uint32_t var, std::uint32_t slot, Type t, std::string name);
Expr mk_read(std::uint32_t var, std::uint32_t slot, std::uint32_t length, Type elem, std::string name,
             Expr index);
Expr mk_unary(Op op, Expr a);
Expr mk_binary(Op op, Expr a, Expr b);
Expr mk_ite(Expr c, Expr a, Expr b);
Expr mk_cast(Type to, Expr a);

// n-ary conveniences; mk_and({}) is true, mk_or({}) is false.
Expr mk_and(const std::vector<Expr>& xs);
Expr mk_or(const std::vector<Expr>& xs);
inline Expr mk_not(Expr a) { return mk_unary(Op::Not, std::move(a)); }

// Prints in the concrete syntax accepted by spec/parse_expr.hpp (fully parenthesised).
std::string to_string(const Expr& e);

}  // namespace np
