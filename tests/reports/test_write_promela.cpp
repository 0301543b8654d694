// `neuroproof export --format promela` (reports/write_promela.hpp), checked by SPIN itself: the
// number of states SPIN stores (spin -a -o2; pan compiled -DSAFETY -DNOREDUCE) equals the explicit
// engine's state count, and SPIN finds an invalid end state exactly when the explicit engine's
// deadlock verdict is FAIL — on the Corbett nets and Workcraft STGs of the shared benchmarks, on a
// handwritten net, and on a small design whose bit-vector arithmetic wraps around.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "checkers/explicit_search.hpp"
#include "proofs/spawn_process.hpp"
#include "reports/export_model.hpp"
#include "reports/write_promela.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

// Nets with more transitions are left out: gcc needs seconds for their pan.c (gas_q_4: 2706, 10 s).
constexpr std::size_t kTransitionCap = 600;
// Nets whose state space is larger are left out (SPIN's compile-and-run must stay fast); pan runs
// with a depth limit of 200000 (-m), more than any of those can need.
constexpr std::uint64_t kStateCap = 50000;

ModelSource source(const fs::path& file, std::uint32_t capacity = 0) {
    ModelSource s;
    s.file = file.string();
    s.capacity = capacity;
    return s;
}

fs::path scratch_dir() {
    static std::atomic<int> counter{0};
    const fs::path dir = fs::temp_directory_path() / ("np-promela-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir);
    return dir;
}

// What is missing to run SPIN ("" when spin and gcc both run).
std::string spin_missing() {
    if (!run_captured({"spin", "-V"}, 30, {}).exited_with(0)) return "spin (Debian package spin) is not on PATH";
    if (!run_captured({"gcc", "--version"}, 30, {}).exited_with(0)) return "gcc is not on PATH (SPIN's verifier is C)";
    return "";
}

struct SpinResult {
    bool ran = false;
    std::uint64_t stored = 0;
    std::uint64_t errors = 0;
    std::string output;
};

// Exports `sys`, builds pan, searches the whole state space (-c0: go on past errors).
SpinResult run_spin(const System& sys) {
    SpinResult r;
    const fs::path dir = scratch_dir();
    {
        std::ofstream f(dir / "model.pml");
        write_promela(sys, f);
    }
    const std::string cmd = "cd '" + dir.string() +
                            "' && spin -a -o2 model.pml && gcc -O0 -w -DSAFETY -DNOREDUCE -DVECTORSZ=4096 -o pan pan.c && ./pan -m200000 -c0 -w18";
    const CapturedRun run = run_captured({"sh", "-c", cmd}, 120, {});
    r.output = run.output;
    std::smatch m;
    if (run.exited_with(0) && std::regex_search(run.output, m, std::regex(R"((\d+) states, stored)"))) {
        r.stored = std::stoull(m[1]);
        if (std::regex_search(run.output, m, std::regex(R"(errors: (\d+))"))) {
            r.errors = std::stoull(m[1]);
            r.ran = true;
        }
    }
    fs::remove_all(dir);
    return r;
}

// The explicit engine's deadlock verdict, and in `states` the size of the whole reachable state
// space: an invariant that never fails keeps the search going past the first deadlock (which
// alone would end it). UNKNOWN when the state space is larger than max_states.
PropertyResult explicit_deadlock(const System& sys, std::uint64_t max_states = 0) {
    Property deadlock{"deadlock", PropertyKind::Deadlock, {}, false, "no deadlock"};
    Property never{"invariant:never", PropertyKind::Invariant, {{-1, mk_bool(false), "never", {}}}, false, "keeps the search going"};
    const Property* p = sys.find_property("deadlock");
    ExplicitOptions o;
    o.limits.max_states = max_states;
    const std::vector<PropertyResult> r = check_explicit(sys, {p ? p : &deadlock, &never}, o);
    PropertyResult result = r[0];
    result.states = r[1].states;
    if (r[1].verdict != Verdict::Pass) result.verdict = Verdict::Unknown;  // not all of the state space
    return result;
}

// SPIN agrees with the explicit engine on `sys` (its deadlock verdict must be PASS or FAIL).
void expect_same(const System& sys, const PropertyResult& ex) {
    const SpinResult s = run_spin(sys);
    ASSERT_TRUE(s.ran) << s.output;
    EXPECT_EQ(s.stored, ex.states) << s.output;
    EXPECT_EQ(s.errors > 0, ex.verdict == Verdict::Fail) << ex.message << "\n" << s.output;
    EXPECT_EQ(s.output.find("invalid end state (at depth") != std::string::npos, ex.verdict == Verdict::Fail) << s.output;
}

fs::path write_file(const std::string& name, const std::string& text) {
    const fs::path f = scratch_dir() / name;
    std::ofstream(f) << text;
    return f;
}

TEST(WritePromela, SpinAgreesOnTheBenchmarkNets) {
    if (const std::string m = spin_missing(); !m.empty()) GTEST_SKIP() << m;
    const fs::path data = NP_DATA_DIR;
    std::vector<fs::path> nets;
    for (const char* folder : {"benchmarks/pep/corbett", "benchmarks/stg/workcraft"}) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(data / folder, ec))
            if (e.path().extension() == ".ll_net" || e.path().extension() == ".g") nets.push_back(e.path());
    }
    if (nets.empty()) GTEST_SKIP() << "shared benchmarks absent: " << data / "benchmarks";
    std::sort(nets.begin(), nets.end());
    int compared = 0, deadlocks = 0;
    for (const fs::path& net : nets) {
        SCOPED_TRACE(net.string());
        const System sys = load_model(source(net));
        if (sys.transitions.size() > kTransitionCap) continue;
        const PropertyResult ex = explicit_deadlock(sys, kStateCap);
        if (ex.verdict != Verdict::Pass && ex.verdict != Verdict::Fail) continue;  // over the cap (or truncated)
        expect_same(sys, ex);
        ++compared;
        deadlocks += ex.verdict == Verdict::Fail;
    }
    EXPECT_GE(compared, 40);  // 31 Corbett nets and 26 STGs are under the cap
    EXPECT_GE(deadlocks, 5);
}

TEST(WritePromela, SpinAgreesOnAHandwrittenNet) {
    if (const std::string m = spin_missing(); !m.empty()) GTEST_SKIP() << m;
    // A ring of three transitions sharing a mutex place, and a branch that dead-ends.
    const fs::path g = write_file("ring.g", R"(.model ring
.inputs a
.outputs b c
.graph
a+ b+
b+ c+
c+ a-
a- b-
b- c-
c- a+
a+ p_dead
p_dead c+
.marking {<c-,a+>}
.end
)");
    const System sys = load_model(source(g));
    const PropertyResult ex = explicit_deadlock(sys);
    ASSERT_TRUE(ex.verdict == Verdict::Pass || ex.verdict == Verdict::Fail) << ex.message;
    expect_same(sys, ex);
    fs::remove_all(g.parent_path());
}

TEST(WritePromela, SpinAgreesOnCountersWithTruncation) {
    if (const std::string m = spin_missing(); !m.empty()) GTEST_SKIP() << m;
    // A producer that fills a place without bound: with capacity 3 the place is a u2 counter and
    // firings beyond the capacity are cut off (safeness, blocking) — in both engines alike.
    const fs::path net = write_file("producer.ll_net", R"(PEP
PetriBox
FORMAT_N2
PL
1"idle"M1
2"buffer"
TR
1"produce"
2"consume"
TP
1<1
1<2
PT
1>1
2>2
)");
    const System sys = load_model(source(net, 3));
    const PropertyResult ex = explicit_deadlock(sys);
    const SpinResult s = run_spin(sys);
    ASSERT_TRUE(s.ran) << s.output;
    EXPECT_EQ(s.stored, ex.states) << s.output;
    fs::remove_all(net.parent_path());
}

// A design whose arithmetic wraps: every operator of the IR at small widths, parallel assignment
// (a swap that needs the pre-state), arrays read and written through out-of-range indices.
System arithmetic_design() {
    System sys;
    sys.name = "wrap";
    sys.source = "test_write_promela.cpp";
    auto add = [&](const std::string& n, Type t, std::vector<std::uint64_t> init, std::uint32_t length = 0) {
        Variable v;
        v.name = n;
        v.type = t;
        v.length = length;
        v.init = std::move(init);
        return sys.add_variable(std::move(v));
    };
    const Type u4 = Type::uint(4), s4 = Type::sint(4), u2 = Type::uint(2);
    const std::uint32_t x = add("x", u4, {13}), y = add("y", s4, {6}), a = add("a", u2, {1, 3}, 2), b = add("b.flag", Type::boolean(), {0});
    const Expr X = sys.var(x), Y = sys.var(y), B = sys.var(b);
    auto read = [&](Expr i) { return mk_read(a, sys.variables[a].slot, 2, u2, "a", std::move(i)); };
    auto c4 = [&](std::uint64_t v) { return mk_const(u4, v); };
    auto cs4 = [&](std::int64_t v) { return mk_const(s4, static_cast<std::uint64_t>(v)); };
    auto tr = [&](const std::string& n, Expr g, std::vector<Assignment> u) {
        Transition t;
        t.name = n;
        t.guard = std::move(g);
        t.updates = std::move(u);
        sys.transitions.push_back(std::move(t));
    };
    // x := x + 5 (mod 16), y := y * 3 (two's complement wrap)
    tr("add_mul", mk_binary(Op::Lt, X, c4(12)), {{x, nullptr, mk_binary(Op::Add, X, c4(5))}, {y, nullptr, mk_binary(Op::Mul, Y, cs4(3))}});
    // parallel swap through casts: x := (u4) y, y := (s4) x (reads the pre-state x)
    tr("swap", B, {{x, nullptr, mk_cast(u4, Y)}, {y, nullptr, mk_cast(s4, X)}, {b, nullptr, mk_not(B)}});
    // saturating forms
    tr("sat", mk_not(B), {{y, nullptr, mk_binary(Op::AddSat, Y, cs4(5))}, {x, nullptr, mk_binary(Op::SubSat, X, c4(6))},
                          {b, nullptr, mk_bool(true)}});
    // shifts (arithmetic right shift on s4) and negation, bit operators
    tr("shift", mk_binary(Op::Ne, Y, cs4(0)), {{x, nullptr, mk_binary(Op::Shl, X, mk_cast(u4, read(mk_const(u2, 1))))},
                                               {y, nullptr, mk_binary(Op::Shr, mk_unary(Op::Neg, Y), mk_const(u2, 1))}});
    tr("bits", mk_binary(Op::Ge, Y, cs4(-2)), {{x, nullptr, mk_binary(Op::BitXor, mk_unary(Op::BitNot, X), mk_binary(Op::BitAnd, X, c4(6)))},
                                               {y, nullptr, mk_binary(Op::BitOr, Y, cs4(-8))}});
    // array write through x's low bits: indices 2 and 3 are out of range (dropped); read out of range is 0
    tr("store", mk_binary(Op::Eq, read(mk_cast(u2, Y)), mk_const(u2, 0)) ,
       {{a, mk_cast(u2, X), mk_cast(u2, mk_binary(Op::Sub, Y, cs4(1)))}, {y, nullptr, mk_ite(B, cs4(7), mk_binary(Op::Sub, Y, cs4(1)))}});
    sys.properties.push_back({"deadlock", PropertyKind::Deadlock, {}, false, "no deadlock"});
    return sys;
}

TEST(WritePromela, SpinAgreesOnWrapAroundArithmetic) {
    if (const std::string m = spin_missing(); !m.empty()) GTEST_SKIP() << m;
    const System sys = arithmetic_design();
    const PropertyResult ex = explicit_deadlock(sys);
    ASSERT_TRUE(ex.verdict == Verdict::Pass || ex.verdict == Verdict::Fail) << ex.message;
    EXPECT_GT(ex.states, 20u);
    expect_same(sys, ex);
}

TEST(WritePromela, ShippedDesignsThatFitAgreeWithSpin) {
    if (const std::string m = spin_missing(); !m.empty()) GTEST_SKIP() << m;
    for (const char* name : {"fifo/fifo.np", "arbiter_tree/arbiter_tree_broken.np", "stg/muller_pipeline_deadlock.g"}) {
        SCOPED_TRACE(name);
        const System sys = load_system(std::string(NP_SOURCE_DIR) + "/examples/" + name);
        const PropertyResult ex = explicit_deadlock(sys, kStateCap);
        ASSERT_TRUE(ex.verdict == Verdict::Pass || ex.verdict == Verdict::Fail) << ex.message;
        expect_same(sys, ex);
    }
}

TEST(WritePromela, TextStatesTheSemantics) {
    std::ostringstream out;
    write_promela(arithmetic_design(), out);
    const std::string t = out.str();
    EXPECT_NE(t.find("of 'wrap' from test_write_promela.cpp"), std::string::npos) << t;
    EXPECT_NE(t.find("t1 swap (internal)"), std::string::npos) << t;
    EXPECT_NE(t.find("byte v_x = 13;"), std::string::npos) << t;
    EXPECT_NE(t.find("short v_y = 6;"), std::string::npos) << t;
    EXPECT_NE(t.find("byte v_a[2] = { 1, 3 };"), std::string::npos) << t;
    EXPECT_NE(t.find("bit v_b_flag = 0;"), std::string::npos) << t;
    EXPECT_NE(t.find("hidden int t_0;"), std::string::npos) << t;  // the swap's pre-state copy
    EXPECT_NE(t.find("*/\n     d_step { (v_x < 12) ->\n"), std::string::npos) << t;
    // No escape from the do-loop: a state that enables nothing is an invalid end state (deadlock).
    EXPECT_EQ(t.find("\n  :: timeout"), std::string::npos) << t;
    EXPECT_EQ(t.find("\n  :: else"), std::string::npos) << t;
    EXPECT_EQ(t.find("break"), std::string::npos) << t;
    EXPECT_EQ(t.find("end:"), std::string::npos) << t;
}

TEST(WritePromela, TruncationIsAnnouncedInTheFile) {
    const fs::path net = write_file("one.ll_net", "PEP\nPetriBox\nFORMAT_N2\nPL\n1\"p\"M1\n2\"q\"\nTR\n1\"t\"\nTP\n1<2\nPT\n1>1\n");
    std::ostringstream out;
    write_promela(load_model(source(net)), out);
    EXPECT_NE(out.str().find("TRUNCATION"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("UNCHECKED"), std::string::npos) << out.str();
    fs::remove_all(net.parent_path());
}

TEST(WritePromela, RefusesWhatPromelaCannotHoldExactly) {
    System wide;
    wide.name = "wide";
    Variable v;
    v.name = "big";
    v.type = Type::uint(32);
    v.init = {0};
    wide.add_variable(v);
    std::ostringstream out;
    try {
        write_promela(wide, out);
        ADD_FAILURE() << "u32 accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'big' has type u32"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(out.str().empty());

    System mul;
    mul.name = "mul";
    v.name = "m";
    v.type = Type::uint(20);
    const std::uint32_t m = mul.add_variable(v);
    Transition t;
    t.name = "square";
    t.guard = mk_bool(true);
    t.updates.push_back({m, nullptr, mk_binary(Op::Mul, mul.var(m), mul.var(m))});
    mul.transitions.push_back(t);
    try {
        write_promela(mul, out);
        ADD_FAILURE() << "u20 * u20 accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("operator '*' on u20"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("32-bit"), std::string::npos) << e.what();
    }
}

TEST(WritePromela, ExportCarriesDeadlockOnly) {
    const System sys = arithmetic_design();
    EXPECT_EQ(export_format("promela"), ExportFormat::Promela);
    EXPECT_STREQ(export_extension(ExportFormat::Promela), ".pml");
    std::ostringstream a, b;
    export_model(sys, {}, ExportFormat::Promela, a);
    export_model(sys, {"deadlock"}, ExportFormat::Promela, b);
    EXPECT_EQ(a.str(), b.str());
    try {
        export_model(sys, {"consistency"}, ExportFormat::Promela, a);
        ADD_FAILURE() << "consistency accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("deadlock only"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace np
