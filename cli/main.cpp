// neuroproof: the command-line front end. Parses options and dispatches; nothing else.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "checkers/run_checks.hpp"
#include "reports/write_run.hpp"
#include "spec/load_system.hpp"
#include "spec/parse_expr.hpp"
#include "spec/read_events.hpp"

#include <nlohmann/json.hpp>

namespace {

const char* const kFooter = R"(Properties (--property NAME, repeatable; default: every property the input declares
or its format implies):
  deadlock         no reachable state enables no transition
  consistency      STG: every signal's s+ and s- alternate (Workcraft's definition)
  safeness         no place ever holds more tokens than its capacity (1 unless declared)
  invariant:NAME   a user invariant declared by the input or given with --invariant NAME:EXPR
                   (EXPR over the model's variables: places, signals; see docs/usage.md)
Properties of later releases (persistency, csc, quiescence, handshake:CHANNEL, overflow) are
rejected as unavailable rather than guessed.

Exit status:
  0  every property PASS (proved for all behaviours)
  1  some property FAIL (a counterexample, replayed on the model) or ERROR
  2  bad input or usage (file:line:col: error: ...)
  3  no FAIL, but some UNKNOWN (a limit was reached; the message says what was covered)

Output folder (--out, default neuroproof-out/<input name>): summary.json, junit.xml and, per
failing property, <property>/trace.txt, trace.json, trace.svg.)";

struct CheckArgs {
    std::string file;
    std::vector<std::string> properties;
    std::vector<std::string> invariants;
    std::string engine = "auto";
    std::string out;
    std::uint64_t max_states = 0;
    std::uint64_t max_memory_mb = 8192;
    double timeout = 0;
    std::uint32_t capacity = 0;
    bool quiet = false;
};

std::string pad(std::string s, std::size_t n) {
    if (s.size() < n) s.resize(n, ' ');
    return s;
}

int run_check(const CheckArgs& a) {
    np::LoadOptions load;
    load.min_capacity = a.capacity;
    np::System sys = np::load_system(a.file, load);
    for (const std::string& inv : a.invariants) np::add_invariant(sys, inv);
    for (const np::Warning& w : sys.warnings) std::cerr << w.render() << "\n";

    np::CheckRequest req;
    req.properties = a.properties;
    req.engine = a.engine;
    req.explicit_options.limits = {a.max_states, a.max_memory_mb << 20, a.timeout};
    if (!a.quiet)
        req.explicit_options.progress = [](const np::SearchProgress& p) {
            std::fprintf(stderr, "explicit: %llu states, depth %u, %.0f states/s, %.1f s\n",
                         static_cast<unsigned long long>(p.states), p.depth,
                         p.seconds > 0 ? p.states / p.seconds : 0.0, p.seconds);
        };
    auto results = np::run_checks(sys, req);

    np::RunSummary run;
    run.input = a.file;
    run.results = results;
    run.exit_code = np::exit_code(results);
    std::string out = a.out.empty()
        ? (std::filesystem::path("neuroproof-out") / std::filesystem::path(a.file).stem()).string() : a.out;
    for (const std::string& w : np::write_run_folder(out, sys, run)) std::cerr << "neuroproof: warning: " << w << "\n";

    std::size_t wname = 12;
    for (const auto& r : results) wname = std::max(wname, r.name.size() + 2);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2fs", r.seconds);
        std::cout << pad(r.name, wname) << pad(np::verdict_name(r.verdict), 9) << pad(r.engine, 10) << pad(secs, 9)
                  << "states=" << r.states << " depth=" << r.depth << "  " << r.message;
        if (!run.trace_dirs[i].empty()) std::cout << "  [trace: " << run.trace_dirs[i] << "/trace.txt]";
        std::cout << "\n";
    }
    std::cout << "summary: " << (std::filesystem::path(out) / "summary.json").string() << "\n";
    return run.exit_code;
}

int run_events(const std::string& file, bool json) {
    np::EventRecording rec = np::read_events(file);
    np::RecordingSummary s = np::summarize(rec);
    auto dim = [](const std::optional<std::uint32_t>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); };
    if (json) {
        nlohmann::ordered_json j = {{"format", rec.format}, {"width", dim(rec.width)}, {"height", dim(rec.height)},
                            {"events", s.events}, {"on", s.on}, {"off", s.off},
                            {"t_first", s.t_first}, {"t_last", s.t_last}};
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::cout << "file:        " << file << "\n";
    std::cout << "format:      " << rec.format << "\n";
    std::cout << "resolution:  "
              << (rec.width && rec.height ? std::to_string(*rec.width) + "x" + std::to_string(*rec.height) : "not stated")
              << "\n";
    std::cout << "events:      " << s.events << " (ON " << s.on << ", OFF " << s.off << ")\n";
    if (s.events) std::cout << "time:        " << s.t_first << " .. " << s.t_last << " us\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"neuroproof " NEUROPROOF_VERSION
                 " — proves and property-tests asynchronous (handshake, spiking) hardware models"};
    app.set_version_flag("--version", std::string("neuroproof ") + NEUROPROOF_VERSION);
    app.require_subcommand(1);
    app.footer(kFooter);

    CheckArgs ca;
    CLI::App* check = app.add_subcommand("check", "check the properties of a model (.g STG, .ll_net Petri net)");
    check->add_option("FILE", ca.file, "input model")->required();
    check->add_option("--property,-p", ca.properties, "property to check (repeatable; default: all)");
    check->add_option("--invariant,-i", ca.invariants,
                      "add the user invariant NAME:EXPR, checked as property invariant:NAME (repeatable)");
    check->add_option("--engine", ca.engine, "explicit | auto")->check(CLI::IsMember({"explicit", "auto", "bmc", "kind", "spacer"}));
    check->add_option("--out,-o", ca.out, "output folder (default neuroproof-out/<input name>)");
    check->add_option("--max-states", ca.max_states, "stop exploring after N states (UNKNOWN)")->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4000000000}));
    check->add_option("--max-memory", ca.max_memory_mb, "stop at N MiB of search memory (UNKNOWN; default 8192)")->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 30));
    check->add_option("--timeout", ca.timeout, "stop after S seconds (UNKNOWN)")->check(CLI::Range(0.0, 1e9));
    check->add_option("--capacity", ca.capacity, "raise every place's capacity to at least N")->check(CLI::Range(1u, 1000000u));
    check->add_flag("--quiet,-q", ca.quiet, "no progress lines");
    check->footer(kFooter);

    if (argc > 1 && argv[1][0] != '-' && std::string(argv[1]) != "check" && std::string(argv[1]) != "events") {
        std::cerr << "neuroproof: error: unknown command '" << argv[1] << "' (commands: check, events; see --help)\n";
        return 2;
    }
    std::string events_file;
    bool events_json = false;
    CLI::App* events = app.add_subcommand("events", "describe an event recording (AEDAT 2/3.1/4, EVT 2/3, DAT, N-MNIST, text)");
    events->add_option("FILE", events_file, "recording")->required();
    events->add_flag("--json", events_json, "one JSON object: format, width, height, events, on, off, t_first, t_last");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        if (check->parsed()) return run_check(ca);
        if (events->parsed()) return run_events(events_file, events_json);
    } catch (const np::SourceError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        std::cerr << "neuroproof: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "neuroproof: error: " << e.what() << "\n";
        return 2;
    }
    return 2;
}
