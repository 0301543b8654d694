// The proof cache of `neuroproof ci` (docs/ci.md): decided results stored under a key over
// everything that decides them, and re-verified on the model before they are reused.
//
// The key is the SHA-256 of the tool's version, the elaborated model's fingerprint
// (model/fingerprint.hpp: variables, transitions, properties; not file positions or comments), the
// property's name and fingerprint, and the verdict-relevant options (checkers/check_options.hpp).
// Editing a design changes its fingerprint, so only that design's results miss.
//
// A cached result is never reported on the strength of the file alone:
//   PASS with a certificate  the certificate is rebuilt from the model (checkers/certify.hpp) and
//                            re-checked by the solvers other than its finder (cvc5 for a Z3 proof,
//                            proofs/recheck.hpp); reused only when confirmed
//   FAIL                     its trace is replayed on the model (checkers/replay_trace.hpp)
//   PASS of the explicit     no certificate exists: the key is the evidence (the same tool on the
//   search                   same model, property and options decided it); the message says so
// UNKNOWN and ERROR are never stored. A file that cannot be read or parsed is a miss.
#pragma once

#include <optional>
#include <string>

#include "checkers/budget.hpp"
#include "checkers/check_options.hpp"
#include "checkers/result.hpp"

namespace np {

std::string proof_cache_key(const System& sys, const std::string& property, const CheckOptions& options);

class ProofCache {
public:
    explicit ProofCache(std::string dir) : dir_(std::move(dir)) {}
    const std::string& dir() const { return dir_; }
    std::optional<PropertyResult> load(const std::string& key) const;
    // Stores a PASS or FAIL (anything else is ignored); false when it could not be written.
    bool store(const std::string& key, const PropertyResult& result) const;

private:
    std::string dir_;
};

// `cached` re-verified on `sys` as above: the result to report, its message beginning
// "cached: ", or nullopt when it must be checked again (`why` says why).
std::optional<PropertyResult> reuse_cached(const System& sys, PropertyResult cached, const Budget& budget, std::string& why);

}  // namespace np
