// Tests of the design language (spec/np_parse.hpp, spec/elaborate.hpp): elaboration results
// (names, kinds, channels, properties, requested checks, parallel assignment, generate loops,
// JSON tables, the standard library), the must-reject corpus tests/errors/np, and properties:
// a random system printed as a .np module elaborates back to the same system (expression syntax
// and typing are those of parse_expr), and random text is accepted or rejected with a located
// SourceError, never a crash.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/error_corpus.hpp"
#include "generators/gen_expr.hpp"
#include "model/eval.hpp"
#include "spec/elaborate.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

ElaborateOptions lib_options() {
    ElaborateOptions o;
    o.library_dirs.push_back((test::source_dir() / "spec/lib").string());
    return o;
}

System elab(const std::string& text, const std::string& file = "<test>.np") {
    return elaborate_text(file, text, lib_options());
}

// "LINE:COL: error: MESSAGE" of the SourceError elaborating `text` throws, or "accepted".
std::string error_of(const std::string& text) {
    try {
        elab(text);
    } catch (const SourceError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

const Transition& transition(const System& s, const std::string& name) {
    for (const Transition& t : s.transitions)
        if (t.name == name) return t;
    throw std::runtime_error("no transition " + name);
}

std::uint64_t value(const System& s, const State& st, const std::string& var, std::uint32_t k = 0) {
    const Variable& v = s.variables.at(*s.find_variable(var));
    return st.at(v.slot + k);
}

TEST(Lang, HierarchicalNamesOriginsAndKinds) {
    System s = elab(R"(
import "std/celement.np";
module top {
    var rin: bool = false;
    var aout: bool = false;
    wire c1: bool;
    instance s1: CElement(a = rin, b = !s2.c, c = c1);
    instance s2: CElement<INIT = false>(a = c1, b = !aout);
    input rule go energy 3 when !rin && !c1 { rin := true; }
    deadlock_free;
}
)");
    EXPECT_EQ(s.name, "top");
    ASSERT_TRUE(s.find_variable("c1"));
    ASSERT_TRUE(s.find_variable("s2.c"));
    EXPECT_FALSE(s.find_variable("s1.c"));  // bound to the wire c1
    const Variable& c1 = s.variables[*s.find_variable("c1")];
    EXPECT_EQ(c1.origin.component, "");
    EXPECT_EQ(s.variables[*s.find_variable("s2.c")].origin.component, "s2");
    const Transition& rise = transition(s, "s1.rise");
    EXPECT_EQ(rise.kind, TransitionKind::Output);
    EXPECT_EQ(rise.origin.component, "s1");
    EXPECT_EQ(rise.origin.line, 9u);  // in the library file
    EXPECT_NE(rise.origin.file.find("celement.np"), std::string::npos);
    EXPECT_EQ(to_string(rise.guard), "((rin && !(s2.c)) && !(c1))");
    const Transition& go = transition(s, "go");
    EXPECT_EQ(go.kind, TransitionKind::Input);
    EXPECT_EQ(go.energy, 3u);
    EXPECT_EQ(go.origin.line, 9u);
    ASSERT_EQ(s.properties.size(), 1u);
    EXPECT_EQ(s.properties[0].name, "deadlock");
    EXPECT_EQ(s.properties[0].kind, PropertyKind::Deadlock);
}

TEST(Lang, ParallelAssignmentReadsThePreState) {
    System s = elab(R"(
module top {
    var x: u8 = 1;
    var y: u8 = 2;
    rule swap when x != y { x := y; y := x; }
}
)");
    State next = fire(s, transition(s, "swap"), s.initial_state());
    EXPECT_EQ(value(s, next, "x"), 2u);
    EXPECT_EQ(value(s, next, "y"), 1u);
}

TEST(Lang, RuntimeIfGuardsScalarAndElementWrites) {
    System s = elab(R"(
module top {
    var v: s16[3] = {5, -3, 7};
    var i: u2 = 1;
    var spikes: u4 = 0;
    rule step when i < 3 {
        if v[i] >= 0 { v[i] := v[i] - 1; spikes := spikes + 1; } else { v[i] := 0; }
        i := i + 1;
    }
}
)");
    State st = s.initial_state();
    st = fire(s, transition(s, "step"), st);  // v[1] = -3 < 0: set to 0
    EXPECT_EQ(value(s, st, "v", 1), 0u);
    EXPECT_EQ(value(s, st, "spikes"), 0u);
    EXPECT_EQ(value(s, st, "v", 0), 5u);
    st = fire(s, transition(s, "step"), st);  // v[2] = 7: decremented
    EXPECT_EQ(value(s, st, "v", 2), 6u);
    EXPECT_EQ(value(s, st, "spikes"), 1u);
    EXPECT_EQ(value(s, st, "v", 1), 0u);
    EXPECT_EQ(value(s, st, "i"), 3u);
}

TEST(Lang, GenerateLoopsParametersAndQuantifiers) {
    System s = elab(R"(
module Cell {
    param K: int in 0..=7 = 0;
    in left: u3;
    out v: u3 = K;
    rule copy when v != left { v := left; }
}
module top {
    param N: int = 4;
    let LAST = N - 1;
    var src: u3 = 5;
    for i in 0..N {
        if i == 0 { instance cell[i]: Cell<K = i>(left = src); }
        else { instance cell[i]: Cell<K = i>(left = cell[i - 1].v); }
    }
    invariant bounded: forall i in 0..=LAST: cell[i].v <= 7;
}
)");
    for (int i = 0; i < 4; ++i) {
        auto v = s.find_variable("cell[" + std::to_string(i) + "].v");
        ASSERT_TRUE(v);
        EXPECT_EQ(s.variables[*v].init[0], static_cast<std::uint64_t>(i));
    }
    EXPECT_EQ(to_string(transition(s, "cell[2].copy").guard), "(`cell[2].v` != `cell[1].v`)");
    const Property* p = s.find_property("invariant:bounded");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->clauses.at(0).message,
              "invariant bounded violated: forall i in 0..=LAST: cell[i].v <= 7");
}

// Every range of the language (generate `for`, rule `for`, forall/exists evaluated and lowered)
// goes through one checked walk: `X..=INT64_MAX` and `INT64_MIN..` have exactly their elements
// (no `hi + 1` wrap-around to an empty range), empty and reversed ranges have none, and a range
// too large to unroll is rejected at its first bound before any iteration (tests/errors/np/range_*).
// clog2 at the edges of int64 (the shift loop it replaced never ended above 2^62).
TEST(Lang, Clog2IsExactUpToInt64Max) {
    System s = elab(R"(
module top {
    var x: u8 = 0;
    rule r when x == 0 { x := 1; }
    assert clog2(1) == 0 && clog2(2) == 1 && clog2(3) == 2 && clog2(4) == 2 && clog2(5) == 3;
    assert clog2(4611686018427387904) == 62;
    assert clog2(4611686018427387905) == 63;
    assert clog2(9223372036854775807) == 63;
}
)");
    EXPECT_EQ(s.transitions.size(), 1u);
}

TEST(Lang, RangesAtTheInt64LimitsHaveExactlyTheirElements) {
    const std::string max = "9223372036854775807", min = "-9223372036854775808";
    System s = elab(R"(
module top {
    var x: u8 = 0;
    var hits: u8[2] = 0;
    for i in )" + max + "..=" + max + R"( { rule bump[i - )" + max + R"(] when x == 0 { x := 1; } }
    for i in )" + min + ".." + min + R"( + 1 { invariant lowest[i + 9223372036854775807 + 1]: x <= 1; }
    rule mark when hits[0] == 0 { for i in )" + max + "..=" + max + R"( { hits[i - )" + max + R"(] := 1; } }
    assert forall i in )" + max + "..=" + max + R"(: i == )" + max + R"(;
    assert exists i in )" + min + "..=" + min + R"(: i < 0;
    assert forall i in )" + max + ".." + max + R"(: false;
    assert forall i in 5..=4: false;
    invariant never: forall i in )" + max + "..=" + max + R"(: x == 5u8;
    invariant some: exists i in )" + min + "..=" + min + R"(: x == 0u8;
    invariant empty_all: forall i in 3..3: false;
    invariant empty_any: exists i in 4..=3: true;
}
)");
    // One iteration each: bump[0], lowest[0] and one element write of mark.
    EXPECT_EQ(transition(s, "bump[0]").updates.size(), 1u);
    EXPECT_NE(s.find_property("invariant:lowest[0]"), nullptr);
    EXPECT_EQ(transition(s, "mark").updates.size(), 1u);
    const State init = s.initial_state();
    auto violated = [&](const std::string& name) {
        const Property* p = s.find_property("invariant:" + name);
        EXPECT_NE(p, nullptr) << name;
        return p && holds(p->clauses.at(0).bad, init);
    };
    EXPECT_TRUE(violated("never"));  // x == 0 in the initial state: one conjunct, false
    EXPECT_FALSE(violated("some"));
    EXPECT_FALSE(violated("empty_all"));  // forall over nothing is true
    EXPECT_TRUE(violated("empty_any"));   // exists over nothing is false

    // Too large to unroll: rejected at the range's first bound, with the exact element count.
    EXPECT_EQ(error_of("module t { var x: bool = false; rule r when !x { x := true; } assert forall i in " + min + "..=" + max +
                       ": true; }"),
              "1:82: range " + min + "..=" + max + " has 18446744073709551616 elements; at most 1048576 can be unrolled");
    // The budget is for the whole design: nested loops that together exceed it fail before the
    // inner range that would overflow it runs.
    EXPECT_EQ(error_of("module t { var x: bool = false; rule r when !x { x := true; } for i in 0..3 { for j in 0..524288 { "
                       "assert true; } } }"),
              "1:88: more than 1048576 loop iterations in this design (range 0..524288 adds 524288)");
    // A quantifier evaluated at elaboration time stops at its first deciding element.
    EXPECT_EQ(error_of("module t { var x: bool = false; rule r when !x { x := true; } assert exists i in 0..4: 10 / (2 - i) == 10; }"),
              "accepted");
    EXPECT_EQ(error_of("module t { var x: bool = false; rule r when !x { x := true; } assert forall i in 0..4: 10 / (2 - i) > 0; }"),
              "1:91: division by zero");
}

TEST(Lang, ChannelsAreRecordedWithTheirWires) {
    System s = elab(R"(
import "std/latch.np";
module top {
    channel a: 4phase(u4);
    channel b: 4phase(u4);
    instance st: Stage<T = u4>(i = a, o = b);
    var n: u4 = 0;
    input rule put when !a.req && !a.ack { a.req := true; a.data := n; n := n + 1; }
    input rule put_done when a.req && a.ack { a.req := false; }
    input rule get when b.req && !b.ack { b.ack := true; }
    input rule get_done when !b.req && b.ack { b.ack := false; }
    handshake a;
    quiescent within 4;
}
)");
    ASSERT_EQ(s.channels.size(), 2u);
    const Channel* a = s.find_channel("a");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->protocol, ChannelProtocol::FourPhase);
    EXPECT_EQ(s.variables[a->req].name, "a.req");
    EXPECT_EQ(s.variables[a->ack].name, "a.ack");
    ASSERT_EQ(a->data.size(), 1u);
    EXPECT_EQ(s.variables[a->data[0]].type, Type::uint(4));
    ASSERT_EQ(s.requested_checks.size(), 2u);
    EXPECT_EQ(s.requested_checks[0].name, "handshake:a");
    EXPECT_EQ(s.requested_checks[0].channel, 0);
    EXPECT_EQ(s.requested_checks[1].name, "quiescence");
    EXPECT_EQ(s.requested_checks[1].bound, 4u);
    EXPECT_TRUE(s.properties.empty());  // spec/load_system.cpp adds handshake:a; quiescence is a graph property
    EXPECT_TRUE(s.warnings.empty());
    // The stage drives b.req/b.data and a.ack.
    EXPECT_EQ(transition(s, "st.capture").updates.size(), 3u);
}

TEST(Lang, JsonTablesFlattenRowMajor) {
    const fs::path dir = fs::temp_directory_path() / "np_test_lang_json";
    fs::create_directories(dir);
    std::ofstream(dir / "cfg.json") << R"({"cores": [{"kernel": [2, 3], "weights": [[[1, -2, 3], [4, 5, -128]]], "flag": true}]})";
    System s = elaborate_text((dir / "top.np").string(), R"(
module top {
    param KX = json("cfg.json", "/cores/0/kernel/0");
    param KY = json("cfg.json", "/cores/0/kernel/1");
    param FLAG: bool = json("cfg.json", "/cores/0/flag");
    const W: s8[KX * KY] = json("cfg.json", "/cores/0/weights");
    var acc: s8 = 0;
    rule add when acc == 0 && FLAG { acc := W[5]; }
}
)");
    const Variable& w = s.variables[*s.find_variable("W")];
    ASSERT_EQ(w.length, 6u);
    std::vector<std::int64_t> got;
    for (auto raw : w.init) got.push_back(to_signed(raw, 8));
    EXPECT_EQ(got, (std::vector<std::int64_t>{1, -2, 3, 4, 5, -128}));
    // A constant index into a constant table is folded.
    EXPECT_EQ(to_string(transition(s, "add").updates.at(0).value), "-128s8");
    fs::remove_all(dir);
}

TEST(Lang, LiteralTypingFollowsParseExpr) {
    EXPECT_EQ(error_of("module t { var x: u8 = 0; rule r when (x == 0 ? 1 : 2) == 1 { x := 1; } }"),
              "1:49: type of literal 1 is unknown: give it a suffix (1u8, 1s16, ...) or use it with a typed operand");
    EXPECT_EQ(error_of("module t { var x: u8 = 0; rule r when x == 256 { x := 1; } }"), "1:44: literal 256 does not fit u8");
    EXPECT_EQ(error_of("module t { param N = 300; var x: u8 = 0; rule r when x < N { x := 1; } }"),
              "1:58: value 300 of 'N' does not fit u8");
    EXPECT_EQ(error_of("module t { var b: bool = false; rule r when b & 1 { b := true; } }"),
              "1:49: number 1 is not a bool (write true or false)");
    // Two elaboration-time integers compare at elaboration time (parse_expr would need a type).
    System s = elab("module t { param N = 3; var x: u8 = 0; rule r when N > 2 && x < N { x := x + 1; } }");
    EXPECT_EQ(to_string(transition(s, "r").guard), "(true && (x < 3u8))");
    // '/' on parameters, then typed by context.
    s = elab("module t { param N = 7; var x: u8 = 0; rule r when x < N / 2 { x := x + N % 4; } }");
    EXPECT_EQ(to_string(transition(s, "r").guard), "(x < 3u8)");
}

TEST(Lang, OutputForwardingAndChannelForwarding) {
    System s = elab(R"(
import "std/latch.np";
module Pair {
    recv i: 4phase(u2);
    send o: 4phase(u2);
    channel mid: 4phase(u2);
    instance a: Stage<T = u2>(i = i, o = mid);
    instance b: Stage<T = u2>(i = mid, o = o);
}
module top {
    channel x: 4phase(u2);
    channel y: 4phase(u2);
    instance p: Pair(i = x, o = y);
    input rule put when !x.req && !x.ack { x.req := true; }
    input rule put_done when x.req && x.ack { x.req := false; }
    input rule get when y.req && !y.ack { y.ack := true; }
    input rule get_done when !y.req && y.ack { y.ack := false; }
}
)");
    EXPECT_TRUE(s.find_variable("p.mid.req"));
    EXPECT_FALSE(s.find_variable("p.i.req"));  // ports are the parent's channels
    ASSERT_EQ(s.channels.size(), 3u);
    // The inner stage writes the top's channel wires.
    const Transition& cap = transition(s, "p.a.capture");
    std::vector<std::string> written;
    for (const Assignment& a : cap.updates) written.push_back(s.variables[a.var].name);
    std::sort(written.begin(), written.end());
    EXPECT_EQ(written, (std::vector<std::string>{"p.mid.data", "p.mid.req", "x.ack"}));
}

TEST(Lang, MoreRejections) {
    EXPECT_EQ(error_of("module t { var x: u8 = 0; rule r when x < 3 { x := x + 1; } invariant i: x; }"),
              "1:74: an invariant must be bool, got u8");
    EXPECT_EQ(error_of("module t { var x: bool = 0; rule r when !x { x := true; } }"),
              "1:26: initial value must be true or false, got an integer 0");
    EXPECT_EQ(error_of("module t { var m: u8[2] = {1, 2, 3}; rule r when m[0] == 0 { m[0] := 1; } }"),
              "1:25: 'm' has 2 elements but the list gives 3");
    EXPECT_EQ(error_of("module t { var m: u8[0]; rule r when true { m[0] := 1; } }"),
              "1:22: array length must be at least 1, got 0");
    EXPECT_EQ(error_of("top module a { var x: bool = false; rule r when !x { x := true; } } top module b { }"),
              "1:80: two modules are marked 'top' ('a' and 'b')");
    EXPECT_EQ(error_of("module t { var x: u8 = 0; rule r when x < 3 { x := x + 1; } } garbage"),
              "1:63: expected 'module' or 'import', got 'garbage'");
    EXPECT_EQ(error_of(""), "1:1: no module in this file (the last module of the main file is the top of the design)");
    EXPECT_EQ(error_of("module t { var x: u8 = 0; rule r when x < 3 { x := 1 +; } }"), "1:55: expected an expression, got ';'");
}

TEST(Lang, StandardLibraryElaborates) {
    // Every library module can be instantiated in a closed harness.
    System s = elab(R"(
import "std/celement.np";
import "std/mutex.np";
import "std/fork.np";
import "std/join.np";
import "std/merge.np";
import "std/sequencer.np";
import "std/call.np";
import "std/toggle.np";
import "std/latch.np";
import "std/fifo.np";
import "std/bundled.np";
module top {
    var x: bool = false;
    input rule flip when true { x := !x; }
    instance c: CElement(a = x, b = x);
    instance m: Mutex(r1 = x, r2 = !x);
    instance t: Toggle(x = x);
    channel a: 4phase; channel b: 4phase; channel d: 4phase;
    instance f: Fork(i = a, o1 = b, o2 = d);
    channel e: 4phase;
    instance j: Join(i1 = b, i2 = d, o = e);
    channel g: 4phase; channel h: 4phase;
    instance s: Sequencer(a = e, o1 = g, o2 = h);
    channel k: 4phase;
    instance mg: Merge(i1 = g, i2 = h, o = k);
    channel l: 4phase;
    instance cl: Call(c1 = k, c2 = l, s = a);
    channel p: 4phase(u3); channel q: 4phase(u3); channel r: 4phase(u3); channel u: 4phase(u3);
    instance st: Stage<T = u3>(i = p, o = q);
    instance ff: Fifo<T = u3, DEPTH = 3>(i = q, o = r);
    instance bd: Bundled<T = u3>(i = r, o = u);
    channel v1: 4phase; channel v2: 4phase; channel w: 4phase;
    instance ar: Arbiter(c1 = v1, c2 = v2, r = w);
}
)");
    EXPECT_TRUE(s.find_property("invariant:m.mutex"));
    EXPECT_TRUE(s.find_property("invariant:ar.m.mutex"));
    EXPECT_TRUE(s.find_property("invariant:ff.bounded"));
    EXPECT_TRUE(s.find_variable("ff.buf"));
    EXPECT_EQ(s.variables[*s.find_variable("ff.count")].type, Type::uint(2));
}

TEST(Lang, LibraryIsFoundThroughTheExecutablePathOrTheEnvironment) {
    std::vector<std::string> dirs = library_search_path({});
    ASSERT_FALSE(dirs.empty());
    // Test executables live in <build>/bin, so <exe>/../../spec/lib is the source tree's library
    // when the build folder is inside the source tree (as the README's build is).
    bool found = false;
    for (const std::string& d : dirs) found = found || fs::exists(fs::path(d) / "celement.np");
    if (!found) GTEST_SKIP() << "build folder outside the source tree";
    EXPECT_NO_THROW(elaborate_text("x.np", "import \"std/celement.np\"; module t { var a: bool = false; "
                                            "input rule f when true { a := !a; } instance c: CElement(a = a, b = a); }"));
}

TEST(Lang, MustRejectCorpus) {
    int n = test::check_error_corpus(test::source_dir() / "tests/errors/np",
                                     [](const std::string& p) { elaborate_file(p, lib_options()); });
    EXPECT_GE(n, 30);
}

TEST(Lang, LoadSystemDispatchesNp) {
    System s = load_system((test::source_dir() / "examples/vme/vme.np").string());
    EXPECT_EQ(s.name, "vme");
    EXPECT_TRUE(s.find_property("deadlock"));
}

// ---- properties -----------------------------------------------------------------------------------

std::string literal(Type t, std::uint64_t raw) {
    if (t.is_bool()) return raw ? "true" : "false";
    if (t.is_signed() && to_signed(raw, t.width) < 0) return "-" + std::to_string((std::uint64_t{0} - raw) & t.mask());
    return std::to_string(raw);
}

// True when `e` reads an array at a constant index outside it (the IR reads 0 there; the
// language rejects such an index at elaboration), or writes so.
bool closed(const Expr& x) {
    if (x->op == Op::Var || x->op == Op::Read) return false;
    for (const Expr& k : x->args)
        if (!closed(k)) return false;
    return true;
}

bool constant_oob(const Expr& e) {
    if (e->op == Op::Read && closed(e->args[0]) && eval(e->args[0], State{}) >= e->length) return true;
    for (const Expr& k : e->args)
        if (constant_oob(k)) return true;
    return false;
}

std::string print_module(const System& sys) {
    std::string out = "module random {\n";
    for (const Variable& v : sys.variables) {
        out += "    var " + v.name + ": " + v.type.str() + (v.length ? "[" + std::to_string(v.length) + "]" : "") + " = ";
        if (v.length) {
            out += "{";
            for (std::uint32_t k = 0; k < v.length; ++k) out += (k ? ", " : "") + literal(v.type, v.init[k]);
            out += "}";
        } else {
            out += literal(v.type, v.init[0]);
        }
        out += ";\n";
    }
    for (const Transition& t : sys.transitions) {
        out += std::string("    ") + kind_name(t.kind) + " rule " + t.name + " energy " + std::to_string(t.energy) +
               " when " + to_string(t.guard) + " {";
        for (const Assignment& a : t.updates)
            out += " " + sys.variables[a.var].name + (a.index ? "[" + to_string(a.index) + "]" : "") + " := " + to_string(a.value) + ";";
        out += " }\n";
    }
    return out + "}\n";
}

RC_GTEST_PROP(LangProperty, PrintedSystemElaboratesToTheSameSystem, ()) {
    // gen::expr keeps a reference to the system, and RapidCheck may describe a failing case after
    // this body returned: the systems live as long as the test run.
    static std::deque<System> keep;
    keep.push_back(*gen::small_system());
    System& sys = keep.back();
    const int rules = *rc::gen::inRange(1, 4);
    for (int r = 0; r < rules; ++r) {
        Transition t;
        t.name = "t" + std::to_string(r);
        t.kind = *rc::gen::element(TransitionKind::Input, TransitionKind::Output, TransitionKind::Internal);
        t.energy = *rc::gen::inRange<std::uint32_t>(0, 10);
        t.guard = *gen::expr(sys, Type::boolean(), 3);
        RC_PRE(!constant_oob(t.guard));
        for (std::uint32_t v = 0; v < sys.variables.size(); ++v) {
            if (!*rc::gen::arbitrary<bool>()) continue;  // each variable written at most once
            const Variable& var = sys.variables[v];
            Assignment a;
            a.var = v;
            if (var.length) {
                a.index = *gen::expr(sys, *rc::gen::element(Type::uint(8), Type::uint(64), Type::sint(4)), 2);
                RC_PRE(!constant_oob(a.index));
                // A constant index outside the array is an elaboration error in the language.
                // (RC_PRE captures its operands, so || would not short-circuit inside it.)
                const bool index_ok = !closed(a.index) || eval(a.index, State{}) < var.length;
                RC_PRE(index_ok);
            }
            a.value = *gen::expr(sys, var.type, 3);
            RC_PRE(!constant_oob(a.value));
            t.updates.push_back(a);
        }
        RC_PRE(!t.updates.empty());
        sys.transitions.push_back(std::move(t));
    }
    const std::string text = print_module(sys);
    if (const char* dump = std::getenv("NP_LANG_DUMP")) std::ofstream(dump) << text;
    System back;
    try {
        back = elaborate_text("<random>.np", text);
    } catch (const SourceError& e) {
        RC_FAIL(std::string(e.what()) + "\n" + text);
    }
    RC_ASSERT(back.variables.size() == sys.variables.size());
    for (std::size_t i = 0; i < sys.variables.size(); ++i) {
        RC_ASSERT(back.variables[i].name == sys.variables[i].name);
        RC_ASSERT(back.variables[i].type == sys.variables[i].type);
        RC_ASSERT(back.variables[i].length == sys.variables[i].length);
        RC_ASSERT(back.variables[i].init == sys.variables[i].init);
    }
    RC_ASSERT(back.transitions.size() == sys.transitions.size());
    for (std::size_t i = 0; i < sys.transitions.size(); ++i) {
        const Transition& a = sys.transitions[i];
        const Transition& b = back.transitions[i];
        RC_ASSERT(a.name == b.name);
        RC_ASSERT(a.kind == b.kind);
        RC_ASSERT(a.energy == b.energy);
        RC_ASSERT(to_string(a.guard) == to_string(b.guard));
        // Scalars come out in variable order, array writes after them: compare as sets of texts.
        std::vector<std::string> ua, ub;
        for (const Assignment& x : a.updates)
            ua.push_back(std::to_string(x.var) + (x.index ? "[" + to_string(x.index) + "]" : "") + "=" + to_string(x.value));
        for (const Assignment& x : b.updates)
            ub.push_back(std::to_string(x.var) + (x.index ? "[" + to_string(x.index) + "]" : "") + "=" + to_string(x.value));
        std::sort(ua.begin(), ua.end());
        std::sort(ub.begin(), ub.end());
        RC_ASSERT(ua == ub);
    }
}

RC_GTEST_PROP(LangProperty, MutatedDesignsAreAcceptedOrRejectedWithALocation, ()) {
    std::string text = R"(import "std/celement.np";
module top {
    param N: int in 1..=4 = 2;
    var rin: bool = false;
    var v: s8[4] = {1, -2, 3, 4};
    channel c: 4phase(u3);
    for i in 0..N { instance s[i]: CElement(a = rin, b = !rin); }
    input rule go when !rin && v[0] > -3 { rin := true; v[1] := v[1] +| 1s8; }
    input rule put when !c.req && !c.ack { c.req := true; c.data := 5; }
    invariant ok: forall i in 0..4: v[i] >= -128;
    deadlock_free;
}
)";
    const int edits = *rc::gen::inRange(1, 4);
    for (int k = 0; k < edits; ++k) {
        const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
        switch (*rc::gen::inRange(0, 3)) {
            case 0: text.erase(at, 1); break;
            case 1: text.insert(at, 1, *rc::gen::element('{', '}', ';', ':', '[', ']', '(', ')', '.', '"', '`', '/', '*', 'x', '9', '\0', '\xff')); break;
            default: text[at] = *rc::gen::element(' ', '=', '-', '<', '>', 'u', '0', '!'); break;
        }
    }
    try {
        elab(text);
    } catch (const SourceError& e) {
        RC_ASSERT(e.where().line >= 1u);
        RC_ASSERT(e.where().col >= 1u);
    }
}

}  // namespace
}  // namespace np
