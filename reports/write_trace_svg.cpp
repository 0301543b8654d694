#include "reports/write_trace_svg.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "reports/trace_view.hpp"

namespace np {

namespace {

std::string dot_escape(const std::string& s) {
    std::string out;
    for (char c : to_valid_utf8(s)) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string xml_escape(const std::string& in) {
    std::string out;
    for (char c : to_valid_utf8(in)) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// "deadlock: no transition is enabled", the property's name said once.
std::string headline(const PropertyResult& r) {
    const std::string& v = r.trace->violation;
    if (v.rfind(r.name, 0) == 0 || v.rfind(r.name.substr(r.name.find(':') + 1), 0) == 0 ||
        (r.name.find(':') != std::string::npos && v.find(r.name.substr(r.name.find(':') + 1)) != std::string::npos))
        return v;
    return r.name + ": " + v;
}

bool has_places(const System& sys) {
    return std::any_of(sys.variables.begin(), sys.variables.end(), [](const Variable& v) { return v.role == VarRole::Place; });
}

void reads_of(const ExprNode& e, std::set<std::uint32_t>& vars) {
    if (e.op == Op::Var || e.op == Op::Read) vars.insert(e.var);
    for (const Expr& a : e.args) reads_of(*a, vars);
}

// The steps shown (1-based), 0 standing for the elided middle.
std::vector<std::size_t> shown_steps(std::size_t n, std::size_t max = 60) {
    std::vector<std::size_t> out;
    if (n <= max) {
        for (std::size_t i = 1; i <= n; ++i) out.push_back(i);
        return out;
    }
    for (std::size_t i = 1; i <= max / 2; ++i) out.push_back(i);
    out.push_back(0);
    for (std::size_t i = n - (max / 2 - 1); i <= n; ++i) out.push_back(i);
    return out;
}

}  // namespace

std::string trace_dot(const System& sys, const PropertyResult& r) {
    if (!r.trace || !has_places(sys)) return "";
    const Trace& tr = *r.trace;
    const std::size_t n = tr.steps.size();
    std::map<std::uint32_t, std::vector<std::size_t>> fired;  // transition -> steps
    std::set<std::pair<std::uint32_t, std::uint32_t>> in_arcs, out_arcs;  // (place var, transition)
    std::set<std::uint32_t> places;
    const State* prev = &tr.initial;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& st = tr.steps[i];
        fired[st.transition].push_back(i + 1);
        for (std::uint32_t vi = 0; vi < sys.variables.size(); ++vi) {
            const Variable& v = sys.variables[vi];
            if (v.role != VarRole::Place) continue;
            const std::uint64_t a = (*prev)[v.slot], b = st.state[v.slot];
            if (a == b) continue;
            places.insert(vi);
            (b < a ? in_arcs : out_arcs).insert({vi, st.transition});
        }
        prev = &st.state;
    }
    const State& last = tr.final_state();
    for (std::uint32_t vi = 0; vi < sys.variables.size(); ++vi)
        if (sys.variables[vi].role == VarRole::Place && last[sys.variables[vi].slot] != 0) places.insert(vi);
    std::set<std::uint32_t> cycle;
    if (tr.loop_start >= 0)
        for (std::size_t i = static_cast<std::size_t>(tr.loop_start); i < n; ++i) cycle.insert(tr.steps[i].transition);

    std::ostringstream d;
    d << "digraph trace {\n  rankdir=LR;\n  fontname=\"DejaVu Sans\";\n  fontsize=12;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n  edge [fontname=\"DejaVu Sans\", fontsize=9, arrowsize=0.6];\n";
    d << "  label=\"" << dot_escape(headline(r)) << "\\n(the part of the net this " << n
      << "-step trace touches; filled places hold tokens at its end)\";\n  labelloc=t;\n";
    std::size_t drawn = 0;
    for (std::uint32_t vi : places) {
        if (++drawn > 120) break;
        const Variable& v = sys.variables[vi];
        const std::uint64_t tokens = last[v.slot];
        d << "  p" << vi << " [shape=circle, label=\"" << dot_escape(v.name) << (tokens ? "\\n" + std::string(tokens == 1 ? "●" : std::to_string(tokens)) : "")
          << "\"" << (tokens ? ", style=filled, fillcolor=\"#ffe08a\"" : "") << "];\n";
    }
    for (const auto& [t, steps] : fired) {
        std::string nums;
        for (std::size_t k = 0; k < steps.size(); ++k) {
            if (k == 6) {
                nums += ", …";
                break;
            }
            nums += (k ? ", #" : "#") + std::to_string(steps[k]);
        }
        const bool is_last = !steps.empty() && steps.back() == n;
        d << "  t" << t << " [shape=box, style=filled, fillcolor=\"" << (cycle.contains(t) ? "#cfe3ff" : is_last ? "#f8d0d0" : "#eeeeee")
          << "\", label=\"" << dot_escape(sys.transitions[t].name) << "\\n" << dot_escape(nums) << "\"];\n";
    }
    if (tr.violating_transition >= 0 && !fired.contains(static_cast<std::uint32_t>(tr.violating_transition)))
        d << "  t" << tr.violating_transition << " [shape=box, style=\"filled,dashed\", fillcolor=\"#f8d0d0\", label=\""
          << dot_escape(sys.transitions[tr.violating_transition].name) << "\\n(enabled: the error)\"];\n";
    for (const auto& [p, t] : in_arcs)
        if (places.contains(p)) d << "  p" << p << " -> t" << t << ";\n";
    for (const auto& [p, t] : out_arcs)
        if (places.contains(p)) d << "  t" << t << " -> p" << p << ";\n";
    d << "}\n";
    return d.str();
}

std::string lane_chart_svg(const System& sys, const PropertyResult& r) {
    if (!r.trace) return "";
    const Trace& tr = *r.trace;
    const std::size_t n = tr.steps.size();
    std::vector<std::string> lanes;
    std::map<std::string, std::size_t> lane_of;
    auto lane = [&](const Transition& t) {
        std::string c = t.origin.component.empty() ? (sys.name.empty() ? "top" : sys.name) : t.origin.component;
        auto [it, fresh] = lane_of.emplace(c, lanes.size());
        if (fresh) lanes.push_back(c);
        return it->second;
    };
    const std::vector<std::size_t> shown = shown_steps(n);
    for (std::size_t i : shown)
        if (i) lane(sys.transitions[tr.steps[i - 1].transition]);
    if (lanes.empty()) lanes.push_back(sys.name.empty() ? "top" : sys.name);
    const int lane_w = 150, row_h = 26, top = 50, left = 20;
    const std::string title = headline(r).substr(0, 160);
    const int width = std::max(left + lane_w * static_cast<int>(lanes.size()) + 90, left + static_cast<int>(7 * title.size()) + 20);
    const int height = top + row_h * static_cast<int>(shown.size() + 1) + 40;
    std::map<std::size_t, int> row_y;  // step -> y
    for (std::size_t k = 0; k < shown.size(); ++k) row_y[shown[k]] = top + row_h * static_cast<int>(k + 1);
    auto lane_x = [&](std::size_t l) { return left + lane_w * static_cast<int>(l) + lane_w / 2; };

    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"DejaVu Sans,sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
         "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker>"
         "<marker id=\"back\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
         "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#06c\"/></marker></defs>\n";
    s << "<text x=\"" << left << "\" y=\"16\" font-size=\"12\" font-weight=\"bold\">" << xml_escape(title) << "</text>\n";
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        const int x = lane_x(l);
        s << "<text x=\"" << x << "\" y=\"" << top - 8 << "\" text-anchor=\"middle\" font-weight=\"bold\">" << xml_escape(lanes[l]) << "</text>\n";
        s << "<line x1=\"" << x << "\" y1=\"" << top << "\" x2=\"" << x << "\" y2=\"" << height - 30 << "\" stroke=\"#ccc\"/>\n";
    }
    // Handshake edges: step i to the next shown step on another lane whose guard reads a variable step i changed.
    for (std::size_t k = 0; k < shown.size(); ++k) {
        const std::size_t i = shown[k];
        if (!i) continue;
        const State& pre = i == 1 ? tr.initial : tr.steps[i - 2].state;
        const State& post = tr.steps[i - 1].state;
        std::set<std::uint32_t> wrote;
        for (std::uint32_t vi = 0; vi < sys.variables.size(); ++vi) {
            const Variable& v = sys.variables[vi];
            for (std::uint32_t q = 0; q < v.slots(); ++q)
                if (pre[v.slot + q] != post[v.slot + q]) wrote.insert(vi);
        }
        const std::size_t from = lane(sys.transitions[tr.steps[i - 1].transition]);
        for (std::size_t m = k + 1; m < shown.size() && m <= k + 12 && shown[m]; ++m) {
            const Transition& t = sys.transitions[tr.steps[shown[m] - 1].transition];
            const std::size_t to = lane(t);
            if (to == from) continue;
            std::set<std::uint32_t> reads;
            reads_of(*t.guard, reads);
            if (std::none_of(reads.begin(), reads.end(), [&](std::uint32_t v) { return wrote.contains(v); })) continue;
            s << "<line x1=\"" << lane_x(from) << "\" y1=\"" << row_y[i] << "\" x2=\"" << lane_x(to) << "\" y2=\"" << row_y[shown[m]] - 5
              << "\" stroke=\"#666\" marker-end=\"url(#arrow)\"/>\n";
            break;
        }
    }
    for (std::size_t k = 0; k < shown.size(); ++k) {
        const std::size_t i = shown[k];
        const int y = top + row_h * static_cast<int>(k + 1);
        if (!i) {
            s << "<text x=\"" << left << "\" y=\"" << y + 4 << "\" fill=\"#888\">… " << n - (shown.size() - 1) << " steps elided …</text>\n";
            continue;
        }
        const Transition& t = sys.transitions[tr.steps[i - 1].transition];
        const int x = lane_x(lane(t));
        const bool last = i == n;
        s << "<circle cx=\"" << x << "\" cy=\"" << y << "\" r=\"5\" fill=\"" << (last ? "#c00" : is_local(t.kind) ? "#333" : "#2a7") << "\"/>\n";
        s << "<text x=\"" << x + 9 << "\" y=\"" << y + 4 << "\">" << i << ": " << xml_escape(t.name.size() > 22 ? t.name.substr(0, 21) + "…" : t.name) << "</text>\n";
    }
    if (tr.loop_start >= 0 && n > 0) {
        // The back edge runs right of the step labels: from the end of the last step's label up
        // to the end of the label of the step the cycle returns to.
        const std::size_t from = n, to = static_cast<std::size_t>(tr.loop_start) + 1;
        if (row_y.contains(from) && row_y.contains(to)) {
            auto label_end = [&](std::size_t i) {
                const Transition& t = sys.transitions[tr.steps[i - 1].transition];
                const std::size_t chars = std::to_string(i).size() + 2 + std::min<std::size_t>(t.name.size(), 22);
                return lane_x(lane(t)) + 12 + static_cast<int>(6.5 * static_cast<double>(chars));
            };
            const int x = std::max(label_end(from), label_end(to)) + 24;
            s << "<path d=\"M" << label_end(from) + 4 << "," << row_y[from] << " L" << x << "," << row_y[from] << " L" << x << "," << row_y[to]
              << " L" << label_end(to) + 4 << "," << row_y[to] << "\" fill=\"none\" stroke=\"#06c\" stroke-dasharray=\"5 3\" marker-end=\"url(#back)\"/>\n";
            s << "<text x=\"" << x + 4 << "\" y=\"" << (row_y[from] + row_y[to]) / 2 + 4 << "\" fill=\"#06c\">cycle</text>\n";
        }
    }
    s << "</svg>\n";
    return s.str();
}

std::string trace_svg(const System& sys, const PropertyResult& r, std::string& err) {
    err.clear();
    if (!has_places(sys)) return lane_chart_svg(sys, r);
    const std::string dot = trace_dot(sys, r);
    // One Graphviz context for the whole process, never freed, used by one drawing at a time:
    // Graphviz 2.42's pango plugin keeps a pointer to the last font name it measured, which lives
    // in the context's font dictionary; freeing the context between two drawings made the second
    // read freed memory (AddressSanitizer: heap-use-after-free in textspan_size).
    static std::mutex mutex;
    static GVC_t* const gvc = gvContext();
    std::lock_guard<std::mutex> lock(mutex);
    if (!gvc) return err = "cannot create a Graphviz context", "";
    Agraph_t* g = agmemread(dot.c_str());
    std::string out;
    if (!g) err = "Graphviz could not read the trace graph";
    else if (gvLayout(gvc, g, "dot") != 0) err = "Graphviz 'dot' layout is unavailable (is the graphviz package installed?)";
    else {
        char* data = nullptr;
        unsigned int length = 0;
        if (gvRenderData(gvc, g, "svg", &data, &length) != 0 || !data) err = "Graphviz could not render SVG";
        else out.assign(data, length);
        if (data) gvFreeRenderData(data);
        gvFreeLayout(gvc, g);
    }
    if (g) agclose(g);
    return out;
}

std::string write_trace_svg(const std::string& path, const System& sys, const PropertyResult& r) {
    std::string err;
    const std::string svg = trace_svg(sys, r, err);
    if (!err.empty()) return err;
    std::ofstream out(path, std::ios::binary);
    out << svg;
    if (!out.flush()) return "cannot write " + path;
    return "";
}

}  // namespace np
