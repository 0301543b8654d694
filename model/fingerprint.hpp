// Fingerprints of the IR (what a proof certificate is bound to, proofs/certificate.hpp): the
// SHA-256, in lower-case hex, of a canonical text of everything that gives a model or a property
// its meaning. Two systems with equal fingerprints have the same variables (names, types, array
// lengths, initial values, roles, capacities), the same transitions in the same order (names,
// kinds, guards, updates, energies) and so the same transition relation; a property's fingerprint
// covers its name, kind, blocking flag and clauses. Names of origins (file positions) and free text
// (descriptions, messages, warnings) are not part of it. Expressions are written as their DAG, each
// shared node once, so that the text stays linear in the size of the model.
#pragma once

#include <string>
#include <string_view>

#include "model/system.hpp"

namespace np {

std::string model_fingerprint(const System& sys);
// SHA-256 of `bytes` in lower-case hex.
std::string sha256_hex(std::string_view bytes);
std::string property_fingerprint(const Property& p);

}  // namespace np
