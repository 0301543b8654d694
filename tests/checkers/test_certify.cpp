// `certify` against tampering (checkers/certify.hpp): a certificate of the shipped Muller pipeline
// STG (k-induction, k = 5, with a cone of influence) is stored, then each case of the tamper
// corpus below edits a copy of it. Every case must be rejected with its reason before any solver
// runs, or — a certificate consistent in itself but wrong — refuted by the solvers. The untampered
// certificate is rebuilt from the model and confirmed.
#include <gtest/gtest.h>

#include <z3++.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checkers/certify.hpp"
#include "checkers/emit_certificate.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/spacer.hpp"
#include "proofs/recheck.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

std::string model_path(const char* name) { return (fs::path(NP_SOURCE_DIR) / "examples/stg" / name).string(); }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

void edit_manifest(const fs::path& dir, const std::function<void(nlohmann::json&)>& f) {
    nlohmann::json m = nlohmann::json::parse(slurp(dir / "manifest.json"));
    f(m);
    put(dir / "manifest.json", m.dump(2));
}

// The comment lines a script starts with.
std::string header(const std::string& smt2) {
    std::string out;
    std::istringstream in(smt2);
    for (std::string l; std::getline(in, l) && !l.empty() && l[0] == ';';) out += l + "\n";
    return out;
}

class Certify : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        model_ = new System(load_system(model_path("muller_pipeline.g")));
        base_ = new fs::path(fs::temp_directory_path() / ("np-certify-" + std::to_string(::getpid())));
        fs::remove_all(*base_);
        const Property* p = model_->find_property("consistency");
        std::vector<PropertyResult> r = check_kind(*model_, {p}, {});
        ASSERT_EQ(r[0].verdict, Verdict::Pass) << r[0].message;
        ASSERT_TRUE(r[0].certificate);
        ASSERT_GE(r[0].certificate->k, 2u);  // the k-inductive form, with a cone
        ASSERT_TRUE(r[0].certificate->binding.cone);
        write_certificate((*base_ / "original").string(), *r[0].certificate);
    }
    static void TearDownTestSuite() {
        fs::remove_all(*base_);
        delete model_;
        delete base_;
    }

    // A fresh copy of the stored certificate.
    fs::path copy(const std::string& name) {
        const fs::path d = *base_ / name;
        fs::remove_all(d);
        fs::copy(*base_ / "original", d, fs::copy_options::recursive);
        return d;
    }

    // The reason `certify` rejects the folder with ("" when it accepts it).
    static std::string rejection(const fs::path& dir, const System& model) {
        try {
            regenerate_certificate(model, read_certificate(dir.string()));
            return "";
        } catch (const CertificateRejected& e) {
            return e.what();
        }
    }

    static System* model_;
    static fs::path* base_;
};

System* Certify::model_ = nullptr;
fs::path* Certify::base_ = nullptr;

TEST_F(Certify, TheUntamperedCertificateIsRebuiltAndConfirmed) {
    const fs::path d = copy("untampered");
    Certificate c = regenerate_certificate(*model_, read_certificate(d.string()));
    recheck_certificate(c);
    EXPECT_TRUE(c.confirmed()) << c.failure();
    EXPECT_NE(c.confirmation().find("cvc5: init, step, property unsat"), std::string::npos) << c.confirmation();
}

struct Tamper {
    const char* name;
    std::function<void(const fs::path&)> edit;
    const char* reason;  // a part of the rejection's message
};

TEST_F(Certify, EveryCaseOfTheTamperCorpusIsRejectedWithItsReason) {
    const std::string step = slurp(*base_ / "original" / "step.smt2");
    const std::string step_header = header(step);
    const std::string slot0 = [] {
        z3::context ctx;
        return TransitionRelation(ctx, *model_).state("").slot(0).decl().name().str();
    }();
    const std::vector<Tamper> corpus = {
        {"an unsat question first, then (reset) and the real obligation",
         [&](const fs::path& d) { put(d / "step.smt2", "(set-logic QF_BV)(assert false)(check-sat)(reset)\n" + step); },
         "step.smt2: line 1: a command after (check-sat)"},
        {"the step obligation deleted from the manifest",
         [](const fs::path& d) {
             edit_manifest(d, [](nlohmann::json& m) { m["obligations"].erase(1); });
         },
         "lists the obligations [init, property]"},
        {"the step obligation's file deleted", [](const fs::path& d) { fs::remove(d / "step.smt2"); }, "step.smt2: missing"},
        {"an obligation replaced by (assert false)",
         [](const fs::path& d) { put(d / "step.smt2", "(set-logic QF_BV)\n(assert false)\n(check-sat)\n"); },
         "step.smt2 does not describe itself"},
        {"an obligation's formula replaced by false under its own comment",
         [&](const fs::path& d) { put(d / "step.smt2", step_header + "(set-logic QF_BV)\n(assert false)\n(check-sat)\n"); },
         "step.smt2 does not state the step obligation"},
        {"an obligation with (push 1)",
         [&](const fs::path& d) { put(d / "property.smt2", "(push 1)\n" + slurp(d / "property.smt2")); },
         "command (push) is not allowed"},
        {"an obligation with a second (check-sat)",
         [&](const fs::path& d) { put(d / "init.smt2", slurp(d / "init.smt2") + "(check-sat)\n"); },
         "init.smt2: line"},
        {"an obligation with (define-fun)",
         [&](const fs::path& d) { put(d / "init.smt2", "(define-fun f () Bool false)\n" + slurp(d / "init.smt2")); },
         "command (define-fun) is not allowed"},
        {"the invariant weakened to true",
         [](const fs::path& d) { put(d / "invariant.smt2", "(assert true)\n(check-sat)\n"); },
         "init.smt2 does not state the init obligation"},
        {"the invariant reads a constant that is no state variable",
         [](const fs::path& d) { put(d / "invariant.smt2", "(declare-fun ghost () Bool)\n(assert ghost)\n(check-sat)\n"); },
         "reads 'ghost'"},
        {"the invariant reads a state variable at another sort",
         [&](const fs::path& d) {
             put(d / "invariant.smt2", "(declare-fun |" + slot0 + "| () (_ BitVec 7))\n(assert (= |" + slot0 + "| #b0000000))\n(check-sat)\n");
         },
         "which is not a state variable"},
        {"the invariant with two assertions",
         [&](const fs::path& d) { put(d / "invariant.smt2", "(assert true)(assert false)(check-sat)\n"); },
         "must assert one formula"},
        {"k changed", [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["k"] = m["k"].get<int>() - 1; }); },
         "does not describe itself"},
        {"k out of range", [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["k"] = 4000000000u; }); },
         "outside 1..100000"},
        {"the method changed to spacer", [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["method"] = "spacer"; }); },
         "a spacer certificate has k = 1"},
        {"an unknown method", [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["method"] = "trust-me"; }); },
         "unknown method"},
        {"the cone of influence emptied",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["binding"]["cone"] = nlohmann::json::array(); }); },
         "is not closed"},
        {"a cone slot out of range",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["binding"]["cone"].push_back(100000); }); },
         "the cone names slot 100000"},
        {"the property renamed",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["property"] = "safeness"; }); },
         "property 'safeness' of the model is not the proved one"},
        {"a property the model does not have",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["property"] = "invariant:nothing"; }); },
         "the model has no property 'invariant:nothing'"},
        {"the model fingerprint changed",
         [](const fs::path& d) {
             edit_manifest(d, [](nlohmann::json& m) { m["binding"]["model_sha256"] = std::string(64, 'a'); });
         },
         "the certificate is not about this model"},
        {"a fingerprint that is no SHA-256",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["binding"]["property_sha256"] = "1234"; }); },
         "not a SHA-256"},
        {"the system renamed", [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["system"] = "other"; }); },
         "the certificate is about system 'other'"},
        {"input transitions switched off",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["binding"]["inputs"] = false; }); },
         "does not state the init obligation"},
        {"an activity bound without a settling bound",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["binding"]["activity_bound"] = "2"; }); },
         "activity bound but no settling bound"},
        {"an obligation moved to another file",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m["obligations"][2]["file"] = "init.smt2"; }); },
         "must be in property.smt2"},
        {"an earlier format without a binding",
         [](const fs::path& d) { edit_manifest(d, [](nlohmann::json& m) { m.erase("format"); m.erase("binding"); }); },
         "is not neuroproof-certificate-2"},
        {"the manifest is not JSON", [](const fs::path& d) { put(d / "manifest.json", "{\"format\": "); }, "not JSON"},
        {"the manifest deleted", [](const fs::path& d) { fs::remove(d / "manifest.json"); }, "no manifest.json"},
    };
    for (const Tamper& t : corpus) {
        const fs::path d = copy("tamper");
        t.edit(d);
        const std::string why = rejection(d, *model_);
        EXPECT_NE(why, "") << t.name << ": accepted";
        EXPECT_NE(why.find(t.reason), std::string::npos) << t.name << ": rejected for another reason: " << why;
        std::cout << "  " << t.name << "\n    -> " << why << "\n";
    }
    EXPECT_GE(corpus.size(), 25u);
}

TEST_F(Certify, AnotherModelIsRejected) {
    const System other = load_system(model_path("muller_pipeline_deadlock.g"));
    std::string why = rejection(copy("other-model"), other);
    EXPECT_NE(why.find("the certificate is about system 'muller_pipeline', the model is 'muller_pipeline_deadlock'"), std::string::npos)
        << why;
    // The same file loaded with other options (every place's capacity raised to 2) is another model.
    const System wider = load_model({model_path("muller_pipeline.g"), {}, 2, {}});
    why = rejection(copy("other-options"), wider);
    EXPECT_NE(why.find("the certificate is not about this model"), std::string::npos) << why;
}

// Files consistent with one another but with a wrong invariant pass the rebuild and are refuted by
// the solvers: a solver answers sat, which is what makes a certificate wrong.
TEST_F(Certify, AConsistentButWrongCertificateIsRefutedBySolvers) {
    const Property& p = *model_->find_property("consistency");
    z3::context ctx;
    TransitionRelation tr(ctx, *model_);
    Certificate wrong = make_certificate(tr, p, "k-induction", 1, ctx.bool_val(true));
    const fs::path d = *base_ / "wrong";
    fs::remove_all(d);
    write_certificate(d.string(), wrong);
    Certificate c = regenerate_certificate(*model_, read_certificate(d.string()));
    recheck_certificate(c);
    EXPECT_TRUE(c.refuted());
    EXPECT_FALSE(c.confirmed());
    EXPECT_NE(c.failure().find("answered sat on property.smt2"), std::string::npos) << c.failure();
}

}  // namespace
}  // namespace np
