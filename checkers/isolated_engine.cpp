#include "checkers/isolated_engine.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "checkers/check_liveness.hpp"
#include "checkers/replay_trace.hpp"
#include "checkers/result_json.hpp"
#include "model/fingerprint.hpp"
#include "proofs/recheck.hpp"
#include "proofs/spawn_process.hpp"

namespace np {

namespace {

using Clock = std::chrono::steady_clock;
const char* const kPrefix = "@np ";

const char* certificates_name(SymbolicOptions::Certificates c) {
    return c == SymbolicOptions::Certificates::None ? "none" : c == SymbolicOptions::Certificates::Emit ? "emit" : "recheck";
}

SymbolicOptions::Certificates certificates_from(const std::string& s) {
    if (s == "none") return SymbolicOptions::Certificates::None;
    if (s == "emit") return SymbolicOptions::Certificates::Emit;
    if (s == "recheck") return SymbolicOptions::Certificates::Recheck;
    throw std::invalid_argument("unknown certificates mode '" + s + "'");
}

std::string signal_text(int sig) {
    const char* abbrev = sigabbrev_np(sig);
    return "signal " + std::to_string(sig) + (abbrev ? std::string(" (SIG") + abbrev + ")" : std::string());
}


// The last few non-empty lines of a process's diagnostics, on one line.
std::string tail_lines(const std::string& text, std::size_t lines = 3, std::size_t chars = 300) {
    std::vector<std::string> all;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string l = text.substr(start, end - start);
        while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back()))) l.pop_back();
        if (!l.empty()) all.push_back(l);
        start = end + 1;
    }
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += (out.empty() ? "" : " | ") + all[i];
    return out.size() > chars ? out.substr(out.size() - chars) : out;
}

bool write_all(int fd, const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
        const ssize_t n = write(fd, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// What one engine process left behind.
struct WorkerOutcome {
    bool answered = false;  // a results or exception line arrived
    std::vector<PropertyResult> results;
    std::map<std::size_t, PropertyResult> decided;  // sent as they were decided (they survive a crash)
    std::string exception;  // the engine threw (answered, no results)
    std::string death;      // why there is no answer: how the process ended, its last lines
    bool at_limit = false;  // killed at a hard time or memory limit (UNKNOWN, not ERROR)
    bool unisolable = false;  // the request cannot be written: run the job in this process
};

WorkerOutcome run_worker(const System& sys, const SymbolicJob& job, const SymbolicOptions& options, const std::string& fingerprint) {
    static std::once_flag sigpipe;
    std::call_once(sigpipe, [] { signal(SIGPIPE, SIG_IGN); });  // a dead engine's stdin gives EPIPE, not death
    const Isolation& iso = *options.isolation;
    WorkerOutcome out;

    nlohmann::json props = nlohmann::json::array();
    for (const Property* p : job.properties) props.push_back(p->name);
    nlohmann::json request = {
        {"source", model_source_to_json(iso.source)},
        {"model_sha256", fingerprint},
        {"engine", job.engine},
        {"properties", props},
        {"quiescence_bound", job.quiescence_bound ? nlohmann::json(*job.quiescence_bound) : nlohmann::json(nullptr)},
        {"activity_bound", job.activity_bound ? nlohmann::json(job.activity_bound->str()) : nlohmann::json(nullptr)},
        {"liveness", job.liveness ? nlohmann::json(job.liveness->name) : nlohmann::json(nullptr)},
        {"max_memory_bytes", iso.max_memory_bytes},
        {"options",
         {{"depth", options.depth},
          {"timeout_seconds", options.timeout_seconds},
          {"timeout_reason", options.timeout_reason},
          {"include_inputs", options.include_inputs},
          {"certificates", certificates_name(options.certificates)},
          {"recheck_solvers", options.recheck.solvers},
          {"recheck_timeout_seconds", options.recheck.timeout_seconds},
          {"progress", static_cast<bool>(options.progress)}}}};

    std::string request_line;
    try {
        request_line = request.dump() + "\n";
    } catch (const nlohmann::json::exception&) {
        out.unisolable = true;  // e.g. a file name that is not UTF-8: JSON cannot carry it
        return out;
    }
    int in[2], so[2], se[2];
    if (pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe for the engine process");
    if (pipe2(so, O_CLOEXEC) != 0) {
        close(in[0]), close(in[1]);
        throw std::runtime_error("cannot create a pipe for the engine process");
    }
    if (pipe2(se, O_CLOEXEC) != 0) {
        close(in[0]), close(in[1]), close(so[0]), close(so[1]);
        throw std::runtime_error("cannot create a pipe for the engine process");
    }
    std::vector<std::string> argv{iso.executable, "__engine"};
    pid_t pid = -1;
    const int spawned = spawn_process(argv, {{{0, in[0]}, {1, so[1]}, {2, se[1]}}, true, false}, pid);
    close(in[0]);
    close(so[1]);
    close(se[1]);
    if (spawned != 0) {
        close(in[1]), close(so[0]), close(se[0]);
        throw std::runtime_error("cannot start the engine process " + iso.executable + ": " + std::strerror(spawned));
    }
    register_helper_process(pid);  // counted against --max-memory while it runs
    int to_engine = in[1];
    auto close_input = [&] {
        if (to_engine >= 0) close(to_engine);
        to_engine = -1;
    };
    write_all(to_engine, request_line);

    const auto start = Clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    // The engine's own time limit starts once the model is loaded (it reports when); loading is
    // bounded by the run's cancellation only.
    const double hard_time = options.timeout_seconds > 0 ? options.timeout_seconds + 5 : 0;
    std::optional<double> stop_sent, loaded_at;
    std::set<std::string> closed;
    std::string out_buf, err_text;
    bool out_open = true, err_open = true, killed = false;
    std::string kill_reason;
    auto kill_group = [&](const std::string& why, bool limit) {
        if (killed) return;
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        killed = true;
        kill_reason = why;
        out.at_limit = limit;
    };
    auto handle_line = [&](const std::string& line) {
        if (line.rfind(kPrefix, 0) != 0) return;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line.substr(std::strlen(kPrefix)));
            if (j.contains("loaded")) {
                loaded_at = seconds();
            } else if (j.contains("decided")) {
                out.decided[j["decided"].get<std::size_t>()] = result_from_json(j["result"]);
            } else if (j.contains("progress")) {
                if (options.progress) options.progress(j["progress"].get<std::string>());
            } else if (j.contains("results")) {
                for (const auto& r : j["results"]) out.results.push_back(result_from_json(r));
                out.answered = true;
            } else if (j.contains("exception")) {
                out.exception = j["exception"].get<std::string>();
                out.answered = true;
            }
        } catch (const std::exception& e) {
            out.death = std::string("the engine process wrote an unreadable answer: ") + e.what();
            out.results.clear();
            out.answered = false;
        }
    };
    char buf[65536];
    while (out_open || err_open) {
        pollfd fds[2] = {{out_open ? so[0] : -1, POLLIN, 0}, {err_open ? se[0] : -1, POLLIN, 0}};
        const int ready = poll(fds, 2, 50);
        if (ready < 0 && errno != EINTR) break;
        for (int k = 0; k < 2 && ready > 0; ++k) {
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[k].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                (k == 0 ? out_open : err_open) = false;
                continue;
            }
            if (k == 1) {
                err_text.append(buf, static_cast<std::size_t>(n));
                if (err_text.size() > 16384) err_text.erase(0, err_text.size() - 8192);
                continue;
            }
            out_buf.append(buf, static_cast<std::size_t>(n));
            for (std::size_t nl; (nl = out_buf.find('\n')) != std::string::npos;) {
                handle_line(out_buf.substr(0, nl));
                out_buf.erase(0, nl + 1);
            }
        }
        if (killed) continue;
        if (!stop_sent && options.cancel && options.cancel->cancelled()) {
            write_all(to_engine, "stop " + options.cancel->reason() + "\n");
            close_input();
            stop_sent = seconds();
        }
        if (!stop_sent && options.still_open)
            for (const Property* p : job.properties)
                if (!closed.count(p->name) && !options.still_open(*p)) {
                    closed.insert(p->name);
                    write_all(to_engine, "closed " + p->name + "\n");
                }
        if (stop_sent && seconds() > *stop_sent + 3) kill_group("it did not stop within 3 s of being asked to", false);
        if (hard_time > 0 && loaded_at && seconds() > *loaded_at + hard_time)
            kill_group("it ran past its time limit of " + std::to_string(static_cast<long>(options.timeout_seconds)) + " s", true);
        if (iso.max_memory_bytes && resident_memory_bytes_of(pid) > iso.max_memory_bytes)
            kill_group("memory limit of " + std::to_string(iso.max_memory_bytes >> 20) + " MiB reached", true);
    }
    close_input();
    close(so[0]);
    close(se[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    unregister_helper_process(pid);
    kill(-pid, SIGKILL);  // whatever it started and left behind
    if (!out_buf.empty()) handle_line(out_buf);
    if (out.answered) return out;
    std::string how = killed ? "was killed: " + kill_reason
                    : WIFSIGNALED(status) ? "died of " + signal_text(WTERMSIG(status))
                    : WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status)) + " without an answer"
                                        : "ended without an answer";
    const std::string last = tail_lines(err_text);
    if (out.death.empty()) out.death = "the " + job.engine + " engine process " + how + (last.empty() ? "" : "; it printed: " + last);
    return out;
}

PropertyResult lost(const std::string& name, PropertyKind kind, const std::string& engine, const WorkerOutcome& w,
                    const SymbolicOptions& options) {
    PropertyResult r;
    r.name = name;
    r.kind = kind;
    r.engine = engine;
    const bool stopped = options.cancel && options.cancel->cancelled();
    r.verdict = w.at_limit || stopped ? Verdict::Unknown : Verdict::Error;
    r.message = stopped && !w.at_limit ? "stopped: " + options.cancel->reason() + " (" + w.death + ")" : w.death;
    return r;
}

// The parent's own replay of every counterexample the engine process reports.
void replay_on_parent(const System& sys, const SymbolicJob& job, std::vector<PropertyResult>& results) {
    for (std::size_t i = 0; i < results.size(); ++i) {
        PropertyResult& r = results[i];
        if (r.verdict != Verdict::Fail || !r.trace) continue;
        const std::string bad = job.liveness           ? replay_liveness(sys, *job.liveness, *r.trace)
                                : job.quiescence_bound ? replay_run(sys, *r.trace)
                                                       : replay_trace(sys, *job.properties.at(i), *r.trace);
        if (bad.empty()) continue;
        r.verdict = Verdict::Error;
        r.message = "the " + job.engine + " engine process reported a counterexample that does not replay on the model: " + bad;
    }
}

}  // namespace

std::vector<PropertyResult> run_isolated(const System& sys, const SymbolicJob& job, const SymbolicOptions& options) {
    const std::string fingerprint = model_fingerprint(sys);
    const std::size_t expected = job.results();
    WorkerOutcome w = run_worker(sys, job, options, fingerprint);
    if (w.unisolable) return run_symbolic_here(sys, job, options);
    if (w.answered && w.exception.empty() && w.results.size() != expected) {
        w.answered = false;
        w.death = "the " + job.engine + " engine process answered " + std::to_string(w.results.size()) + " results for " +
                  std::to_string(expected) + " properties";
    }
    if (w.answered) {
        if (!w.exception.empty()) throw std::runtime_error(w.exception);
        replay_on_parent(sys, job, w.results);
        return w.results;
    }
    std::vector<PropertyResult> results;
    if (job.quiescence_bound) {
        results.push_back(lost("quiescence", PropertyKind::Quiescence, job.engine, w, options));
        return results;
    }
    if (job.liveness) {
        results.push_back(lost(job.liveness->name, job.liveness->kind, job.engine, w, options));
        return results;
    }
    // What was decided before the process ended stands; the rest is lost, or, when the process
    // crashed on a job of several open properties (which one brought it down is not known), run
    // again one property at a time.
    std::size_t open = 0;
    for (std::size_t i = 0; i < job.properties.size(); ++i) open += !w.decided.count(i);
    const bool retry = open > 1 && !w.at_limit && !(options.cancel && options.cancel->cancelled());
    for (std::size_t i = 0; i < job.properties.size(); ++i) {
        const Property* p = job.properties[i];
        if (auto it = w.decided.find(i); it != w.decided.end()) {
            std::vector<PropertyResult> one{it->second};
            replay_on_parent(sys, {job.engine, {p}, {}, {}}, one);
            results.push_back(std::move(one[0]));
        } else if (!retry || (options.cancel && options.cancel->cancelled()) || (options.still_open && !options.still_open(*p))) {
            results.push_back(lost(p->name, p->kind, job.engine, w, options));
        } else {
            PropertyResult again = std::move(run_isolated(sys, {job.engine, {p}, {}, {}}, options).at(0));
            again.message += " [run again on its own: " + w.death.substr(0, w.death.find(';')) + " on a job of " +
                             std::to_string(job.properties.size()) + " properties]";
            results.push_back(std::move(again));
        }
    }
    return results;
}

int serve_engine_request(const std::function<System(const ModelSource&)>& load) {
    std::mutex out_mutex;
    auto send = [&](const nlohmann::json& j) {
        std::lock_guard<std::mutex> lock(out_mutex);
        std::cout << kPrefix << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n" << std::flush;
    };
    std::string line;
    if (!std::getline(std::cin, line)) {
        std::cerr << "neuroproof __engine: no request on standard input\n";
        return 2;
    }
    try {
        const nlohmann::json req = nlohmann::json::parse(line);
        const System sys = load(model_source_from_json(req.at("source")));
        send({{"loaded", true}});
        const std::string fp = model_fingerprint(sys);
        if (fp != req.at("model_sha256").get<std::string>())
            throw std::runtime_error("the engine process loaded a different model than the run's (fingerprint " + fp +
                                     "): the input changed while it was checked");
        SymbolicJob job;
        job.engine = req.at("engine").get<std::string>();
        for (const auto& n : req.at("properties")) {
            const Property* p = sys.find_property(n.get<std::string>());
            if (!p) throw std::runtime_error("the engine process's model has no property '" + n.get<std::string>() + "'");
            job.properties.push_back(p);
        }
        if (!req.at("quiescence_bound").is_null()) job.quiescence_bound = req.at("quiescence_bound").get<std::uint64_t>();
        if (!req.at("activity_bound").is_null()) job.activity_bound = Ratio::parse(req.at("activity_bound").get<std::string>());
        if (!req.at("liveness").is_null()) {
            const std::string n = req.at("liveness").get<std::string>();
            job.liveness = sys.find_liveness(n);
            if (!job.liveness) throw std::runtime_error("the engine process's model has no property '" + n + "'");
        }
        const nlohmann::json& o = req.at("options");
        SymbolicOptions so;
        so.depth = o.at("depth").get<std::uint32_t>();
        so.timeout_seconds = o.at("timeout_seconds").get<double>();
        so.timeout_reason = o.at("timeout_reason").get<std::string>();
        so.include_inputs = o.at("include_inputs").get<bool>();
        so.certificates = certificates_from(o.at("certificates").get<std::string>());
        so.recheck.solvers = o.at("recheck_solvers").get<std::vector<std::string>>();
        so.recheck.timeout_seconds = o.at("recheck_timeout_seconds").get<double>();

        // The memory limit is watched here too (a clean UNKNOWN before the parent's hard kill).
        const Budget budget(0, req.at("max_memory_bytes").get<std::uint64_t>());
        const Watchdog watchdog(budget);
        so.cancel = budget.cancel;  // also stops the certificate re-check (attach_certificate)
        std::mutex closed_mutex;
        std::set<std::string> closed;
        so.still_open = [&](const Property& p) {
            std::lock_guard<std::mutex> lock(closed_mutex);
            return !closed.count(p.name);
        };
        if (o.at("progress").get<bool>()) so.progress = [&](const std::string& note) { send({{"progress", note}}); };
        // NEUROPROOF_SIMULATE_CRASH (isolated_engine.hpp): ENGINE:PROPERTY aborts on a job holding
        // that property, ENGINE:@N once N properties of a larger job are decided.
        const char* crash_env = std::getenv("NEUROPROOF_SIMULATE_CRASH");
        const std::string crash = crash_env ? crash_env : "";
        auto simulated_crash = [&crash] {
            std::cerr << "neuroproof __engine: NEUROPROOF_SIMULATE_CRASH=" << crash << ": aborting\n";
            std::abort();
        };
        const std::string after_prefix = job.engine + ":@";
        const std::size_t crash_after = crash.rfind(after_prefix, 0) == 0 ? std::stoul(crash.substr(after_prefix.size())) : 0;
        std::size_t decisions = 0;
        if (!job.quiescence_bound && !job.liveness)
            so.decided = [&](std::size_t i, const PropertyResult& r) {
                send({{"decided", i}, {"result", result_to_json(r)}});
                if (crash_after && ++decisions == crash_after && job.properties.size() > crash_after) simulated_crash();
            };
        std::thread([&closed_mutex, &closed, c = budget.cancel] {
            std::string l;
            while (std::getline(std::cin, l)) {
                if (l.rfind("closed ", 0) == 0) {
                    std::lock_guard<std::mutex> lock(closed_mutex);
                    closed.insert(l.substr(7));
                } else if (l.rfind("stop ", 0) == 0) {
                    c->cancel(l.substr(5));
                    return;
                }
            }
            c->cancel("stopped: the run ended");
        }).detach();

        if (job.quiescence_bound && crash == job.engine + ":quiescence") simulated_crash();
        if (job.liveness && crash == job.engine + ":" + job.liveness->name) simulated_crash();
        for (const Property* p : job.properties)
            if (crash == job.engine + ":" + p->name) simulated_crash();
        const std::vector<PropertyResult> rs = run_symbolic_here(sys, job, so);
        nlohmann::json results = nlohmann::json::array();
        for (const PropertyResult& r : rs) results.push_back(result_to_json(r));
        send({{"results", results}});
    } catch (const std::exception& e) {
        send({{"exception", e.what()}});
    }
    std::cout.flush();
    std::fflush(stdout);  // not fflush(nullptr): that waits for stdin's lock, held by the reader
    std::fflush(stderr);
    _exit(0);  // the stdin reader may still be blocked; nothing else needs to run
}

}  // namespace np
