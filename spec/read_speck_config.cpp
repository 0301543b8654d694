#include "spec/read_speck_config.hpp"

#include <initializer_list>
#include <limits>

#include "spec/json_locations.hpp"

namespace np {

namespace {

using nlohmann::json;

class Reader {
public:
    explicit Reader(const JsonDocument& doc) : doc_(doc) {}

    void only_fields(const json& obj, const std::string& at, std::initializer_list<const char*> allowed) const {
        if (!obj.is_object()) doc_.fail(at, "expected an object");
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool known = false;
            for (const char* a : allowed) known = known || it.key() == a;
            if (!known) {
                std::string list;
                for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                doc_.fail(at + "/" + it.key(), "unknown field '" + it.key() + "' (expected one of: " + list + ")");
            }
        }
    }

    // The field a pointer names, for messages: "/cores/0/kernel/1" -> "kernel".
    static std::string field_name(const std::string& pointer) {
        std::string p = pointer;
        while (!p.empty()) {
            std::string last = p.substr(p.rfind('/') + 1);
            if (!last.empty() && last.find_first_not_of("0123456789") != std::string::npos) return last;
            p.erase(p.rfind('/'));
        }
        return "value";
    }

    std::int64_t integer(const json& v, const std::string& at, std::int64_t lo, std::int64_t hi) const {
        if (v.is_number_float())
            doc_.fail(at, "expected an integer, found " + v.dump() + " (a fraction, or a number too large for 64 bits)");
        if (!v.is_number_integer()) doc_.fail(at, std::string("expected an integer, found ") + v.type_name());
        std::int64_t x;
        if (v.is_number_unsigned()) {
            std::uint64_t u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                doc_.fail(at, field_name(at) + " " + std::to_string(u) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
            x = static_cast<std::int64_t>(u);
        } else {
            x = v.get<std::int64_t>();
        }
        if (x < lo || x > hi)
            doc_.fail(at, field_name(at) + " " + std::to_string(x) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
        return x;
    }

    bool boolean(const json& v, const std::string& at) const {
        if (!v.is_boolean()) doc_.fail(at, std::string("expected true or false, found ") + v.type_name());
        return v.get<bool>();
    }

    std::string choice(const json& v, const std::string& at, std::initializer_list<const char*> options) const {
        std::string list;
        for (const char* o : options) list += (list.empty() ? "" : ", ") + std::string("\"") + o + "\"";
        if (!v.is_string()) doc_.fail(at, "expected one of " + list);
        std::string s = v.get<std::string>();
        for (const char* o : options)
            if (s == o) return s;
        doc_.fail(at, "'" + s + "' is not one of " + list);
    }

    // A pair given as [a, b] or as one number for both.
    std::pair<std::uint32_t, std::uint32_t> pair(const json& v, const std::string& at, std::int64_t lo, std::int64_t hi) const {
        if (v.is_array()) {
            if (v.size() != 2) doc_.fail(at, "expected [x, y] or a single number");
            return {static_cast<std::uint32_t>(integer(v[0], at + "/0", lo, hi)),
                    static_cast<std::uint32_t>(integer(v[1], at + "/1", lo, hi))};
        }
        auto a = static_cast<std::uint32_t>(integer(v, at, lo, hi));
        return {a, a};
    }

    // A tensor of integers given nested with exactly `shape`, or flat with their product; values
    // in [lo, hi], appended in row-major order.
    template <typename T>
    std::vector<T> tensor(const json& v, const std::string& at, const std::vector<std::uint32_t>& shape, std::int64_t lo,
                          std::int64_t hi, const char* what) const {
        std::size_t n = 1;
        for (std::uint32_t s : shape) n *= s;
        if (!v.is_array()) doc_.fail(at, std::string("expected an array of ") + what);
        std::vector<T> out;
        out.reserve(n);
        bool flat = v.empty() || !v[0].is_array();
        if (flat) {
            if (v.size() != n) doc_.fail(at, "expected " + std::to_string(n) + " " + what + shape_text(shape) + ", found " + std::to_string(v.size()));
            for (std::size_t k = 0; k < v.size(); ++k) out.push_back(static_cast<T>(integer(v[k], at + "/" + std::to_string(k), lo, hi)));
        } else {
            nested(v, at, shape, 0, lo, hi, what, out);
        }
        return out;
    }

    const JsonDocument& doc() const { return doc_; }

private:
    static std::string shape_text(const std::vector<std::uint32_t>& shape) {
        std::string s;
        for (std::uint32_t d : shape) s += (s.empty() ? " (" : "x") + std::to_string(d);
        return s.empty() ? s : s + ")";
    }
    template <typename T>
    void nested(const json& v, const std::string& at, const std::vector<std::uint32_t>& shape, std::size_t dim,
                std::int64_t lo, std::int64_t hi, const char* what, std::vector<T>& out) const {
        if (dim == shape.size()) {
            out.push_back(static_cast<T>(integer(v, at, lo, hi)));
            return;
        }
        if (!v.is_array() || v.size() != shape[dim])
            doc_.fail(at, "expected an array of " + std::to_string(shape[dim]) + " at depth " + std::to_string(dim + 1) +
                              " of the " + what + shape_text(shape));
        for (std::size_t k = 0; k < v.size(); ++k) nested(v[k], at + "/" + std::to_string(k), shape, dim + 1, lo, hi, what, out);
    }

    const JsonDocument& doc_;
};

Destination read_destination(const Reader& r, const json& v, const std::string& at, bool dvs) {
    if (dvs) r.only_fields(v, at, {"core", "output", "feature_shift"});
    else r.only_fields(v, at, {"core", "output", "pool", "feature_shift"});
    Destination d;
    bool out = v.contains("output") && r.boolean(v["output"], at + "/output");
    if (out == v.contains("core"))
        r.doc().fail(at, "a destination names either a \"core\" or \"output\": true");
    if (!out) d.core = static_cast<std::uint32_t>(r.integer(v["core"], at + "/core", 0, kSpeckCores - 1));
    if (v.contains("pool")) d.pool = static_cast<std::uint32_t>(r.integer(v["pool"], at + "/pool", 1, 4));
    if (v.contains("feature_shift"))
        d.feature_shift = static_cast<std::int32_t>(r.integer(v["feature_shift"], at + "/feature_shift", -1024, 1024));
    return d;
}

std::vector<Destination> read_destinations(const Reader& r, const json& v, const std::string& at, bool dvs) {
    if (!v.is_array()) r.doc().fail(at, "expected an array of destinations");
    std::vector<Destination> out;
    for (std::size_t k = 0; k < v.size(); ++k) out.push_back(read_destination(r, v[k], at + "/" + std::to_string(k), dvs));
    return out;
}

void read_options(const Reader& r, const json& v, EmulatorOptions& o) {
    const std::string at = "/options";
    r.only_fields(v, at, {"overflow", "clip", "leak_can_spike", "bias_width", "spike_test", "order", "max_spikes_per_event"});
    if (v.contains("overflow"))
        o.overflow = r.choice(v["overflow"], at + "/overflow", {"saturate", "wrap"}) == "wrap" ? OverflowMode::Wrap : OverflowMode::Saturate;
    if (v.contains("clip"))
        o.clip = r.choice(v["clip"], at + "/clip", {"after_spike", "before_spike"}) == "before_spike" ? ClipOrder::BeforeSpike
                                                                                                   : ClipOrder::AfterSpike;
    if (v.contains("leak_can_spike")) o.leak_can_spike = r.boolean(v["leak_can_spike"], at + "/leak_can_spike");
    if (v.contains("bias_width")) o.bias_width = static_cast<std::uint32_t>(r.integer(v["bias_width"], at + "/bias_width", 1, 32));
    if (v.contains("spike_test"))
        o.spike_test = r.choice(v["spike_test"], at + "/spike_test", {">=", ">"}) == ">" ? SpikeTest::Greater : SpikeTest::GreaterEqual;
    if (v.contains("order"))
        o.order = r.choice(v["order"], at + "/order", {"depth_first", "breadth_first"}) == "breadth_first"
                      ? ProcessingOrder::BreadthFirst
                      : ProcessingOrder::DepthFirst;
    if (v.contains("max_spikes_per_event"))
        o.max_spikes_per_event = static_cast<std::uint64_t>(
            r.integer(v["max_spikes_per_event"], at + "/max_spikes_per_event", 1, std::numeric_limits<std::int64_t>::max()));
}

DvsLayerConfig read_dvs(const Reader& r, const json& v) {
    const std::string at = "/dvs";
    r.only_fields(v, at, {"width", "height", "merge_polarity", "pool", "crop", "mirror", "hot_pixel", "destinations"});
    DvsLayerConfig d;
    if (v.contains("width")) d.width = static_cast<std::uint32_t>(r.integer(v["width"], at + "/width", 1, kSpeckDvsSize));
    if (v.contains("height")) d.height = static_cast<std::uint32_t>(r.integer(v["height"], at + "/height", 1, kSpeckDvsSize));
    if (v.contains("merge_polarity")) d.merge_polarity = r.boolean(v["merge_polarity"], at + "/merge_polarity");
    if (v.contains("pool")) std::tie(d.pool_x, d.pool_y) = r.pair(v["pool"], at + "/pool", 1, 4);
    d.crop_x1 = (d.width + d.pool_x - 1) / d.pool_x - 1;
    d.crop_y1 = (d.height + d.pool_y - 1) / d.pool_y - 1;
    if (v.contains("crop")) {
        const json& c = v["crop"];
        if (!c.is_array() || c.size() != 4) r.doc().fail(at + "/crop", "expected [x0, y0, x1, y1] (inclusive, pooled coordinates)");
        d.crop_x0 = static_cast<std::uint32_t>(r.integer(c[0], at + "/crop/0", 0, kSpeckDvsSize - 1));
        d.crop_y0 = static_cast<std::uint32_t>(r.integer(c[1], at + "/crop/1", 0, kSpeckDvsSize - 1));
        d.crop_x1 = static_cast<std::uint32_t>(r.integer(c[2], at + "/crop/2", 0, kSpeckDvsSize - 1));
        d.crop_y1 = static_cast<std::uint32_t>(r.integer(c[3], at + "/crop/3", 0, kSpeckDvsSize - 1));
    }
    if (v.contains("mirror")) {
        const json& m = v["mirror"];
        r.only_fields(m, at + "/mirror", {"x", "y", "diagonal"});
        if (m.contains("x")) d.mirror_x = r.boolean(m["x"], at + "/mirror/x");
        if (m.contains("y")) d.mirror_y = r.boolean(m["y"], at + "/mirror/y");
        if (m.contains("diagonal")) d.mirror_diagonal = r.boolean(m["diagonal"], at + "/mirror/diagonal");
    }
    if (v.contains("hot_pixel")) {
        const json& h = v["hot_pixel"];
        r.only_fields(h, at + "/hot_pixel", {"max_events", "window_us"});
        if (!h.contains("max_events") || !h.contains("window_us"))
            r.doc().fail(at + "/hot_pixel", "the hot-pixel filter needs \"max_events\" and \"window_us\"");
        d.hot_pixel_max_events = static_cast<std::uint32_t>(r.integer(h["max_events"], at + "/hot_pixel/max_events", 1, 1'000'000));
        d.hot_pixel_window_us = static_cast<std::uint32_t>(r.integer(h["window_us"], at + "/hot_pixel/window_us", 1, 4'000'000'000));
    }
    if (v.contains("destinations")) d.destinations = read_destinations(r, v["destinations"], at + "/destinations", true);
    return d;
}

CoreConfig read_core(const Reader& r, const json& v, const std::string& at, const EmulatorOptions& o) {
    r.only_fields(v, at, {"id", "input", "output_channels", "kernel", "stride", "padding", "weights", "biases",
                          "threshold_high", "threshold_low", "return_to_zero", "leak", "initial_state", "destinations"});
    for (const char* need : {"id", "input", "output_channels", "kernel", "weights"})
        if (!v.contains(need)) r.doc().fail(at, std::string("core is missing \"") + need + "\"");
    CoreConfig c;
    c.id = static_cast<std::uint32_t>(r.integer(v["id"], at + "/id", 0, kSpeckCores - 1));
    const json& in = v["input"];
    if (!in.is_array() || in.size() != 3) r.doc().fail(at + "/input", "expected [channels, width, height]");
    c.in_channels = static_cast<std::uint32_t>(r.integer(in[0], at + "/input/0", 1, kSpeckMaxChannels));
    c.in_width = static_cast<std::uint32_t>(r.integer(in[1], at + "/input/1", 1, kSpeckMaxInputMap));
    c.in_height = static_cast<std::uint32_t>(r.integer(in[2], at + "/input/2", 1, kSpeckMaxInputMap));
    c.out_channels = static_cast<std::uint32_t>(r.integer(v["output_channels"], at + "/output_channels", 1, kSpeckMaxChannels));
    std::tie(c.kernel_x, c.kernel_y) = r.pair(v["kernel"], at + "/kernel", 1, kSpeckMaxKernel);
    if (v.contains("stride")) std::tie(c.stride_x, c.stride_y) = r.pair(v["stride"], at + "/stride", 1, 8);
    if (v.contains("padding")) std::tie(c.padding_x, c.padding_y) = r.pair(v["padding"], at + "/padding", 0, kSpeckMaxPadding);
    for (std::uint32_t s : {c.stride_x, c.stride_y})
        if (s != 1 && s != 2 && s != 4 && s != 8) r.doc().fail(at + "/stride", "stride must be 1, 2, 4 or 8");
    if (c.kernel_x > c.in_width + 2 * c.padding_x || c.kernel_y > c.in_height + 2 * c.padding_y)
        r.doc().fail(at + "/kernel", "the kernel is larger than the padded input map");
    c.weights = r.tensor<std::int8_t>(v["weights"], at + "/weights", {c.out_channels, c.in_channels, c.kernel_x, c.kernel_y},
                                      -128, 127, "int8 weights [c_out][c_in][kx][ky]");
    if (v.contains("biases")) {
        std::int64_t lim = std::int64_t{1} << (o.bias_width - 1);
        c.biases = r.tensor<std::int32_t>(v["biases"], at + "/biases", {c.out_channels}, -lim, lim - 1, "biases");
    }
    if (v.contains("threshold_high"))
        c.threshold_high = static_cast<std::int16_t>(r.integer(v["threshold_high"], at + "/threshold_high", -32768, 32767));
    if (v.contains("threshold_low"))
        c.threshold_low = static_cast<std::int16_t>(r.integer(v["threshold_low"], at + "/threshold_low", -32768, 32767));
    if (v.contains("return_to_zero")) c.return_to_zero = r.boolean(v["return_to_zero"], at + "/return_to_zero");
    if (v.contains("leak")) c.leak = r.boolean(v["leak"], at + "/leak");
    if (v.contains("initial_state"))
        c.initial_state = r.tensor<std::int16_t>(v["initial_state"], at + "/initial_state",
                                                 {c.out_channels, c.out_width(), c.out_height()}, -32768, 32767,
                                                 "int16 neuron states [c][x][y]");
    if (v.contains("destinations")) c.destinations = read_destinations(r, v["destinations"], at + "/destinations", false);
    return c;
}

}  // namespace

SpeckConfig parse_speck_config(const std::string& file, const std::string& text) {
    JsonDocument doc(SourceText(file, text));
    Reader r(doc);
    const json& root = doc.root();
    r.only_fields(root, "", {"version", "options", "dvs", "cores", "readout"});
    SpeckConfig cfg;
    cfg.source = file;
    if (root.contains("version") && r.integer(root["version"], "/version", 0, 1'000'000) != 1)
        doc.fail("/version", "unsupported configuration version " + root["version"].dump() + " (this reader knows version 1)");
    if (root.contains("options")) read_options(r, root["options"], cfg.options);
    if (root.contains("dvs")) cfg.dvs = read_dvs(r, root["dvs"]);
    if (!root.contains("cores") || !root["cores"].is_array()) doc.fail("/cores", "expected \"cores\": an array of core configurations");
    const json& cores = root["cores"];
    for (std::size_t k = 0; k < cores.size(); ++k)
        cfg.cores.push_back(read_core(r, cores[k], "/cores/" + std::to_string(k), cfg.options));
    if (root.contains("readout")) {
        r.only_fields(root["readout"], "/readout", {"threshold"});
        if (root["readout"].contains("threshold"))
            cfg.readout.threshold = static_cast<std::uint32_t>(r.integer(root["readout"]["threshold"], "/readout/threshold", 0, 1'000'000'000));
    }
    // The chip limits and cross-references, located at the value they are about.
    auto problems = validate_config(cfg);
    if (!problems.empty()) doc.fail(problems.front().pointer, problems.front().message);
    return cfg;
}

SpeckConfig read_speck_config(const std::string& path) {
    SourceText src = SourceText::load(path, std::uint64_t{256} << 20);
    return parse_speck_config(path, src.text());
}

namespace {

// Indented JSON, except that an array of scalars stays on one line (weight rows stay readable).
void pretty(const nlohmann::ordered_json& j, int indent, std::string& out) {
    auto scalar_array = [](const nlohmann::ordered_json& a) {
        for (const auto& e : a)
            if (e.is_structured()) return false;
        return true;
    };
    std::string pad(static_cast<std::size_t>(indent + 1), ' ');
    if (j.is_object() && !j.empty()) {
        out += "{\n";
        std::size_t k = 0;
        for (auto it = j.begin(); it != j.end(); ++it, ++k) {
            out += pad + nlohmann::ordered_json(it.key()).dump() + ": ";
            pretty(it.value(), indent + 1, out);
            out += k + 1 < j.size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<std::size_t>(indent), ' ') + "}";
    } else if (j.is_array() && !j.empty() && !scalar_array(j)) {
        out += "[\n";
        for (std::size_t k = 0; k < j.size(); ++k) {
            out += pad;
            pretty(j[k], indent + 1, out);
            out += k + 1 < j.size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<std::size_t>(indent), ' ') + "]";
    } else {
        out += j.dump();
    }
}

nlohmann::ordered_json destination_json(const Destination& d, bool dvs) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    if (d.core) j["core"] = *d.core;
    else j["output"] = true;
    if (!dvs) j["pool"] = d.pool;
    j["feature_shift"] = d.feature_shift;
    return j;
}

}  // namespace

std::string write_speck_config(const SpeckConfig& cfg) {
    nlohmann::ordered_json j;
    j["version"] = 1;
    const EmulatorOptions& o = cfg.options;
    j["options"] = {{"overflow", o.overflow == OverflowMode::Wrap ? "wrap" : "saturate"},
                    {"clip", o.clip == ClipOrder::BeforeSpike ? "before_spike" : "after_spike"},
                    {"leak_can_spike", o.leak_can_spike},
                    {"bias_width", o.bias_width},
                    {"spike_test", o.spike_test == SpikeTest::Greater ? ">" : ">="},
                    {"order", o.order == ProcessingOrder::BreadthFirst ? "breadth_first" : "depth_first"},
                    {"max_spikes_per_event", o.max_spikes_per_event}};
    if (cfg.dvs) {
        const DvsLayerConfig& d = *cfg.dvs;
        nlohmann::ordered_json dj;
        dj["width"] = d.width;
        dj["height"] = d.height;
        dj["merge_polarity"] = d.merge_polarity;
        dj["pool"] = {d.pool_x, d.pool_y};
        dj["crop"] = {d.crop_x0, d.crop_y0, d.crop_x1, d.crop_y1};
        dj["mirror"] = {{"x", d.mirror_x}, {"y", d.mirror_y}, {"diagonal", d.mirror_diagonal}};
        if (d.hot_pixel_max_events > 0)
            dj["hot_pixel"] = {{"max_events", d.hot_pixel_max_events}, {"window_us", d.hot_pixel_window_us}};
        dj["destinations"] = json::array();
        for (const Destination& x : d.destinations) dj["destinations"].push_back(destination_json(x, true));
        j["dvs"] = dj;
    }
    j["cores"] = json::array();
    for (const CoreConfig& c : cfg.cores) {
        nlohmann::ordered_json cj;
        cj["id"] = c.id;
        cj["input"] = {c.in_channels, c.in_width, c.in_height};
        cj["output_channels"] = c.out_channels;
        cj["kernel"] = {c.kernel_x, c.kernel_y};
        cj["stride"] = {c.stride_x, c.stride_y};
        cj["padding"] = {c.padding_x, c.padding_y};
        using oj = nlohmann::ordered_json;
        oj w = oj::array();
        for (std::uint32_t co = 0; co < c.out_channels; ++co) {
            oj a = oj::array();
            for (std::uint32_t ci = 0; ci < c.in_channels; ++ci) {
                oj b = oj::array();
                for (std::uint32_t kx = 0; kx < c.kernel_x; ++kx) {
                    oj row = oj::array();
                    for (std::uint32_t ky = 0; ky < c.kernel_y; ++ky) row.push_back(c.weights.at(c.weight_index(co, ci, kx, ky)));
                    b.push_back(row);
                }
                a.push_back(b);
            }
            w.push_back(a);
        }
        cj["weights"] = w;
        if (!c.biases.empty()) cj["biases"] = c.biases;
        cj["threshold_high"] = c.threshold_high;
        cj["threshold_low"] = c.threshold_low;
        cj["return_to_zero"] = c.return_to_zero;
        cj["leak"] = c.leak;
        if (!c.initial_state.empty()) cj["initial_state"] = c.initial_state;
        cj["destinations"] = json::array();
        for (const Destination& x : c.destinations) cj["destinations"].push_back(destination_json(x, false));
        j["cores"].push_back(cj);
    }
    j["readout"] = {{"threshold", cfg.readout.threshold}};
    std::string out;
    pretty(j, 0, out);
    return out + "\n";
}

}  // namespace np
