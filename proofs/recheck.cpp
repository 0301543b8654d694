#include "proofs/recheck.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>

extern char** environ;
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace np {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

void write_file(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

ObligationCheck run_solver(const std::string& solver, const std::string& file, double timeout_seconds,
                           const std::function<bool()>& stop) {
    ObligationCheck r;
    r.obligation = fs::path(file).stem().string();
    r.solver = solver;
    std::vector<std::string> args;
    const long ms = static_cast<long>(std::ceil(timeout_seconds * 1000));
    if (solver == "cvc5") {
        // cvc5's internal bit-blaster, not the default eager one: on the step obligation of a
        // k-induction proof strengthened with a token-count invariant (Workcraft's seq8.g: a sum of
        // 36 place bits) the default did not answer in 100 s, the internal one answers in 0.2 s;
        // on every other certificate of the shipped examples the two take the same time.
        args = {"cvc5", "--lang", "smt2", "--bv-solver=bitblast-internal", "--tlimit=" + std::to_string(ms), file};
    } else if (solver == "z3") {
        args = {"z3", "-smt2", "-T:" + std::to_string(static_cast<long>(std::ceil(timeout_seconds))), file};
    } else {
        r.answer = "error";
        r.detail = "unknown solver '" + solver + "' (known: cvc5, z3)";
        return r;
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    // posix_spawn, not fork: the process has other threads (portfolio lanes, Z3), and fork runs
    // Z3's atfork handlers, which deadlock when two threads fork at once. The pipe is close-on-exec
    // so that a solver started by another thread never holds this one's write end open.
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        r.answer = "error";
        r.detail = "cannot create a pipe";
        return r;
    }
    const auto start = Clock::now();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    // The solver starts with no blocked signals and default dispositions (the caller may block
    // SIGINT/SIGTERM to take them in one thread).
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (spawned != 0) {
        close(fds[0]);
        close(fds[1]);
        r.answer = spawned == ENOENT ? "missing" : "error";
        if (spawned != ENOENT) r.detail = std::string("cannot start ") + argv[0] + ": " + std::strerror(spawned);
        return r;
    }
    close(fds[1]);
    // The solver's own limit should end it; past a grace period it is killed.
    const double hard_limit = timeout_seconds + 10;
    std::string output;
    bool killed = false, interrupted = false;
    char buf[4096];
    for (;;) {
        double left = hard_limit - std::chrono::duration<double>(Clock::now() - start).count();
        if (left <= 0) {
            kill(pid, SIGKILL);
            killed = true;
            break;
        }
        if (stop && stop()) {
            kill(pid, SIGKILL);
            interrupted = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int ready = poll(&p, 1, static_cast<int>(std::min(left, 0.05) * 1000) + 1);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        output.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const std::string out = trim(output);
    const std::string first = trim(out.substr(0, out.find('\n')));
    if (interrupted) {
        r.answer = "interrupted";
    } else if (killed) {
        r.answer = "timeout";
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && out.empty()) {
        r.answer = "missing";
    } else if (first == "unsat" || first == "sat") {
        r.answer = first;
    } else if (first == "unknown" || first == "timeout") {
        r.answer = r.seconds >= timeout_seconds * 0.9 ? "timeout" : "unknown";
    } else {
        r.answer = "error";
    }
    if (r.answer != "unsat" && r.answer != "sat" && r.answer != "missing" && r.answer != "interrupted") r.detail = out.substr(0, 400);
    return r;
}

void write_certificate(const std::string& folder, Certificate& cert) {
    fs::create_directories(folder);
    write_file(fs::path(folder) / "invariant.smt2", cert.invariant);
    nlohmann::json obligations = nlohmann::json::array();
    for (const CertificateObligation& o : cert.obligations) {
        write_file(fs::path(folder) / (o.name + ".smt2"), o.smt2);
        obligations.push_back({{"name", o.name}, {"file", o.name + ".smt2"}, {"meaning", o.meaning}, {"expected", "unsat"}});
    }
    nlohmann::json checks = nlohmann::json::array();
    for (const ObligationCheck& c : cert.checks)
        checks.push_back({{"obligation", c.obligation}, {"solver", c.solver}, {"answer", c.answer}, {"seconds", c.seconds}});
    nlohmann::json m = {{"system", cert.system},
                        {"property", cert.property},
                        {"method", cert.method},
                        {"k", cert.k},
                        {"invariant", "invariant.smt2"},
                        {"obligations", obligations},
                        {"checks", checks},
                        {"confirmed", cert.confirmed()}};
    write_file(fs::path(folder) / "manifest.json", m.dump(2) + "\n");
    cert.folder = folder;
}

namespace {

void recheck_in(const fs::path& folder, Certificate& cert, const RecheckOptions& options) {
    cert.checks.clear();
    for (const CertificateObligation& o : cert.obligations)
        for (const std::string& s : options.solvers) {
            if (options.stop && options.stop()) return;
            ObligationCheck c = run_solver(s, (folder / (o.name + ".smt2")).string(), options.timeout_seconds, options.stop);
            c.obligation = o.name;
            cert.checks.push_back(std::move(c));
        }
}

}  // namespace

void recheck_certificate(Certificate& cert, const RecheckOptions& options) {
    std::string tmpl = (fs::temp_directory_path() / "neuroproof-cert-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder for the certificate re-check");
    const fs::path dir(tmpl);
    try {
        for (const CertificateObligation& o : cert.obligations) write_file(dir / (o.name + ".smt2"), o.smt2);
        recheck_in(dir, cert, options);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(dir, ec);
        throw;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
}

Certificate certify_folder(const std::string& folder, const RecheckOptions& options) {
    const fs::path dir(folder);
    if (!fs::is_directory(dir)) throw std::runtime_error(folder + ": no such folder");
    nlohmann::json m;
    try {
        m = nlohmann::json::parse(read_file(dir / "manifest.json"));
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error((dir / "manifest.json").string() + ": not a certificate manifest: " + e.what());
    }
    Certificate cert;
    try {
        cert.system = m.value("system", "");
        cert.property = m.value("property", "");
        cert.method = m.value("method", "");
        cert.k = m.value("k", 1u);
        if (!m.contains("obligations") || !m["obligations"].is_array() || m["obligations"].empty())
            throw std::runtime_error("lists no obligations");
        for (const auto& o : m["obligations"]) {
            CertificateObligation ob;
            ob.name = o.at("name").get<std::string>();
            ob.meaning = o.value("meaning", "");
            const std::string file = o.value("file", ob.name + ".smt2");
            if (file != ob.name + ".smt2") throw std::runtime_error("obligation '" + ob.name + "' names file '" + file + "'");
            ob.smt2 = read_file(dir / file);
            cert.obligations.push_back(std::move(ob));
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error((dir / "manifest.json").string() + ": not a certificate manifest: " + e.what());
    } catch (const std::runtime_error& e) {
        throw std::runtime_error((dir / "manifest.json").string() + ": " + e.what());
    }
    if (fs::exists(dir / "invariant.smt2")) cert.invariant = read_file(dir / "invariant.smt2");
    cert.folder = folder;
    recheck_in(dir, cert, options);
    return cert;
}

}  // namespace np
