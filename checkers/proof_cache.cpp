#include "checkers/proof_cache.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checkers/certify.hpp"
#include "checkers/replay_trace.hpp"
#include "checkers/result_json.hpp"
#include "model/fingerprint.hpp"
#include "model/json_text.hpp"
#include "proofs/recheck.hpp"

namespace np {

std::string proof_cache_key(const System& sys, const std::string& property, const CheckOptions& options) {
    std::string text = std::string("neuroproof ") + NEUROPROOF_VERSION + "\nmodel=" + model_fingerprint(sys) + "\nproperty=" + property;
    if (const Property* p = sys.find_property(property)) text += "\nproperty_sha256=" + property_fingerprint(*p);
    return sha256_hex(text + "\n" + verdict_options_text(options));
}

std::optional<PropertyResult> ProofCache::load(const std::string& key) const {
    std::ifstream in(std::filesystem::path(dir_) / (key + ".json"), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return result_from_json(nlohmann::json::parse(text.str()));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool ProofCache::store(const std::string& key, const PropertyResult& result) const {
    if (result.verdict != Verdict::Pass && result.verdict != Verdict::Fail) return false;
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir_, ec);
    const fs::path final_path = fs::path(dir_) / (key + ".json");
    static std::atomic<unsigned> serial{0};
    const fs::path tmp = fs::path(dir_) / (key + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
    {
        std::ofstream out(tmp, std::ios::binary);
        out << json_text(result_to_json(result), -1) << "\n";
        if (!out.flush()) return false;
    }
    fs::rename(tmp, final_path, ec);  // atomic: a concurrent reader sees the old file or the new one
    if (ec) fs::remove(tmp, ec);
    return !ec;
}

std::optional<PropertyResult> reuse_cached(const System& sys, PropertyResult r, const Budget& budget, std::string& why) {
    const auto t0 = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    const std::string was = std::string(verdict_name(r.verdict)) + " by " + r.engine + " in " + std::to_string(r.seconds).substr(0, 5) + "s";
    if (r.verdict == Verdict::Fail) {
        if (!r.trace) return why = "the cached FAIL has no trace", std::nullopt;
        const Property* p = sys.find_property(r.name);
        const std::string bad = p ? replay_trace(sys, *p, *r.trace) : replay_run(sys, *r.trace);
        if (!bad.empty()) return why = "the cached trace does not replay: " + bad, std::nullopt;
        r.message = "cached: " + was + "; trace replayed on the model. " + r.message;
    } else if (r.verdict == Verdict::Pass && r.certificate) {
        Certificate c;
        try {
            c = regenerate_certificate(sys, *r.certificate);
        } catch (const std::exception& e) {
            return why = std::string("the cached certificate does not fit the model: ") + e.what(), std::nullopt;
        }
        // The solvers other than the one that found the proof (cvc5 for Z3's): a re-check by the
        // finder itself would add time and no independence.
        RecheckOptions o;
        std::erase(o.solvers, c.found_by);
        if (o.solvers.empty()) o.solvers = RecheckOptions{}.solvers;
        o.timeout_seconds = budget.deadline ? std::max(1.0, budget.remaining_seconds()) : 120;
        o.stop = [cancel = budget.cancel] { return cancel->cancelled(); };
        recheck_certificate(c, o);
        if (!c.confirmed()) return why = "the cached certificate was not confirmed: " + c.failure(), std::nullopt;
        c.folder.clear();
        r.certificate = std::move(c);
        r.message = "cached: " + was + "; certificate rebuilt from the model and re-checked (" + r.certificate->confirmation() + "). " + r.message;
    } else if (r.verdict == Verdict::Pass) {
        r.message = "cached: " + was + "; not searched again (same tool, model fingerprint, property and options). " + r.message;
    } else {
        return why = "only PASS and FAIL are cached", std::nullopt;
    }
    r.seconds = seconds();
    return r;
}

}  // namespace np
