#include "reports/write_run.hpp"

#include <filesystem>
#include <fstream>
#include <set>

#include "checkers/certify.hpp"
#include "model/file_name.hpp"
#include "model/fingerprint.hpp"
#include "model/json_text.hpp"
#include "reports/write_html.hpp"
#include "reports/write_junit.hpp"
#include "reports/write_trace_svg.hpp"
#include "reports/write_trace_text.hpp"
#include "reports/write_vcd.hpp"

namespace np {

namespace {

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

// JSON text of a report; a string that was not UTF-8 is written with U+FFFD and said so.
std::string report_json(const nlohmann::json& j, const std::string& what, std::vector<std::string>& warnings) {
    bool replaced = false;
    std::string text = json_text(j, 2, &replaced) + "\n";
    if (replaced) warnings.push_back(what + ": text that is not UTF-8 was written as U+FFFD");
    return text;
}

}  // namespace

std::vector<std::string> property_folder_names(const std::vector<std::string>& properties) {
    std::vector<std::string> out;
    std::set<std::string> used;
    for (const std::string& p : properties) {
        std::string name = portable_file_name(p);
        // Two names that differ only in the bytes made portable ("a.b", "a:b") must not share a folder.
        if (used.contains(name)) name = portable_file_name(p, kMaxFileName - 17) + "-" + sha256_hex(p).substr(0, 16);
        for (int k = 2; used.contains(name); ++k) name = shorten_file_name(portable_file_name(p) + "-" + std::to_string(k));
        used.insert(name);
        out.push_back(name);
    }
    return out;
}

void prepare_run_folder(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw std::invalid_argument(dir + ": cannot create the output folder (" + ec.message() + ")");
    const bool ours = fs::exists(fs::path(dir) / kRunFolderMarker, ec) || fs::exists(fs::path(dir) / "summary.json", ec);
    bool empty = true;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!ours) {
            empty = false;
            break;
        }
        fs::remove_all(e.path(), ec);
        if (ec) throw std::invalid_argument(e.path().string() + ": cannot remove the earlier run's results (" + ec.message() + ")");
    }
    if (!empty)
        throw std::invalid_argument(dir + " is not empty and holds no earlier neuroproof run (no " + std::string(kRunFolderMarker) +
                                    "); name a new or empty folder with --out");
    write_file(fs::path(dir) / kRunFolderMarker, "neuroproof output folder: its contents are replaced by every run\n");
}

std::string write_trace_folder(const std::string& dir, const System& sys, const PropertyResult& r, std::vector<std::string>& warnings) {
    namespace fs = std::filesystem;
    const fs::path sub(dir);
    fs::create_directories(sub);
    write_file(sub / "trace.txt", format_trace_text(sys, r));
    write_file(sub / "trace.json", report_json(trace_json(sys, r), "trace.json of " + to_valid_utf8(r.name), warnings));
    write_file(sub / "trace.vcd", format_vcd(sys, r));
    std::string err;
    std::string picture = trace_svg(sys, r, err);
    if (!err.empty()) {
        warnings.push_back("trace.svg for " + to_valid_utf8(r.name) + " not written: " + err);
        return {};
    }
    write_file(sub / "trace.svg", picture);
    return picture;
}

std::vector<std::string> write_run_folder(const std::string& dir, const System& sys, RunSummary& run) {
    namespace fs = std::filesystem;
    std::vector<std::string> warnings;
    fs::create_directories(dir);
    std::vector<std::string> names;
    for (const PropertyResult& r : run.results) names.push_back(r.name);
    const std::vector<std::string> folders = property_folder_names(names);
    run.trace_dirs.assign(run.results.size(), "");
    std::vector<std::string> pictures(run.results.size());
    // Each property's files on their own: one that cannot be written (a full disk, a drawing that
    // fails) is a warning, and summary.json and junit.xml are written all the same.
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        PropertyResult& r = run.results[i];
        const fs::path sub = fs::path(dir) / folders[i];
        try {
            if (r.certificate) store_certificate((sub / "certificate").string(), *r.certificate);
            if (!r.trace) continue;
            pictures[i] = write_trace_folder(sub.string(), sys, r, warnings);
            run.trace_dirs[i] = sub.string();
        } catch (const std::exception& e) {
            warnings.push_back("the evidence of " + to_valid_utf8(r.name) + " could not be written to " + sub.string() + ": " + e.what());
        }
    }
    write_file(fs::path(dir) / "summary.json", report_json(summary_json(sys, run), "summary.json", warnings));
    write_junit((fs::path(dir) / "junit.xml").string(), run);
    try {
        write_file(fs::path(dir) / "report.html", format_run_html(sys, run, pictures));
    } catch (const std::exception& e) {
        warnings.push_back(std::string("report.html not written: ") + e.what());
    }
    return warnings;
}

}  // namespace np
