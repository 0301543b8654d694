// The TOML front end of verification manifests (model/manifest.hpp; the grammar is docs/ci.md),
// parsed by toml++ (TOML v1.0.0). Every key is known: an unknown key, a value of the wrong type,
// a duplicate design or task name, a task naming a design that does not exist, a design file that
// does not exist and an impossible number are errors at the offending value,
// `file:line:col: error: …` with the line shown (SourceError).
#pragma once

#include <string>

#include "model/manifest.hpp"

namespace np {

// Reads `path`; relative design files are resolved against its folder.
Manifest read_manifest(const std::string& path);
// The same from text (`path` names it in diagnostics and gives the folder).
Manifest parse_manifest(const std::string& path, const std::string& text);

// The manifest `neuroproof ci` reads when it is given a folder or nothing: <dir>/neuroproof.toml.
inline constexpr const char* kManifestFileName = "neuroproof.toml";

}  // namespace np
