// `neuroproof certify`: a stored certificate (proofs/recheck.hpp: read_certificate) is checked
// against the model it claims to be about, never on the strength of its own files.
//
// regenerate_certificate loads nothing itself: given the model (loaded again from the
// certificate's source, or from the file the user names), it
//   - derives the system the proof is over (the quiescence monitor when the binding says so),
//   - requires the system's and the property's fingerprints (model/fingerprint.hpp) to equal the
//     certificate's, the property to exist, k and the method to be consistent, and a stored cone
//     to be a closed cone of the property (model/cone_of_influence.hpp: is_closed_cone),
//   - reads the invariant strictly (checkers/emit_certificate.hpp: parse_invariant),
//   - rebuilds the three obligations from the model and that invariant (make_certificate), and
//   - requires every stored obligation file to have the shape smt2_script writes and to state the
//     rebuilt formula (both read back by Z3 into one context, where equal formulas are one term).
// The solvers are then run on the rebuilt obligations (recheck_certificate), never on the files.
#pragma once

#include <string>

#include "model/system.hpp"
#include "proofs/certificate.hpp"

namespace np {

// The certificate rebuilt from `model`, with the stored binding; throws CertificateRejected
// saying what does not match.
Certificate regenerate_certificate(const System& model, const Certificate& stored);

// Stores a result's certificate in `folder` in the form `certify` reads back (proofs/recheck.hpp's
// write_certificate; sets cert.folder). The report writers (reports/) store certificates through
// this, so that they depend on the checkers' result types only (DESIGN §1).
void store_certificate(const std::string& folder, Certificate& cert);

}  // namespace np
