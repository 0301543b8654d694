#include "proofs/recheck.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "model/json_text.hpp"
#include "proofs/smt2_script.hpp"
#include "proofs/spawn_process.hpp"

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

namespace {

// How one re-check solver is started and read.
struct SolverDescription {
    const char* name;
    // Its command line for a script file, under a time limit in seconds.
    std::vector<std::string> (*command)(const std::string& file, double seconds);
    int unsat_exit = 0;               // the exit status that comes with "unsat"
    bool binary_operators = false;    // reads only binary concat, bvadd, ...: given a copy with them nested
    const char* warning_prefix = "";  // stdout lines starting so and saying WARNING are not answers
};

long whole_seconds(double s) { return static_cast<long>(std::ceil(s)); }

const SolverDescription kSolvers[] = {
    // cvc5's internal bit-blaster, not the default eager one: on the step obligation of a
    // k-induction proof strengthened with a token-count invariant (Workcraft's seq8.g: a sum of
    // 36 place bits) the default did not answer in 100 s, the internal one answers in 0.2 s;
    // on every other certificate of the shipped examples the two take the same time.
    {"cvc5",
     [](const std::string& file, double s) -> std::vector<std::string> {
         return {"cvc5", "--lang", "smt2", "--bv-solver=bitblast-internal", "--tlimit=" + std::to_string(whole_seconds(s * 1000)), file};
     }},
    {"z3", [](const std::string& file, double s) -> std::vector<std::string> { return {"z3", "-smt2", "-T:" + std::to_string(whole_seconds(s)), file}; }},
    // Boolector bit-blasts to a SAT solver without cvc5's preprocessing: the step obligation of
    // k-induction with 100 linear invariants on Corbett's rrr50-1 takes it 1.1 s (z3 0.4 s), where
    // cvc5 gives no answer in 5 min with any --bv-solver. Boolector 1.5 reads only the binary forms
    // of concat, bvadd, ...; it exits with 20 after "unsat" (10 after "sat"), and its warnings about
    // the script's shape ("[btorsmt2] WARNING 'set-logic' not first command") go to stdout.
    {"boolector",
     [](const std::string& file, double s) -> std::vector<std::string> {
         return {"boolector", "--smt2", "-t", std::to_string(whole_seconds(s)), file};
     },
     20, true, "[btor"},
};

// A temporary copy of a script with binary operators only, removed with this object.
struct BinaryCopy {
    std::string path;
    ~BinaryCopy() {
        std::error_code ec;
        if (!path.empty()) fs::remove(path, ec);
    }
};

}  // namespace

ObligationCheck run_solver(const std::string& solver, const std::string& file, double timeout_seconds,
                           const std::function<bool()>& stop) {
    ObligationCheck r;
    r.obligation = fs::path(file).stem().string();
    r.solver = solver;
    const SolverDescription* d = nullptr;
    for (const SolverDescription& k : kSolvers)
        if (solver == k.name) d = &k;
    if (!d) {
        r.answer = "error";
        r.detail = "unknown solver '" + solver + "' (known: cvc5, z3, boolector)";
        return r;
    }
    BinaryCopy copy;
    if (d->binary_operators) {
        copy.path = (fs::temp_directory_path() / ("neuroproof-" + solver + "-XXXXXX")).string();
        const int fd = mkstemp(copy.path.data());
        if (fd < 0) {
            copy.path.clear();
            r.answer = "error";
            r.detail = "cannot create a temporary file for " + solver;
            return r;
        }
        ::close(fd);
        try {
            write_file(copy.path, binary_bv_operators(read_file(file)));
        } catch (const std::exception& e) {
            r.answer = "error";
            r.detail = "cannot hand the script to " + solver + ": " + e.what();
            return r;
        }
    }
    const std::vector<std::string> args = d->command(copy.path.empty() ? file : copy.path, timeout_seconds);
    // The solver's own limit should end it; past a grace period it is killed.
    const CapturedRun run = run_captured(args, timeout_seconds + 10, stop);
    if (run.spawn_error != 0) {
        r.answer = run.spawn_error == ENOENT ? "missing" : "error";
        if (run.spawn_error != ENOENT) r.detail = "cannot start " + args[0] + ": " + std::strerror(run.spawn_error);
        return r;
    }
    r.seconds = run.seconds;
    const int status = run.status;
    const bool killed = run.killed, interrupted = run.interrupted;
    const std::string out = trim(run.output);
    // The whole output is read: each script has one check-sat, so exactly one line, the answer
    // (and the solver's warnings).
    const std::string_view warning = d->warning_prefix;
    std::vector<std::string> lines;
    std::istringstream text(out);
    for (std::string line; std::getline(text, line);)
        if (!trim(line).empty() && !(!warning.empty() && line.starts_with(warning) && line.find("WARNING") != std::string::npos))
            lines.push_back(trim(line));
    const bool one = lines.size() == 1;
    const std::string answer = one ? lines[0] : std::string();
    const bool ran_out = r.seconds >= timeout_seconds * 0.9 || out.find("interrupted by timeout") != std::string::npos;
    if (interrupted) {
        r.answer = "interrupted";
    } else if (killed) {
        r.answer = "timeout";
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && out.empty()) {
        r.answer = "missing";
    } else if (one && answer == "sat") {
        r.answer = "sat";
    } else if (one && answer == "unsat" && WIFEXITED(status) && WEXITSTATUS(status) == d->unsat_exit) {
        r.answer = "unsat";
    } else if ((one && (answer == "unknown" || answer == "timeout")) || ran_out) {
        r.answer = ran_out ? "timeout" : "unknown";
    } else {
        r.answer = "error";
        if (lines.size() > 1) r.detail = "expected one answer to the one (check-sat), got " + std::to_string(lines.size()) + " lines: ";
        else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            r.detail = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) + ": "
                                           : "exit status " + std::to_string(WEXITSTATUS(status)) + ": ";
    }
    if (r.answer != "unsat" && r.answer != "sat" && r.answer != "missing" && r.answer != "interrupted") r.detail += out.substr(0, 400);
    return r;
}

nlohmann::json model_source_to_json(const ModelSource& s) {
    auto strings = [](const std::vector<std::string>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (const std::string& x : v) a.push_back(bytes_to_json(x));
        return a;
    };
    return {{"file", bytes_to_json(s.file)}, {"parameters", strings(s.parameters)}, {"capacity", s.capacity},
            {"invariants", strings(s.invariants)}, {"responses", strings(s.responses)}, {"covers", strings(s.covers)},
            {"fairness", strings(s.fairness)}};
}

ModelSource model_source_from_json(const nlohmann::json& j) {
    auto strings = [](const nlohmann::json& a) {
        std::vector<std::string> v;
        for (const nlohmann::json& x : a.get_ref<const nlohmann::json::array_t&>()) v.push_back(bytes_from_json(x));
        return v;
    };
    auto optional_strings = [&](const char* key) {
        return j.contains(key) ? strings(j.at(key)) : std::vector<std::string>{};  // absent in format-2 certificates of older runs
    };
    return {bytes_from_json(j.at("file")), strings(j.at("parameters")), j.at("capacity").get<std::uint32_t>(),
            strings(j.at("invariants")), optional_strings("responses"), optional_strings("covers"), optional_strings("fairness")};
}

namespace {

const char* const kFormat = "neuroproof-certificate-2";

// The re-check's answers; with `detail` the solvers' own words too (what a manifest leaves out).
nlohmann::json checks_json(const Certificate& cert, bool detail) {
    nlohmann::json checks = nlohmann::json::array();
    for (const ObligationCheck& c : cert.checks) {
        checks.push_back({{"obligation", c.obligation}, {"solver", c.solver}, {"answer", c.answer}, {"seconds", c.seconds}});
        if (detail) checks.back()["detail"] = c.detail;
    }
    return checks;
}

nlohmann::json binding_json(const CertificateBinding& b) {
    nlohmann::json j = {{"model_sha256", b.model_sha256},
                        {"property_sha256", b.property_sha256},
                        {"inputs", b.inputs},
                        {"cone", b.cone ? nlohmann::json(*b.cone) : nlohmann::json(nullptr)},
                        {"quiescence_bound", b.quiescence_bound ? nlohmann::json(*b.quiescence_bound) : nlohmann::json(nullptr)},
                        {"activity_bound", b.activity_bound ? nlohmann::json(b.activity_bound->str()) : nlohmann::json(nullptr)},
                        {"liveness", b.liveness ? nlohmann::json(bytes_to_json(*b.liveness)) : nlohmann::json(nullptr)},
                        {"liveness_k", b.liveness_k ? nlohmann::json(*b.liveness_k) : nlohmann::json(nullptr)},
                        {"source", model_source_to_json(b.source)}};
    return j;
}

CertificateBinding binding_from_json(const nlohmann::json& b) {
    CertificateBinding out;
    out.model_sha256 = b.at("model_sha256").get<std::string>();
    out.property_sha256 = b.at("property_sha256").get<std::string>();
    out.inputs = b.at("inputs").get<bool>();
    if (!b.at("cone").is_null()) out.cone = b.at("cone").get<std::vector<std::uint32_t>>();
    if (!b.at("quiescence_bound").is_null()) out.quiescence_bound = b.at("quiescence_bound").get<std::uint64_t>();
    if (!b.at("activity_bound").is_null()) out.activity_bound = Ratio::parse(b.at("activity_bound").get<std::string>());
    if (b.contains("liveness") && !b.at("liveness").is_null()) out.liveness = bytes_from_json(b.at("liveness"));
    if (b.contains("liveness_k") && !b.at("liveness_k").is_null()) out.liveness_k = b.at("liveness_k").get<std::uint32_t>();
    out.source = model_source_from_json(b.at("source"));
    return out;
}

bool is_sha256(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

void write_certificate(const std::string& folder, Certificate& cert) {
    fs::create_directories(folder);
    write_file(fs::path(folder) / "invariant.smt2", cert.invariant);
    nlohmann::json obligations = nlohmann::json::array();
    for (const CertificateObligation& o : cert.obligations) {
        write_file(fs::path(folder) / (o.name + ".smt2"), o.smt2);
        obligations.push_back({{"name", o.name}, {"file", o.name + ".smt2"}, {"meaning", o.meaning}, {"expected", "unsat"}});
    }
    nlohmann::json m = {{"format", kFormat},
                        {"system", cert.system},
                        {"property", cert.property},
                        {"method", cert.method},
                        {"k", cert.k},
                        {"found_by", cert.found_by},
                        {"binding", binding_json(cert.binding)},
                        {"invariant", "invariant.smt2"},
                        {"obligations", obligations},
                        {"checks", checks_json(cert, false)},
                        {"confirmed", cert.confirmed()},
                        {"confirmation", cert.confirmation()}};
    write_file(fs::path(folder) / "manifest.json", json_text(m, 2) + "\n");
    cert.folder = folder;
}

namespace {

void recheck_in(const fs::path& folder, Certificate& cert, const RecheckOptions& options) {
    cert.checks.clear();
    for (const CertificateObligation& o : cert.obligations) {
        const std::string file = (folder / (o.name + ".smt2")).string();
        if (!options.concurrent) {
            for (const std::string& s : options.solvers) {
                if (options.stop && options.stop()) return;
                ObligationCheck c = run_solver(s, file, options.timeout_seconds, options.stop);
                c.obligation = o.name;
                cert.checks.push_back(std::move(c));
            }
            continue;
        }
        if (options.stop && options.stop()) return;
        // Side by side. Once a solver other than the finder has answered unsat, the others get as
        // long again as it took (at least 1 s) and are then stopped: a sat from them would still
        // be heard, a solver that cannot answer no longer holds the verdict back.
        std::mutex mutex;
        const Clock::time_point start = Clock::now();
        std::optional<Clock::time_point> settle_at;
        std::vector<ObligationCheck> found(options.solvers.size());
        std::vector<char> superseded(options.solvers.size(), 0);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < options.solvers.size(); ++i)
            threads.emplace_back([&, i] {
                auto stop = [&] {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (options.stop && options.stop()) return true;
                    if (!settle_at || Clock::now() < *settle_at) return false;
                    superseded[i] = 1;
                    return true;
                };
                ObligationCheck c = run_solver(options.solvers[i], file, options.timeout_seconds, stop);
                std::lock_guard<std::mutex> lock(mutex);
                if (c.answer == "unsat" && c.solver != cert.found_by && !settle_at) {
                    const Clock::time_point now = Clock::now();
                    settle_at = now + std::max<Clock::duration>(now - start, std::chrono::seconds(1));
                }
                if (c.answer == "interrupted" && superseded[i]) c.detail = "stopped: another solver confirmed " + o.name + ".smt2";
                c.obligation = o.name;
                found[i] = std::move(c);
            });
        for (std::thread& t : threads) t.join();
        for (ObligationCheck& c : found) cert.checks.push_back(std::move(c));
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

nlohmann::json certificate_to_json(const Certificate& cert) {
    nlohmann::json obligations = nlohmann::json::array();
    for (const CertificateObligation& o : cert.obligations) obligations.push_back({{"name", o.name}, {"meaning", o.meaning}, {"smt2", o.smt2}});
    return {{"system", cert.system}, {"property", cert.property}, {"method", cert.method}, {"k", cert.k},
            {"invariant", cert.invariant}, {"found_by", cert.found_by}, {"binding", binding_json(cert.binding)},
            {"obligations", obligations}, {"checks", checks_json(cert, true)}};
}

Certificate certificate_from_json(const nlohmann::json& j) {
    Certificate cert;
    cert.system = j.at("system").get<std::string>();
    cert.property = j.at("property").get<std::string>();
    cert.method = j.at("method").get<std::string>();
    cert.k = j.at("k").get<std::uint32_t>();
    cert.invariant = j.at("invariant").get<std::string>();
    cert.found_by = j.at("found_by").get<std::string>();
    cert.binding = binding_from_json(j.at("binding"));
    for (const auto& o : j.at("obligations"))
        cert.obligations.push_back({o.at("name").get<std::string>(), o.at("meaning").get<std::string>(), o.at("smt2").get<std::string>()});
    for (const auto& c : j.at("checks"))
        cert.checks.push_back({c.at("obligation").get<std::string>(), c.at("solver").get<std::string>(), c.at("answer").get<std::string>(),
                               c.at("seconds").get<double>(), c.at("detail").get<std::string>()});
    return cert;
}

Certificate read_certificate(const std::string& folder) {
    const fs::path dir(folder);
    if (!fs::is_directory(dir)) throw std::invalid_argument(folder + ": no such folder");
    const fs::path manifest = dir / "manifest.json";
    auto reject = [&](const std::string& why) { return CertificateRejected(manifest.string() + ": " + why); };
    if (!fs::exists(manifest)) throw CertificateRejected(folder + ": no manifest.json: not a certificate folder");
    const std::string manifest_text = read_file(manifest);
    if (std::optional<JsonTextError> e = json_error_offset(manifest_text))
        throw CertificateRejected(manifest.string() + ":" + std::to_string(e->line) + ":" + std::to_string(e->col) +
                                  ": not JSON: " + e->message);
    const nlohmann::json m = nlohmann::json::parse(manifest_text);
    Certificate cert;
    try {
        if (!m.is_object()) throw reject("not a JSON object");
        const std::string format = m.value("format", "");
        if (format != kFormat)
            throw reject("format '" + format + "' is not " + kFormat +
                         " (a certificate written by an earlier version carries no binding to its model; run check again)");
        cert.system = m.at("system").get<std::string>();
        cert.property = m.at("property").get<std::string>();
        cert.method = m.at("method").get<std::string>();
        if (cert.method == "per-event induction")
            throw reject("a per-event induction certificate (neuroproof equiv) is over the equivalence miter of the design and its "
                         "reference configuration, which certify cannot rebuild; `neuroproof equiv` re-checks it with cvc5 and z3 "
                         "when it writes it");
        if (cert.method != "k-induction" && cert.method != "spacer" && cert.method != "pdr") throw reject("unknown method '" + cert.method + "'");
        const std::uint64_t k = m.at("k").get<std::uint64_t>();
        if (k < 1 || k > 100000) throw reject("k = " + std::to_string(k) + " is outside 1..100000");
        if (cert.method != "k-induction" && k != 1) throw reject("a " + cert.method + " certificate has k = 1, this one says " + std::to_string(k));
        cert.k = static_cast<std::uint32_t>(k);
        cert.found_by = m.at("found_by").get<std::string>();
        cert.binding = binding_from_json(m.at("binding"));
        if (!is_sha256(cert.binding.model_sha256) || !is_sha256(cert.binding.property_sha256))
            throw reject("binding: a fingerprint is not a SHA-256 in lower-case hex");
        if (m.value("invariant", "") != "invariant.smt2") throw reject("the invariant must be invariant.smt2");
        const nlohmann::json& obs = m.at("obligations");
        if (!obs.is_array()) throw reject("obligations is not a list");
        std::vector<std::string> listed;
        for (const auto& o : obs) {
            CertificateObligation ob;
            ob.name = o.at("name").get<std::string>();
            ob.meaning = o.value("meaning", "");
            if (o.value("file", "") != ob.name + ".smt2") throw reject("obligation '" + ob.name + "' must be in " + ob.name + ".smt2");
            listed.push_back(ob.name);
            cert.obligations.push_back(std::move(ob));
        }
        if (listed != obligation_names()) {
            std::string l;
            for (const std::string& n : listed) l += (l.empty() ? "" : ", ") + n;
            throw reject("lists the obligations [" + l + "]; a certificate has exactly init, step, property");
        }
    } catch (const nlohmann::json::exception& e) {
        throw reject(std::string("not a certificate manifest: ") + e.what());
    }
    for (CertificateObligation& o : cert.obligations) {
        if (!fs::is_regular_file(dir / (o.name + ".smt2"))) throw CertificateRejected((dir / (o.name + ".smt2")).string() + ": missing");
        o.smt2 = read_file(dir / (o.name + ".smt2"));
    }
    if (!fs::is_regular_file(dir / "invariant.smt2")) throw CertificateRejected((dir / "invariant.smt2").string() + ": missing");
    cert.invariant = read_file(dir / "invariant.smt2");
    cert.folder = folder;
    return cert;
}

}  // namespace np
