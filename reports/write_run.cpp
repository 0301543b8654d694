#include "reports/write_run.hpp"

#include <filesystem>
#include <fstream>

#include "proofs/recheck.hpp"
#include "reports/write_junit.hpp"
#include "reports/write_trace_svg.hpp"
#include "reports/write_trace_text.hpp"
#include "reports/write_vcd.hpp"

namespace np {

int exit_code(const std::vector<PropertyResult>& results) {
    bool fail = false, unknown = false;
    for (const auto& r : results) {
        fail |= r.verdict == Verdict::Fail || r.verdict == Verdict::Error;
        unknown |= r.verdict == Verdict::Unknown;
    }
    return fail ? 1 : unknown ? 3 : 0;
}

namespace {

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

}  // namespace

std::string property_folder_name(const std::string& property) {
    std::string s;
    for (char c : property) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '-';
    return s;
}

std::vector<std::string> write_run_folder(const std::string& dir, const System& sys, RunSummary& run) {
    namespace fs = std::filesystem;
    std::vector<std::string> warnings;
    fs::create_directories(dir);
    run.trace_dirs.assign(run.results.size(), "");
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        PropertyResult& r = run.results[i];
        if (r.certificate) write_certificate((fs::path(dir) / property_folder_name(r.name) / "certificate").string(), *r.certificate);
        if (!r.trace) continue;
        fs::path sub = fs::path(dir) / property_folder_name(r.name);
        fs::create_directories(sub);
        write_file(sub / "trace.txt", format_trace_text(sys, r));
        write_file(sub / "trace.json", trace_json(sys, r).dump(2) + "\n");
        write_file(sub / "trace.vcd", format_vcd(sys, r));
        std::string err = write_trace_svg((sub / "trace.svg").string(), sys, r);
        if (!err.empty()) warnings.push_back("trace.svg for " + r.name + " not written: " + err);
        run.trace_dirs[i] = sub.string();
    }
    write_file(fs::path(dir) / "summary.json", summary_json(sys, run).dump(2) + "\n");
    write_junit((fs::path(dir) / "junit.xml").string(), run);
    return warnings;
}

}  // namespace np
