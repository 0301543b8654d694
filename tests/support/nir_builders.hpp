// Builders of in-memory NIR graphs for tests: parameters, the node kinds sinabs exports, and a
// chain of nodes wired Input -> ... -> Output. Nodes and parameters come out sorted by name, as
// read_nir returns them, so a built graph compares equal to its written-and-read copy.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "spec/read_nir.hpp"

namespace np::test {

inline NirParam nir_floats(std::vector<std::uint64_t> shape, std::vector<double> values, std::uint32_t bits = 32) {
    NirParam p;
    p.kind = NirParam::Kind::Float;
    p.shape = std::move(shape);
    p.floats = std::move(values);
    p.bits = bits;
    return p;
}

inline NirParam nir_ints(std::vector<std::uint64_t> shape, std::vector<std::int64_t> values) {
    NirParam p;
    p.kind = NirParam::Kind::Integer;
    p.shape = std::move(shape);
    p.integers = std::move(values);
    p.bits = 64;
    return p;
}

inline NirParam nir_int(std::int64_t v) { return nir_ints({}, {v}); }
inline NirParam nir_pair(std::int64_t a, std::int64_t b) { return nir_ints({2}, {a, b}); }

inline NirParam nir_string(std::string s) {
    NirParam p;
    p.kind = NirParam::Kind::String;
    p.strings = {std::move(s)};
    return p;
}

inline void nir_sort(std::vector<std::pair<std::string, NirParam>>& ps) {
    std::sort(ps.begin(), ps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [k, v] : ps)
        if (v.kind == NirParam::Kind::Group) nir_sort(v.members);
}

inline NirNode nir_node(std::string name, std::string type, std::vector<std::pair<std::string, NirParam>> params) {
    NirNode n;
    n.name = std::move(name);
    n.type = std::move(type);
    n.params = std::move(params);
    nir_sort(n.params);
    return n;
}

inline NirNode nir_input(std::string name, std::int64_t c, std::int64_t h, std::int64_t w) {
    return nir_node(std::move(name), "Input", {{"shape", nir_ints({3}, {c, h, w})}});
}

inline NirNode nir_output(std::string name, std::vector<std::int64_t> shape) {
    const std::uint64_t n = shape.size();
    return nir_node(std::move(name), "Output", {{"shape", nir_ints({n}, std::move(shape))}});
}

// weight [c_out][c_in][ky][kx] row-major, as PyTorch stores it.
inline NirNode nir_conv2d(std::string name, std::vector<std::uint64_t> wshape, std::vector<double> weight,
                          std::vector<double> bias, std::pair<std::int64_t, std::int64_t> stride = {1, 1},
                          std::pair<std::int64_t, std::int64_t> padding = {0, 0}, std::int64_t groups = 1,
                          std::pair<std::int64_t, std::int64_t> dilation = {1, 1}) {
    const std::uint64_t co = wshape[0];
    return nir_node(std::move(name), "Conv2d",
                    {{"weight", nir_floats(std::move(wshape), std::move(weight))},
                     {"bias", nir_floats({co}, std::move(bias))},
                     {"stride", nir_pair(stride.first, stride.second)},
                     {"padding", nir_pair(padding.first, padding.second)},
                     {"dilation", nir_pair(dilation.first, dilation.second)},
                     {"groups", nir_int(groups)}});
}

inline NirNode nir_affine(std::string name, std::uint64_t out, std::uint64_t in, std::vector<double> weight,
                          std::vector<double> bias) {
    return nir_node(std::move(name), "Affine",
                    {{"weight", nir_floats({out, in}, std::move(weight))}, {"bias", nir_floats({out}, std::move(bias))}});
}

// IF with uniform r and v_threshold over a layer of shape `shape`.
inline NirNode nir_if(std::string name, std::vector<std::uint64_t> shape, double r, double threshold) {
    std::uint64_t n = 1;
    for (std::uint64_t d : shape) n *= d;
    return nir_node(std::move(name), "IF",
                    {{"r", nir_floats(shape, std::vector<double>(n, r))},
                     {"v_threshold", nir_floats(shape, std::vector<double>(n, threshold))}});
}

inline NirNode nir_sumpool(std::string name, std::int64_t k) {
    return nir_node(std::move(name), "SumPool2d",
                    {{"kernel_size", nir_pair(k, k)}, {"stride", nir_pair(k, k)}, {"padding", nir_pair(0, 0)}});
}

inline NirNode nir_flatten(std::string name, std::vector<std::int64_t> input_type) {
    const std::uint64_t n = input_type.size();
    return nir_node(std::move(name), "Flatten",
                    {{"start_dim", nir_int(0)}, {"end_dim", nir_int(-1)}, {"input_type", nir_ints({n}, std::move(input_type))}});
}

// A file whose graph is `nodes` wired in the given order.
inline NirFile nir_chain(std::vector<NirNode> nodes, std::string version = "0.2.0") {
    NirFile f;
    f.version = std::move(version);
    f.graph.path = "/node";
    for (std::size_t i = 0; i + 1 < nodes.size(); ++i) f.graph.edges.push_back({nodes[i].name, nodes[i + 1].name});
    for (NirNode& n : nodes) n.path = "/node/nodes/" + n.name;
    f.graph.nodes = std::move(nodes);
    std::sort(f.graph.nodes.begin(), f.graph.nodes.end(), [](const NirNode& a, const NirNode& b) { return a.name < b.name; });
    return f;
}

// Replaces (or adds) parameter `key` of node `name`.
inline void nir_set(NirFile& f, const std::string& name, const std::string& key, NirParam value) {
    for (NirNode& n : f.graph.nodes)
        if (n.name == name) {
            for (auto& [k, v] : n.params)
                if (k == key) {
                    v = std::move(value);
                    return;
                }
            n.params.emplace_back(key, std::move(value));
            nir_sort(n.params);
        }
}

}  // namespace np::test
