// Certificates of symbolic PASSes (proofs/): emitted by k-induction (1- and k-inductive) and
// Spacer, confirmed by the cvc5 and z3 binaries; wrong invariants and tampered files are caught;
// stored certificates are rebuilt from their model (regenerate_certificate) and tampered files
// rejected; solver answers are read whole; random systems' certificates all re-check and rebuild.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../support/error_corpus.hpp"
#include "../support/rc_cases.hpp"
#include "checkers/certify.hpp"
#include "checkers/emit_certificate.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/spacer.hpp"
#include "generators/gen_system.hpp"
#include "proofs/recheck.hpp"
#include "proofs/smt2_script.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

// x: u3 from 0, one transition x := x + 2 (mod 8): x stays even. "x != 7" is 4-inductive, not
// 1-inductive (1 -> 3 -> 5 -> 7 is a simple path of odd, unreachable states).
System even_counter() {
    System sys;
    sys.name = "even_counter";
    Variable x;
    x.name = "x";
    x.type = Type::uint(3);
    sys.add_variable(x);
    Transition t;
    t.name = "inc";
    t.guard = mk_bool(true);
    t.updates.push_back({0, nullptr, mk_binary(Op::Add, sys.var(0), mk_const(Type::uint(3), 2))});
    sys.transitions.push_back(t);
    sys.properties.push_back({"deadlock", PropertyKind::Deadlock, {}, false, ""});
    Property inv{"invariant:not7", PropertyKind::Invariant, {}, false, ""};
    inv.clauses.push_back({-1, mk_binary(Op::Eq, sys.var(0), mk_const(Type::uint(3), 7)), "x = 7", {}});
    sys.properties.push_back(inv);
    return sys;
}

fs::path fresh_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("np-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d;
}

void expect_confirmed(const PropertyResult& r) {
    ASSERT_EQ(r.verdict, Verdict::Pass) << r.message;
    ASSERT_TRUE(r.certificate);
    EXPECT_TRUE(r.certificate->confirmed()) << r.certificate->failure();
    EXPECT_EQ(r.certificate->checks.size(), 9u);  // 3 obligations x (cvc5, z3, boolector)
    for (const ObligationCheck& c : r.certificate->checks) EXPECT_EQ(c.answer, "unsat") << c.solver << " " << c.obligation;
}

TEST(Certificates, KInductiveCertificateRechecks) {
    System sys = even_counter();
    auto r = check_kind(sys, {sys.find_property("invariant:not7")}, {});
    expect_confirmed(r[0]);
    EXPECT_EQ(r[0].certificate->method, "k-induction");
    EXPECT_EQ(r[0].certificate->k, 4u);
    EXPECT_EQ(r[0].depth, 4u);
}

TEST(Certificates, SpacerInvariantRechecks) {
    System sys = even_counter();
    auto r = check_spacer(sys, {sys.find_property("invariant:not7"), sys.find_property("deadlock")}, {});
    for (const auto& x : r) {
        expect_confirmed(x);
        EXPECT_EQ(x.certificate->method, "spacer");
        EXPECT_EQ(x.certificate->k, 1u);
    }
}

TEST(Certificates, NonInductiveInvariantTurnsPassIntoError) {
    System sys = even_counter();
    const Property& p = *sys.find_property("invariant:not7");
    z3::context ctx;
    TransitionRelation tr(ctx, sys);
    // ¬(x = 7) is not 1-inductive (5 -> 7): presented as an inductive invariant, its step
    // obligation is satisfiable.
    Certificate cert = make_certificate(tr, p, "spacer", 1, !tr.obligation(p, tr.state("")));
    PropertyResult r;
    r.name = p.name;
    r.verdict = Verdict::Pass;
    r.message = "claimed";
    r.certificate = cert;
    confirm_certificate(r, {});
    EXPECT_EQ(r.verdict, Verdict::Error);
    EXPECT_NE(r.message.find("answered sat on step.smt2"), std::string::npos) << r.message;
    for (const ObligationCheck& c : r.certificate->checks)
        EXPECT_EQ(c.answer, c.obligation == "step" ? "sat" : "unsat") << c.solver << " " << c.obligation;
}

TEST(Certificates, InvariantNotExcludingTheViolationIsCaught) {
    System sys = even_counter();
    const Property& p = *sys.find_property("invariant:not7");
    z3::context ctx;
    TransitionRelation tr(ctx, sys);
    Certificate cert = make_certificate(tr, p, "spacer", 1, ctx.bool_val(true));
    recheck_certificate(cert);
    EXPECT_FALSE(cert.confirmed());
    EXPECT_NE(cert.failure().find("property.smt2"), std::string::npos) << cert.failure();
}

TEST(Certificates, StoredCertificateIsRebuiltFromTheModelAndTamperingIsCaught) {
    System sys = even_counter();
    auto r = check_spacer(sys, {sys.find_property("invariant:not7")}, {});
    ASSERT_TRUE(r[0].certificate);
    const fs::path dir = fresh_dir("cert");
    write_certificate(dir.string(), *r[0].certificate);
    for (const char* f : {"invariant.smt2", "init.smt2", "step.smt2", "property.smt2", "manifest.json"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    Certificate again = regenerate_certificate(sys, read_certificate(dir.string()));
    recheck_certificate(again);
    EXPECT_TRUE(again.confirmed()) << again.failure();
    EXPECT_EQ(again.property, "invariant:not7");
    EXPECT_EQ(again.obligations.size(), 3u);

    // An obligation file that states something else is rejected before any solver runs.
    {
        std::ofstream out(dir / "step.smt2");
        out << "(set-logic QF_BV)\n(declare-fun x () (_ BitVec 3))\n(assert (= x #b111))\n(check-sat)\n";
    }
    try {
        regenerate_certificate(sys, read_certificate(dir.string()));
        ADD_FAILURE() << "a foreign step.smt2 was accepted";
    } catch (const CertificateRejected& e) {
        EXPECT_NE(std::string(e.what()).find("step.smt2"), std::string::npos) << e.what();
    }
    {
        std::ofstream out(dir / "manifest.json");
        out << "{\"obligations\": 3}";
    }
    EXPECT_THROW(read_certificate(dir.string()), CertificateRejected);
    EXPECT_THROW(read_certificate((dir / "nonexistent").string()), std::invalid_argument);
    fs::remove_all(dir);
}

TEST(Certificates, SolverAnswersAreReadWhole) {
    const fs::path dir = fresh_dir("answers");
    fs::create_directories(dir);
    for (const char* solver : {"z3", "cvc5", "boolector"}) {
        SCOPED_TRACE(solver);
        auto answer = [&](const std::string& name, const std::string& script) {
            { std::ofstream(dir / name) << script; }
            return run_solver(solver, (dir / name).string(), 20);
        };
        // The shape certificates have (a comment and set-info before set-logic, no exit: boolector
        // warns about both on stdout; the warnings are not answers).
        EXPECT_EQ(answer("u.smt2", "; c\n(set-info :status unknown)\n(set-logic QF_BV)(assert false)(check-sat)\n").answer, "unsat");
        EXPECT_EQ(answer("s.smt2", "(set-info :status unknown)\n(set-logic QF_BV)(declare-fun x () Bool)(assert x)(check-sat)\n").answer, "sat");
        // n-ary concat and bvadd, as Z3 prints them (boolector is handed them nested)
        EXPECT_EQ(answer("n.smt2", "(set-logic QF_BV)(declare-fun a () (_ BitVec 2))"
                                   "(assert (distinct (concat a a a) (concat a (concat a a))))(check-sat)\n")
                      .answer,
                  "unsat");
        EXPECT_EQ(answer("m.smt2", "(set-logic QF_BV)(declare-fun a () (_ BitVec 2))(assert (= (bvadd a a a) #b01))(check-sat)\n").answer,
                  "sat");
        // unsat first, then the real (satisfiable) question: not one answer, so not a confirmation.
        const ObligationCheck two =
            answer("t.smt2", "(set-logic QF_BV)(assert false)(check-sat)(reset)(declare-fun x () Bool)(assert x)(check-sat)\n");
        EXPECT_NE(two.answer, "unsat") << two.detail;
        EXPECT_NE(two.answer, "sat") << two.detail;
    }
    fs::remove_all(dir);
}

// The step obligation of k-induction's proof of deadlock freedom of Corbett's rrr20-1 (linear
// invariants over 20 processes) is beyond cvc5 (no answer in 100 s with any --bv-solver), but
// boolector answers it in about a second: with the solvers side by side the certificate is
// confirmed at once, and cvc5 is stopped once boolector has answered.
TEST(Certificates, ASlowSolverDoesNotHoldBackAConfirmation) {
    const fs::path net = test::data_dir() / "benchmarks/pep/corbett/rrr20-1.ll_net";
    if (!test::have_data()) GTEST_SKIP() << "shared data folder absent: " << test::data_dir();
    const System sys = load_system(net.string());
    SymbolicOptions o;
    o.depth = 2;
    o.certificates = SymbolicOptions::Certificates::Emit;
    const PropertyResult proved = check_kind(sys, {sys.find_property("deadlock")}, o).at(0);
    ASSERT_EQ(proved.verdict, Verdict::Pass) << proved.message;
    ASSERT_TRUE(proved.certificate);
    Certificate cert = *proved.certificate;
    const auto t0 = std::chrono::steady_clock::now();
    recheck_certificate(cert);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(cert.confirmed()) << cert.failure();
    EXPECT_LT(seconds, 100.0) << cert.confirmation();  // cvc5 alone: over 100 s
    bool boolector_step = false, cvc5_stopped = false;
    for (const ObligationCheck& c : cert.checks) {
        if (c.obligation != "step") continue;
        boolector_step |= c.solver == "boolector" && c.answer == "unsat";
        if (c.solver == "cvc5" && c.answer == "interrupted") {
            cvc5_stopped = true;
            EXPECT_NE(c.detail.find("another solver confirmed step.smt2"), std::string::npos) << c.detail;
        }
    }
    EXPECT_TRUE(boolector_step) << cert.confirmation();
    std::cout << seconds << " s: " << cert.confirmation() << (cvc5_stopped ? " (cvc5 stopped)" : "") << "\n";
}

TEST(Certificates, ScriptShapeAllowsOnlyWhatSmt2ScriptWrites) {
    EXPECT_EQ(script_shape_error("; c\n(set-info :status unknown)\n(set-logic QF_BV)\n(declare-fun x () Bool)\n(assert x)\n(check-sat)\n"), "");
    EXPECT_EQ(script_shape_error("(declare-fun |a b| () Bool)(assert (and |a b| (not |a b|)))(check-sat)"), "");
    for (const char* bad : {"(assert false)(check-sat)(reset)(check-sat)", "(push 1)(assert false)(check-sat)",
                            "(define-fun f () Bool false)(assert f)(check-sat)", "(set-option :foo 1)(check-sat)",
                            "(assert false)", "(assert false)(check-sat)(check-sat)", "(assert (x)", "x (check-sat)",
                            "(set-logic QF_BV)(set-logic ALL)(check-sat)", "(assert |x)(check-sat)", "((assert x))(check-sat)"})
        EXPECT_NE(script_shape_error(bad), "") << bad;
}

// A re-check the budget stops (or a solver that runs out of time) shows nothing wrong: the proof
// is UNKNOWN, "not confirmed in time", never ERROR; and it says which solver confirmed what.
TEST(Certificates, ARecheckStoppedByTheBudgetIsUnknownNotError) {
    System sys = even_counter();
    SymbolicOptions so;
    so.certificates = SymbolicOptions::Certificates::Emit;
    auto r = check_spacer(sys, {sys.find_property("invariant:not7")}, so);
    ASSERT_EQ(r[0].verdict, Verdict::Pass);
    ASSERT_TRUE(r[0].certificate);
    int asked = 0;
    RecheckOptions o;
    o.solvers = {"z3", "cvc5"};
    o.concurrent = false;
    // The budget runs out a few polls into the re-check: usually after z3 has answered init, on a
    // loaded machine while it is still at it. Either way what was asked is reported as it ended.
    o.stop = [&asked] { return ++asked > 3; };
    PropertyResult stopped = r[0];
    confirm_certificate(stopped, o);
    EXPECT_EQ(stopped.verdict, Verdict::Unknown) << stopped.message;
    EXPECT_NE(stopped.message.find("proof found, certificate not confirmed in time"), std::string::npos) << stopped.message;
    EXPECT_TRUE(stopped.message.find("z3: init unsat") != std::string::npos ||
                stopped.message.find("z3: init interrupted") != std::string::npos)
        << stopped.message;

    RecheckOptions slow;
    slow.timeout_seconds = 1e-6;  // every solver runs out of time at once
    PropertyResult timed_out = r[0];
    confirm_certificate(timed_out, slow);
    EXPECT_NE(timed_out.verdict, Verdict::Error) << timed_out.message;
    if (timed_out.verdict == Verdict::Unknown) {
        EXPECT_NE(timed_out.message.find("timeout"), std::string::npos) << timed_out.message;
    }
}

TEST(Certificates, MissingSolverIsNotAConfirmation) {
    System sys = even_counter();
    auto r = check_spacer(sys, {sys.find_property("invariant:not7")}, {});
    ASSERT_TRUE(r[0].certificate);
    Certificate cert = *r[0].certificate;
    RecheckOptions o;
    // z3 found the proof: its own confirmation does not count, and the other solver is missing.
    o.solvers = {"z3", "no-such-solver"};
    recheck_certificate(cert, o);
    EXPECT_FALSE(cert.confirmed());
    EXPECT_FALSE(cert.refuted());
    EXPECT_NE(cert.failure().find("no-such-solver"), std::string::npos) << cert.failure();
    EXPECT_NE(cert.failure().find("no solver other than z3"), std::string::npos) << cert.failure();
    // cvc5 alone confirms.
    o.solvers = {"cvc5", "no-such-solver"};
    recheck_certificate(cert, o);
    EXPECT_TRUE(cert.confirmed()) << cert.failure();

    const char* path = std::getenv("PATH");
    const std::string saved = path ? path : "";
    ::setenv("PATH", "/nonexistent-np-path", 1);
    recheck_certificate(cert, {});
    ::setenv("PATH", saved.c_str(), 1);
    EXPECT_FALSE(cert.confirmed());
    EXPECT_NE(cert.failure().find("not installed"), std::string::npos) << cert.failure();
}

// Every PASS of k-induction and Spacer on random small systems carries a certificate that cvc5,
// z3 and boolector confirm (60 systems: each re-check runs nine solver processes).
TEST(Certificates, RandomSystemsCertificatesRecheck) {
    int certified = 0;
    auto property = [&certified] {
        gen::SystemShape shape;
        shape.max_state_bits = 8;
        const System sys = *gen::transition_system(shape);
        std::vector<const Property*> props;
        for (const Property& p : sys.properties) props.push_back(&p);
        SymbolicOptions o;
        o.depth = 6;
        for (const auto& results : {check_kind(sys, props, o), check_spacer(sys, props, o)})
            for (const PropertyResult& r : results) {
                RC_ASSERT(r.verdict != Verdict::Error);
                if (r.verdict != Verdict::Pass) continue;
                RC_ASSERT(r.certificate.has_value());
                RC_ASSERT(r.certificate->confirmed());
                // Stored and read back, it is rebuilt from the model without a difference.
                const fs::path dir = fresh_dir("random-cert");
                Certificate c = *r.certificate;
                write_certificate(dir.string(), c);
                try {
                    regenerate_certificate(sys, read_certificate(dir.string()));
                } catch (const CertificateRejected& e) {
                    RC_FAIL(std::string("own certificate rejected: ") + e.what());
                }
                fs::remove_all(dir);
                ++certified;
            }
    };
    const std::string failure = test::check_cases("Certificates/RandomSystemsCertificatesRecheck", 60, 0, property);
    if (!failure.empty()) FAIL() << failure;
    EXPECT_GT(certified, 30);
    std::cout << "certificates confirmed by cvc5, z3 and boolector: " << certified << "\n";
}

}  // namespace
}  // namespace np
