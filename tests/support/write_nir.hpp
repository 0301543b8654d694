// Writer of NIR graphs as HDF5, in the layout NIR's Python package writes (nir/serialization.py)
// Used only by the tests (tests/spec/test_nir.cpp builds its HDF5 fixtures with it), so it lives
// in tests/support rather than in the spec/ library.
// and read_nir reads: root dataset `version` (variable-length UTF-8 string), group `node` with
// `type` = "NIRGraph", `nodes/<name>/` (a `type` string and the node's parameters) and `edges`
// (N x 2 variable-length UTF-8 strings, N may be 0). Nested NIRGraph nodes are written the same
// way inside their node group.
//
// Parameters are written as their NirParam says: Float with bits 32 as IEEE float32 (values are
// rounded to float32 by HDF5), bits 64 (or 0) as float64; Integer as a signed/unsigned
// little-endian integer of `bits` (8, 16, 32, 64; 0 means 64); Boolean as h5py's enum
// {FALSE=0, TRUE=1} over int8; String as variable-length UTF-8; Group as a group. An empty
// `shape` is a scalar dataspace. So read_nir(write_nir(f)) == f for every NirFile whose float
// values are representable in their declared width.
//
// Errors: a NirParam whose shape does not match its element count, an unsupported width, or a
// node/param name that HDF5 cannot hold (empty, containing '/', or "." ) throws
// std::invalid_argument; failing to create or write the file throws np::SourceError at
// `path:1:1`. An existing file at `path` is replaced.
#pragma once

#include <string>

#include "spec/read_nir.hpp"

namespace np {

struct NirWriteOptions {
    // gzip (deflate) level 1..9 for non-scalar numeric datasets, as NIR's writer does by
    // default (level 4); 0 = no compression (the default here).
    unsigned deflate_level = 0;
};

void write_nir(const std::string& path, const NirFile& file, const NirWriteOptions& options = {});

}  // namespace np
