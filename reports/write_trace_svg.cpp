#include "reports/write_trace_svg.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <mutex>
#include <sstream>

#include "reports/trace_view.hpp"

namespace np {

namespace {
std::string dot_escape(const std::string& s) {
    std::string out;
    for (char c : to_valid_utf8(s)) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}
}  // namespace

std::string trace_dot(const System& sys, const PropertyResult& r) {
    std::ostringstream d;
    d << "digraph trace {\n  rankdir=TB;\n  node [shape=circle, fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
    if (!r.trace) return d.str() + "}\n";
    const Trace& tr = *r.trace;
    auto steps = view_steps(sys, tr);
    d << "  s0 [label=\"s0\", shape=doublecircle];\n";
    for (const auto& s : steps) {
        std::string label = s.transition + " (" + s.kind + ")";
        for (const auto& c : s.changes) label += "\\n" + c.variable + ": " + format_value(c.type, c.from) + "→" + format_value(c.type, c.to);
        d << "  s" << s.step << " [label=\"s" << s.step << "\"];\n";
        d << "  s" << s.step - 1 << " -> s" << s.step << " [label=\"" << dot_escape(label) << "\"];\n";
    }
    d << "  bad [shape=box, style=filled, fillcolor=\"#f8d0d0\", label=\"" << dot_escape(r.name + ": " + tr.violation)
      << "\"];\n  s" << steps.size() << " -> bad [style=dashed";
    if (tr.violating_transition >= 0) d << ", label=\"" << dot_escape(sys.transitions[tr.violating_transition].name) << "\"";
    d << "];\n}\n";
    return d.str();
}

std::string write_trace_svg(const std::string& path, const System& sys, const PropertyResult& r) {
    std::string dot = trace_dot(sys, r);
    // One Graphviz context for the whole process, never freed, used by one drawing at a time:
    // Graphviz 2.42's pango plugin keeps a pointer to the last font name it measured, which lives
    // in the context's font dictionary; freeing the context between two drawings made the second
    // read freed memory (AddressSanitizer: heap-use-after-free in textspan_size).
    static std::mutex mutex;
    static GVC_t* const gvc = gvContext();
    std::lock_guard<std::mutex> lock(mutex);
    if (!gvc) return "cannot create a Graphviz context";
    Agraph_t* g = agmemread(dot.c_str());
    std::string err;
    if (!g) err = "Graphviz could not read the trace graph";
    else if (gvLayout(gvc, g, "dot") != 0) err = "Graphviz 'dot' layout is unavailable (is the graphviz package installed?)";
    else {
        if (gvRenderFilename(gvc, g, "svg", path.c_str()) != 0) err = "Graphviz could not render SVG to " + path;
        gvFreeLayout(gvc, g);
    }
    if (g) agclose(g);
    return err;
}

}  // namespace np
