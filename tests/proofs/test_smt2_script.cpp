// proofs/smt2_script: binary_bv_operators keeps a script's meaning (Z3 reads both and proves them
// equal) and leaves no application of a left-associative bit-vector operator to more than two
// arguments, on random terms; Boolector reads what it writes.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <z3++.h>

#include <string>
#include <vector>

#include "../support/rc_cases.hpp"
#include "proofs/smt2_script.hpp"

namespace np {
namespace {

// A random 4-bit term over a, b, c: n-ary (2 to 5 arguments) bvadd, bvmul, bvand, bvor, bvxor,
// and concat of four 1-bit extracts.
rc::Gen<std::string> term(int depth) {
    if (depth == 0) return rc::gen::element<std::string>("a", "b", "c", "#x5");
    return rc::gen::exec([depth] {
        const int kind = *rc::gen::inRange(0, 7);
        if (kind == 0) return *rc::gen::element<std::string>("a", "b", "c");
        if (kind == 1) {
            std::string t = "(concat";
            for (int i = 0; i < 4; ++i) t += " ((_ extract " + std::to_string(*rc::gen::inRange(0, 4)) + " 0) " + *term(depth - 1) + ")";
            // the extracts are 1 to 4 bits wide: cut the concatenation back to 4 bits
            return "((_ extract 3 0) ((_ zero_extend 16) " + t + ")))";
        }
        static const char* const ops[] = {"bvadd", "bvmul", "bvand", "bvor", "bvxor"};
        std::string t = std::string("(") + ops[kind - 2];
        const int n = *rc::gen::inRange(2, 6);
        for (int i = 0; i < n; ++i) t += " " + *term(depth - 1);
        return t + ")";
    });
}

// Whether some list in `text` applies a left-associative operator to more than two arguments.
bool has_nary(const std::string& text) {
    std::vector<int> count;
    std::vector<bool> assoc;
    std::string token;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        if (c == '(' || c == ')' || std::isspace(static_cast<unsigned char>(c))) {
            if (!token.empty() && !count.empty()) {
                if (count.back() == 0)
                    assoc.back() = token == "concat" || token == "bvadd" || token == "bvmul" || token == "bvand" ||
                                   token == "bvor" || token == "bvxor";
                ++count.back();
            }
            token.clear();
            if (c == '(') {
                if (!count.empty()) ++count.back();
                count.push_back(0);
                assoc.push_back(false);
            } else if (c == ')') {
                if (assoc.back() && count.back() > 3) return true;
                count.pop_back();
                assoc.pop_back();
            }
        } else {
            token += c;
        }
    }
    return false;
}

TEST(Smt2Script, BinaryBvOperatorsKeepsTheMeaning) {
    const std::string failure = test::check_cases("Smt2Script.BinaryBvOperatorsKeepsTheMeaning", 300, 1401, [] {
        const std::string script = "; random\n(set-info :status unknown)\n(set-logic QF_BV)\n"
                                   "(declare-fun a () (_ BitVec 4))\n(declare-fun b () (_ BitVec 4))\n"
                                   "(declare-fun |c| () (_ BitVec 4))\n(assert (= " +
                                   *term(3) + " " + *term(3) + "))\n(check-sat)\n";
        const std::string binary = binary_bv_operators(script);
        RC_ASSERT(!has_nary(binary));
        z3::context ctx;
        const z3::expr_vector before = ctx.parse_string(script.c_str());
        const z3::expr_vector after = ctx.parse_string(binary.c_str());
        RC_ASSERT(before.size() == 1u && after.size() == 1u);
        z3::solver s(ctx);
        s.add(before[0] != after[0]);
        RC_ASSERT(s.check() == z3::unsat);
    });
    EXPECT_EQ(failure, "");
}

TEST(Smt2Script, BinaryBvOperatorsNestsToTheLeftAndRejectsUnbalancedText) {
    EXPECT_EQ(binary_bv_operators("(assert (= (concat a |b c| ; x\n d) (bvadd a b)))(check-sat)"),
              "(assert (= (concat (concat a |b c|) d) (bvadd a b)))\n(check-sat)\n");
    EXPECT_EQ(binary_bv_operators("(assert (bvxor a b c d))"), "(assert (bvxor (bvxor (bvxor a b) c) d))\n");
    EXPECT_THROW(binary_bv_operators("(assert (bvadd a b c)"), std::invalid_argument);
    EXPECT_THROW(binary_bv_operators("(assert a))"), std::invalid_argument);
    EXPECT_THROW(binary_bv_operators("(assert |a)"), std::invalid_argument);
}

}  // namespace
}  // namespace np
