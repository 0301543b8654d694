// Certificates of symbolic PASSes (proofs/): emitted by k-induction (1- and k-inductive) and
// Spacer, confirmed by the cvc5 and z3 binaries; wrong invariants and tampered files are caught;
// stored certificates re-check on their own (certify_folder); random systems' certificates all
// re-check.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "checkers/emit_certificate.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/spacer.hpp"
#include "generators/gen_system.hpp"
#include "proofs/recheck.hpp"

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
    EXPECT_EQ(r.certificate->checks.size(), 6u);  // 3 obligations x (cvc5, z3)
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

TEST(Certificates, StoredCertificateRechecksOnItsOwnAndTamperingIsCaught) {
    System sys = even_counter();
    auto r = check_spacer(sys, {sys.find_property("invariant:not7")}, {});
    ASSERT_TRUE(r[0].certificate);
    const fs::path dir = fresh_dir("cert");
    write_certificate(dir.string(), *r[0].certificate);
    for (const char* f : {"invariant.smt2", "init.smt2", "step.smt2", "property.smt2", "manifest.json"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    Certificate again = certify_folder(dir.string());
    EXPECT_TRUE(again.confirmed()) << again.failure();
    EXPECT_EQ(again.property, "invariant:not7");
    EXPECT_EQ(again.obligations.size(), 3u);

    {
        std::ofstream out(dir / "step.smt2");
        out << "(set-logic QF_BV)\n(declare-fun x () (_ BitVec 3))\n(assert (= x #b111))\n(check-sat)\n";
    }
    Certificate tampered = certify_folder(dir.string());
    EXPECT_FALSE(tampered.confirmed());
    EXPECT_NE(tampered.failure().find("answered sat on step.smt2"), std::string::npos) << tampered.failure();

    {
        std::ofstream out(dir / "property.smt2");
        out << "(assert (= x\n";
    }
    tampered = certify_folder(dir.string());
    bool error_seen = false;
    for (const ObligationCheck& c : tampered.checks) error_seen |= c.obligation == "property" && c.answer == "error";
    EXPECT_TRUE(error_seen);

    {
        std::ofstream out(dir / "manifest.json");
        out << "{\"obligations\": 3}";
    }
    EXPECT_THROW(certify_folder(dir.string()), std::runtime_error);
    EXPECT_THROW(certify_folder((dir / "nonexistent").string()), std::runtime_error);
    fs::remove_all(dir);
}

TEST(Certificates, MissingSolverIsNotAConfirmation) {
    System sys = even_counter();
    auto r = check_spacer(sys, {sys.find_property("invariant:not7")}, {});
    ASSERT_TRUE(r[0].certificate);
    Certificate cert = *r[0].certificate;
    RecheckOptions o;
    o.solvers = {"cvc5", "no-such-solver"};
    recheck_certificate(cert, o);
    EXPECT_FALSE(cert.confirmed());
    EXPECT_NE(cert.failure().find("no-such-solver"), std::string::npos) << cert.failure();

    const char* path = std::getenv("PATH");
    const std::string saved = path ? path : "";
    ::setenv("PATH", "/nonexistent-np-path", 1);
    recheck_certificate(cert, {});
    ::setenv("PATH", saved.c_str(), 1);
    EXPECT_FALSE(cert.confirmed());
    EXPECT_NE(cert.failure().find("not installed"), std::string::npos) << cert.failure();
}

// Every PASS of k-induction and Spacer on random small systems carries a certificate that cvc5
// and z3 confirm (60 systems: each re-check runs six solver processes).
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
                ++certified;
            }
    };
    rc::detail::TestParams params = rc::detail::configuration().testParams;
    params.maxSuccess = 60;
    rc::detail::TestMetadata meta;
    meta.id = "Certificates/RandomSystemsCertificatesRecheck";
    const auto result = rc::detail::checkTestable(property, meta, params);
    if (!result.template is<rc::detail::SuccessResult>()) {
        std::ostringstream ss;
        rc::detail::printResultMessage(result, ss);
        FAIL() << ss.str();
    }
    EXPECT_GT(certified, 30);
    std::cout << "certificates confirmed by cvc5 and z3: " << certified << "\n";
}

}  // namespace
}  // namespace np
