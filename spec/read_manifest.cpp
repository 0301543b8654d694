#include "spec/read_manifest.hpp"

#include <cmath>
#include <filesystem>
#include <set>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include "spec/source_text.hpp"

namespace np {

namespace {

class Reader {
public:
    explicit Reader(const SourceText& src) : src_(src) {}

    Origin at(const toml::source_region& r) const {
        return src_.at(static_cast<std::uint32_t>(std::max<toml::source_index>(1, r.begin.line)),
                       static_cast<std::uint32_t>(std::max<toml::source_index>(1, r.begin.column)));
    }
    [[noreturn]] void fail(const toml::node& n, const std::string& message) const { fail_at(n.source(), message); }
    [[noreturn]] void fail_at(const toml::source_region& r, const std::string& message) const {
        const Origin o = at(r);
        src_.fail(o.line, o.col, message);
    }

    // Every key of `t` must be one of `known`.
    void only_keys(const toml::table& t, std::initializer_list<std::string_view> known, const std::string& what) const {
        for (auto&& [k, v] : t) {
            bool ok = false;
            for (std::string_view n : known) ok |= k.str() == n;
            if (ok) continue;
            std::string list;
            for (std::string_view n : known) list += (list.empty() ? "" : ", ") + std::string(n);
            fail_at(k.source(), "unknown key '" + std::string(k.str()) + "' in " + what + " (known: " + list + ")");
        }
    }

    std::string string(const toml::node& n, const std::string& what) const {
        if (!n.is_string()) fail(n, what + " must be a string");
        return n.as_string()->get();
    }
    std::int64_t integer(const toml::node& n, const std::string& what, std::int64_t lo, std::int64_t hi) const {
        if (!n.is_integer()) fail(n, what + " must be an integer");
        const std::int64_t v = n.as_integer()->get();
        if (v < lo || v > hi) fail(n, what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + std::to_string(v));
        return v;
    }
    double number(const toml::node& n, const std::string& what, double lo, double hi) const {
        double v = 0;
        if (n.is_integer()) v = static_cast<double>(n.as_integer()->get());
        else if (n.is_floating_point()) v = n.as_floating_point()->get();
        else fail(n, what + " must be a number");
        if (!std::isfinite(v) || v < lo || v > hi) fail(n, what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        return v;
    }
    bool boolean(const toml::node& n, const std::string& what) const {
        if (!n.is_boolean()) fail(n, what + " must be true or false");
        return n.as_boolean()->get();
    }
    // A string or an array of strings.
    std::vector<std::string> strings(const toml::node& n, const std::string& what, std::vector<Origin>* origins = nullptr) const {
        std::vector<std::string> out;
        if (n.is_string()) {
            out.push_back(n.as_string()->get());
            if (origins) origins->push_back(at(n.source()));
            return out;
        }
        if (!n.is_array()) fail(n, what + " must be a string or an array of strings");
        for (const toml::node& e : *n.as_array()) {
            out.push_back(string(e, "every entry of " + what));
            if (origins) origins->push_back(at(e.source()));
        }
        return out;
    }

    // "pass", ["fail", "unknown"]
    Expectation expectation(const toml::node& n) const {
        Expectation e{0};
        for (const std::string& s : strings(n, "an expectation")) {
            bool ok = false;
            for (unsigned k = 0; k <= static_cast<unsigned>(Outcome::Error); ++k)
                if (s == outcome_name(static_cast<Outcome>(k))) e.allowed |= static_cast<std::uint8_t>(1u << k), ok = true;
            if (!ok) fail(n, "unknown expectation '" + s + "' (expected pass, fail, unknown, timeout or error)");
        }
        if (e.allowed == 0) fail(n, "an expectation needs at least one of pass, fail, unknown, timeout, error");
        return e;
    }
    // expect = "pass" | ["pass", "unknown"] | { deadlock = "fail", "handshake:*" = "pass", "*" = "unknown" }
    ExpectationTable expectations(const toml::node& n) const {
        ExpectationTable t;
        if (!n.is_table()) {
            t.fallback = expectation(n);
            return t;
        }
        for (auto&& [k, v] : *n.as_table()) {
            if (k.str() == "*") t.fallback = expectation(v);
            else t.by_property.emplace_back(std::string(k.str()), expectation(v));
        }
        return t;
    }

    void settings(const toml::table& t, TaskSettings& s) const {
        auto note = [&](const char* key, const toml::node& v) { s.where[key] = at(v.source()); };
        if (auto* v = t.get("engine")) s.engine = string(*v, "engine"), note("engine", *v);
        if (auto* v = t.get("timeout")) s.timeout = number(*v, "timeout", 0, 1e9), note("timeout", *v);
        if (auto* v = t.get("depth")) s.depth = static_cast<std::uint32_t>(integer(*v, "depth", 0, 100000)), note("depth", *v);
        if (auto* v = t.get("max_states")) s.max_states = static_cast<std::uint64_t>(integer(*v, "max_states", 1, 4000000000)), note("max_states", *v);
        if (auto* v = t.get("within")) s.within = static_cast<std::uint64_t>(integer(*v, "within", 0, std::int64_t{1} << 60)), note("within", *v);
        if (auto* v = t.get("max_k")) {
            if (v->is_integer()) s.max_k = std::to_string(integer(*v, "max_k", 0, std::int64_t{1} << 60));
            else s.max_k = string(*v, "max_k (a number or a fraction in a string: \"1/3\")");
            note("max_k", *v);
        }
        if (auto* v = t.get("mutex")) s.mutex = strings(*v, "mutex"), note("mutex", *v);
        if (auto* v = t.get("jobs")) s.jobs = static_cast<unsigned>(integer(*v, "jobs", 1, 1024)), note("jobs", *v);
        if (auto* v = t.get("paranoid")) s.paranoid = boolean(*v, "paranoid"), note("paranoid", *v);
    }

    const toml::table& table(const toml::node& n, const std::string& what) const {
        if (!n.is_table()) fail(n, what + " must be a table");
        return *n.as_table();
    }
    const toml::array& tables(const toml::node& n, const std::string& what) const {
        if (!n.is_array() || !n.as_array()->is_array_of_tables()) fail(n, what + " must be an array of tables ([[" + what + "]])");
        return *n.as_array();
    }
    // A name for an output folder: no path separators, not "." or "..", no control characters.
    std::string folder_name(const toml::node& n, const std::string& what) const {
        std::string s = string(n, what);
        if (s.empty() || s == "." || s == ".." || s.size() > 100) fail(n, what + " must be 1 to 100 characters, not '.' or '..'");
        for (unsigned char c : s)
            if (c < 0x20 || c == '/' || c == '\\' || c == 0x7F) fail(n, what + " must not contain '/', '\\' or control characters");
        return s;
    }

private:
    const SourceText& src_;
};

const std::vector<std::string_view> kSettingKeys = {"engine", "timeout", "depth", "max_states", "within",
                                                    "max_k", "mutex", "jobs", "paranoid"};

std::vector<std::string_view> with(const std::vector<std::string_view>& a, std::initializer_list<std::string_view> b) {
    std::vector<std::string_view> v(a);
    v.insert(v.end(), b);
    return v;
}

}  // namespace

Manifest parse_manifest(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    const SourceText src(path, text);
    const Reader r(src);
    toml::table doc;
    try {
        doc = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        r.fail_at(e.source(), std::string(e.description()));
    }
    Manifest m;
    m.file = path;
    m.root = fs::absolute(fs::path(path)).parent_path().string();
    r.only_keys(doc, {"defaults", "design", "task"}, "the manifest");

    if (auto* d = doc.get("defaults")) {
        const toml::table& t = r.table(*d, "[defaults]");
        for (auto&& [k, v] : t) {
            bool ok = k.str() == "expect";
            for (std::string_view n : kSettingKeys) ok |= k.str() == n;
            if (!ok) r.fail_at(k.source(), "unknown key '" + std::string(k.str()) + "' in [defaults]");
        }
        r.settings(t, m.defaults);
        if (auto* e = t.get("expect")) m.default_expect = r.expectations(*e);
    }

    std::set<std::string> design_names;
    if (auto* ds = doc.get("design")) {
        for (const toml::node& n : r.tables(*ds, "design")) {
            const toml::table& t = *n.as_table();
            r.only_keys(t, {"name", "file", "params", "capacity", "invariants", "responses", "covers", "strong_fair", "weak_fair", "unfair",
                            "expect", "tags"},
                        "a [[design]]");
            ManifestDesign d;
            d.origin = r.at(t.source());
            const toml::node* file = t.get("file");
            if (!file) r.fail(n, "a [[design]] needs a file");
            const std::string f = r.string(*file, "file");
            fs::path p(f);
            if (p.is_relative()) p = fs::path(m.root) / p;
            std::error_code ec;
            if (f.empty() || !fs::is_regular_file(p, ec)) r.fail(*file, "no such file: " + f);
            d.source.file = p.lexically_normal().string();
            d.name = t.get("name") ? r.folder_name(*t.get("name"), "a design's name") : fs::path(f).filename().string();
            if (!design_names.insert(d.name).second)
                r.fail(t.get("name") ? *t.get("name") : *file, "a second design named '" + d.name + "' (give it a name = \"…\")");
            if (auto* ps = t.get("params")) {
                for (auto&& [k, v] : r.table(*ps, "params")) {
                    std::string value;
                    if (v.is_integer()) value = std::to_string(v.as_integer()->get());
                    else if (v.is_boolean()) value = v.as_boolean()->get() ? "true" : "false";
                    else value = r.string(v, "a parameter's value (an integer, a boolean or a string)");
                    d.source.parameters.push_back(std::string(k.str()) + "=" + value);
                }
            }
            if (auto* c = t.get("capacity")) d.source.capacity = static_cast<std::uint32_t>(r.integer(*c, "capacity", 1, 1000000));
            if (auto* i = t.get("invariants")) d.source.invariants = r.strings(*i, "invariants");
            if (auto* i = t.get("responses")) d.source.responses = r.strings(*i, "responses");
            if (auto* i = t.get("covers")) d.source.covers = r.strings(*i, "covers");
            for (const char* kind : {"strong", "weak", "unfair"}) {
                const std::string key = kind == std::string("unfair") ? "unfair" : std::string(kind) + "_fair";
                if (auto* i = t.get(key))
                    for (const std::string& name : r.strings(*i, key)) d.source.fairness.push_back(std::string(kind) + ":" + name);
            }
            if (auto* e = t.get("expect")) d.expect = r.expectations(*e);
            if (auto* g = t.get("tags")) d.tags = r.strings(*g, "tags");
            m.designs.push_back(std::move(d));
        }
    }
    if (m.designs.empty()) r.fail_at(doc.source(), "the manifest declares no [[design]]");

    std::set<std::string> task_names;
    if (auto* ts = doc.get("task")) {
        const auto keys = with(kSettingKeys, {"name", "designs", "properties", "expect", "tags"});
        for (const toml::node& n : r.tables(*ts, "task")) {
            const toml::table& t = *n.as_table();
            for (auto&& [k, v] : t) {
                bool ok = false;
                for (std::string_view key : keys) ok |= k.str() == key;
                if (!ok) r.fail_at(k.source(), "unknown key '" + std::string(k.str()) + "' in a [[task]]");
            }
            ManifestTask task;
            task.origin = r.at(t.source());
            const toml::node* name = t.get("name");
            if (!name) r.fail(n, "a [[task]] needs a name");
            task.name = r.folder_name(*name, "a task's name");
            if (!task_names.insert(task.name).second) r.fail(*name, "a second task named '" + task.name + "'");
            if (auto* ds = t.get("designs")) {
                std::vector<Origin> where;
                task.designs = r.strings(*ds, "designs", &where);
                for (std::size_t i = 0; i < task.designs.size(); ++i)
                    if (!design_names.contains(task.designs[i]))
                        src.fail(where[i].line, where[i].col, "no design named '" + task.designs[i] + "' in the manifest");
            }
            if (auto* ps = t.get("properties")) task.properties = r.strings(*ps, "properties", &task.property_origins);
            r.settings(t, task.settings);
            if (auto* e = t.get("expect")) task.expect = r.expectations(*e);
            if (auto* g = t.get("tags")) task.tags = r.strings(*g, "tags");
            m.tasks.push_back(std::move(task));
        }
    }
    if (m.tasks.empty()) {
        ManifestTask task;
        task.name = "check";
        task.origin = src.at(1, 1);
        m.tasks.push_back(std::move(task));
    }
    return m;
}

Manifest read_manifest(const std::string& path) {
    const SourceText src = SourceText::load(path, std::uint64_t{16} << 20);
    return parse_manifest(path, src.text());
}

}  // namespace np
