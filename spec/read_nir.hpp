// Reader of NIR graphs (Neuromorphic Intermediate Representation, github.com/neuromorphs/NIR)
// stored as HDF5, the layout NIR's Python package writes with h5py (nir/serialization.py):
//
//   /version                  scalar string, e.g. "0.2.0"
//   /node                     group: the top-level graph
//   /node/type                scalar string "NIRGraph"
//   /node/nodes/<name>/       one group per node: a scalar string dataset `type` and the node's
//                             parameters, each a dataset (numeric tensor or string) or a group of
//                             further parameters (e.g. `metadata`, `input_type`)
//   /node/edges               N x 2 strings (source, target); an empty graph may store any
//                             zero-element dataset
//   a node of type "NIRGraph" is a nested graph with its own `nodes` group and `edges`.
//
// The reader is generic: it does not know NIR's node vocabulary (that is nir_to_speck's job), so
// every node type and every parameter NIR stores, including ones added by later NIR versions,
// is read. Numeric datasets of any integer or floating-point class are accepted (NIR writes
// float32/float64 tensors and int64 integers); floats are held as double (exact for float32 and
// float64), integers as int64 (an unsigned 64-bit value above INT64_MAX is rejected), h5py's
// boolean enum {FALSE=0, TRUE=1} as a Boolean tensor. Strings may be variable- or fixed-length,
// ASCII or UTF-8 (invalid UTF-8 is rejected). Anything else (compound, array, reference, opaque
// or other enum datatypes, null dataspaces, committed datatypes, soft or external links,
// external or virtual dataset storage) is rejected; attributes are ignored. A top-level node
// that is not a NIRGraph (NIR allows writing a single node) is rejected, and so is a NIR data
// file (NIRGraphData, no `node` group), by name.
//
// Edges are checked: each end must name a node of the graph that holds the edge, or
// `<subgraph>.<node>` addressing a node inside a nested NIRGraph node.
//
// Errors: every problem, including the file not being HDF5 at all or HDF5 failing to read a
// damaged file, is an np::SourceError; HDF5's own error printing is switched off while the
// reader runs and its innermost message is appended to the diagnostic. A binary file has no
// lines, so the location is line 1, column 1 and the message starts with the HDF5 object path
// of the offending group or dataset, e.g.
//   cnn_sinabs.nir:1:1: error: /node/edges: edge 3 ('if' -> 'ghost') names unknown node 'ghost'
// (nir_to_speck's messages add the node and its type:
//   .../node/nodes/conv/weight: node 'conv' (Conv2d): expected a float dataset, found a string dataset).
// Guards: at most 2^26 elements per dataset, nesting at most 64 groups deep (HDF5 hard links
// can form cycles). HDF5 1.10 itself crashes, loops or allocates gigabytes on some damaged files
// (found by flipping single bytes of the shared NIR files), so read_nir parses the file in a
// forked child process (POSIX) limited to 120 s and to 1 GiB + 16 x the file size of extra
// address space, and sends the result back through a pipe: a child killed by a signal or a
// limit becomes a SourceError ("HDF5 crashed reading the file ..."). Before HDF5 touches
// variable-length strings, every global heap collection of the file and every string
// reference of a contiguous string dataset is bounds-checked here, giving a precise diagnostic
// ("damaged file: ...") for the damage HDF5 handles worst.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/diagnostic.hpp"

namespace np {

// One parameter of a node: a tensor (numeric or string) or a group of named parameters.
// "a float dataset", "an integer dataset", ... for messages.
struct NirParam;
const char* describe_kind(const NirParam& p);

struct NirParam {
    enum class Kind : std::uint8_t { Float, Integer, Boolean, String, Group };
    Kind kind = Kind::Float;
    std::vector<std::uint64_t> shape;      // dataset dimensions; empty = scalar
    std::vector<double> floats;            // Kind::Float, row-major (C order)
    std::vector<std::int64_t> integers;    // Kind::Integer and Kind::Boolean (0/1)
    std::vector<std::string> strings;      // Kind::String
    std::vector<std::pair<std::string, NirParam>> members;  // Kind::Group, sorted by name
    // Storage in the file: bits per element of a numeric dataset (16/32/64 for floats, 8..64
    // for integers) and signedness of integers. 0 for strings and groups.
    std::uint32_t bits = 0;
    bool is_unsigned = false;

    std::uint64_t element_count() const;
    bool operator==(const NirParam&) const = default;
};

struct NirGraph;

struct NirNode {
    std::string name;
    std::string type;  // the node's `type` string, e.g. "Conv2d", "IF", "NIRGraph"
    std::string path;  // HDF5 object path of the node's group, e.g. "/node/nodes/0"
    // Every member of the node's group except `type` (and, for a nested graph, `nodes` and
    // `edges`), sorted by name. For a nested graph these are the node's params; its subgraph's
    // own `params` stay empty.
    std::vector<std::pair<std::string, NirParam>> params;
    std::vector<NirGraph> subgraph;  // exactly one element when type == "NIRGraph", else empty

    const NirParam* param(const std::string& key) const;
    bool operator==(const NirNode&) const;
};

struct NirEdge {
    std::string source, target;
    bool operator==(const NirEdge&) const = default;
};

struct NirGraph {
    std::string path;  // HDF5 path of the graph's group, "/node" at top level
    std::vector<NirNode> nodes;  // sorted by name (HDF5 link-name order)
    std::vector<NirEdge> edges;  // in file order
    // Members of the graph group other than `type`, `nodes` and `edges` (e.g. `metadata`,
    // `input_type`, `output_type` written by newer NIR versions), sorted by name.
    std::vector<std::pair<std::string, NirParam>> params;

    const NirNode* node(const std::string& name) const;
    bool operator==(const NirGraph&) const;
};

// A NIR file: its version string and top-level graph.
struct NirFile {
    std::string file;     // path it was read from (for diagnostics)
    std::string version;  // root dataset `version`; a missing `version` is an error
    NirGraph graph;
    bool operator==(const NirFile& o) const { return version == o.version && graph == o.graph; }
};

NirFile read_nir(const std::string& path);
// The same reading in this process, without the child's protection against HDF5 crashing or
// looping on damaged metadata: for the fuzz harness (tests/fuzz/), whose coverage a child hides.
NirFile read_nir_in_process(const std::string& path);

// The diagnostic for a problem at HDF5 object `object_path` of `file`: line 1, column 1,
// message "<object_path>: <message>". Shared by the NIR importer's later stages.
[[noreturn]] void fail_nir(const std::string& file, const std::string& object_path, const std::string& message);

}  // namespace np
