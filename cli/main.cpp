// neuroproof: the command-line front end. Parses options and dispatches; nothing else.
#include <CLI/CLI.hpp>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <z3++.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "checkers/activity_report.hpp"
#include "cli/completion.hpp"
#include "checkers/budget.hpp"
#include "checkers/certify.hpp"
#include "checkers/check_options.hpp"
#include "checkers/engines.hpp"
#include "checkers/equivalence_miter.hpp"
#include "checkers/prove_per_event.hpp"
#include "model/event_mapping.hpp"
#include "reports/plot_emulation.hpp"
#include "checkers/fuzz_case.hpp"
#include "checkers/fuzz_recording.hpp"
#include "checkers/fuzz_run.hpp"
#include "checkers/isolated_engine.hpp"
#include "checkers/run_checks.hpp"
#include "checkers/run_manifest.hpp"
#include "checkers/simulate.hpp"
#include "generators/case_source.hpp"
#include "model/did_you_mean.hpp"
#include "model/emulate_stream.hpp"
#include "model/file_name.hpp"
#include "model/json_text.hpp"
#include "model/temporal_attention.hpp"
#include "proofs/recheck.hpp"
#include "reports/export_model.hpp"
#include "reports/write_ci.hpp"
#include "reports/write_console.hpp"
#include "reports/write_emulation.hpp"
#include "reports/write_json.hpp"
#include "reports/write_run.hpp"
#include "spec/load_system.hpp"
#include "spec/nir_to_speck.hpp"
#include "spec/read_events.hpp"
#include "spec/read_input_stream.hpp"
#include "spec/read_manifest.hpp"
#include "spec/read_speck_config.hpp"

namespace {

const char* const kAppFooter = R"(`neuroproof COMMAND --help` shows a command's options, and for check its properties and
exit status. `neuroproof completion bash` prints a bash completion script (installed as
share/bash-completion/completions/neuroproof).
Exit status of every command: 0 success, 2 bad input or usage (file:line:col: error: ...).)";

const char* const kCheckFooter = R"(Properties (--property NAME, repeatable; default: every property the input declares
or its format implies):
  deadlock         no reachable state enables no transition
  consistency      STG: every signal's s+ and s- alternate (Workcraft's definition)
  safeness         no place ever holds more tokens than its capacity (1 unless declared)
  invariant:NAME   a user invariant declared by the input or given with --invariant NAME:EXPR
                   (EXPR over the model's variables: places, signals; see docs/usage.md)
  handshake:CH     a design's channel CH: req/ack in protocol order, data stable while pending
  quiescence       "no input, no power": Q1 resting state quiescent, Q2 every local-only run
                   ends (reports the settling bound B), Q3 every quiescent state accepts an
                   input, Q4 local energy per input <= K (reports K*); --within B, --max-k K
  persistency      STG: no enabled output/internal edge is ever disabled (--mutex A,B exempts)
  csc              STG: complete state coding (equal codes enable equal local signals)
The property `overflow` is not available in this release and is rejected rather than guessed.

Exit status:
  0  every property PASS (proved for all behaviours)
  1  some property FAIL (a counterexample, replayed on the model) or ERROR
  2  bad input or usage (file:line:col: error: ...)
  3  no FAIL, but some UNKNOWN (a limit was reached; the message says what was covered)

Output folder (--out, default neuroproof-out/<input file name>, emptied when a run starts):
summary.json, junit.xml, report.html and, per failing property, <property>/trace.txt, trace.json,
trace.vcd, trace.svg; per certified PASS <property>/certificate/.)";

struct CheckArgs {
    std::string file;
    np::CheckOptions options;
    std::vector<std::string> invariants, responses, covers, strong_fair, weak_fair, unfair;
    std::string out;
    std::uint64_t max_memory_mb = 8192;
    double timeout = 0;
    std::uint32_t capacity = 0;
    bool quiet = false;
    bool json = false;
    std::vector<std::string> parameters;  // NAME=VALUE for a design's top module
    bool in_process = false;
};

struct CiArgs {
    std::string manifest = ".";
    std::string out = "neuroproof-ci";
    std::string cache;
    bool no_cache = false;
    unsigned jobs = 1;
    std::vector<std::string> tags, tasks, designs;
    std::uint64_t max_memory_mb = 16384;
    double timeout = 0;
    bool quiet = false;
};

using np::pad;

// --out must be writable before any work starts (a usage error, exit 2).
void require_writable_folder(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path probe = fs::path(dir) / ".neuroproof-write-test";
    {
        std::ofstream f(probe);
        if (!ec && f && (f << "ok") && f.flush()) {
            f.close();
            fs::remove(probe, ec);
            return;
        }
    }
    throw std::invalid_argument("--out " + dir + ": cannot write there" + (ec ? " (" + ec.message() + ")" : std::string()));
}

// A leak clock over the recording's span must stay within kMaxLeakTicks (a usage error, exit 2).
void require_leak_ticks(const np::StreamClock& clock, const std::string& events) {
    if (clock.ticks() <= np::kMaxLeakTicks) return;
    throw std::invalid_argument("--leak-period " + std::to_string(clock.leak_period_us) + " over the timestamps of " + events + " (" +
                                std::to_string(clock.t_begin) + " .. " + std::to_string(clock.t_end) + " us) gives " +
                                std::to_string(clock.ticks()) + " leak ticks, more than " + std::to_string(np::kMaxLeakTicks) +
                                "; choose a longer period");
}

int run_check(const CheckArgs& a, const np::Budget& budget) {
    std::vector<std::string> fairness;
    for (const auto& [kind, names] : {std::pair{"strong:", &a.strong_fair}, std::pair{"weak:", &a.weak_fair}, std::pair{"unfair:", &a.unfair}})
        for (const std::string& n : *names) fairness.push_back(kind + n);
    np::ModelSource source{std::filesystem::absolute(a.file).string(), a.parameters, a.capacity, a.invariants, a.responses, a.covers,
                           fairness};
    // One folder per input file, its extension included (vme.g and vme.np do not share one).
    const std::string out = a.out.empty()
        ? (std::filesystem::path("neuroproof-out") / np::portable_input_name(std::filesystem::path(a.file).filename().string())).string() : a.out;
    require_writable_folder(out);
    np::prepare_run_folder(out);  // stale results of an earlier run go now
    np::System sys = np::load_model(source);
    for (const np::Warning& w : sys.warnings) std::cerr << w.render() << "\n";

    np::CheckOptions options = a.options;
    if (!a.in_process) options.isolate_with = "/proc/self/exe";  // this very binary, even when its file was replaced since it started
    np::CheckRequest req = np::make_check_request(options, source, budget);
    const std::vector<np::Goal> goals = np::resolve_goals(sys, req);  // usage errors before any work
    std::size_t wname = 12;
    std::vector<std::string> goal_names;
    for (const np::Goal& g : goals) wname = std::max(wname, g.name.size() + 2), goal_names.push_back(g.name);
    std::vector<std::string> folders = np::property_folder_names(goal_names);
    for (std::string& f : folders) f = (std::filesystem::path(out) / f).string();

    req.progress = std::make_shared<np::ProgressBoard>();
    np::ProgressPrinter printer(req.progress, budget, !a.quiet);
    std::mutex printed_mutex;
    std::vector<std::string> printed(goals.size());  // verdict and engine of the line printed
    req.on_result = [&](std::size_t i, const np::PropertyResult& r) {
        {
            std::lock_guard<std::mutex> lock(printed_mutex);
            printed[i] = std::string(np::verdict_name(r.verdict)) + " " + r.engine;
        }
        if (!a.json) printer.print(np::result_line(r, wname, folders[i]));
    };
    np::RunSummary run;
    run.input = a.file;
    run.results = np::run_checks(sys, req);
    printer.stop();
    // What was not printed as it was decided (or changed since): undecided properties, the ERROR
    // of a disagreement.
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        const np::PropertyResult& r = run.results[i];
        if (!a.json && printed[i] != std::string(np::verdict_name(r.verdict)) + " " + r.engine) std::cout << np::result_line(r, wname, folders[i]);
    }
    run.exit_code = np::exit_code(run.results);
    try {
        for (const std::string& w : np::write_run_folder(out, sys, run)) std::cerr << "neuroproof: warning: " << w << "\n";
    } catch (const std::exception& e) {
        // The verdicts above stand; the folder is incomplete: a failure of the environment, not of the input.
        std::cerr << "neuroproof: error: the results could not be written to " << out << ": " << e.what() << "\n";
        return np::exit_code(np::Verdict::Error);
    }
    if (budget.cancel->cancelled() && np::interrupt_requests() > 0) std::cerr << "neuroproof: " << budget.cancel->reason() << "; results written\n";
    if (a.json) {
        std::ifstream in(std::filesystem::path(out) / "summary.json", std::ios::binary);
        std::cout << in.rdbuf() << std::flush;
    } else {
        std::cout << "summary: " << (std::filesystem::path(out) / "summary.json").string() << "\n";
        std::cout << "report:  " << (std::filesystem::path(out) / "report.html").string() << "\n";
    }
    return run.exit_code;
}

struct ExportArgs {
    std::string file, format = "aiger", out;
    std::vector<std::string> properties, parameters, invariants;
    std::uint32_t capacity = 0;
};

int run_export(const ExportArgs& a) {
    const np::ExportFormat f = np::export_format(a.format);
    const np::System sys = np::load_model({a.file, a.parameters, a.capacity, a.invariants});
    for (const np::Warning& w : sys.warnings) std::cerr << w.render() << "\n";
    const std::string out = a.out.empty() ? std::filesystem::path(a.file).stem().string() + np::export_extension(f) : a.out;
    std::ostringstream text;
    np::export_model(sys, a.properties, f, text);  // usage errors before the file is touched
    std::ofstream file(out, std::ios::binary);
    file << text.str();
    if (!file.flush()) throw std::invalid_argument("cannot write " + out);
    std::cout << "exported: " << out << "\n";
    return 0;
}

int run_ci(const CiArgs& a, const np::Budget& budget) {
    namespace fs = std::filesystem;
    std::string path = a.manifest;
    std::error_code ec;
    if (fs::is_directory(path, ec)) path = (fs::path(path) / np::kManifestFileName).string();
    if (!fs::exists(path, ec)) throw std::invalid_argument(path + ": no such manifest (docs/ci.md says how to write one)");
    const np::Manifest m = np::read_manifest(path);
    np::CiOptions o;
    o.out = a.out;
    o.jobs = a.jobs;
    o.tags = a.tags;
    o.tasks = a.tasks;
    o.designs = a.designs;
    if (!a.no_cache) o.cache_dir = a.cache.empty() ? (fs::path(m.root) / ".neuroproof-cache").string() : a.cache;
    o.isolate_with = "/proc/self/exe";
    o.budget = budget;
    o.load = np::load_model;
    np::prepare_run_folder(a.out);
    o.write = [](np::CiJob& job, const np::System& sys) {
        np::RunSummary run;
        run.input = job.input;
        for (const np::CiResult& r : job.results) run.results.push_back(r.result);
        run.exit_code = np::exit_code(run.results);
        np::prepare_run_folder(job.folder);
        for (const std::string& w : np::write_run_folder(job.folder, sys, run))
            std::cerr << "neuroproof: warning: " << job.design << "/" << job.task << ": " << w << "\n";
        job.trace_dirs = run.trace_dirs;
    };
    o.on_job = [&](const np::CiJob& job) {
        np::write_job_status(job);
        if (a.quiet) return;
        for (const np::CiResult& r : job.results) std::cout << np::ci_result_line(job, r) << std::flush;
    };
    const np::CiRun run = np::run_manifest(m, o);
    try {
        np::write_ci_outputs(a.out, run);
    } catch (const std::exception& e) {
        std::cerr << "neuroproof: error: the results could not be written to " << a.out << ": " << e.what() << "\n";
        return np::exit_code(np::Verdict::Error);
    }
    std::size_t results = 0, cached = 0;
    for (const np::CiJob& j : run.jobs)
        for (const np::CiResult& r : j.results) ++results, cached += r.cached;
    const std::vector<std::string> unexpected = np::unexpected_results(run);
    std::cout << run.jobs.size() << " jobs, " << results << " results (" << cached << " from the proof cache, re-verified), "
              << unexpected.size() << " unexpected, " << std::fixed << std::setprecision(2) << run.seconds << "s\n";
    if (!unexpected.empty()) {
        std::cout << "unexpected:\n";
        for (const std::string& u : unexpected) std::cout << "  " << u << "\n";
    }
    std::cout << "summary: " << (fs::path(a.out) / "summary.json").string() << "\nreport:  " << (fs::path(a.out) / "index.html").string() << "\n";
    return np::ci_exit_code(run);
}

int run_events(const std::string& file, bool json) {
    np::RecordingInfo rec;
    const np::RecordingSummary s = np::summarize_events(file, rec);  // streamed: any size, bounded memory
    auto dim = [](const std::optional<std::uint32_t>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); };
    if (json) {
        nlohmann::ordered_json j = {{"format", rec.format}, {"width", dim(rec.width)}, {"height", dim(rec.height)},
                            {"events", s.events}, {"on", s.on}, {"off", s.off},
                            {"t_first", s.t_first}, {"t_last", s.t_last}};
        std::cout << np::json_text(j) << "\n";
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

// Exit as a verdict: PASS confirmed; FAIL rejected (tampered, not this model's) or refuted (a
// solver answered sat); UNKNOWN not confirmed (a time-out, a missing solver); 2: usage.
int run_certify(const std::string& dir, const std::string& model, double timeout, const np::Budget& budget) {
    np::Certificate stored;
    try {
        stored = np::read_certificate(dir);
    } catch (const np::CertificateRejected& e) {
        std::cout << "certificate REJECTED: " << e.what() << "\n";
        return np::exit_code(np::Verdict::Fail);
    }
    np::ModelSource source = stored.binding.source;
    if (!model.empty()) source.file = model;
    if (source.file.empty())
        throw std::invalid_argument(dir + ": the certificate does not say which model it is about: name it with --model FILE");
    const np::System sys = np::load_model(source);
    np::Certificate c;
    try {
        c = np::regenerate_certificate(sys, stored);
    } catch (const np::CertificateRejected& e) {
        std::cout << "certificate REJECTED: " << e.what() << "\n";
        return np::exit_code(np::Verdict::Fail);
    }
    std::cout << "model:       " << source.file << " (fingerprint " << c.binding.model_sha256.substr(0, 16) << "… matches)\n";
    std::cout << "property:    " << c.property << ", " << c.method << (c.k > 1 ? ", k = " + std::to_string(c.k) : std::string())
              << "; obligations rebuilt from the model and invariant.smt2, equal to the stored ones\n";
    np::RecheckOptions o;
    o.timeout_seconds = timeout;
    o.stop = [c = budget.cancel] { return c->cancelled(); };
    np::recheck_certificate(c, o);
    for (const auto& k : c.checks)
        std::cout << pad(k.obligation + ".smt2", 16) << pad(k.solver, 10) << pad(k.answer, 12) << std::fixed << std::setprecision(2)
                  << k.seconds << "s" << (k.detail.empty() ? "" : "  " + k.detail.substr(0, 160)) << "\n";
    if (c.confirmed()) {
        std::cout << "certificate confirmed (" << c.confirmation() << ")\n";
        return np::exit_code(np::Verdict::Pass);
    }
    std::cout << (c.refuted() ? "certificate REFUTED: " : "certificate NOT confirmed: ") << c.failure() << "\n";
    return np::exit_code(c.refuted() ? np::Verdict::Fail : np::Verdict::Unknown);
}

struct ActivityArgs {
    std::string file;
    std::string stream;
    std::uint64_t seed = 1;
};

int run_activity(const ActivityArgs& a) {
    np::System sys = np::load_system(a.file);
    for (const np::Warning& w : sys.warnings) std::cerr << w.render() << "\n";
    auto inputs = np::read_input_stream(sys, a.stream);
    np::Scheduler scheduler = np::Scheduler::random(a.seed);
    np::SimulationResult r = np::simulate(sys, inputs, scheduler);
    std::cout << np::format_activity_report(np::activity_report(sys, r));
    if (!r.stopped.empty()) {
        std::cout << "stopped: " << r.stopped << "\n";
        return np::exit_code(np::Verdict::Fail);
    }
    return np::exit_code(np::Verdict::Pass);
}

// The evidence of a fuzz or replay result beside its case (reports/write_run.hpp's one trace writer).
void write_trace_files(const std::string& dir, const np::System& sys, const np::PropertyResult& r) {
    std::vector<std::string> warnings;
    np::write_trace_folder(dir, sys, r, warnings);
    for (const std::string& w : warnings) std::cerr << "neuroproof: warning: " << w << "\n";
}

struct FuzzCli {
    std::string design, reference, out, recording, order = "per-input";
    std::vector<std::string> parameters;  // NAME=VALUE
    std::uint64_t cases = 1000, seed = 1;
    std::size_t max_events = 32;
    std::int64_t leak_period_us = 0;
    bool quiet = false;
    std::uint32_t prove = 0;      // > 0: bounded formal equivalence for streams of up to this many inputs
    std::string prove_engine = "bmc";
    double timeout = 0;
    std::string shard = "1/1";          // K/N
    std::string evaluator = "compiled";  // or tree-walk
};

// A design bound to a reference configuration, as fuzz and equiv load it: the design is built for
// the reference, its CONFIG parameter naming a complete copy written into the output folder.
struct BoundDesign {
    std::string out;
    np::SpeckConfig cfg;
    std::string ref_text;
    np::System sys;
};

BoundDesign bind_design(const std::string& design, const std::string& reference, const std::vector<std::string>& parameters,
                        std::string out, const char* suffix) {
    namespace fs = std::filesystem;
    BoundDesign b;
    b.out = out.empty() ? "neuroproof-out/" + fs::path(design).stem().string() + suffix : std::move(out);
    b.cfg = np::complete_config(np::read_speck_config(reference));
    fs::create_directories(b.out);
    const std::string ref_copy = fs::absolute(fs::path(b.out) / "reference.json").string();
    b.ref_text = np::write_speck_config(b.cfg);
    std::ofstream(ref_copy) << b.ref_text;
    b.sys = np::load_model(np::fuzz_design_source(design, ref_copy, np::parameter_overrides(parameters)));
    return b;
}

np::OutputOrder output_order(const std::string& o) {
    return o == "exact" ? np::OutputOrder::Exact : o == "per-neuron" ? np::OutputOrder::PerNeuron : np::OutputOrder::PerInput;
}

int run_fuzz(const FuzzCli& a, const np::Budget& budget) {
    namespace fs = std::filesystem;
    BoundDesign bound = bind_design(a.design, a.reference, a.parameters, a.out, "-fuzz");
    const std::string& out = bound.out;
    const np::SpeckConfig& cfg = bound.cfg;
    const std::string& ref_text = bound.ref_text;
    const np::System& sys = bound.sys;
    const auto params = np::parameter_overrides(a.parameters);
    np::FuzzOptions o;
    o.cases = a.cases;
    o.seed = a.seed;
    o.max_events = a.max_events;
    o.shard = *np::parse_shard(a.shard);  // validated by the option
    o.evaluator = a.evaluator == "tree-walk" ? np::HarnessEvaluator::TreeWalk : np::HarnessEvaluator::Compiled;
    o.binding.order = output_order(a.order);
    if (!a.quiet) o.progress = [](const np::FuzzProgress& p) { std::cerr << np::format_progress(p) << "\n"; };
    o.cancel = budget.cancel;
    if (a.prove > 0) {
        np::MiterOptions mo;
        mo.max_inputs = a.prove;
        mo.engine = a.prove_engine;
        mo.timeout_seconds = a.timeout;
        mo.cancel = budget.cancel;
        mo.binding = o.binding;
        np::MiterResult m = np::prove_equivalence(sys, cfg, mo);
        const np::PropertyResult& r = m.result;
        std::cout << "equivalence  " << np::verdict_name(r.verdict) << "  " << r.engine << "  " << r.seconds << "s  " << r.message << "\n";
        if (r.trace) {
            const std::string dir = out + "/miter";
            std::filesystem::create_directories(dir);
            write_trace_files(dir, sys, r);
            std::cout << "trace: " << dir << "/trace.txt\n";
        }
        return np::exit_code(r.verdict);
    }
    np::FuzzReport rep;
    if (!a.recording.empty()) {
        np::EventRecording rec = np::read_events(a.recording);
        require_leak_ticks(np::clock_for(rec.events, a.leak_period_us), a.recording);
        np::RecordingStream rs = np::recording_stream(cfg, rec.events, a.leak_period_us);
        rep = np::fuzz_schedules(sys, cfg, np::gen::schedule_cases(rs.stream, o.seed), o);
    } else {
        rep = np::fuzz_equivalence(sys, cfg, np::gen::stream_cases(cfg, o.max_events, o.seed), o);
    }
    std::cout << "equivalence  " << np::verdict_name(rep.verdict) << "  fuzz  " << rep.totals.seconds << "s  "
              << np::format_progress(rep.totals) << "  " << rep.message << "\n";
    std::cout << np::format_fuzz_coverage(rep.coverage) << "\n";
    if (rep.verdict != np::Verdict::Fail) return np::exit_code(rep.verdict);  // ERROR, or UNKNOWN: no mismatch in N cases
    const np::FuzzCounterexample& cx = *rep.counterexample;
    const std::string dir = out + "/case";
    np::write_case(dir, np::fuzz_case_of(sys, fs::absolute(a.design).string(), params, a.seed, o.binding, cx), ref_text);
    np::EquivalenceHarness h(sys, cfg, o.binding);
    np::PropertyResult pr = h.result(cx.stream, cx.run);  // replayed before it is reported
    if (pr.trace) write_trace_files(dir, sys, pr);
    std::cout << "counterexample: " << cx.stream.size() << " inputs, " << cx.run.fired.size() << " steps: " << dir
              << "  (neuroproof replay " << dir << ")\n";
    return np::exit_code(np::Verdict::Fail);
}

struct EquivCli {
    std::string design, reference, out, order = "per-input";
    np::FuzzBinding binding;
    std::vector<std::string> parameters;
    std::uint32_t max_depth = 1000, search_inputs = 2;
    std::uint64_t max_states = 0;
    double timeout = 0;
    bool quiet = false;
};

// equiv: spike equivalence for every stream by induction over inputs (checkers/prove_per_event.hpp).
int run_equiv(const EquivCli& a, const np::Budget& budget) {
    BoundDesign b = bind_design(a.design, a.reference, a.parameters, a.out, "-equiv");
    np::PerEventOptions o;
    o.binding = a.binding;
    o.binding.order = output_order(a.order);
    o.max_depth = a.max_depth;
    o.search_inputs = a.search_inputs;
    o.max_states = a.max_states;
    o.timeout_seconds = a.timeout;
    if (!a.quiet) o.progress = [](const std::string& note) { std::cerr << note << "\n"; };
    o.cancel = budget.cancel;
    np::PerEventResult res = np::prove_per_event_equivalence(b.sys, b.cfg, o);
    np::PropertyResult& r = res.miter.result;
    std::cout << "equivalence  " << np::verdict_name(r.verdict) << "  " << r.engine << "  " << r.seconds << "s  " << r.message << "\n";
    if (res.settling_bound) {
        std::cout << "settling bound B: " << res.settling_bound << " steps; " << res.states << " symbolic states, " << res.leaves
                  << " run ends, " << res.rest_states << " rest states\n";
        for (const std::string& s : res.strengthening) std::cout << "R: " << s << "\n";
        if (!res.ignored_slots.empty()) {
            std::cout << "outside R (no guard and not the property depend on them):";
            for (const std::string& s : res.ignored_slots) std::cout << " " << s;
            std::cout << "\n";
        }
        std::cout << "free in R (written before read at rest): " << (res.free_slots.empty() ? std::string("none") : "");
        for (std::size_t i = 0; i < res.free_slots.size(); ++i) std::cout << (i ? ", " : "") << res.free_slots[i];
        std::cout << "\n";
    }
    if (r.certificate) {
        const std::string dir = b.out + "/certificate";
        np::write_certificate(dir, *r.certificate);
        std::cout << "certificate: " << dir << "/manifest.json\n";
    }
    if (r.trace) {  // a counterexample on the design (FAIL, or ERROR when the harness disagrees)
        const std::string dir = b.out + "/counterexample";
        std::filesystem::create_directories(dir);
        write_trace_files(dir, b.sys, r);
        std::cout << "trace: " << dir << "/trace.txt\n";
    }
    return np::exit_code(r.verdict);
}

int run_replay(const std::string& dir) {
    np::FuzzCase c = np::read_case(dir);
    const std::string ref = (std::filesystem::path(dir) / c.reference).string();
    np::System sys = np::load_model(np::fuzz_design_source(c.design, std::filesystem::absolute(ref).string(), c.parameters));
    np::SpeckConfig cfg = np::read_speck_config(ref);
    np::EquivalenceHarness h(sys, cfg, c.binding);
    np::CaseRun r = np::replay_case(h, c, (std::filesystem::path(dir) / "schedule.txt").string());
    if (!r.replay_error.empty()) {
        std::cout << "equivalence  ERROR  replay  " << r.replay_error << "\n";
        return np::exit_code(np::Verdict::Error);
    }
    if (r.equivalent()) {
        std::cout << "equivalence  UNKNOWN  replay  the case no longer fails: " << c.stream.size() << " inputs, "
                  << r.fired.size() << " steps equal the reference\n";
        return np::exit_code(np::Verdict::Unknown);
    }
    np::PropertyResult pr = h.result(c.stream, r, c.max_idle);
    write_trace_files(dir, sys, pr);
    std::cout << "equivalence  " << np::verdict_name(pr.verdict) << "  replay  " << pr.message << "  trace: " << dir
              << "/trace.txt\n";
    return np::exit_code(pr.verdict);
}

struct EmulateArgs {
    std::string config;
    std::string events;
    std::string out;
    std::int64_t leak_period = 0;
    std::uint32_t attention_k = 0;  // 0: no attention
    std::int64_t slice_us = 10000;
    std::uint32_t group = 0;
    std::string score = "events";
    std::uint32_t repeat = 1;
    bool json = false;
    std::string crop;             // X,Y,W,H
    std::uint32_t downsample = 1;
    std::int64_t bin_us = 0;      // activity timeline bins; 0: about 200 over the recording
    bool no_pictures = false;
};

np::SpeckConfig load_config(const std::string& path) {
    if (std::filesystem::path(path).extension() == ".nir") return np::import_nir(path).config;
    return np::read_speck_config(path);
}

int run_emulate(const EmulateArgs& a) {
    np::SpeckConfig cfg = load_config(a.config);
    np::Emulator emu(cfg);
    if (!cfg.dvs) throw std::invalid_argument(a.config + ": the configuration has no DVS layer to feed the recording to");
    np::EventMapping mapping;
    if (!a.crop.empty()) mapping.crop = np::parse_window(a.crop);  // validated by the option
    mapping.downsample = a.downsample;
    np::SensorFit fit;
    auto map_event = [&](const np::DvsEvent& e) {
        std::optional<np::DvsEvent> m = mapping.apply(e);
        fit.count(e, m, cfg.dvs->width, cfg.dvs->height);
        return m;
    };
    auto warn_fit = [&] {
        if (fit.cropped) std::cerr << "neuroproof: note: --crop " << a.crop << " left out " << fit.cropped << " of " << fit.events << " events\n";
        if (const std::string w = fit.warning(cfg.dvs->width, cfg.dvs->height); !w.empty()) std::cerr << "neuroproof: warning: " << w << "\n";
    };

    std::string out = a.out.empty() ? (std::filesystem::path("neuroproof-out") /
                                       np::shorten_file_name(std::filesystem::path(a.events).stem().string() + "-emulate")).string()
                                    : a.out;
    std::filesystem::create_directories(out);
    nlohmann::ordered_json report;
    auto in_out = [&](const std::string& name) { return (std::filesystem::path(out) / name).string(); };
    const std::string spikes_path = in_out("spikes.csv");
    // Every core's spikes, the activity over time and the pictures; not with --repeat (a speed run).
    const bool views = a.repeat == 1;

    auto print_run = [&](const char* name, const np::EmulationResult& r, std::uint64_t events_in, double seconds,
                         const std::string& spikes_path) {
        std::cout << name << ": " << r.activity.output_spikes << " output spikes -> " << spikes_path << "\n"
                  << np::format_activity(r, events_in);
        if (a.repeat > 1 && seconds > 0)
            std::printf("  speed: %u runs in %.3f s, %.1f M synaptic updates/s, %.2f M events/s\n", a.repeat, seconds,
                        r.activity.total().synaptic_ops * double(a.repeat) / seconds / 1e6,
                        double(events_in) * a.repeat / seconds / 1e6);
    };

    auto print_input = [&](const std::string& format, std::uint64_t events) {
        std::cout << "config: " << a.config << " (" << cfg.cores.size() << " cores)\n"
                  << "events: " << a.events << " (" << format << ", " << events << " events)\n";
    };
    auto write_views = [&](const np::EmulationView& ungated, const np::EmulationView* gated, std::int64_t t0, std::int64_t t1,
                           std::int64_t bin) {
        np::write_activity_timeline_csv(in_out("activity-timeline.csv"), ungated.result->timeline);
        if (gated) np::write_activity_timeline_csv(in_out("activity-timeline-gated.csv"), gated->result->timeline);
        std::cout << "every core's spikes: " << in_out("core-spikes.csv") << (gated ? " (gated: core-spikes-gated.csv)" : "")
                  << "\nactivity over time: " << in_out("activity-timeline.csv") << "\n";
        if (a.no_pictures) return;
        for (const std::string& f : np::write_emulation_pictures(out, cfg, ungated, gated, t0, t1, bin))
            std::cout << "picture: " << f << ".svg, .png\n";
    };

    const bool in_memory = a.attention_k > 0 || a.repeat > 1;  // attention ranks slices of the whole stream
    if (!in_memory) {
        // Streamed: the recording is read event by event twice (its time span first, for the leak
        // clock and the activity bins) and the spikes go to the CSV files as they come.
        np::RecordingInfo rec;
        const np::RecordingSummary span = np::summarize_events(a.events, rec);
        np::StreamClock clock{a.leak_period, span.t_min, span.t_max};
        if (a.leak_period > 0) require_leak_ticks(clock, a.events);
        const std::int64_t bin = a.bin_us ? a.bin_us : np::round_bin_width(span.t_min, span.t_max, 200);
        np::ActivityTimeline timeline(span.t_min, bin);
        np::CoreSpikeLog log(in_out("core-spikes.csv"));
        emu.set_probe(log.probe());
        np::SpikesCsvWriter spikes(spikes_path);
        np::StreamRun run(emu, clock, [&](const std::vector<np::OutputSpike>& batch) { spikes.write(batch); });
        run.observe(&timeline);
        std::uint64_t events_in = 0;
        rec = np::stream_events(a.events, [&](const np::DvsEvent& e) {
            if (auto m = map_event(e)) ++events_in, run.feed(*m);
        });
        const np::EmulationResult full = run.finish();
        spikes.close();
        log.close();
        warn_fit();
        print_input(rec.format, events_in);
        print_run("ungated", full, events_in, 0, spikes_path);
        write_views({&full, &log}, nullptr, span.t_min, span.t_max, bin);
        report = np::emulation_report_json(a.config, a.events, full, events_in);
    } else {
        const np::EventRecording rec = np::read_events(a.events);
        std::vector<np::DvsEvent> events;
        events.reserve(rec.events.size());
        for (const np::DvsEvent& e : rec.events)
            if (auto m = map_event(e)) events.push_back(*m);
        warn_fit();
        const np::StreamClock clock = np::clock_for(events, a.leak_period);
        require_leak_ticks(clock, a.events);
        const std::int64_t bin = a.bin_us ? a.bin_us : np::round_bin_width(clock.t_begin, clock.t_end, 200);
        std::optional<np::CoreSpikeLog> log, gated_log;
        std::optional<np::ActivityTimeline> timeline, gated_timeline;
        auto timed_run = [&](const std::vector<np::DvsEvent>& evs, double& seconds, std::optional<np::CoreSpikeLog>& lg,
                             std::optional<np::ActivityTimeline>& tl, const char* csv) {
            np::EmulationResult r;
            if (views) {
                lg.emplace(in_out(csv));
                tl.emplace(clock.t_begin, bin);
                emu.set_probe(lg->probe());
            }
            auto t0 = std::chrono::steady_clock::now();
            for (std::uint32_t k = 0; k < a.repeat; ++k) r = np::emulate_stream(emu, evs, clock, tl ? &*tl : nullptr);
            seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (lg) lg->close();
            emu.set_probe({});
            return r;
        };
        print_input(rec.format, events.size());
        double secs = 0;
        np::EmulationResult full = timed_run(events, secs, log, timeline, "core-spikes.csv");
        np::write_spikes_csv(spikes_path, full.spikes);
        print_run("ungated", full, events.size(), secs, spikes_path);
        if (a.attention_k == 0) {
            report = np::emulation_report_json(a.config, a.events, full, events.size());
            if (views) write_views({&full, &*log}, nullptr, clock.t_begin, clock.t_end, bin);
        }

        if (a.attention_k > 0) {
            np::AttentionOptions ao{a.slice_us, a.attention_k, a.group,
                                    a.score == "pixels" ? np::SliceScore::ActivePixels : np::SliceScore::Events};
            np::AttentionResult att = np::apply_temporal_attention(events, ao);
            std::size_t kept_slices = 0;
            for (const auto& s : att.slices) kept_slices += s.kept;
            np::EmulationResult gated = timed_run(att.kept, secs, gated_log, gated_timeline, "core-spikes-gated.csv");
            std::string gated_path = in_out("spikes-gated.csv");
            np::write_spikes_csv(gated_path, gated.spikes);
            std::cout << "attention: slices of " << a.slice_us << " us, top " << a.attention_k << " by " << a.score << " per "
                      << (a.group ? "group of " + std::to_string(a.group) + " slices" : std::string("stream")) << ": kept "
                      << kept_slices << " of " << att.slices.size() << " slices, " << att.kept.size() << " of "
                      << events.size() << " events\n";
            print_run("gated", gated, att.kept.size(), secs, gated_path);
            double ops_full = static_cast<double>(full.activity.total().synaptic_ops);
            double ops_gated = static_cast<double>(gated.activity.total().synaptic_ops);
            if (ops_full > 0) std::printf("gated/ungated synaptic operations: %.3f\n", ops_gated / ops_full);
            const np::GatedEmulation g{ao, att.slices.size(), kept_slices, att.kept.size(), gated};
            report = np::emulation_report_json(a.config, a.events, full, events.size(), &g);
            if (views) {
                const np::EmulationView gv{&gated, &*gated_log};
                write_views({&full, &*log}, &gv, clock.t_begin, clock.t_end, bin);
            }
        }
    }
    std::string report_path = (std::filesystem::path(out) / "activity.json").string();
    np::write_emulation_report(report_path, report);
    std::cout << "activity: " << report_path << "\n";
    if (a.json) std::cout << np::json_text(report) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // An isolated engine process (checkers/isolated_engine.hpp), started by this binary itself.
    if (argc == 2 && std::string_view(argv[1]) == "__engine") return np::serve_engine_request(np::load_model);
    CLI::App app{"neuroproof " NEUROPROOF_VERSION
                 " — proves and property-tests asynchronous (handshake, spiking) hardware models"};
    app.set_version_flag("--version", std::string("neuroproof ") + NEUROPROOF_VERSION);
    app.require_subcommand(1);

    CheckArgs ca;
    CLI::App* check = app.add_subcommand("check", "check the properties of a model (.g STG, .ll_net Petri net, .np design)");
    check->add_option("FILE", ca.file, "input model")->required();
    check->add_option("--property,-p", ca.options.properties, "property to check (repeatable; default: all)");
    check->add_option("--invariant,-i", ca.invariants,
                      "add the user invariant NAME:EXPR, checked as property invariant:NAME (repeatable)");
    check->add_option("--response", ca.responses,
                      "add the response property NAME:P ~> Q (always P implies eventually Q, under fairness), checked as response:NAME (repeatable)");
    check->add_option("--cover", ca.covers, "add the cover property NAME:EXPR (a reachable state where EXPR holds, with a witness), checked as cover:NAME (repeatable)");
    check->add_option("--strong-fair", ca.strong_fair,
                      "liveness: assume strong fairness of this transition, or of every transition of this component (repeatable; default: weak fairness of local transitions)");
    check->add_option("--weak-fair", ca.weak_fair, "liveness: assume weak fairness of this transition or component (e.g. an environment's input; repeatable)");
    check->add_option("--unfair", ca.unfair, "liveness: assume no fairness of this transition or component (repeatable)");
    std::string engine_help = "engine (default auto):";
    for (const np::EngineInfo& e : np::engines()) engine_help += "\n  " + pad(std::string(e.name), 9) + std::string(e.summary);
    check->add_option("--engine", ca.options.engine, engine_help)->check(CLI::IsMember(np::engine_names()));
    check->add_option("--depth", ca.options.depth, "bmc: deepest step; kind: largest k (default 30)")->check(CLI::Range(0u, 100000u));
    check->add_option("--within", ca.options.within, "quiescence: require the settling bound B (longest local-only run) <= B")
        ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1} << 60));
    check->add_option("--max-k", ca.options.max_k, "quiescence: require K* (local energy per input event) <= K (Q4); K exact: 2, 0.5, 1/3");
    check->add_option("--param", ca.parameters, "a design's top-level parameter NAME=VALUE (repeatable)");
    check->add_option("--mutex", ca.options.mutex, "persistency: signals A,B are mutex grants that may withdraw each other (repeatable)");
    check->add_option("--out,-o", ca.out, "output folder (default neuroproof-out/<input file name>); an earlier run's results in it are removed");
    check->add_flag("--json", ca.json, "print summary.json to stdout instead of the result lines");
    check->add_option("--max-states", ca.options.max_states, "stop exploring after N states (UNKNOWN)")->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4000000000}));
    check->add_option("--max-memory", ca.max_memory_mb, "memory budget of the whole run in MiB, every engine included (UNKNOWN past it; default 8192)")->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 30));
    check->add_option("--timeout", ca.timeout, "wall-clock budget of the whole run in seconds, every engine and re-check included (UNKNOWN past it)")->check(CLI::Range(0.0, 1e9));
    check->add_option("--jobs,-j", ca.options.jobs, "auto: proof attempts at once beside the explicit and BMC lanes (default: the machine's cores, at least 2); explicit: breadth-first worker threads (default 1)")->check(CLI::Range(1u, 1024u));
    check->add_flag("--por", ca.options.reduce, "explicit engine: partial-order reduction (stubborn sets) for deadlock and transition clauses; invariants still get a full search");
    check->add_option("--search", ca.options.search, "explicit engine: bfs (default, shortest counterexamples) or dfs (deep deadlocks sooner)")
        ->check(CLI::IsMember({"bfs", "dfs"}));
    check->add_flag("--paranoid", ca.options.paranoid, "confirm every conclusive verdict with a second engine; a disagreement is ERROR");
    check->add_flag("--in-process", ca.in_process, "run the symbolic engines in this process, not isolated in their own (a crash inside Z3 then ends the run)");
    check->add_option("--capacity", ca.capacity, "raise every place's capacity to at least N")->check(CLI::Range(1u, 1000000u));
    check->add_flag("--quiet,-q", ca.quiet, "no progress lines");
    check->footer(kCheckFooter);

    CiArgs ci;
    CLI::App* ci_cmd = app.add_subcommand("ci", "run a project's manifest (neuroproof.toml, docs/ci.md): every design x task, results against expectations");
    ci_cmd->add_option("MANIFEST", ci.manifest, "manifest file, or a folder holding neuroproof.toml (default: .)");
    ci_cmd->add_option("--out,-o", ci.out, "output folder (default neuroproof-ci); an earlier run's results in it are removed");
    ci_cmd->add_option("--jobs,-j", ci.jobs, "design x task checks at once (default 1)")->check(CLI::Range(1u, 256u));
    ci_cmd->add_option("--tag", ci.tags, "run only the tasks and designs with this tag (repeatable)");
    ci_cmd->add_option("--task", ci.tasks, "run only this task (repeatable)");
    ci_cmd->add_option("--design", ci.designs, "run only this design (repeatable)");
    ci_cmd->add_option("--cache", ci.cache, "proof cache folder (default <manifest folder>/.neuroproof-cache)");
    ci_cmd->add_flag("--no-cache", ci.no_cache, "neither reuse nor store results");
    ci_cmd->add_option("--timeout", ci.timeout, "wall-clock budget of the whole run in seconds (tasks have their own timeout)")->check(CLI::Range(0.0, 1e9));
    ci_cmd->add_option("--max-memory", ci.max_memory_mb, "memory budget of the whole run in MiB (default 16384)")->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 30));
    ci_cmd->add_flag("--quiet,-q", ci.quiet, "no result lines, only the totals");
    ci_cmd->footer(R"(Exit status: 0 every result as expected; 2 a bad manifest or usage; 1 the results could
not be written; otherwise the sum of one bit per kind of unexpected result:
  4 FAIL   8 UNKNOWN   16 TIMEOUT   32 ERROR   64 PASS (where something else was expected)
Outputs: <out>/summary.json, junit.xml, index.html, status; per design x task <out>/<design>/<task>/
(the check's run folder and its status line).)");

    std::string events_file;
    bool events_json = false;
    CLI::App* events = app.add_subcommand("events", "describe an event recording (AEDAT 2/3.1/4, EVT 2/3, DAT, N-MNIST, text)");
    events->add_option("FILE", events_file, "recording")->required();
    events->add_flag("--json", events_json, "one JSON object: format, width, height, events, on, off, t_first, t_last");
    events->footer("Exit status: 0 described; 2 an unreadable or malformed recording, or bad usage.");

    std::string cert_dir, cert_model;
    double cert_timeout = 120;
    CLI::App* certify = app.add_subcommand("certify", "check a stored proof certificate against its model: rebuild its obligations, re-check them with cvc5, z3 and boolector");
    certify->add_option("DIR", cert_dir, "certificate folder (<out>/<property>/certificate)")->required();
    certify->add_option("--model", cert_model, "the model file (default: the one the certificate names; its parameters and --invariant options are taken from the certificate)");
    certify->add_option("--timeout", cert_timeout, "seconds per obligation and solver (default 120)")->check(CLI::Range(0.1, 1e6));
    certify->footer(R"(Exit status: 0 confirmed (every obligation unsat for a solver other than the one that found
the proof); 1 refuted (a solver answered sat) or rejected (altered, or not this model's); 3 not
confirmed (a time-out or a missing solver); 2 bad usage or an unreadable certificate.)");

    ActivityArgs aa;
    CLI::App* activity = app.add_subcommand("activity", "switching activity per input event, by component, for an input stream");
    activity->add_option("FILE", aa.file, "model (.g, .ll_net, .np)")->required();
    activity->add_option("--stream,-s", aa.stream, "input stream: one input transition name per line (NAME * N repeats)")->required();
    activity->add_option("--seed", aa.seed, "seed of the random scheduler of concurrent local transitions (default 1)");
    activity->footer("Exit status: 0 the stream ran to its end; 1 it blocked (an input not accepted); 2 bad input or usage.");

    FuzzCli fz;
    CLI::App* fuzz = app.add_subcommand("fuzz", "equivalence fuzzing of an implementation design against the reference emulator");
    fuzz->add_option("DESIGN", fz.design, "implementation design (.np) with a CONFIG parameter")->required();
    fuzz->add_option("--reference", fz.reference, "reference chip configuration (JSON)")->required();
    fuzz->add_option("--cases", fz.cases, "generated cases, stream x schedule (default 1000)")->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
    fuzz->add_option("--seed", fz.seed, "seed of the run (default 1)");
    fuzz->add_option("--shard", fz.shard,
                     "run shard K of N of the campaign: the cases i with i mod N = K-1 (a CI matrix runs 1/N..N/N with one seed "
                     "and --cases; a failure names the same case as an unsplit run)")
        ->check(CLI::Validator([](std::string& t) { return np::parse_shard(t) ? std::string() : "expected K/N with 1 <= K <= N <= 2^32, got '" + t + "'"; },
                               "K/N"));
    fuzz->add_option("--evaluator", fz.evaluator, "how the design is evaluated: compiled (default) or tree-walk (the reference evaluator, for benchmarks and cross-checks)")
        ->check(CLI::IsMember({"compiled", "tree-walk"}));
    fuzz->add_option("--max-events", fz.max_events, "inputs per generated stream (default 32)")->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
    fuzz->add_option("--recording", fz.recording, "take the stream from a DVS recording and fuzz the schedules only");
    fuzz->add_option("--leak-period", fz.leak_period_us, "with --recording: a leak tick every US microseconds")->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
    fuzz->add_option("--order", fz.order, "spike order compared: per-input (default), exact, per-neuron")->check(CLI::IsMember({"per-input", "exact", "per-neuron"}));
    fuzz->add_option("--param", fz.parameters, "top-level design parameter NAME=VALUE (e.g. MUTANT=3), repeatable");
    fuzz->add_option("--out,-o", fz.out, "output folder (default neuroproof-out/<design>-fuzz)");
    fuzz->add_flag("--quiet,-q", fz.quiet, "no progress lines");
    fuzz->add_option("--prove", fz.prove, "instead of fuzzing: a Z3 miter proves equivalence for every stream of up to N inputs and every schedule")
        ->check(CLI::Range(1u, 64u));
    fuzz->add_option("--prove-engine", fz.prove_engine, "engine of --prove: bmc (default), kind, spacer, explicit")->check(CLI::IsMember(np::engine_names(true)));
    fuzz->add_option("--timeout", fz.timeout, "wall-clock budget of the run in seconds: fuzzing stops starting cases, --prove stops its engine (UNKNOWN)")->check(CLI::Range(0.0, 1e9));
    EquivCli eq;
    CLI::App* equiv = app.add_subcommand("equiv", "prove spike equivalence with the emulator for every stream of every length (induction over inputs)");
    equiv->add_option("DESIGN", eq.design, "implementation model (.np), e.g. examples/speck_core/speck_core_open.np")->required();
    equiv->add_option("--reference", eq.reference, "reference chip configuration (JSON)")->required();
    equiv->add_option("--order", eq.order, "spike order compared: per-input (default), per-neuron")->check(CLI::IsMember({"per-input", "per-neuron"}));
    equiv->add_option("--param", eq.parameters, "top-level design parameter NAME=VALUE (e.g. MUTANT=3), repeatable");
    equiv->add_option("--max-depth", eq.max_depth, "longest run from rest explored, in steps (default 1000)")->check(CLI::Range(1u, 100000u));
    equiv->add_flag("--quiet,-q", eq.quiet, "no progress notes on stderr");
    equiv->add_option("--events", eq.binding.events, "the design's input event channel (default dvs)");
    equiv->add_option("--leak", eq.binding.leak, "the design's leak tick channel (default leak)");
    equiv->add_option("--output", eq.binding.output, "the design's output spike channel (default out)");
    equiv->add_option("--state", eq.binding.state, "the design's neuron memory, an s16 array [c][x][y] that R equates with the "
                                                   "emulator's (default core.v)");
    equiv->add_option("--max-states", eq.max_states, "symbolic states explored at most (default: no limit)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
    equiv->add_option("--search-inputs", eq.search_inputs, "every schedule of streams of up to N inputs is explored from the initial state (explicit miter): to confirm a failing step, and for schedules that overlap inputs (default 2; 0: neither)")
        ->check(CLI::Range(0u, 8u));
    equiv->add_option("--out,-o", eq.out, "output folder (default neuroproof-out/<design>-equiv): certificate/, counterexample/");
    equiv->add_option("--timeout", eq.timeout, "wall-clock budget in seconds (UNKNOWN when it ends)")->check(CLI::Range(0.0, 1e9));
    equiv->footer("Exit status: 0 PASS (certificate re-checked by cvc5 and z3); 1 FAIL (a counterexample the fuzz harness\n"
                  "replays) or ERROR; 3 UNKNOWN (which obligation stayed open); 2 bad input or usage. docs/equivalence.md.");
    std::string replay_dir;
    CLI::App* replay = app.add_subcommand("replay", "replay a fuzzing case folder deterministically and write its trace");
    replay->add_option("CASE", replay_dir, "case folder written by neuroproof fuzz")->required();
    replay->footer("Exit status: 1 the case still differs from the emulator (FAIL, trace written) or cannot be replayed\n"
                   "(ERROR); 3 it no longer differs (UNKNOWN: the fix is not a proof); 2 bad input or usage.");

    EmulateArgs ea;
    CLI::App* emulate = app.add_subcommand("emulate", "run the reference emulator of the Speck cores on a recording");
    emulate->add_option("--config,-c", ea.config, "chip configuration: JSON (docs/emulator.md) or a NIR graph (.nir)")->required();
    emulate->add_option("--events,-e", ea.events, "event recording (any format `neuroproof events` reads)")->required();
    emulate->add_option("--out,-o", ea.out, "output folder (default neuroproof-out/<recording>-emulate)");
    emulate->add_option("--leak-period", ea.leak_period, "slow-clock leak tick every US microseconds of event time (default: none)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
    emulate->add_option("--attention", ea.attention_k,
                        "temporal attention: keep the K most important time slices (per group), mask the rest; "
                        "runs gated and ungated and reports both")
        ->check(CLI::Range(1u, 1000000000u));
    emulate->add_option("--slice", ea.slice_us, "attention time slice in microseconds (default 10000)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
    emulate->add_option("--group", ea.group, "attention: choose the top K in every group of G consecutive slices (default: whole stream)")
        ->check(CLI::Range(1u, 1000000000u));
    emulate->add_option("--score", ea.score, "attention slice score: events | pixels (distinct active pixels)")
        ->check(CLI::IsMember({"events", "pixels"}));
    emulate->add_option("--repeat", ea.repeat, "run the recording N times and report the speed")->check(CLI::Range(1u, 1000000u));
    emulate->add_flag("--json", ea.json, "also print the activity report as one JSON line");
    emulate->add_option("--crop", ea.crop, "take the window X,Y,W,H of the recording (moved to 0,0) before the sensor")
        ->check(CLI::Validator([](std::string& t) { return np::parse_window(t) ? std::string() : "expected X,Y,W,H (W, H >= 1, each < 65536), got '" + t + "'"; },
                               "X,Y,W,H"));
    emulate->add_option("--downsample", ea.downsample, "divide the recording's coordinates by N (after --crop) before the sensor")
        ->check(CLI::Range(1u, 65535u));
    emulate->add_option("--bin", ea.bin_us, "activity-over-time bins of US microseconds (default: about 200 bins over the recording)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
    emulate->add_flag("--no-pictures", ea.no_pictures, "do not draw the raster and activity pictures");

    ExportArgs xa;
    CLI::App* export_cmd = app.add_subcommand("export", "write a model's transition system for hardware model checkers (AIGER, Btor2, SMV) or SPIN (Promela)");
    export_cmd->add_option("FILE", xa.file, "input model (.g, .ll_net, .np)")->required();
    export_cmd->add_option("--format,-f", xa.format, "aiger (binary, default), aag (ASCII AIGER), btor2, smv, promela (SPIN; deadlock only)")
        ->check(CLI::IsMember({"aiger", "aag", "btor2", "smv", "promela"}));
    export_cmd->add_option("--property,-p", xa.properties, "property exported as a bad-state output (repeatable; default: every clause property and deadlock)");
    export_cmd->add_option("--invariant,-i", xa.invariants, "add the user invariant NAME:EXPR, exported as invariant:NAME (repeatable)");
    export_cmd->add_option("--param", xa.parameters, "a design's top-level parameter NAME=VALUE (repeatable)");
    export_cmd->add_option("--capacity", xa.capacity, "raise every place's capacity to at least N")->check(CLI::Range(1u, 1000000u));
    export_cmd->add_option("--out,-o", xa.out, "output file (default: the input's name with the format's extension, here)");
    export_cmd->footer(R"(One transition per step: inputs sel[...] name the transition that fires (a stutter when it
may not); latches start at 0, a name ending in ~ holds its bit inverted. Outputs, in order: one
bad-state output per property (1 where it is violated), then `truncation` when the model has a
blocking property (places beyond their capacity): a proof holds only with truncation unreachable.
The file's comment section lists the transitions by sel value. docs/formats.md, "Export".
Exit status: 0 written; 2 bad input or usage.)");

    std::string shell;
    CLI::App* completion = app.add_subcommand("completion", "print a shell completion script for neuroproof (bash)");
    completion->add_option("SHELL", shell, "the shell")->required()->check(CLI::IsMember({"bash"}));
    app.footer(kAppFooter);  // after the subcommands: CLI11 hands a parent's footer to every one added after it

    // The commands are the subcommands registered above, nothing else to keep in step.
    std::vector<std::string> commands;
    for (const CLI::App* c : app.get_subcommands(std::function<bool(CLI::App*)>{})) commands.push_back(c->get_name());
    if (argc > 1 && argv[1][0] != '-' && std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
        std::string list;
        for (const auto& c : commands) list += (list.empty() ? "" : ", ") + c;
        std::cerr << "neuroproof: error: unknown command '" << argv[1] << "'" << np::did_you_mean(argv[1], commands) << " (commands: " << list
                  << "; see --help)\n";
        return 2;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::string hints;
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::ExtrasError) && argc > 1 && argv[1][0] != '-')  // argv[1] is a command (checked above)
            hints = np::cli::unknown_option_hints(*app.get_subcommand(argv[1]), app, argc, argv);
        if (!hints.empty()) {
            std::cerr << hints << "Run with --help for more information.\n";
            return 2;
        }
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    if (completion->parsed()) {
        std::vector<std::string> properties{"deadlock", "consistency", "safeness", "quiescence", "persistency", "csc", "invariant:", "handshake:"};
        std::cout << np::cli::bash_completion(app, {{"--property", properties},
                                                     {"--format", {"aiger", "aag", "btor2", "smv", "promela"}},
                                                     {"--engine", np::engine_names()},
                                                     {"--prove-engine", np::engine_names(true)},
                                                     {"--order", {"per-input", "exact", "per-neuron"}},
                                                     {"--score", {"events", "pixels"}},
                                                     {"--search", {"bfs", "dfs"}}});
        return 0;
    }
    // One budget per command (DESIGN §7): --timeout and --max-memory for the whole run, and the
    // first SIGINT/SIGTERM stops it like a time-out (results written, exit 3 when nothing failed);
    // a second one ends the process at once with 130.
    // SIGINT and SIGTERM are blocked in every thread and taken by one thread with sigwait: no
    // handler that a library installs around its calls (Z3's ctrl-c handling) can swallow them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::atomic<bool> signals_thread_started{false};
    std::thread([stop_signals, &signals_thread_started] {
        signals_thread_started.store(true);
        for (;;) {
            int signo = 0;
            if (sigwait(&stop_signals, &signo) == 0 && np::request_interrupt(signo) > 0) _exit(130);
        }
    }).detach();
    np::wait_until_started(signals_thread_started);
    const double timeout = check->parsed() ? ca.timeout : fuzz->parsed() ? fz.timeout : equiv->parsed() ? eq.timeout : ci_cmd->parsed() ? ci.timeout : 0;
    const std::uint64_t memory = check->parsed() ? ca.max_memory_mb << 20 : ci_cmd->parsed() ? ci.max_memory_mb << 20 : 0;
    const np::Budget budget(timeout, memory);
    const np::Watchdog watchdog(budget);
    try {
        if (check->parsed()) return run_check(ca, budget);
        if (ci_cmd->parsed()) return run_ci(ci, budget);
        if (events->parsed()) return run_events(events_file, events_json);
        if (certify->parsed()) return run_certify(cert_dir, cert_model, cert_timeout, budget);
        if (activity->parsed()) return run_activity(aa);
        if (emulate->parsed()) return run_emulate(ea);
        if (fuzz->parsed()) return run_fuzz(fz, budget);
        if (equiv->parsed()) return run_equiv(eq, budget);
        if (replay->parsed()) return run_replay(replay_dir);
        if (export_cmd->parsed()) return run_export(xa);
    } catch (const np::SourceError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const np::EmulatorError& e) {
        std::cerr << "neuroproof: error: " << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        std::cerr << "neuroproof: error: " << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "neuroproof: error: out of memory (not a fault of the input; try a smaller --max-memory budget)\n";
        return np::exit_code(np::Verdict::Error);
    } catch (const z3::exception& e) {
        std::cerr << "neuroproof: error: internal error in Z3: " << e.msg() << "\n";
        return np::exit_code(np::Verdict::Error);
    } catch (const std::exception& e) {
        std::cerr << "neuroproof: error: " << e.what() << "\n";
        return 2;
    }
    return 2;
}
