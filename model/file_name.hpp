// Names that go into file names: whatever a user or a file calls a property, a design or a
// recording, the folder written for it must be creatable on every common file system (255 bytes
// per name component) and distinct from the folder of every other name.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace np {

// The longest name component neuroproof writes (well under the 255 bytes of ext4, XFS, NTFS,
// APFS, leaving room for suffixes such as "-emulate").
inline constexpr std::size_t kMaxFileName = 120;

// `name` unchanged when it has at most `max_bytes` bytes; otherwise its first bytes (cut at a
// UTF-8 character boundary), '-', and the first 16 hex digits of the SHA-256 of the whole name,
// `max_bytes` in all. Distinct long names give distinct results (up to a SHA-256 collision).
std::string shorten_file_name(std::string_view name, std::size_t max_bytes = kMaxFileName);

// A portable name for a property's folder: ASCII letters, digits, '_' and '-' are kept, every
// other byte becomes '-' ("invariant:n0.in_range" -> "invariant-n0-in_range"), then
// shorten_file_name. Never empty, never "." or "..".
std::string portable_file_name(std::string_view name, std::size_t max_bytes = kMaxFileName);

// The same for an input file's name, keeping its dots so that the extension stays part of it
// ("vme.g" and "vme.np" get distinct folders); a name that begins with '.' gets '-' instead.
std::string portable_input_name(std::string_view file_name, std::size_t max_bytes = kMaxFileName);

}  // namespace np
