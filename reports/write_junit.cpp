#include "reports/write_junit.hpp"

#include <pugixml.hpp>
#include <stdexcept>

namespace np {

std::string xml_text(std::string_view s) {
    std::string out;
    for (char c : to_valid_utf8(s)) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
        else out += c;
    }
    return out;
}

pugi::xml_node start_junit(pugi::xml_document& doc) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    return doc.append_child("testsuites");
}

void write_junit(const std::string& path, const RunSummary& run) {
    pugi::xml_document doc;
    auto suites = start_junit(doc);
    auto suite = suites.append_child("testsuite");
    int failures = 0, errors = 0, skipped = 0;
    double total = 0;
    for (const auto& r : run.results) {
        failures += r.verdict == Verdict::Fail;
        errors += r.verdict == Verdict::Error;
        skipped += r.verdict == Verdict::Unknown;
        total = std::max(total, r.seconds);
    }
    suite.append_attribute("name") = ("neuroproof " + xml_text(run.input)).c_str();
    suite.append_attribute("tests") = static_cast<unsigned>(run.results.size());
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = errors;
    suite.append_attribute("skipped") = skipped;
    suite.append_attribute("time") = total;
    for (const auto& r : run.results) {
        auto tc = suite.append_child("testcase");
        tc.append_attribute("classname") = xml_text(run.input).c_str();
        tc.append_attribute("name") = xml_text(r.name).c_str();
        tc.append_attribute("time") = r.seconds;
        const std::string msg = xml_text(r.message);
        if (r.verdict == Verdict::Fail) tc.append_child("failure").append_attribute("message") = msg.c_str();
        if (r.verdict == Verdict::Error) tc.append_child("error").append_attribute("message") = msg.c_str();
        if (r.verdict == Verdict::Unknown) tc.append_child("skipped").append_attribute("message") = msg.c_str();
        tc.append_child("system-out").text() = (std::string(verdict_name(r.verdict)) + " (" + xml_text(r.engine) + "): " + msg).c_str();
    }
    if (!doc.save_file(path.c_str(), "  ")) throw std::runtime_error("cannot write " + path);
}

}  // namespace np
