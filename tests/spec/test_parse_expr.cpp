// Tests of the expression parser (spec/parse_expr.hpp): precedence, literal typing, names,
// evaluation, located rejections, and two properties: np::to_string output parses back to an
// equal expression, and random garbage is either accepted or rejected with a located SourceError.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "generators/gen_expr.hpp"
#include "model/eval.hpp"
#include "spec/parse_expr.hpp"

namespace np {
namespace {

const Origin kOrigin{"<test>", 1, 1, {}};

Variable variable(std::string name, Type type, std::uint32_t length = 0, std::vector<std::uint64_t> init = {}) {
    Variable v;
    v.name = std::move(name);
    v.type = type;
    v.length = length;
    v.init = std::move(init);
    return v;
}

// x:u8 y:u8 z:s8 b:bool c:bool w:u64 arr:u8[4] `<a+,b->`:bool s1:bool t.q:u4 big:s64
System test_system() {
    System s;
    s.name = "test";
    s.add_variable(variable("x", Type::uint(8), 0, {7}));
    s.add_variable(variable("y", Type::uint(8), 0, {3}));
    s.add_variable(variable("z", Type::sint(8), 0, {0xFE}));  // -2
    s.add_variable(variable("b", Type::boolean(), 0, {1}));
    s.add_variable(variable("c", Type::boolean(), 0, {0}));
    s.add_variable(variable("w", Type::uint(64), 0, {~std::uint64_t{0}}));
    s.add_variable(variable("arr", Type::uint(8), 4, {10, 20, 30, 40}));
    s.add_variable(variable("<a+,b->", Type::boolean(), 0, {1}));
    s.add_variable(variable("s1", Type::boolean(), 0, {0}));
    s.add_variable(variable("t.q", Type::uint(4), 0, {9}));
    s.add_variable(variable("big", Type::sint(64), 0, {std::uint64_t{1} << 63}));
    return s;
}

const System& sys() {
    static const System s = test_system();
    return s;
}

Expr parse(const std::string& text) { return parse_expr(sys(), text, kOrigin); }
std::string printed(const std::string& text) { return to_string(parse(text)); }
std::uint64_t value(const std::string& text) { return eval(parse(text), sys().initial_state()); }

// `COL: MESSAGE` of the SourceError that parsing `text` throws, or "accepted".
std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const SourceError& e) {
        EXPECT_EQ(e.where().file, "<test>");
        EXPECT_EQ(e.where().line, 1u);
        EXPECT_EQ(e.line_text(), text);
        return std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

std::string invariant_error(System& s, const std::string& spec) {
    try {
        add_invariant(s, spec);
    } catch (const SourceError& e) {
        EXPECT_EQ(e.where().file, "<command line>");
        EXPECT_EQ(e.where().line, 1u);
        EXPECT_EQ(e.line_text(), spec);
        return std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

TEST(ParseExpr, Precedence) {
    EXPECT_EQ(printed("x + y * 2 == 7 && b"), "(((x + (y * 2u8)) == 7u8) && b)");
    EXPECT_EQ(printed("b || c && b"), "(b || (c && b))");
    EXPECT_EQ(printed("b ^^ c || b"), "((b ^^ c) || b)");
    EXPECT_EQ(printed("b && c ^^ b"), "((b && c) ^^ b)");
    EXPECT_EQ(printed("b -> c || b"), "(b -> (c || b))");
    EXPECT_EQ(printed("x | y ^ x & y"), "(x | (y ^ (x & y)))");
    EXPECT_EQ(printed("b & x == y"), "(b && (x == y))");
    EXPECT_EQ(printed("b ^ x < y"), "(b ^^ (x < y))");
    EXPECT_EQ(printed("b == x < y"), "(b == (x < y))");
    EXPECT_EQ(printed("x < y << 1"), "(x < (y << 1u64))");
    EXPECT_EQ(printed("x << y + 1"), "(x << (y + 1u8))");
    EXPECT_EQ(printed("x + y * x"), "(x + (y * x))");
    EXPECT_EQ(printed("-x * y"), "(-(x) * y)");
    EXPECT_EQ(printed("!b && c"), "(!(b) && c)");
    EXPECT_EQ(printed("~x & y"), "(~(x) & y)");
    EXPECT_EQ(printed("b ? x : y + 1"), "(b ? x : (y + 1u8))");
    EXPECT_EQ(printed("b -> c ? x : y"), "((b -> c) ? x : y)");
    EXPECT_EQ(printed("(x + y) * 2"), "((x + y) * 2u8)");
    EXPECT_EQ(printed("arr[x + 1] * 2"), "(arr[(x + 1u8)] * 2u8)");
    EXPECT_EQ(printed("x +| y -| 1"), "((x +| y) -| 1u8)");
}

TEST(ParseExpr, Associativity) {
    EXPECT_EQ(printed("x - y - 1"), "((x - y) - 1u8)");
    EXPECT_EQ(printed("x * y * x"), "((x * y) * x)");
    EXPECT_EQ(printed("x >> 1 >> 2"), "((x >> 1u64) >> 2u64)");
    EXPECT_EQ(printed("b -> c -> b"), "(b -> (c -> b))");
    EXPECT_EQ(printed("b == c == b"), "((b == c) == b)");
    EXPECT_EQ(printed("b ? x : c ? y : 1"), "(b ? x : (c ? y : 1u8))");
    EXPECT_EQ(printed("b ? c ? x : y : 1"), "(b ? (c ? x : y) : 1u8)");
    EXPECT_EQ(printed("--x"), "-(-(x))");
    EXPECT_EQ(printed("!!b"), "!(!(b))");
}

TEST(ParseExpr, EveryOperator) {
    struct Case {
        const char* text;
        Op op;
        Type type;
    };
    const Type u8 = Type::uint(8), bl = Type::boolean();
    const Case cases[] = {
        {"!b", Op::Not, bl},           {"b && c", Op::And, bl},      {"b || c", Op::Or, bl},
        {"b ^^ c", Op::Xor, bl},       {"b -> c", Op::Implies, bl},  {"b & c", Op::And, bl},
        {"b | c", Op::Or, bl},         {"b ^ c", Op::Xor, bl},       {"x == y", Op::Eq, bl},
        {"x != y", Op::Ne, bl},        {"x < y", Op::Lt, bl},        {"x <= y", Op::Le, bl},
        {"x > y", Op::Gt, bl},         {"x >= y", Op::Ge, bl},       {"x + y", Op::Add, u8},
        {"x - y", Op::Sub, u8},        {"x * y", Op::Mul, u8},       {"-x", Op::Neg, u8},
        {"x +| y", Op::AddSat, u8},    {"x -| y", Op::SubSat, u8},   {"x & y", Op::BitAnd, u8},
        {"x | y", Op::BitOr, u8},      {"x ^ y", Op::BitXor, u8},    {"~x", Op::BitNot, u8},
        {"x << y", Op::Shl, u8},       {"x >> y", Op::Shr, u8},      {"b ? x : y", Op::Ite, u8},
        {"u16(x)", Op::Cast, Type::uint(16)}, {"arr[x]", Op::Read, u8}, {"x", Op::Var, u8},
        {"42u8", Op::Const, u8},       {"true", Op::Const, bl},
    };
    for (const Case& c : cases) {
        Expr e = parse(c.text);
        EXPECT_EQ(e->op, c.op) << c.text;
        EXPECT_EQ(e->type, c.type) << c.text;
    }
}

TEST(ParseExpr, Evaluation) {
    // x=7 y=3 z=-2 b=true c=false w=2^64-1 arr={10,20,30,40} t.q=9 big=-2^63
    EXPECT_EQ(value("x + y * 2"), 13u);
    EXPECT_EQ(value("x - y - 1"), 3u);
    EXPECT_EQ(value("y - x"), 252u);  // wraps
    EXPECT_EQ(value("y -| x"), 0u);   // saturates
    EXPECT_EQ(value("x +| 250"), 255u);
    EXPECT_EQ(value("x << 2"), 28u);
    EXPECT_EQ(value("z >> 1"), 0xFFu);  // arithmetic: -1
    EXPECT_EQ(value("z < 0"), 1u);      // signed compare
    EXPECT_EQ(value("u8(z) < 0x10"), 0u);
    EXPECT_EQ(value("s8(200u8)"), 200u);  // bit pattern of -56
    EXPECT_EQ(value("s8(200u8) == -56"), 1u);
    EXPECT_EQ(value("u16(z)"), 0xFFFEu);  // sign-extends
    EXPECT_EQ(value("bool(x)"), 1u);
    EXPECT_EQ(value("u8(b) + u8(c)"), 1u);
    EXPECT_EQ(value("arr[1]"), 20u);
    EXPECT_EQ(value("arr[y]"), 40u);
    EXPECT_EQ(value("arr[7]"), 0u);  // outside the array reads 0
    EXPECT_EQ(value("arr[x - 5u8] + 1"), 31u);
    EXPECT_EQ(value("b ? x : y"), 7u);
    EXPECT_EQ(value("c ? x : y"), 3u);
    EXPECT_EQ(value("b -> c"), 0u);
    EXPECT_EQ(value("c -> b"), 1u);
    EXPECT_EQ(value("b ^^ c"), 1u);
    EXPECT_EQ(value("b & !c"), 1u);
    EXPECT_EQ(value("~x & 0xF"), 8u);
    EXPECT_EQ(value("x ^ y"), 4u);
    EXPECT_EQ(value("x | y"), 7u);
    EXPECT_EQ(value("w == 18446744073709551615"), 1u);
    EXPECT_EQ(value("w == 0xFFFFFFFFFFFFFFFF"), 1u);
    EXPECT_EQ(value("big == -9223372036854775808"), 1u);
    EXPECT_EQ(value("big < 0"), 1u);
    EXPECT_EQ(value("`<a+,b->` && !s1"), 1u);
    EXPECT_EQ(value("t.q == 9"), 1u);
    EXPECT_EQ(value("t.q + 8"), 1u);  // u4 wraps
    EXPECT_EQ(value("-x"), 249u);
    EXPECT_EQ(value("- 5 == z - 3"), 1u);
}

TEST(ParseExpr, LiteralTyping) {
    EXPECT_EQ(parse("x == 255")->args[1]->type, Type::uint(8));
    EXPECT_EQ(parse("255 == x")->args[0]->type, Type::uint(8));
    EXPECT_EQ(parse("z == -128")->args[1]->value, 0x80u);
    EXPECT_EQ(parse("-128s8")->value, 0x80u);
    EXPECT_EQ(parse("- 128s8")->type, Type::sint(8));
    EXPECT_EQ(parse("-(128u8)")->op, Op::Neg);  // not a literal: Neg of 128u8
    EXPECT_EQ(parse("0xFFu16")->type, Type::uint(16));
    EXPECT_EQ(parse("0xFFu16")->value, 255u);
    EXPECT_EQ(parse("0b101s4")->value, 5u);
    EXPECT_EQ(parse("0XaBu8")->value, 0xABu);
    EXPECT_EQ(parse("0s1")->type, Type::sint(1));
    EXPECT_EQ(parse("-1s1")->value, 1u);
    EXPECT_EQ(parse("-0u8")->value, 0u);
    EXPECT_EQ(parse("18446744073709551615u64")->value, ~std::uint64_t{0});
    EXPECT_EQ(parse("arr[2]")->args[0]->type, Type::uint(64));
    EXPECT_EQ(parse("x << 3")->args[1]->type, Type::uint(64));
    EXPECT_EQ(printed("x == 1 + 2"), "(x == (1u8 + 2u8))");
    EXPECT_EQ(printed("1 + 2 == x"), "((1u8 + 2u8) == x)");
    EXPECT_EQ(printed("x == (b ? 1 : 2)"), "(x == (b ? 1u8 : 2u8))");
    EXPECT_EQ(printed("(b ? 1 : z) == -1"), "((b ? 1s8 : z) == -1s8)");
    EXPECT_EQ(printed("u16(300) == u16(x)"), "(300u16 == u16(x))");
    EXPECT_EQ(printed("s8(-1) == z"), "(-1s8 == z)");
    EXPECT_EQ(printed("z + -(5) == z"), "((z + -(5s8)) == z)");
    EXPECT_EQ(printed("z - -5"), "(z - -5s8)");
    EXPECT_EQ(printed("~1 == x"), "(~(1u8) == x)");
    EXPECT_EQ(printed("x == 1 << 2"), "(x == (1u8 << 2u64))");
    EXPECT_EQ(printed("u8(b) == 1"), "(u8(b) == 1u8)");
    // Typed context from the caller.
    EXPECT_EQ(to_string(parse_typed_expr(sys(), "1 + 2", kOrigin, Type::sint(16))), "(1s16 + 2s16)");
    EXPECT_EQ(to_string(parse_typed_expr(sys(), "-32768", kOrigin, Type::sint(16))), "-32768s16");
}

TEST(ParseExpr, CastsAndNames) {
    EXPECT_EQ(parse("u16(x) + 1000")->type, Type::uint(16));
    EXPECT_EQ(parse("s64(x)")->type, Type::sint(64));
    EXPECT_EQ(parse("bool(x)")->type, Type::boolean());
    EXPECT_EQ(parse("u8(x)")->op, Op::Var);  // a cast to the same type is the operand itself
    EXPECT_EQ(printed("u1(x)"), "u1(x)");
    // A type-like variable name is a variable unless a '(' follows.
    EXPECT_EQ(parse("s1")->op, Op::Var);
    EXPECT_EQ(printed("s1 && s1"), "(s1 && s1)");
    EXPECT_EQ(printed("u8(s1)"), "u8(s1)");
    EXPECT_EQ(printed("`<a+,b->` || `s1`"), "(`<a+,b->` || s1)");
    EXPECT_EQ(printed("`t.q` == 1"), "(t.q == 1u4)");
    EXPECT_EQ(printed("  x\t==\n1  "), "(x == 1u8)");

    System odd;
    odd.add_variable(variable("true", Type::boolean()));
    odd.add_variable(variable("a`b", Type::uint(3)));
    odd.add_variable(variable("", Type::boolean()));
    odd.add_variable(variable("9lives", Type::uint(3), 2));
    odd.add_variable(variable("u8", Type::uint(3)));
    Expr e = parse_expr(odd, "`true` && true && `` || `a``b` == u3(u8(`9lives`[1])) - u8 ", kOrigin);
    EXPECT_EQ(to_string(e), "(((`true` && true) && ``) || (`a``b` == (u3(u8(`9lives`[1u64])) - u8)))");
    EXPECT_EQ(to_string(parse_expr(odd, to_string(e), kOrigin)), to_string(e));
}

TEST(ParseExpr, MustReject) {
    struct Case {
        const char* text;
        const char* error;
    };
    const Case cases[] = {
        {"", "1: expected an expression, got end of input"},
        {"   ", "4: expected an expression, got end of input"},
        {"x +", "4: expected an expression, got end of input"},
        {"x + * y", "5: expected an expression, got '*'"},
        {"(x + 1", "7: expected ')' to close the '(' at column 1, got end of input"},
        {"u8(x", "5: expected ')' to close the '(' at column 3, got end of input"},
        {"arr[1 == x", "11: expected ']' to close the '[' at column 4, got end of input"},
        {"x + 1)", "6: unmatched ')'"},
        {"x y", "3: unexpected 'y' after the expression"},
        {"b ? x", "6: expected ':' of the '?' at column 3, got end of input"},
        {"x == 300", "6: literal 300 does not fit u8"},
        {"x == 0x100", "6: literal 0x100 does not fit u8"},
        {"z == 128", "6: literal 128 does not fit s8"},
        {"z == -129", "6: literal -129 does not fit s8"},
        {"x == -1", "6: literal -1 does not fit u8"},
        {"300u8", "1: literal 300u8 does not fit u8"},
        {"0xFFs8", "1: literal 0xFFs8 does not fit s8"},
        {"u8(300)", "4: literal 300 does not fit u8"},
        {"x == 99999999999999999999999", "6: number too large"},
        {"w == 18446744073709551616", "6: number too large"},
        {"w == 0x10000000000000000", "6: number too large"},
        {"big == -9223372036854775809", "8: literal -9223372036854775809 does not fit s64"},
        {"qq == 1", "1: unknown variable 'qq'"},
        {"x == xy", "6: unknown variable 'xy' (did you mean 'x'?)"},
        {"b && ar[0]", "6: unknown variable 'ar' (did you mean 'arr'?)"},
        {"x + b", "3: operator '+' needs operands of one type, got u8 and bool"},
        {"b + 1", "3: operator '+' needs bit-vector operands, got bool"},
        {"b < c", "3: operator '<' needs bit-vector operands, got bool"},
        {"x && b", "3: operator '&&' needs bool operands, got u8 and bool"},
        {"x ^^ y", "3: operator '^^' needs bool operands, got u8 and u8"},
        {"!x", "1: operator '!' needs a bool, got u8"},
        {"-b", "1: operator '-' needs a bit-vector, got bool"},
        {"x ? y : x", "3: condition of '?:' must be bool, got u8"},
        {"b ? x : z", "3: operator '?:' needs operands of one type, got u8 and s8"},
        {"arr[b]", "4: array index must be a bit-vector, got bool"},
        {"1 + 2 == 3", "1: type of literal 1 is unknown: give it a suffix (1u8, 1s16, ...) or use it with a typed operand"},
        {"-5", "1: type of literal -5 is unknown: give it a suffix (-5u8, -5s16, ...) or use it with a typed operand"},
        {"bool(1)", "6: type of literal 1 is unknown: give it a suffix (1u8, 1s16, ...) or use it with a typed operand"},
        {"b && 1", "6: number 1 is not a bool (write true or false)"},
        {"b == 0", "6: number 0 is not a bool (write true or false)"},
        {"`abc", "1: unterminated quoted name (missing closing '`')"},
        {"x == `y", "6: unterminated quoted name (missing closing '`')"},
        {"x $ y", "3: unexpected character '$'"},
        {"x == \x01", "6: unexpected character byte 0x01"},
        {"x[1]", "2: 'x' is not an array"},
        {"arr + 1", "1: array 'arr' needs an index, as in arr[0]"},
        {"foo(x)", "1: 'foo' is not a type (casts are written u8(e), s16(e) or bool(e))"},
        {"u65(x)", "1: invalid type 'u65' (bit-vector types are u1..u64 and s1..s64)"},
        {"s0(x)", "1: invalid type 's0' (bit-vector types are u1..u64 and s1..s64)"},
        {"x == 5x", "6: invalid number '5x'"},
        {"x == 0x", "6: invalid number '0x'"},
        {"x == 0b102", "6: invalid number '0b102'"},
        {"x == 5U8", "6: invalid number '5U8'"},
        {"x == 5u65", "6: invalid type suffix 'u65' (bit-vector types are u1..u64 and s1..s64)"},
        {"x == 5u08", "6: invalid type suffix 'u08' (bit-vector types are u1..u64 and s1..s64)"},
        {"x = 1", "3: unexpected character '='"},
        {"b -> ", "6: expected an expression, got end of input"},
        {"(b))", "4: unmatched ')'"},
        {"arr[1]]", "7: unmatched ']'"},
        {"[1]", "1: expected an expression, got '['"},
    };
    for (const Case& c : cases) EXPECT_EQ(error_of(c.text), c.error) << c.text;
}

TEST(ParseExpr, DeepNestingIsRejectedNotACrash) {
    std::string deep = std::string(100000, '(') + "x" + std::string(100000, ')');
    EXPECT_EQ(error_of(deep).substr(0, 4), "501:");
    EXPECT_NE(error_of(deep).find("expression nested too deeply"), std::string::npos);
    std::string chain = "x";
    for (int i = 0; i < 5000; ++i) chain += " + x";
    EXPECT_NE(error_of(chain).find("expression nested too deeply"), std::string::npos);
    std::string unary(100000, '!');
    EXPECT_NE(error_of(unary + "b").find("expression nested too deeply"), std::string::npos);
    std::string implications = "b";
    for (int i = 0; i < 5000; ++i) implications += " -> b";
    EXPECT_NE(error_of(implications).find("expression nested too deeply"), std::string::npos);
    // Within the limits, deep expressions work.
    std::string ok = std::string(200, '(') + "x" + std::string(200, ')') + " == 7";
    EXPECT_EQ(value(ok), 1u);
}

TEST(ParseExpr, ColumnsFollowTheOrigin) {
    const std::string line = "--invariant ok:x == 300";
    try {
        parse_expr(sys(), "x == 300", Origin{"<command line>", 1, 16, {}}, line);
        FAIL() << "accepted";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.where().col, 21u);
        EXPECT_EQ(e.line_text(), line);
        EXPECT_NE(std::string(e.what()).find("<command line>:1:21: error: literal 300 does not fit u8"), std::string::npos)
            << e.what();
    }
    // A text spanning lines: later lines count from column 1.
    try {
        parse_expr(sys(), "x ==\n  1 +\n  qq", Origin{"f.txt", 4, 9, {}});
        FAIL() << "accepted";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.where().line, 6u);
        EXPECT_EQ(e.where().col, 3u);
        EXPECT_EQ(e.line_text(), "  qq");
        EXPECT_EQ(e.message(), "unknown variable 'qq'");
    }
    try {
        parse_typed_expr(sys(), "  x == 1", kOrigin, Type::uint(8));
        FAIL() << "accepted";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.where().col, 3u);
        EXPECT_EQ(e.message(), "expected an expression of type u8, got bool");
    }
}

TEST(ParseExpr, AddInvariant) {
    System s = test_system();
    add_invariant(s, "mutex: !(b && `<a+,b->`) ");
    add_invariant(s, "small_x:x < 10 ? true : z < 0");
    ASSERT_EQ(s.properties.size(), 2u);
    const Property& p = s.properties[0];
    EXPECT_EQ(p.name, "invariant:mutex");
    EXPECT_EQ(p.kind, PropertyKind::Invariant);
    EXPECT_FALSE(p.blocking);
    ASSERT_EQ(p.clauses.size(), 1u);
    EXPECT_EQ(p.clauses[0].transition, -1);
    EXPECT_EQ(p.clauses[0].message, "invariant mutex violated: !(b && `<a+,b->`)");
    EXPECT_EQ(to_string(p.clauses[0].bad), "!(!((b && `<a+,b->`)))");
    EXPECT_EQ(p.clauses[0].origin.col, 8u);
    EXPECT_TRUE(holds(p.clauses[0].bad, s.initial_state()));  // b and <a+,b-> both hold initially
    EXPECT_EQ(s.properties[1].name, "invariant:small_x");
    EXPECT_FALSE(holds(s.properties[1].clauses[0].bad, s.initial_state()));
    EXPECT_NE(s.find_property("invariant:small_x"), nullptr);

    struct Case {
        const char* spec;
        const char* error;
    };
    const Case cases[] = {
        {"x == 1", "1: expected NAME:EXPRESSION, found no ':'"},
        {":b", "1: missing invariant name before ':'"},
        {"  : b", "3: missing invariant name before ':'"},
        {"a b:c", "1: invalid invariant name 'a b' (letters, digits, '_' and '-', starting with a letter or '_')"},
        {" 1st:c", "2: invalid invariant name '1st' (letters, digits, '_' and '-', starting with a letter or '_')"},
        {"mutex:c", "1: duplicate property 'invariant:mutex'"},
        {"n: x + 1", "4: invariant must be a bool expression, got u8"},
        {"n:x == 300", "8: literal 300 does not fit u8"},
        {"n:", "3: expected an expression, got end of input"},
        {"n: b &&", "8: expected an expression, got end of input"},
        {"n: b ? x", "9: expected ':' of the '?' at column 6, got end of input"},
        {"n: nope", "4: unknown variable 'nope'"},
    };
    for (const Case& c : cases) EXPECT_EQ(invariant_error(s, c.spec), c.error) << c.spec;
    EXPECT_EQ(s.properties.size(), 2u);
}

// ---- properties --------------------------------------------------------------------------------

void check_round_trip(const System& sys) {
    const Type t = *gen::type();
    const Expr e = *gen::expr(sys, t, 4);
    const State s = *gen::state(sys);
    const std::string text = to_string(e);
    RC_LOG() << text << "\n";
    Expr back;
    try {
        back = parse_expr(sys, text, kOrigin);
    } catch (const SourceError& err) {
        RC_FAIL(std::string("rejected: ") + err.what());
    }
    RC_ASSERT(back->type == e->type);
    RC_ASSERT(eval(back, s) == eval(e, s));
    RC_ASSERT(to_string(back) == text);
}

RC_GTEST_PROP(ParseExprProperty, PrintParseRoundTrip, ()) {
    const System sys = *gen::small_system();
    check_round_trip(sys);
}

// The same with names that need backquotes or look like keywords and types.
RC_GTEST_PROP(ParseExprProperty, PrintParseRoundTripOddNames, ()) {
    System sys = *gen::small_system();
    const std::vector<std::string> shapes{"<p+,q->", "true", "false", "u8", "s16", "bool", "a`b", "x#2", "",
                                          "t.q",     "9v",   "a b",   "_",  "->",  "`",    "(",   "p.",  "a.b.c"};
    for (std::size_t i = 0; i < sys.variables.size(); ++i) {
        const std::string& shape = *rc::gen::elementOf(shapes);
        // Unique per variable: the index goes in front or behind (which may turn a plain name odd).
        sys.variables[i].name = *rc::gen::element(0, 1) ? shape + std::to_string(i) : std::to_string(i) + shape;
    }
    check_round_trip(sys);
}

// Random strings over the operator/identifier alphabet either parse or throw a SourceError
// located inside the text (or just past its end); no other exception escapes.
RC_GTEST_PROP(ParseExprProperty, GarbageRejectedWithLocation, ()) {
    static const std::vector<std::string> pieces{
        "x", "y", "z", "b", "c", "w", "arr", "big", "t.q", "s1", "`<a+,b->`", "`", "`x`", "qq", "true", "false",
        "0", "1", "7", "255", "256", "-1", "0x1F", "0b10", "5u8", "-128s8", "3s4", "99999999999999999999", "0x", "u8",
        "s8", "bool", "u65", "(", ")", "[", "]", "?", ":", "->", "||", "^^", "&&", "|", "^", "&", "==", "!=", "<",
        "<=", ">", ">=", "<<", ">>", "+", "-", "+|", "-|", "*", "!", "~", " ", " ", "\t", "=", "$", ".", "_"};
    const std::string alphabet = "xyzbcw01579uUsSab_.()[]?:-><|^&=!+*~` \t$#";
    std::string text;
    switch (*rc::gen::inRange(0, 3)) {
        case 0:  // a sequence of tokens
            for (const std::string& p : *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces))) text += p;
            break;
        case 1:  // a sequence of characters
            text = *rc::gen::container<std::string>(rc::gen::elementOf(alphabet));
            break;
        default: {  // a printed expression with up to 3 characters deleted, inserted or replaced
            text = to_string(*gen::expr(sys(), *gen::type(), 3));
            for (int k = *rc::gen::inRange(0, 4); k > 0 && !text.empty(); --k) {
                const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
                const char c = *rc::gen::elementOf(alphabet);
                switch (*rc::gen::inRange(0, 3)) {
                    case 0: text.erase(at, 1); break;
                    case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                    default: text[at] = c; break;
                }
            }
        }
    }
    RC_LOG() << "text: " << text << "\n";
    try {
        Expr e = parse_expr(sys(), text, kOrigin);
        // Accepted: printing and parsing again gives the same expression.
        RC_ASSERT(to_string(parse_expr(sys(), to_string(e), kOrigin)) == to_string(e));
        RC_TAG("accepted");
    } catch (const SourceError& e) {
        RC_LOG() << e.what() << "\n";
        RC_ASSERT(e.where().file == "<test>");
        RC_ASSERT(e.where().line == 1u);
        RC_ASSERT(e.where().col >= 1u);
        RC_ASSERT(e.where().col <= text.size() + 1);
        RC_ASSERT(!e.message().empty());
        RC_ASSERT(e.line_text() == text);
        RC_TAG("rejected");
    }
}

}  // namespace
}  // namespace np
