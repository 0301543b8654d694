// The concrete syntax of the IR's expression AST (model/expr.hpp): a parser for user-written
// expressions (the CLI's --invariant NAME:EXPR, and any reader that embeds expressions), and
// the inverse of np::to_string(const Expr&), which prints in exactly this syntax.
//
// Syntax (C-like; whitespace is spaces, tabs, CR and LF):
//
//   Literals   true  false
//              decimal 42, hexadecimal 0x2A / 0X2a, binary 0b101010, each with an optional type
//              suffix uN / sN (1 <= N <= 64, no leading zero): 5u8, 0xFFu16, 3s4.
//              A literal is a value, not a bit pattern: it must lie in its type's range
//              (0xFFs8 is rejected; write -1s8). A number above 2^64-1 is "number too large".
//              `-` written directly before a number (`-128`, `- 5s8`, not `-(5)`) makes a
//              negative literal, so the most negative sN value can be written (-128s8);
//              negative literals only fit signed types.
//   Typing of  An unsuffixed literal takes its type from its context: the other operand of
//   literals   its operator (== != < <= > >= + - +| -| * & | ^, the branches of ?:), the
//              expected type of the enclosing expression (passed down through arithmetic,
//              ?: branches, unary - and ~), the target of a cast (u8(300) is an error: does
//              not fit u8), or u64 for an array index or a shift amount. Where a bool is
//              expected (operands of ! && || ^^ -> and the ?: condition) a number is an
//              error. A literal with no typed context at all (`1 + 2 == 3`, `bool(1)`) is an
//              error: "type of literal 1 is unknown: ...". There is no silent default.
//   Names      [A-Za-z_][A-Za-z0-9_.]*, or any text in backquotes for other names, with ``
//              standing for one backquote: `<a+,b->`, `x#2`, `true`. `true` and `false` are
//              always the constants; a name that is a type (u8, s16, bool) followed by `(` is
//              a cast, otherwise it is an ordinary variable name. Array element: name[expr];
//              an array without an index, or a scalar with one, is an error.
//   Operators  lowest to highest precedence:
//                c ? a : b            (right-associative; c is bool)
//                ->                   implication (right-associative)
//                ||                   logical or
//                ^^                   logical xor
//                &&                   logical and
//                |                    bitwise or   (on two bools: logical or)
//                ^                    bitwise xor  (on two bools: logical xor)
//                &                    bitwise and  (on two bools: logical and)
//                ==  !=
//                <  <=  >  >=         signed comparison on sN
//                <<  >>               amount read unsigned; >> is arithmetic on sN
//                +  -  +|  -|         +| and -| saturate at the type's bounds
//                *
//                !  ~  -              unary prefix
//                [ ]                  array index (postfix)
//              Binary operators other than -> are left-associative. Primaries: literal, name,
//              ( e ), cast uN(e) / sN(e) / bool(e). Operator semantics: model/expr.hpp.
//
// Errors are np::SourceError located at the offending token (unknown names, operand type
// mismatches at their operator, literals that do not fit, trailing text, unbalanced brackets,
// empty input, more than 500 nested brackets/unary operators/branches, or a tree deeper than
// 2000 levels, which keeps every recursive back end off the stack limit). Columns count bytes
// from `origin.col`; a text spanning lines continues on origin.line + 1 at column 1.
#pragma once

#include <string_view>

#include "model/diagnostic.hpp"
#include "model/expr.hpp"
#include "model/system.hpp"
#include "model/type.hpp"

namespace np {

// Parses `text` as an expression over sys's variables. `origin` is the location of text[0]
// (for a command-line option: file "<command line>", line 1, the column where the expression
// starts). Errors throw SourceError at the column of the offending token; the diagnostic shows
// `line_text` (default: `text` itself; a reader passes the whole file line `text` was cut from).
Expr parse_expr(const System& sys, std::string_view text, const Origin& origin, std::string_view line_text = {});

// Like parse_expr, but the expression is expected to have type `expected`: unsuffixed literals
// take that type from context (`x := 0` style right-hand sides), and any other result type is
// an error ("expected a u8 expression, got bool") at the start of the expression.
Expr parse_typed_expr(const System& sys, std::string_view text, const Origin& origin, Type expected,
                      std::string_view line_text = {});

// Adds the user invariant NAME := EXPR as property "invariant:NAME" (kind Invariant, one state
// clause whose `bad` is !EXPR, message "invariant NAME violated: EXPR"). `spec` is "NAME:EXPR" as
// given to the CLI option --invariant; NAME is [A-Za-z_][A-Za-z0-9_-]* (spaces around it are
// ignored) and everything after the first ':' is the expression. Errors (missing ':', missing or
// bad name, duplicate property, non-bool expression, parse errors) throw SourceError with origin
// file "<command line>", line 1 and the column in `spec`.
void add_invariant(System& sys, std::string_view spec);

// Adds the response property "response:NAME" (kind Response, one obligation) from "NAME: P ~> Q"
// (--response): always P implies eventually Q (model/system.hpp). Errors as add_invariant's, and
// a missing "~>".
void add_response(System& sys, std::string_view spec);

// Adds the cover property "cover:NAME" (kind Cover, one state clause EXPR) from "NAME: EXPR"
// (--cover): a witness run reaching a state where EXPR holds is asked for.
void add_cover(System& sys, std::string_view spec);

// "KIND:NAME" with KIND strong, weak or unfair: assumes that fairness (Transition::fairness) for
// the transition called NAME, or for every transition of the component NAME (names starting with
// "NAME." or "NAME["). SourceError when
// there is none, with the nearest names.
void set_fairness(System& sys, std::string_view spec);

}  // namespace np
