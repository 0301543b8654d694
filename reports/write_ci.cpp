#include "reports/write_ci.hpp"

#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "model/json_text.hpp"
#include "reports/write_html.hpp"
#include "reports/write_junit.hpp"

namespace np {

namespace {

std::string upper(const char* s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string trace_file(const CiJob& job, std::size_t i) {
    if (i >= job.trace_dirs.size() || job.trace_dirs[i].empty()) return "";
    return (std::filesystem::path(job.trace_dirs[i]) / "trace.txt").string();
}

void write_text(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + p.string());
}

}  // namespace

std::vector<std::string> unexpected_results(const CiRun& run) {
    std::vector<std::string> out;
    for (const CiJob& j : run.jobs)
        for (std::size_t i = 0; i < j.results.size(); ++i) {
            const CiResult& r = j.results[i];
            if (r.as_expected()) continue;
            std::string line = j.design + "/" + j.task + ": " + r.result.name + " " + upper(outcome_name(r.outcome)) +
                               " (expected " + r.expected.text() + ")";
            const std::string trace = trace_file(j, i);
            if (!trace.empty()) line += " trace: " + trace;
            else if (!r.result.message.empty()) line += ": " + r.result.message.substr(0, r.result.message.find('\n'));
            out.push_back(to_valid_utf8(line));
        }
    return out;
}

nlohmann::json ci_summary_json(const CiRun& run) {
    using json = nlohmann::json;
    json j;
    j["tool"] = "neuroproof";
    j["version"] = NEUROPROOF_VERSION;
    j["manifest"] = to_valid_utf8(run.manifest);
    j["exit_code"] = ci_exit_code(run);
    j["seconds"] = run.seconds;
    j["unexpected"] = unexpected_results(run);
    json jobs = json::array();
    for (const CiJob& job : run.jobs) {
        json props = json::array();
        for (std::size_t i = 0; i < job.results.size(); ++i) {
            const CiResult& r = job.results[i];
            const std::string trace = i < job.trace_dirs.size() ? job.trace_dirs[i] : "";
            props.push_back({{"name", to_valid_utf8(r.result.name)}, {"verdict", verdict_name(r.result.verdict)},
                             {"outcome", outcome_name(r.outcome)}, {"expected", r.expected.text()},
                             {"as_expected", r.as_expected()}, {"cached", r.cached}, {"engine", r.result.engine},
                             {"seconds", r.result.seconds}, {"states", r.result.states},
                             {"message", to_valid_utf8(r.result.message)},
                             {"trace", trace.empty() ? json(nullptr) : json(to_valid_utf8(trace))}});
        }
        jobs.push_back({{"design", to_valid_utf8(job.design)}, {"task", to_valid_utf8(job.task)}, {"input", to_valid_utf8(job.input)},
                        {"folder", to_valid_utf8(job.folder)}, {"outcome", outcome_name(job.outcome())},
                        {"as_expected", job.as_expected()}, {"seconds", job.seconds}, {"tags", job.tags}, {"properties", props}});
    }
    j["jobs"] = jobs;
    return j;
}

void write_ci_junit(const std::string& path, const CiRun& run) {
    pugi::xml_document doc;
    auto suites = start_junit(doc);
    suites.append_attribute("name") = ("neuroproof ci " + xml_text(run.manifest)).c_str();
    suites.append_attribute("time") = run.seconds;
    for (const CiJob& job : run.jobs) {
        auto suite = suites.append_child("testsuite");
        int failures = 0, errors = 0, skipped = 0;
        for (const CiResult& r : job.results) {
            errors += r.outcome == Outcome::Error;
            skipped += r.outcome == Outcome::Unknown || r.outcome == Outcome::Timeout;
            failures += !r.as_expected() && (r.outcome == Outcome::Fail || r.outcome == Outcome::Pass);
        }
        suite.append_attribute("name") = xml_text(job.design + "/" + job.task).c_str();
        suite.append_attribute("tests") = static_cast<unsigned>(job.results.size());
        suite.append_attribute("failures") = failures;
        suite.append_attribute("errors") = errors;
        suite.append_attribute("skipped") = skipped;
        suite.append_attribute("time") = job.seconds;
        for (std::size_t i = 0; i < job.results.size(); ++i) {
            const CiResult& r = job.results[i];
            auto tc = suite.append_child("testcase");
            tc.append_attribute("classname") = xml_text(job.design + "." + job.task).c_str();
            tc.append_attribute("name") = xml_text(r.result.name).c_str();
            tc.append_attribute("time") = r.result.seconds;
            const std::string verdict = upper(outcome_name(r.outcome));
            const std::string said = verdict + " (expected " + r.expected.text() + (r.cached ? ", from the proof cache" : "") + "): " + r.result.message;
            if (r.outcome == Outcome::Error) {
                tc.append_child("error").append_attribute("message") = xml_text(said).c_str();
            } else if (r.outcome == Outcome::Unknown || r.outcome == Outcome::Timeout) {
                tc.append_child("skipped").append_attribute("message") = xml_text(said).c_str();
            } else if (!r.as_expected()) {
                auto f = tc.append_child("failure");
                std::string msg = "unexpected " + said;
                const std::string trace = trace_file(job, i);
                if (!trace.empty()) msg = "unexpected " + verdict + " (expected " + r.expected.text() + "): trace " + trace + ": " + r.result.message;
                f.append_attribute("message") = xml_text(msg).c_str();
                f.append_attribute("type") = verdict.c_str();
            }
            tc.append_child("system-out").text() = xml_text(said).c_str();
        }
    }
    if (!doc.save_file(path.c_str(), "  ")) throw std::runtime_error("cannot write " + path);
}

void write_job_status(const CiJob& job) {
    namespace fs = std::filesystem;
    fs::create_directories(job.folder);
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", job.seconds);
    write_text(fs::path(job.folder) / "status",
               upper(outcome_name(job.outcome())) + " " + (job.as_expected() ? "expected" : "UNEXPECTED") + " " + secs + "\n");
}

void write_ci_outputs(const std::string& dir, const CiRun& run) {
    namespace fs = std::filesystem;
    fs::create_directories(dir);
    write_text(fs::path(dir) / "summary.json", json_text(ci_summary_json(run), 2) + "\n");
    write_ci_junit((fs::path(dir) / "junit.xml").string(), run);
    std::size_t results = 0;
    for (const CiJob& j : run.jobs) results += j.results.size();
    write_text(fs::path(dir) / "status", std::to_string(ci_exit_code(run)) + " " + std::to_string(unexpected_results(run).size()) +
                                             " unexpected of " + std::to_string(results) + " results\n");
    write_text(fs::path(dir) / "index.html", format_ci_html(run, dir));
}

}  // namespace np
