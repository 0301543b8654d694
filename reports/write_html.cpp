#include "reports/write_html.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "reports/explain_trace.hpp"
#include "reports/trace_view.hpp"
#include "reports/write_trace_svg.hpp"

namespace np {

namespace {

const char* const kStyle = R"(<style>
body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}
h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
.PASS,.pass{background:#d9f2d9}.FAIL,.fail{background:#f8d0d0}.UNKNOWN,.unknown,.TIMEOUT,.timeout{background:#fff1c2}
.ERROR,.error{background:#e8c8f0}.unexpected{font-weight:bold;color:#a00}
pre{background:#f7f7f7;padding:8px;font-size:12px;overflow-x:auto}
.meta{color:#666;font-size:13px}.picture{overflow:auto;max-height:900px;border:1px solid #ddd;margin:8px 0}
.picture svg{max-width:100%;height:auto}
</style>
)";

std::string fmt(double x, const char* f = "%.2f") {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, x);
    return buf;
}

std::string measure_text(double v) {
    if (v == static_cast<double>(static_cast<long long>(v))) return std::to_string(static_cast<long long>(v));
    return fmt(v, "%.4g");
}

std::string certificate_cell(const PropertyResult& r) {
    if (!r.certificate) return "";
    const Certificate& c = *r.certificate;
    std::string s = c.method + (c.k > 1 ? " k=" + std::to_string(c.k) : "") + ": ";
    s += c.confirmed() ? "confirmed (" + c.confirmation() + ")" : c.checks.empty() ? "not re-checked" : "NOT confirmed: " + c.failure();
    return html_escape(s);
}

// A value label short enough for a waveform cell.
std::string short_value(const Type& t, std::uint64_t raw) {
    std::string s = format_value(t, raw);
    if (s.size() > 8) s = s.substr(0, 7) + "…";
    return s;
}

}  // namespace

std::string html_escape(const std::string& in) {
    std::string out;
    for (char c : to_valid_utf8(in)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string waveform_svg(const System& sys, const Trace& tr, std::size_t max_steps) {
    // The states shown: 0 (initial) .. n; with an elision gap when the trace is long.
    const std::size_t n = tr.steps.size();
    std::vector<std::int64_t> cols;  // state index per column, -1: the elided gap
    if (n + 1 <= max_steps) {
        for (std::size_t i = 0; i <= n; ++i) cols.push_back(static_cast<std::int64_t>(i));
    } else {
        const std::size_t head = max_steps / 2, tail = max_steps - head - 1;
        for (std::size_t i = 0; i < head; ++i) cols.push_back(static_cast<std::int64_t>(i));
        cols.push_back(-1);
        for (std::size_t i = n + 1 - tail; i <= n; ++i) cols.push_back(static_cast<std::int64_t>(i));
    }
    auto state_at = [&](std::size_t i) -> const State& { return i == 0 ? tr.initial : tr.steps[i - 1].state; };
    struct Row { std::string name; Type type; std::uint32_t slot; };
    std::vector<Row> rows;
    for (VarRole role : {VarRole::Signal, VarRole::Data, VarRole::Place})
        for (const Variable& v : sys.variables) {
            if (v.role != role) continue;
            for (std::uint32_t k = 0; k < v.slots(); ++k) {
                bool changes = false;
                for (std::size_t i = 1; i <= n && !changes; ++i) changes = state_at(i)[v.slot + k] != state_at(i - 1)[v.slot + k];
                if (changes && rows.size() < 48) rows.push_back({v.length ? v.name + "[" + std::to_string(k) + "]" : v.name, v.type, v.slot + k});
            }
        }
    const int label_w = 170, col_w = 46, row_h = 22, top = 64;
    const int width = label_w + col_w * static_cast<int>(cols.size()) + 10;
    const int height = top + row_h * static_cast<int>(rows.size()) + 10;
    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"DejaVu Sans Mono,monospace\" font-size=\"11\">\n";
    s << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    for (std::size_t c = 0; c < cols.size(); ++c) {
        const int x = label_w + col_w * static_cast<int>(c);
        if (cols[c] < 0) {
            s << "<text x=\"" << x + 8 << "\" y=\"" << top - 8 << "\" fill=\"#888\">…</text>\n";
            continue;
        }
        const std::size_t i = static_cast<std::size_t>(cols[c]);
        const bool last = i == n;
        const bool loop = tr.loop_start >= 0 && i == static_cast<std::size_t>(tr.loop_start) + 1;
        if (last) s << "<rect x=\"" << x << "\" y=\"" << top - 14 << "\" width=\"" << col_w << "\" height=\"" << height - top + 4 << "\" fill=\"#f8d0d0\"/>\n";
        if (loop) s << "<line x1=\"" << x << "\" y1=\"" << top - 60 << "\" x2=\"" << x << "\" y2=\"" << height << "\" stroke=\"#06c\" stroke-dasharray=\"4 3\"/>\n";
        s << "<text x=\"" << x + 3 << "\" y=\"" << top - 4 << "\" fill=\"#555\">" << i << "</text>\n";
        if (i > 0) {
            std::string name = sys.transitions[tr.steps[i - 1].transition].name;
            if (name.size() > 14) name = name.substr(0, 13) + "…";
            s << "<text transform=\"translate(" << x + 12 << "," << top - 16 << ") rotate(-35)\" fill=\"#333\">" << html_escape(name) << "</text>\n";
        }
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        const int y = top + row_h * static_cast<int>(r);
        s << "<text x=\"4\" y=\"" << y + 15 << "\">" << html_escape(row.name.size() > 24 ? row.name.substr(0, 23) + "…" : row.name) << "</text>\n";
        s << "<line x1=\"0\" y1=\"" << y + row_h << "\" x2=\"" << width << "\" y2=\"" << y + row_h << "\" stroke=\"#eee\"/>\n";
        for (std::size_t c = 0; c < cols.size(); ++c) {
            if (cols[c] < 0) continue;
            const std::size_t i = static_cast<std::size_t>(cols[c]);
            const int x = label_w + col_w * static_cast<int>(c);
            const std::uint64_t v = state_at(i)[row.slot];
            const bool changed = i > 0 && state_at(i - 1)[row.slot] != v;
            if (row.type.is_bool()) {
                const int level = v ? y + 4 : y + row_h - 4;
                s << "<line x1=\"" << x << "\" y1=\"" << level << "\" x2=\"" << x + col_w << "\" y2=\"" << level << "\" stroke=\"#080\" stroke-width=\"2\"/>\n";
                if (changed) s << "<line x1=\"" << x << "\" y1=\"" << y + 4 << "\" x2=\"" << x << "\" y2=\"" << y + row_h - 4 << "\" stroke=\"#080\" stroke-width=\"2\"/>\n";
            } else {
                s << "<rect x=\"" << x + 1 << "\" y=\"" << y + 3 << "\" width=\"" << col_w - 2 << "\" height=\"" << row_h - 6
                  << "\" fill=\"" << (changed ? "#dbe9ff" : "#f4f4f4") << "\" stroke=\"#9ab\"/>\n";
                s << "<text x=\"" << x + 4 << "\" y=\"" << y + 15 << "\">" << html_escape(short_value(row.type, v)) << "</text>\n";
            }
        }
    }
    s << "</svg>\n";
    return s.str();
}

std::string format_run_html(const System& sys, const RunSummary& run, const std::vector<std::string>& pictures) {
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>neuroproof: " << html_escape(run.input) << "</title>\n"
      << kStyle << "</head><body>\n";
    h << "<h1>neuroproof " << html_escape(run.input) << "</h1>\n";
    h << "<div class=\"meta\">model " << html_escape(sys.name) << ": " << sys.variables.size() << " variables, " << sys.transitions.size()
      << " transitions · neuroproof " << NEUROPROOF_VERSION << " · exit code " << run.exit_code << "</div>\n";
    h << "<h2>Verdicts</h2>\n<table><tr><th>property</th><th>verdict</th><th>engine</th><th>seconds</th><th>states</th><th>depth</th>"
         "<th>measures</th><th>certificate</th><th>message</th></tr>\n";
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        const PropertyResult& r = run.results[i];
        std::string measures;
        for (const auto& [name, v] : r.measures) measures += (measures.empty() ? "" : "<br>") + html_escape(name) + " = " + measure_text(v);
        std::string name = html_escape(r.name);
        if (r.trace) name = "<a href=\"#p" + std::to_string(i) + "\">" + name + "</a>";
        h << "<tr><td>" << name << "</td><td class=\"" << verdict_name(r.verdict) << "\">" << verdict_name(r.verdict) << "</td><td>"
          << html_escape(r.engine) << "</td><td class=\"num\">" << fmt(r.seconds) << "</td><td class=\"num\">" << r.states
          << "</td><td class=\"num\">" << r.depth << "</td><td>" << measures << "</td><td>" << certificate_cell(r) << "</td><td>"
          << html_escape(r.message) << "</td></tr>\n";
    }
    h << "</table>\n";
    if (!sys.warnings.empty()) {
        h << "<h3>Warnings</h3><pre>";
        for (const Warning& w : sys.warnings) h << html_escape(w.render()) << "\n";
        h << "</pre>\n";
    }
    // The runs that attain a measure (quiescence: the longest local-only run behind B).
    for (const PropertyResult& r : run.results)
        for (const auto& [what, w] : r.witnesses) {
            h << "<h2>" << html_escape(r.name) << ": the " << html_escape(what) << " witness (" << w.steps.size() << " steps)</h2>\n";
            h << "<p>" << html_escape(w.violation) << "</p>\n<h3>Waveform</h3>\n<div class=\"picture\">" << waveform_svg(sys, w) << "</div>\n";
            PropertyResult shown = r;
            shown.trace = w;
            h << "<h3>Lanes</h3>\n<div class=\"picture\">" << lane_chart_svg(sys, shown) << "</div>\n";
        }
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        const PropertyResult& r = run.results[i];
        if (!r.trace) continue;
        const Trace& tr = *r.trace;
        h << "<h2 id=\"p" << i << "\">" << html_escape(r.name) << ": " << verdict_name(r.verdict) << "</h2>\n";
        h << "<p>" << html_escape(r.message) << "</p>\n<p><b>then:</b> " << html_escape(tr.violation) << "</p>\n";
        const std::vector<std::string> why = explain_violation(sys, r);
        if (!why.empty()) {
            h << "<h3>Why, in the last state</h3><pre>";
            for (const std::string& line : why) h << html_escape(line) << "\n";
            h << "</pre>\n";
        }
        if (r.kind == PropertyKind::Deadlock) {
            const auto blocked = explain_blocked(sys, tr.final_state());
            h << "<h3>Every transition is blocked (" << blocked.size() << ")</h3>\n<table><tr><th>transition</th><th>blocked by</th><th>reads</th><th>at</th></tr>\n";
            for (std::size_t k = 0; k < blocked.size() && k < 200; ++k)
                h << "<tr><td>" << html_escape(blocked[k].transition) << "</td><td><code>" << html_escape(blocked[k].conjunct) << "</code></td><td>"
                  << html_escape(blocked[k].values) << "</td><td>" << html_escape(origin_text(blocked[k].origin)) << "</td></tr>\n";
            h << "</table>\n";
        }
        h << "<h3>Waveform</h3>\n<div class=\"picture\">" << waveform_svg(sys, tr) << "</div>\n";
        if (i < pictures.size() && !pictures[i].empty()) {
            std::string svg = pictures[i];
            if (auto p = svg.find("<svg"); p != std::string::npos) svg = svg.substr(p);  // drop the XML prolog and DOCTYPE
            h << "<h3>Picture</h3>\n<div class=\"picture\">" << svg << "</div>\n";
        }
        const auto steps = view_steps(sys, tr);
        h << "<h3>Steps (" << steps.size() << ")</h3>\n<table><tr><th>step</th><th>transition</th><th>kind</th><th>at</th><th>changes</th></tr>\n";
        for (std::size_t k = 0; k < steps.size(); ++k) {
            if (steps.size() > 400 && k == 200) {
                h << "<tr><td colspan=\"5\">… " << steps.size() - 400 << " steps elided (trace.txt has them all) …</td></tr>\n";
                k = steps.size() - 200;
            }
            const auto& s2 = steps[k];
            if (tr.loop_start >= 0 && s2.step == static_cast<std::uint32_t>(tr.loop_start) + 1)
                h << "<tr><td colspan=\"5\"><b>the cycle: the steps below repeat forever</b></td></tr>\n";
            std::string changes;
            for (const auto& c : s2.changes)
                changes += (changes.empty() ? "" : ", ") + c.variable + ": " + format_value(c.type, c.from) + "→" + format_value(c.type, c.to);
            h << "<tr" << (k + 1 == steps.size() ? " class=\"fail\"" : "") << "><td class=\"num\">" << s2.step << "</td><td>" << html_escape(s2.transition)
              << "</td><td>" << s2.kind << "</td><td>" << html_escape(s2.at) << "</td><td>" << html_escape(changes) << "</td></tr>\n";
        }
        h << "</table>\n";
    }
    h << "</body></html>\n";
    return h.str();
}

std::string format_ci_html(const CiRun& run, const std::string& dir) {
    namespace fs = std::filesystem;
    std::ostringstream h;
    const int code = ci_exit_code(run);
    std::size_t results = 0, unexpected = 0, cached = 0;
    for (const CiJob& j : run.jobs)
        for (const CiResult& r : j.results) ++results, unexpected += !r.as_expected(), cached += r.cached;
    h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>neuroproof ci: " << html_escape(run.manifest) << "</title>\n"
      << kStyle << "</head><body>\n<h1>neuroproof ci " << html_escape(run.manifest) << "</h1>\n";
    h << "<div class=\"meta\">" << run.jobs.size() << " design × task jobs, " << results << " results, " << cached << " from the proof cache, "
      << fmt(run.seconds) << " s · exit code " << code << "</div>\n";
    h << "<h2>" << (unexpected ? std::to_string(unexpected) + " unexpected results" : std::string("Every result as expected")) << "</h2>\n";
    h << "<table><tr><th>design</th><th>task</th><th>property</th><th>outcome</th><th>expected</th><th>engine</th><th>seconds</th>"
         "<th>states</th><th>cached</th><th>message</th></tr>\n";
    for (const CiJob& j : run.jobs) {
        std::error_code ec;
        const fs::path rel = fs::relative(fs::path(j.folder) / "report.html", dir, ec);
        const bool has_report = fs::exists(fs::path(j.folder) / "report.html", ec);
        for (std::size_t i = 0; i < j.results.size(); ++i) {
            const CiResult& r = j.results[i];
            const char* o = outcome_name(r.outcome);
            std::string design = html_escape(j.design);
            if (has_report) design = "<a href=\"" + html_escape(rel.string()) + "\">" + design + "</a>";
            h << "<tr><td>" << design << "</td><td>" << html_escape(j.task) << "</td><td>" << html_escape(r.result.name) << "</td><td class=\"" << o
              << "\">" << o << "</td><td" << (r.as_expected() ? "" : " class=\"unexpected\"") << ">" << r.expected.text()
              << (r.as_expected() ? "" : " (UNEXPECTED)") << "</td><td>" << html_escape(r.result.engine) << "</td><td class=\"num\">"
              << fmt(r.result.seconds) << "</td><td class=\"num\">" << r.result.states << "</td><td>" << (r.cached ? "yes" : "")
              << "</td><td>" << html_escape(r.result.message.substr(0, 300)) << "</td></tr>\n";
        }
    }
    h << "</table>\n</body></html>\n";
    return h.str();
}

}  // namespace np
