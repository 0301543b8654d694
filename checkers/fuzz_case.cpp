#include "checkers/fuzz_case.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "model/diagnostic.hpp"

namespace np {

namespace fs = std::filesystem;

namespace {

struct Line {
    std::uint32_t number;
    std::string text;
};

std::vector<Line> lines_of(const std::string& text) {
    std::vector<Line> out;
    std::size_t b = 0;
    std::uint32_t n = 1;
    while (b <= text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string::npos) e = text.size();
        std::string l = text.substr(b, e - b);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        out.push_back({n++, l});
        if (e == text.size()) break;
        b = e + 1;
    }
    return out;
}

[[noreturn]] void fail(const std::string& file, const Line& l, std::size_t col0, const std::string& msg) {
    Origin o;
    o.file = file;
    o.line = l.number;
    o.col = static_cast<std::uint32_t>(col0 + 1);
    throw SourceError(o, msg, l.text);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Origin o;
        o.file = path;
        throw SourceError(o, "cannot read '" + path + "'");
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write '" + p.string() + "'");
}

// Words of a line with their starting columns (0-based); stops at '#'.
std::vector<std::pair<std::size_t, std::string>> words(const std::string& s) {
    std::vector<std::pair<std::size_t, std::string>> out;
    std::size_t i = 0;
    while (i < s.size() && s[i] != '#') {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
            continue;
        }
        std::size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '#') ++i;
        out.emplace_back(b, s.substr(b, i - b));
    }
    return out;
}

template <class T>
bool number(const std::string& w, T& v) {
    auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
    return ec == std::errc() && p == w.data() + w.size();
}

std::string order_text(OutputOrder o) { return output_order_name(o); }

}  // namespace

std::string write_stream_text(const std::vector<StreamInput>& stream) {
    std::string out = "# neuroproof fuzz stream: `T FEATURE X Y` (a spike to the input core) or `T leak` (a leak tick)\n";
    for (const StreamInput& in : stream) {
        out += std::to_string(in.t);
        if (in.leak) out += " leak\n";
        else out += " " + std::to_string(in.feature) + " " + std::to_string(in.x) + " " + std::to_string(in.y) + "\n";
    }
    return out;
}

std::vector<StreamInput> parse_stream_text(const std::string& file, const std::string& text) {
    std::vector<StreamInput> out;
    for (const Line& l : lines_of(text)) {
        auto w = words(l.text);
        if (w.empty()) continue;
        StreamInput in;
        if (!number(w[0].second, in.t)) fail(file, l, w[0].first, "expected a timestamp (a signed 64-bit integer), got '" + w[0].second + "'");
        if (w.size() == 2 && w[1].second == "leak") {
            in.leak = true;
        } else if (w.size() == 4) {
            std::uint32_t* f[3] = {&in.feature, &in.x, &in.y};
            const char* what[3] = {"feature", "x", "y"};
            const std::uint32_t max[3] = {65535, 255, 255};
            for (int k = 0; k < 3; ++k)
                if (!number(w[static_cast<std::size_t>(k) + 1].second, *f[k]) || *f[k] > max[k])
                    fail(file, l, w[static_cast<std::size_t>(k) + 1].first,
                         std::string("expected ") + what[k] + " in 0.." + std::to_string(max[k]) + ", got '" +
                             w[static_cast<std::size_t>(k) + 1].second + "'");
        } else {
            fail(file, l, w.size() > 1 ? w[1].first : l.text.size(),
                 "expected `T FEATURE X Y` or `T leak` (" + std::to_string(w.size()) + " field" + (w.size() == 1 ? "" : "s") + " found)");
        }
        out.push_back(in);
    }
    return out;
}

void write_case(const std::string& dir, const FuzzCase& c, const std::string& reference_json) {
    fs::create_directories(dir);
    std::string t = "# neuroproof fuzz case: replay with `neuroproof replay " + dir + "` (docs/fuzzing.md)\n";
    t += "design = " + c.design + "\n";
    for (const auto& [n, v] : c.parameters) t += "parameter " + n + " = " + v + "\n";
    t += "reference = " + c.reference + "\n";
    t += "seed = " + std::to_string(c.seed) + "\n";
    t += "case = " + std::to_string(c.case_index) + "\n";
    t += "policy = " + describe(c.policy) + "\n";
    t += "order = " + order_text(c.binding.order) + "\n";
    t += "binding = " + c.binding.events + " " + c.binding.leak + " " + c.binding.output + " " +
         (c.binding.state.empty() ? "-" : c.binding.state) + "\n";
    t += "max_idle = " + std::to_string(c.max_idle) + "\n";
    std::string failure = c.failure;
    for (char& ch : failure)
        if (ch == '\n' || ch == '\r') ch = ' ';
    t += "failure = " + failure + "\n";
    write_file(fs::path(dir) / "case.txt", t);
    write_file(fs::path(dir) / "stream.txt", write_stream_text(c.stream));
    std::string s;
    for (const std::string& n : c.schedule) s += n + "\n";
    write_file(fs::path(dir) / "schedule.txt", s);
    write_file(fs::path(dir) / c.reference, reference_json);
}

FuzzCase read_case(const std::string& dir) {
    FuzzCase c;
    const std::string file = (fs::path(dir) / "case.txt").string();
    std::map<std::string, bool> seen;
    for (const Line& l : lines_of(read_file(file))) {
        std::size_t b = l.text.find_first_not_of(" \t");
        if (b == std::string::npos || l.text[b] == '#') continue;
        std::size_t eq = l.text.find('=');
        if (eq == std::string::npos) fail(file, l, b, "expected `key = value`");
        std::string key = l.text.substr(b, eq - b);
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
        std::size_t vb = l.text.find_first_not_of(" \t", eq + 1);
        std::string value = vb == std::string::npos ? "" : l.text.substr(vb);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
        const std::size_t vcol = vb == std::string::npos ? l.text.size() : vb;
        if (key.rfind("parameter ", 0) == 0) {
            std::string name = key.substr(10);
            name.erase(0, name.find_first_not_of(" \t"));
            if (name.empty() || value.empty()) fail(file, l, b, "expected `parameter NAME = VALUE`");
            c.parameters.emplace_back(name, value);
            continue;
        }
        if (seen[key]) fail(file, l, b, "'" + key + "' is given twice");
        seen[key] = true;
        auto u64 = [&](std::uint64_t& out) {
            if (!number(value, out)) fail(file, l, vcol, "expected an unsigned integer, got '" + value + "'");
        };
        if (key == "design") c.design = value;
        else if (key == "reference") c.reference = value;
        else if (key == "seed") u64(c.seed);
        else if (key == "case") u64(c.case_index);
        else if (key == "max_idle") {
            u64(c.max_idle);
            if (c.max_idle == 0) fail(file, l, vcol, "max_idle must be positive");
        } else if (key == "failure") c.failure = value;
        else if (key == "policy") {
            auto p = parse_policy(value);
            if (!p) fail(file, l, vcol, "expected a schedule policy `local=W source=W sink=W inject=W random_within=0|1 seed=S` (weights 0..15)");
            c.policy = *p;
        } else if (key == "order") {
            if (value == "exact") c.binding.order = OutputOrder::Exact;
            else if (value == "per-input") c.binding.order = OutputOrder::PerInput;
            else if (value == "per-neuron") c.binding.order = OutputOrder::PerNeuron;
            else fail(file, l, vcol, "expected exact, per-input or per-neuron, got '" + value + "'");
        } else if (key == "binding") {
            auto w = words(value);
            if (w.size() != 4) fail(file, l, vcol, "expected `EVENTS LEAK OUTPUT STATE` (channel names and the state variable, or -)");
            c.binding.events = w[0].second;
            c.binding.leak = w[1].second;
            c.binding.output = w[2].second;
            c.binding.state = w[3].second == "-" ? "" : w[3].second;
        } else {
            fail(file, l, b, "unknown key '" + key + "' (keys: design, parameter NAME, reference, seed, case, policy, order, binding, max_idle, failure)");
        }
    }
    if (c.design.empty()) {
        Origin o;
        o.file = file;
        throw SourceError(o, "the case names no design (`design = PATH`)");
    }
    const std::string sf = (fs::path(dir) / "stream.txt").string();
    c.stream = parse_stream_text(sf, read_file(sf));
    for (const Line& l : lines_of(read_file((fs::path(dir) / "schedule.txt").string()))) {
        auto w = words(l.text);
        if (w.empty()) continue;
        if (w.size() != 1) fail((fs::path(dir) / "schedule.txt").string(), l, w[1].first, "one transition name per line");
        c.schedule.push_back(w[0].second);
    }
    return c;
}

std::vector<std::uint32_t> schedule_indices(const System& sys, const FuzzCase& c, const std::string& file) {
    std::map<std::string, std::uint32_t> by_name;
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) by_name.emplace(sys.transitions[t].name, t);
    std::vector<std::uint32_t> out;
    std::uint32_t n = 0;
    for (const std::string& name : c.schedule) {
        ++n;
        auto it = by_name.find(name);
        if (it == by_name.end()) fail(file, Line{n, name}, 0, "the design has no transition '" + name + "'");
        out.push_back(it->second);
    }
    return out;
}

std::vector<std::string> schedule_names(const System& sys, const std::vector<std::uint32_t>& fired) {
    std::vector<std::string> out;
    out.reserve(fired.size());
    for (std::uint32_t t : fired) out.push_back(sys.transitions[t].name);
    return out;
}

CaseRun replay_case(const EquivalenceHarness& h, const FuzzCase& c, const std::string& schedule_file) {
    return h.replay(c.stream, schedule_indices(h.system(), c, schedule_file), c.max_idle);
}

std::vector<std::pair<std::string, std::string>> parameter_overrides(const std::vector<std::string>& name_value) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& p : name_value) {
        const std::size_t eq = p.find('=');
        if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--param expects NAME=VALUE, got '" + p + "'");
        out.emplace_back(p.substr(0, eq), p.substr(eq + 1));
    }
    return out;
}

ModelSource fuzz_design_source(const std::string& design, const std::string& reference_file,
                               const std::vector<std::pair<std::string, std::string>>& parameters) {
    ModelSource source{design, {"CONFIG=" + reference_file}, 0, {}};
    for (const auto& [name, value] : parameters) source.parameters.push_back(name + "=" + value);
    return source;
}

FuzzCase fuzz_case_of(const System& sys, const std::string& design, const std::vector<std::pair<std::string, std::string>>& parameters,
                      std::uint64_t seed, const FuzzBinding& binding, const FuzzCounterexample& cx) {
    FuzzCase c;
    c.design = design;
    c.parameters = parameters;
    c.seed = seed;
    c.case_index = cx.case_index;
    c.policy = cx.policy;
    c.binding = binding;
    c.stream = cx.stream;
    c.schedule = schedule_names(sys, cx.run.fired);
    c.failure = cx.run.failure();
    return c;
}

}  // namespace np
