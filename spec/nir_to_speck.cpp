#include "spec/nir_to_speck.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <set>

#include "model/speck_memory.hpp"

namespace np {
namespace {

const std::set<std::string>& supported_types() {
    static const std::set<std::string> s = {"Input", "Output", "Conv2d", "Affine", "Linear", "IF", "SumPool2d", "Flatten"};
    return s;
}

// Why a NIR node type cannot run on Speck.
std::string unsupported_reason(const std::string& type) {
    static const std::map<std::string, std::string> why = {
        {"LIF", "Speck neurons are integrate-and-fire without a membrane leak"},
        {"CubaLIF", "Speck neurons have no synaptic current and no membrane leak"},
        {"LI", "Speck neurons have no membrane leak"},
        {"CubaLI", "Speck neurons have no synaptic current and no membrane leak"},
        {"I", "Speck neurons always spike (an integrator without threshold has no spiking output)"},
        {"Delay", "Speck has no synaptic delays"},
        {"Scale", "Speck cannot scale spikes outside a convolution"},
        {"Threshold", "Speck has no stand-alone threshold units"},
        {"AvgPool2d", "Speck pools by summing (SumPool2d), not averaging"},
        {"Conv1d", "Speck cores are two-dimensional convolutions"},
    };
    auto it = why.find(type);
    return it == why.end() ? "it is not a NIR primitive Speck implements" : it->second;
}

std::string who(const NirNode& n) { return "node '" + to_valid_utf8(n.name) + "' (" + to_valid_utf8(n.type) + ")"; }

std::string kind_text(const NirParam& p) { return describe_kind(p); }

template <typename T>
std::string tuple_text(const std::vector<T>& v) {
    std::string s = "(";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + (v.size() == 1 ? ",)" : ")");
}

std::string float_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

// The tensor flowing along the chain: (c, h, w), or flat (c * h * w values in (c, y, x) order)
// after a Flatten or an Affine/Linear core.
struct Tensor {
    std::uint32_t c = 0, h = 0, w = 0;
    bool flat = false;
    std::uint64_t size() const { return std::uint64_t{c} * h * w; }
    std::vector<std::uint64_t> nir_shape() const {
        if (flat) return {size()};
        return {c, h, w};
    }
};

class Converter {
public:
    Converter(const NirFile& f, const NirToSpeckOptions& o) : file_(f), g_(f.graph), options_(o) {}

    NirSpeckImport run() {
        check_types();
        const NirNode& input = check_structure();
        out_.config.source = file_.file;
        walk(input);
        return std::move(out_);
    }

private:
    const NirFile& file_;
    const NirGraph& g_;
    NirToSpeckOptions options_;
    NirSpeckImport out_;
    std::map<std::string, std::vector<std::string>> succ_, pred_;

    [[noreturn]] void fail(const std::string& path, const std::string& message) const {
        fail_nir(file_.file, path, message);
    }
    [[noreturn]] void fail(const NirNode& n, const std::string& message) const { fail(n.path, who(n) + ": " + message); }
    [[noreturn]] void fail_param(const NirNode& n, const std::string& key, const std::string& message) const {
        fail(n.path + "/" + key, who(n) + ": " + message);
    }

    std::string edges_path() const { return g_.path + "/edges"; }

    // ---------------------------------------------------------------- graph shape

    // Nodes in breadth-first order from the Input nodes along edges (file order), then the rest
    // by name: the order in which problems are reported.
    std::vector<const NirNode*> walk_order() const {
        std::vector<const NirNode*> order;
        std::set<std::string> seen;
        std::deque<const NirNode*> queue;
        for (const NirNode& n : g_.nodes)
            if (n.type == "Input") queue.push_back(&n), seen.insert(n.name);
        while (!queue.empty()) {
            const NirNode* n = queue.front();
            queue.pop_front();
            order.push_back(n);
            for (const NirEdge& e : g_.edges)
                if (e.source == n->name && !seen.count(e.target)) {
                    const NirNode* t = g_.node(e.target);
                    if (!t) continue;
                    seen.insert(e.target);
                    queue.push_back(t);
                }
        }
        for (const NirNode& n : g_.nodes)
            if (!seen.count(n.name)) order.push_back(&n);
        return order;
    }

    void check_types() const {
        for (const NirNode* n : walk_order()) {
            if (n->type == "NIRGraph")
                fail(*n, "nested NIRGraph nodes are not supported; flatten the subgraph into the top-level graph");
            if (!supported_types().count(n->type))
                fail(*n, "node type " + to_valid_utf8(n->type) + " is not supported on Speck: " +
                             unsupported_reason(n->type) +
                             " (supported: Input, Conv2d, Affine, Linear, IF, SumPool2d, Flatten, Output)");
        }
    }

    const NirNode& check_structure() {
        const NirNode* input = nullptr;
        const NirNode* output = nullptr;
        for (const NirNode& n : g_.nodes) {
            if (n.type == "Input") {
                if (input) fail(n, "a second Input node (the first is '" + input->name + "'); Speck has one DVS input");
                input = &n;
            }
            if (n.type == "Output") {
                if (output) fail(n, "a second Output node (the first is '" + output->name + "'); only one output is imported");
                output = &n;
            }
        }
        if (!input) fail(g_.path, "the graph has no Input node");
        if (!output) fail(g_.path, "the graph has no Output node");
        std::set<std::pair<std::string, std::string>> seen;
        for (std::size_t i = 0; i < g_.edges.size(); ++i) {
            const NirEdge& e = g_.edges[i];
            const std::string text = "edge " + std::to_string(i) + " ('" + to_valid_utf8(e.source) + "' -> '" +
                                     to_valid_utf8(e.target) + "')";
            if (!g_.node(e.source) || !g_.node(e.target))
                fail(edges_path(), text + " addresses a node inside a nested graph; nested graphs are not supported");
            if (!seen.insert({e.source, e.target}).second) fail(edges_path(), text + " is a duplicate");
            if (e.source == e.target) fail(edges_path(), text + " is a recurrent edge (self-loop); Speck cores are feed-forward");
            succ_[e.source].push_back(e.target);
            pred_[e.target].push_back(e.source);
        }
        check_acyclic();
        for (const NirNode& n : g_.nodes) {
            const auto& s = succ_[n.name];
            const auto& p = pred_[n.name];
            if (n.type == "Input" && !p.empty()) fail(n, "the Input node has an incoming edge from '" + p.front() + "'");
            if (n.type == "Output" && !s.empty()) fail(n, "the Output node has an outgoing edge to '" + s.front() + "'");
            if (s.size() > 1)
                fail(n, "has " + std::to_string(s.size()) + " successors ('" + s[0] + "', '" + s[1] +
                            "'); only a single chain from Input to Output is imported");
            if (p.size() > 1)
                fail(n, "has " + std::to_string(p.size()) + " predecessors ('" + p[0] + "', '" + p[1] +
                            "'); only a single chain from Input to Output is imported");
        }
        return *input;
    }

    // A cycle is reported at the edge that closes it (depth-first from the Input, then from the
    // remaining nodes by name).
    void check_acyclic() const {
        std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
        std::vector<std::string> roots;
        for (const NirNode& n : g_.nodes)
            if (n.type == "Input") roots.push_back(n.name);
        for (const NirNode& n : g_.nodes) roots.push_back(n.name);
        for (const std::string& r : roots) {
            if (state[r]) continue;
            std::vector<std::pair<std::string, std::size_t>> stack{{r, 0}};
            state[r] = 1;
            while (!stack.empty()) {
                auto& [name, next] = stack.back();
                auto it = succ_.find(name);
                if (it == succ_.end() || next >= it->second.size()) {
                    state[name] = 2;
                    stack.pop_back();
                    continue;
                }
                const std::string t = it->second[next++];
                if (state[t] == 1)
                    fail(edges_path(), "recurrent edge '" + to_valid_utf8(name) + "' -> '" + to_valid_utf8(t) +
                                           "' closes a cycle; Speck cores are feed-forward");
                if (state[t] == 0) {
                    state[t] = 1;
                    stack.push_back({t, 0});
                }
            }
        }
    }

    // ---------------------------------------------------------------- parameters

    const NirParam& need(const NirNode& n, const std::string& key) const {
        const NirParam* p = n.param(key);
        if (!p) fail(n, "no parameter '" + key + "'");
        return *p;
    }

    // An integer parameter with `count` values; a scalar or a single value is repeated.
    std::vector<std::int64_t> ints(const NirNode& n, const std::string& key, std::size_t count) const {
        const NirParam& p = need(n, key);
        if (p.kind != NirParam::Kind::Integer)
            fail_param(n, key, "expected an integer dataset, found " + kind_text(p));
        if (p.shape.size() > 1) fail_param(n, key, "expected a scalar or a vector, found shape " + tuple_text(p.shape));
        if (p.integers.size() == 1) return std::vector<std::int64_t>(count, p.integers[0]);
        if (p.integers.size() != count)
            fail_param(n, key, "expected " + std::to_string(count) + " values, found " + std::to_string(p.integers.size()));
        return p.integers;
    }

    std::int64_t int_scalar(const NirNode& n, const std::string& key) const { return ints(n, key, 1).front(); }

    // A float tensor whose shape is `shape` (any shape when `shape` is empty); non-finite values
    // are rejected.
    const NirParam& float_tensor(const NirNode& n, const std::string& key, const std::vector<std::uint64_t>& shape) const {
        const NirParam& p = need(n, key);
        if (p.kind != NirParam::Kind::Float) fail_param(n, key, "expected a float dataset, found " + kind_text(p));
        if (!shape.empty() && p.shape != shape)
            fail_param(n, key, "expected shape " + tuple_text(shape) + ", found " + tuple_text(p.shape));
        for (double v : p.floats)
            if (!std::isfinite(v)) fail_param(n, key, "non-finite value " + float_text(v));
        return p;
    }

    // ---------------------------------------------------------------- the chain

    enum class Stage { Dvs, Weight, Core };

    struct PendingCore {
        const NirNode* node = nullptr;
        CoreConfig core;
        std::vector<float> weights;  // float, Speck layout [c_out][c_in][kx][ky]
        std::vector<float> bias;     // float, per output channel
        Tensor out;                  // NIR-level output tensor
    };

    void walk(const NirNode& input) {
        Tensor t = input_tensor(input);
        DvsLayerConfig dvs;
        dvs.width = t.w;
        dvs.height = t.h;
        dvs.merge_polarity = t.c == 1;
        Stage stage = Stage::Dvs;
        PendingCore pending;
        std::uint32_t pool = 1;  // pending destination pooling of the last core
        std::vector<std::string> pool_nodes;

        const NirNode* n = &input;
        std::size_t visited = 1;
        while (true) {
            const auto& s = succ_[n->name];
            if (s.empty()) {
                if (n->type != "Output") fail(*n, "has no successor; the chain must end at the Output node");
                break;
            }
            const NirNode& next = *g_.node(s.front());
            ++visited;
            const std::string& type = next.type;
            if (stage == Stage::Weight && type != "IF")
                fail(*pending.node, "must be followed by an IF node, found " + who(next));
            if (type == "SumPool2d") {
                if (t.flat) fail(next, "needs a (C, H, W) input, but it follows a Flatten or an Affine/Linear core");
                sum_pool(next, stage, t, dvs, pool);
                if (stage == Stage::Core) pool_nodes.push_back(next.name);
            } else if (type == "Flatten") {
                flatten(next, t);
            } else if (type == "Conv2d" || type == "Affine" || type == "Linear") {
                pending = PendingCore{};
                pending.node = &next;
                if (type == "Conv2d")
                    conv2d(next, t, pending);
                else
                    affine(next, t, pending);
                // The producer so far (DVS or the last core) feeds this core.
                pending.core.id = static_cast<std::uint32_t>(out_.config.cores.size());
                if (pending.core.id >= kSpeckCores)
                    fail(next, "needs core " + std::to_string(pending.core.id) + " but Speck has " +
                                   std::to_string(kSpeckCores) + " cores (0..8)");
                if (stage == Stage::Dvs) {
                    dvs.destinations.push_back(Destination{pending.core.id, 1, 0});
                } else {
                    out_.config.cores.back().destinations.push_back(Destination{pending.core.id, pool, 0});
                    out_.cores.back().pool_nodes = pool_nodes;
                }
                pool = 1;
                pool_nodes.clear();
                stage = Stage::Weight;
            } else if (type == "IF") {
                if (stage != Stage::Weight)
                    fail(next, "must follow a Conv2d, Affine or Linear node, found " + who(*n));
                spiking(next, pending);
                out_.config.cores.push_back(std::move(pending.core));
                t = pending.out;
                stage = Stage::Core;
            } else if (type == "Output") {
                if (stage == Stage::Dvs) fail(next, "the Input reaches the Output without passing a core");
                output(next, t);
                out_.config.cores.back().destinations.push_back(Destination{std::nullopt, pool, 0});
                out_.cores.back().pool_nodes = pool_nodes;
            } else {
                fail(next, "unexpected node type here");  // excluded by check_types
            }
            n = &next;
        }
        if (visited != g_.nodes.size()) {
            std::set<std::string> on_chain;
            for (const NirNode* c = &input;; c = g_.node(succ_[c->name].front())) {
                on_chain.insert(c->name);
                if (succ_[c->name].empty()) break;
            }
            for (const NirNode& x : g_.nodes)
                if (!on_chain.count(x.name)) fail(x, "is not on the chain from the Input to the Output");
        }
        finish_dvs(dvs);
        out_.config.dvs = dvs;
    }

    // The DVS crop keeps the pooled map PyTorch's floor division keeps.
    void finish_dvs(DvsLayerConfig& dvs) const {
        const std::uint32_t w = dvs.width / dvs.pool_x, h = dvs.height / dvs.pool_y;
        dvs.crop_x0 = 0;
        dvs.crop_y0 = 0;
        dvs.crop_x1 = w - 1;
        dvs.crop_y1 = h - 1;
    }

    Tensor input_tensor(const NirNode& n) const {
        const NirParam& p = need(n, "shape");
        if (p.kind != NirParam::Kind::Integer) fail_param(n, "shape", "expected an integer dataset, found " + kind_text(p));
        if (p.integers.size() != 3)
            fail_param(n, "shape", "expected the DVS input shape (C, H, W), found " + tuple_text(p.integers));
        const std::int64_t c = p.integers[0], h = p.integers[1], w = p.integers[2];
        if (c != 1 && c != 2)
            fail_param(n, "shape", "the DVS input has " + std::to_string(c) +
                                       " channels; expected 2 (polarities) or 1 (polarities merged)");
        if (h < 1 || w < 1 || h > kSpeckDvsSize || w > kSpeckDvsSize)
            fail_param(n, "shape", "the DVS input map " + std::to_string(h) + "x" + std::to_string(w) +
                                       " is outside 1..128 x 1..128");
        return Tensor{static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(w), false};
    }

    static bool pool_size_ok(std::int64_t k) { return k == 1 || k == 2 || k == 4; }

    void sum_pool(const NirNode& n, Stage stage, Tensor& t, DvsLayerConfig& dvs, std::uint32_t& pool) const {
        const std::vector<std::int64_t> k = ints(n, "kernel_size", 2);
        const std::vector<std::int64_t> s = n.param("stride") ? ints(n, "stride", 2) : k;
        const std::vector<std::int64_t> p = n.param("padding") ? ints(n, "padding", 2) : std::vector<std::int64_t>{0, 0};
        if (s != k)
            fail(n, "stride " + tuple_text(s) + " differs from kernel_size " + tuple_text(k) +
                        "; Speck pools non-overlapping windows (stride = kernel)");
        if (p[0] != 0 || p[1] != 0) fail(n, "padding " + tuple_text(p) + " is not supported; Speck pools without padding");
        if (!pool_size_ok(k[0]) || !pool_size_ok(k[1]))
            fail(n, "kernel_size " + tuple_text(k) + ": Speck pools by 1, 2 or 4");
        if (stage == Stage::Dvs) {
            if (!pool_size_ok(dvs.pool_y * k[0]) || !pool_size_ok(dvs.pool_x * k[1]))
                fail(n, "the DVS pooling would become " + std::to_string(dvs.pool_y * k[0]) + "x" +
                            std::to_string(dvs.pool_x * k[1]) + "; the DVS layer pools by 1, 2 or 4 per axis");
            dvs.pool_y *= static_cast<std::uint32_t>(k[0]);
            dvs.pool_x *= static_cast<std::uint32_t>(k[1]);
        } else {
            if (k[0] != k[1]) fail(n, "kernel_size " + tuple_text(k) + ": a core's destination pools squares");
            if (!pool_size_ok(pool * k[0]))
                fail(n, "the destination pooling would become " + std::to_string(pool * k[0]) + "; Speck pools by 1, 2 or 4");
            if (t.h % k[0] != 0 || t.w % k[1] != 0)
                fail(n, "the " + std::to_string(t.h) + "x" + std::to_string(t.w) + " map is not divisible by " +
                            std::to_string(k[0]) +
                            "; Speck would send the last rows/columns to addresses PyTorch drops");
            pool *= static_cast<std::uint32_t>(k[0]);
        }
        t.h /= static_cast<std::uint32_t>(k[0]);
        t.w /= static_cast<std::uint32_t>(k[1]);
        if (t.h == 0 || t.w == 0) fail(n, "pooling leaves an empty map");
    }

    static std::int64_t normalise_dim(std::int64_t d, std::int64_t rank) { return d < 0 ? d + rank : d; }

    void flatten(const NirNode& n, Tensor& t) const {
        const std::int64_t rank = t.flat ? 1 : 3;
        std::int64_t batch = 0;
        if (const NirParam* it = n.param("input_type")) {
            if (it->kind != NirParam::Kind::Integer)
                fail_param(n, "input_type", "expected an integer dataset, found " + kind_text(*it));
            std::vector<std::int64_t> shape = it->integers;
            if (static_cast<std::int64_t>(shape.size()) == rank + 1) {
                batch = 1;
                shape.erase(shape.begin());
            }
            const bool placeholder = std::all_of(shape.begin(), shape.end(), [](std::int64_t v) { return v == 0; });
            std::vector<std::int64_t> actual;
            for (std::uint64_t v : t.nir_shape()) actual.push_back(static_cast<std::int64_t>(v));
            if (!placeholder && shape != actual)
                fail_param(n, "input_type", "declares input " + tuple_text(it->integers) + " but receives " +
                                                tuple_text(actual));
        }
        const std::int64_t start = normalise_dim(int_scalar(n, "start_dim"), rank + batch) - batch;
        const std::int64_t end = normalise_dim(int_scalar(n, "end_dim"), rank + batch) - batch;
        if (start != 0 || end != rank - 1)
            fail(n, "flattens dims " + std::to_string(start) + ".." + std::to_string(end) + " of a rank-" +
                        std::to_string(rank) + " tensor; only flattening the whole (C, H, W) map is supported");
        t.flat = true;
    }

    static bool stride_ok(std::int64_t s) { return s == 1 || s == 2 || s == 4 || s == 8; }

    void check_channels(const NirNode& n, std::uint64_t in_c, std::uint64_t out_c) const {
        if (in_c > kSpeckMaxChannels || out_c > kSpeckMaxChannels)
            fail(n, std::to_string(in_c) + " input / " + std::to_string(out_c) +
                        " output channels; a Speck core has at most 1024 of each");
    }

    void conv2d(const NirNode& n, const Tensor& t, PendingCore& pc) const {
        if (t.flat) fail(n, "needs a (C, H, W) input, but it follows a Flatten or an Affine/Linear core");
        const std::int64_t groups = int_scalar(n, "groups");
        if (groups != 1) fail_param(n, "groups", "groups=" + std::to_string(groups) + " (grouped convolution) is not supported on Speck");
        const std::vector<std::int64_t> dilation = ints(n, "dilation", 2);
        if (dilation[0] != 1 || dilation[1] != 1)
            fail_param(n, "dilation", "dilation " + tuple_text(dilation) + " is not supported on Speck");
        const NirParam& wp = need(n, "weight");
        if (wp.kind != NirParam::Kind::Float) fail_param(n, "weight", "expected a float dataset, found " + kind_text(wp));
        if (wp.shape.size() != 4)
            fail_param(n, "weight", "expected a rank-4 weight [c_out][c_in][k_y][k_x], found shape " + tuple_text(wp.shape));
        float_tensor(n, "weight", {});
        const std::uint64_t co = wp.shape[0], ci = wp.shape[1], ky = wp.shape[2], kx = wp.shape[3];
        if (co == 0 || ky == 0 || kx == 0) fail_param(n, "weight", "empty weight shape " + tuple_text(wp.shape));
        if (ci != t.c)
            fail_param(n, "weight", "weight has " + std::to_string(ci) + " input channels but the node receives " +
                                        std::to_string(t.c) + " channels");
        const std::vector<std::int64_t> stride = ints(n, "stride", 2);
        std::vector<std::int64_t> pad = padding(n, ky, kx, stride);
        if (const NirParam* is = n.param("input_shape")) {
            if (is->kind != NirParam::Kind::Integer)
                fail_param(n, "input_shape", "expected an integer dataset, found " + kind_text(*is));
            if (is->integers != std::vector<std::int64_t>{t.h, t.w})
                fail_param(n, "input_shape", "declares input " + tuple_text(is->integers) + " but receives (" +
                                                 std::to_string(t.h) + ", " + std::to_string(t.w) + ")");
        }
        if (kx != ky) fail_param(n, "weight", "kernel " + std::to_string(ky) + "x" + std::to_string(kx) + " is not square; Speck kernels are square");
        if (kx > kSpeckMaxKernel) fail_param(n, "weight", "kernel " + std::to_string(kx) + " exceeds Speck's 16");
        for (std::int64_t s : stride)
            if (!stride_ok(s)) fail_param(n, "stride", "stride " + tuple_text(stride) + ": Speck strides are 1, 2, 4 or 8");
        for (std::int64_t p : pad)
            if (p < 0 || p > kSpeckMaxPadding) fail_param(n, "padding", "padding " + tuple_text(pad) + ": Speck pads 0..7");
        check_channels(n, ci, co);
        if (t.h > kSpeckMaxInputMap || t.w > kSpeckMaxInputMap)
            fail(n, "input map " + std::to_string(t.h) + "x" + std::to_string(t.w) + " exceeds Speck's 128x128");
        if (t.h + 2 * pad[0] < static_cast<std::int64_t>(ky) || t.w + 2 * pad[1] < static_cast<std::int64_t>(kx))
            fail(n, "the " + std::to_string(ky) + "x" + std::to_string(kx) + " kernel is larger than the padded " +
                        std::to_string(t.h) + "x" + std::to_string(t.w) + " input");
        CoreConfig& c = pc.core;
        c.in_channels = t.c;
        c.in_height = t.h;
        c.in_width = t.w;
        c.out_channels = static_cast<std::uint32_t>(co);
        c.kernel_x = static_cast<std::uint32_t>(kx);
        c.kernel_y = static_cast<std::uint32_t>(ky);
        c.stride_y = static_cast<std::uint32_t>(stride[0]);
        c.stride_x = static_cast<std::uint32_t>(stride[1]);
        c.padding_y = static_cast<std::uint32_t>(pad[0]);
        c.padding_x = static_cast<std::uint32_t>(pad[1]);
        pc.weights.assign(co * ci * kx * ky, 0.0f);
        for (std::uint64_t o = 0; o < co; ++o)
            for (std::uint64_t i = 0; i < ci; ++i)
                for (std::uint64_t y = 0; y < ky; ++y)
                    for (std::uint64_t x = 0; x < kx; ++x)
                        pc.weights[c.weight_index(o, i, x, y)] =
                            static_cast<float>(wp.floats[((o * ci + i) * ky + y) * kx + x]);
        pc.bias = bias(n, co, true);
        pc.out = Tensor{c.out_channels, c.out_height(), c.out_width(), false};
    }

    std::vector<std::int64_t> padding(const NirNode& n, std::uint64_t ky, std::uint64_t kx,
                                      const std::vector<std::int64_t>& stride) const {
        const NirParam& p = need(n, "padding");
        if (p.kind != NirParam::Kind::String) return ints(n, "padding", 2);
        if (p.strings.size() != 1) fail_param(n, "padding", "expected one string");
        if (p.strings[0] == "valid") return {0, 0};
        if (p.strings[0] != "same")
            fail_param(n, "padding", "padding '" + to_valid_utf8(p.strings[0]) + "': expected 'valid', 'same' or integers");
        if (stride[0] != 1 || stride[1] != 1) fail_param(n, "padding", "padding 'same' needs stride 1 (as in PyTorch)");
        if (ky % 2 == 0 || kx % 2 == 0)
            fail_param(n, "padding", "padding 'same' with an even kernel pads asymmetrically; Speck pads symmetrically");
        return {static_cast<std::int64_t>(ky / 2), static_cast<std::int64_t>(kx / 2)};
    }

    std::vector<float> bias(const NirNode& n, std::uint64_t co, bool optional) const {
        if (!n.param("bias")) {
            if (!optional) need(n, "bias");
            return std::vector<float>(co, 0.0f);
        }
        const NirParam& b = float_tensor(n, "bias", {});
        if (b.floats.size() != co || b.shape.size() > 1)
            fail_param(n, "bias", "expected " + std::to_string(co) + " values (one per output channel), found shape " +
                                      tuple_text(b.shape));
        std::vector<float> out;
        for (double v : b.floats) out.push_back(static_cast<float>(v));
        return out;
    }

    void affine(const NirNode& n, const Tensor& t, PendingCore& pc) const {
        if (!t.flat)
            fail(n, "needs a flat input; insert a Flatten node before it (the input is (" + std::to_string(t.c) + ", " +
                        std::to_string(t.h) + ", " + std::to_string(t.w) + "))");
        const NirParam& wp = need(n, "weight");
        if (wp.kind != NirParam::Kind::Float) fail_param(n, "weight", "expected a float dataset, found " + kind_text(wp));
        if (wp.shape.size() != 2)
            fail_param(n, "weight", "expected a rank-2 weight [out][in], found shape " + tuple_text(wp.shape));
        float_tensor(n, "weight", {});
        const std::uint64_t co = wp.shape[0], ni = wp.shape[1];
        if (co == 0) fail_param(n, "weight", "no output features");
        if (ni != t.size())
            fail_param(n, "weight", "weight has " + std::to_string(ni) + " input features but the node receives " +
                                        std::to_string(t.size()));
        // The kernel covers the whole (C, H, W) map.
        const std::uint32_t C = t.c, H = t.h, W = t.w;
        if (H != W)
            fail(n, "its input map is " + std::to_string(H) + "x" + std::to_string(W) +
                        "; as a convolution covering the map its kernel would not be square");
        if (W > kSpeckMaxKernel) fail(n, "its input map " + std::to_string(H) + "x" + std::to_string(W) + " exceeds the 16x16 kernel limit");
        check_channels(n, C, co);
        CoreConfig& c = pc.core;
        c.in_channels = C;
        c.in_height = H;
        c.in_width = W;
        c.out_channels = static_cast<std::uint32_t>(co);
        c.kernel_x = W;
        c.kernel_y = H;
        pc.weights.assign(co * ni, 0.0f);
        for (std::uint64_t o = 0; o < co; ++o)
            for (std::uint32_t ch = 0; ch < C; ++ch)
                for (std::uint32_t y = 0; y < H; ++y)
                    for (std::uint32_t x = 0; x < W; ++x)
                        pc.weights[c.weight_index(static_cast<std::uint32_t>(o), ch, x, y)] =
                            static_cast<float>(wp.floats[o * ni + (std::uint64_t{ch} * H + y) * W + x]);
        pc.bias = n.type == "Affine" ? bias(n, co, false) : std::vector<float>(co, 0.0f);
        pc.out = Tensor{c.out_channels, 1, 1, true};
    }

    // A parameter of an IF node: one value per neuron of `out` (or a single value), returned per
    // output channel after checking it is uniform within each channel (`whole_layer`: across
    // the whole layer).
    std::vector<float> per_channel(const NirNode& n, const std::string& key, const Tensor& out, bool whole_layer) const {
        const NirParam& p = float_tensor(n, key, {});
        const std::uint64_t size = out.size();
        if (p.floats.size() != 1 && (p.floats.size() != size || p.shape != out.nir_shape()))
            fail_param(n, key, "expected shape " + tuple_text(out.nir_shape()) + " (or one value), found " + tuple_text(p.shape));
        std::vector<float> v(out.c);
        const std::uint64_t per = p.floats.size() == 1 ? 0 : std::uint64_t{out.h} * out.w;
        for (std::uint32_t ch = 0; ch < out.c; ++ch) {
            const double first = p.floats[per * ch];
            for (std::uint64_t i = 0; i < per; ++i)
                if (p.floats[per * ch + i] != first)
                    fail_param(n, key, key + " varies within output channel " + std::to_string(ch) + " (" +
                                           float_text(first) + " vs " + float_text(p.floats[per * ch + i]) +
                                           "); Speck has one value per core");
            if (whole_layer && ch > 0 && first != v[0])
                fail_param(n, key, key + " differs between channels (" + float_text(v[0]) + " vs " + float_text(first) +
                                       "); Speck has one threshold per core");
            v[ch] = static_cast<float>(first);
        }
        return v;
    }

    void spiking(const NirNode& n, PendingCore& pc) {
        const Tensor& out = pc.out;
        const std::vector<float> r = per_channel(n, "r", out, false);
        const float thr = per_channel(n, "v_threshold", out, true).front();
        if (!(thr > 0)) fail_param(n, "v_threshold", "threshold " + float_text(thr) + " must be positive");
        if (const NirParam* vr = n.param("v_reset")) {
            if (vr->kind != NirParam::Kind::Float) fail_param(n, "v_reset", "expected a float dataset, found " + kind_text(*vr));
            for (double v : vr->floats)
                if (v != 0)
                    fail_param(n, "v_reset", "v_reset " + float_text(v) +
                                                 " cannot be represented: Speck resets by subtracting the threshold or to 0");
        }
        CoreConfig& c = pc.core;
        const std::size_t per_out = std::size_t{c.in_channels} * c.kernel_x * c.kernel_y;
        std::vector<float> w = pc.weights, b = pc.bias;
        for (std::size_t i = 0; i < w.size(); ++i) w[i] = w[i] * r[i / per_out];
        for (std::size_t o = 0; o < b.size(); ++o) b[o] = b[o] * r[o];
        const float s_w = discretization_scale(w, 8);
        const float s_b = discretization_scale(b, options_.bias_scale_bits);
        const float s_t = discretization_scale({-thr, thr}, 16);
        const float scale = std::min({s_w, s_b, s_t});
        if (!std::isfinite(scale) || !(scale > 0)) fail(n, "cannot determine a discretisation scale");
        const NirNode& wn = *pc.node;
        c.weights.resize(w.size());
        for (std::size_t i = 0; i < w.size(); ++i) {
            const float q = discretize_value(w[i], scale);
            if (q < -128 || q > 127) fail(wn, "weight quantises to " + float_text(q) + ", outside int8");
            c.weights[i] = static_cast<std::int8_t>(q);
        }
        const std::int64_t bias_max = (std::int64_t{1} << (options_.bias_scale_bits - 1));
        std::vector<std::int32_t> bq(b.size());
        bool any_bias = false;
        for (std::size_t o = 0; o < b.size(); ++o) {
            const float q = discretize_value(b[o], scale);
            if (q < -bias_max || q > bias_max - 1) fail(wn, "bias quantises to " + float_text(q) + ", outside its range");
            bq[o] = static_cast<std::int32_t>(q);
            any_bias = any_bias || bq[o] != 0;
        }
        const float tq = discretize_value(thr, scale);
        if (tq < 1)
            fail_param(n, "v_threshold", "threshold " + float_text(thr) + " quantises to 0 at scale " + float_text(scale) +
                                             " (the weights of " + who(wn) + " are too large relative to it)");
        if (tq > 32767) fail_param(n, "v_threshold", "threshold quantises above 32767");
        c.threshold_high = static_cast<std::int16_t>(tq);
        c.threshold_low = static_cast<std::int16_t>(-tq);
        c.return_to_zero = options_.return_to_zero;
        if (any_bias) {
            c.biases = bq;
            c.leak = true;
        }
        const std::string memory = core_memory_problem(c);
        if (!memory.empty()) fail(wn, "does not fit core " + std::to_string(c.id) + ": " + memory);
        if (c.out_width() > kSpeckMaxOutputMap || c.out_height() > kSpeckMaxOutputMap)
            fail(wn, "output map " + std::to_string(c.out_height()) + "x" + std::to_string(c.out_width()) +
                         " exceeds Speck's 64x64");
        NirCoreOrigin origin;
        origin.core = c.id;
        origin.weight_node = wn.name;
        origin.weight_type = wn.type;
        origin.spike_node = n.name;
        origin.scale = scale;
        out_.cores.push_back(origin);
    }

    void output(const NirNode& n, const Tensor& t) const {
        const NirParam& p = need(n, "shape");
        if (p.kind != NirParam::Kind::Integer) fail_param(n, "shape", "expected an integer dataset, found " + kind_text(p));
        std::uint64_t count = 1;
        for (std::int64_t v : p.integers) count *= static_cast<std::uint64_t>(std::max<std::int64_t>(v, 0));
        if (count != t.size())
            fail_param(n, "shape", "declares " + tuple_text(p.integers) + " (" + std::to_string(count) +
                                       " values) but receives " + tuple_text(t.nir_shape()));
    }
};

}  // namespace

float discretization_scale(const std::vector<float>& values, std::uint32_t bits) {
    if (values.empty()) return std::numeric_limits<float>::infinity();
    const float min_disc = -std::ldexp(1.0f, static_cast<int>(bits) - 1);
    const float max_disc = std::ldexp(1.0f, static_cast<int>(bits) - 1) - 1.0f;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const float mn = *lo, mx = *hi;
    // Python computes the ratio in double; multiplying a float32 tensor casts it to float.
    const float ratio = static_cast<float>(std::fabs(static_cast<double>(min_disc) / static_cast<double>(max_disc)));
    // `k / tensor` is `tensor.reciprocal() * k` in PyTorch.
    if (std::fabs(mn) <= std::fabs(mx) * ratio) return std::fabs((1.0f / mx) * max_disc);
    return std::fabs((1.0f / mn) * min_disc);
}

float discretize_value(float value, float scale) {
    const float product = value * scale;
    return std::nearbyint(product);  // the default rounding mode: to nearest, ties to even
}

NirSpeckImport nir_to_speck(const NirFile& file, const NirToSpeckOptions& options) {
    if (options.bias_scale_bits < 2 || options.bias_scale_bits > 32)
        fail_nir(file.file, "", "bias_scale_bits must be 2..32");
    return Converter(file, options).run();
}

NirSpeckImport import_nir(const std::string& path, const NirToSpeckOptions& options) {
    return nir_to_speck(read_nir(path), options);
}

}  // namespace np
