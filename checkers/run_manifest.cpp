#include "checkers/run_manifest.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "checkers/check_options.hpp"
#include "checkers/engines.hpp"
#include "checkers/proof_cache.hpp"
#include "checkers/run_checks.hpp"
#include "model/file_name.hpp"

namespace np {

Outcome outcome_of(const PropertyResult& r, bool timed_out) {
    switch (r.verdict) {
        case Verdict::Pass: return Outcome::Pass;
        case Verdict::Fail: return Outcome::Fail;
        case Verdict::Error: return Outcome::Error;
        case Verdict::Unknown: return timed_out ? Outcome::Timeout : Outcome::Unknown;
    }
    return Outcome::Error;
}

namespace {

int severity(Outcome o) {
    switch (o) {
        case Outcome::Pass: return 0;
        case Outcome::Unknown: return 1;
        case Outcome::Timeout: return 2;
        case Outcome::Fail: return 3;
        case Outcome::Error: return 4;
    }
    return 4;
}

// A time-out is a deadline that passed, not any stop (an interrupt is UNKNOWN).
bool past_deadline(const Budget& b) { return b.deadline && std::chrono::steady_clock::now() >= *b.deadline; }

std::string located(const Origin& o, const std::string& message) {
    return render_diagnostic(o, "error", message, source_line(o.file, o.line));
}

bool any_tag(const std::vector<std::string>& have, const std::vector<std::string>& wanted) {
    for (const std::string& t : have)
        if (std::find(wanted.begin(), wanted.end(), t) != wanted.end()) return true;
    return false;
}

struct Plan {
    const ManifestDesign* design;
    const ManifestTask* task;
};

// The options of the check a task makes, validated against the engine registry; throws the
// located diagnostic text as std::invalid_argument.
CheckOptions task_options(const Manifest& m, const ManifestTask& task, const std::string& isolate_with) {
    const TaskSettings s = effective_settings(m, task);
    auto where = [&](const char* key) {
        auto it = s.where.find(key);
        return it != s.where.end() ? it->second : task.origin;
    };
    CheckOptions o;
    o.engine = s.engine.value_or("auto");
    const std::vector<std::string> names = engine_names();
    if (std::find(names.begin(), names.end(), o.engine) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw std::invalid_argument(located(where("engine"), "unknown engine '" + o.engine + "' (engines: " + list + ")"));
    }
    o.max_states = s.max_states.value_or(0);
    o.depth = s.depth.value_or(30);
    o.within = s.within;
    o.max_k = s.max_k;
    if (o.max_k) {
        try {
            (void)Ratio::parse(*o.max_k);
        } catch (const std::exception& e) {
            throw std::invalid_argument(located(where("max_k"), std::string("max_k: ") + e.what()));
        }
    }
    o.mutex = s.mutex.value_or(std::vector<std::string>{});
    o.jobs = s.jobs.value_or(0);
    o.paranoid = s.paranoid.value_or(false);
    o.isolate_with = isolate_with;
    return o;
}

// The task's property names for this system: patterns expanded over what it offers; every
// pattern must match something.
std::vector<std::string> task_properties(const System& sys, const ManifestTask& task, const std::string& engine) {
    if (task.properties.empty()) return default_properties(sys, engine);
    const std::vector<std::string> offered = available_properties(sys);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < task.properties.size(); ++i) {
        const std::string& pat = task.properties[i];
        bool matched = false;
        for (const std::string& p : offered)
            if (property_pattern_matches(pat, p)) {
                matched = true;
                if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
            }
        // A pattern may match nothing in one of the task's designs; a name must exist (resolve_goals
        // says what is wrong with a malformed one).
        if (!matched && pat.find('*') == std::string::npos) {
            if (pat.find(':') != std::string::npos) {
                out.push_back(pat);
                continue;
            }
            std::string list;
            for (const auto& p : offered) list += (list.empty() ? "" : ", ") + p;
            const Origin o = i < task.property_origins.size() ? task.property_origins[i] : task.origin;
            throw std::invalid_argument(located(o, "'" + pat + "' is not a property of " + sys.source + " (it offers: " + list + ")"));
        }
    }
    if (out.empty()) {
        const Origin o = task.property_origins.empty() ? task.origin : task.property_origins.front();
        throw std::invalid_argument(located(o, "the task's properties select none of " + sys.source));
    }
    return out;
}

void run_job(const Manifest& m, const Plan& plan, const CiOptions& opt, CiJob& job) {
    const auto t0 = std::chrono::steady_clock::now();
    const ManifestDesign& d = *plan.design;
    const ManifestTask& t = *plan.task;
    auto fail_job = [&](const std::string& message) {
        PropertyResult r;
        r.name = "load";
        r.verdict = Verdict::Error;
        r.engine = "-";
        r.message = message;
        job.results.push_back({std::move(r), expected_outcome(m, d, t, "load"), Outcome::Error, false});
    };
    const TaskSettings s = effective_settings(m, t);
    Budget budget = opt.budget.share(s.timeout.value_or(0));
    budget.start = std::chrono::steady_clock::now();
    if (s.timeout && *s.timeout > 0)
        budget.timeout_seconds = *s.timeout;  // its time-outs are reported as the task's
    const Watchdog watchdog(budget);
    try {
        const CheckOptions co = task_options(m, t, opt.isolate_with);
        System sys = opt.load(d.source);
        CheckOptions checked = co;
        checked.properties = task_properties(sys, t, co.engine);
        CheckRequest req = make_check_request(checked, d.source, budget);
        const std::vector<Goal> goals = resolve_goals(sys, req);  // usage errors before any work

        std::optional<ProofCache> cache;
        if (!opt.cache_dir.empty()) cache.emplace(opt.cache_dir);
        std::vector<std::optional<PropertyResult>> reused(goals.size());
        std::vector<std::string> keys(goals.size()), to_check;
        for (std::size_t i = 0; i < goals.size(); ++i) {
            if (cache) {
                keys[i] = proof_cache_key(sys, goals[i].name, co);
                if (auto stored = cache->load(keys[i])) {
                    std::string why;
                    reused[i] = reuse_cached(sys, std::move(*stored), budget, why);
                }
            }
            if (!reused[i]) to_check.push_back(goals[i].name);
        }
        std::vector<PropertyResult> fresh;
        if (!to_check.empty()) {
            req.properties = to_check;
            fresh = run_checks(sys, req);
        }
        const bool timed_out = past_deadline(budget) || past_deadline(opt.budget);
        std::size_t next = 0;
        for (std::size_t i = 0; i < goals.size(); ++i) {
            CiResult cr;
            cr.cached = reused[i].has_value();
            if (cr.cached) cr.result = std::move(*reused[i]);
            else if (next < fresh.size()) cr.result = std::move(fresh[next++]);
            cr.outcome = outcome_of(cr.result, timed_out);
            cr.expected = expected_outcome(m, d, t, cr.result.name);
            if (cache && !cr.cached) cache->store(keys[i], cr.result);
            job.results.push_back(std::move(cr));
        }
        job.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (opt.write) opt.write(job, sys);
    } catch (const SourceError& e) {
        fail_job(e.what());
    } catch (const std::invalid_argument& e) {
        fail_job(e.what());
    } catch (const std::bad_alloc&) {
        fail_job("out of memory");
    } catch (const std::exception& e) {
        fail_job(e.what());
    }
    job.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Outcome CiJob::outcome() const {
    Outcome worst = Outcome::Pass;
    for (const CiResult& r : results)
        if (severity(r.outcome) > severity(worst)) worst = r.outcome;
    return worst;
}

bool CiJob::as_expected() const {
    return std::all_of(results.begin(), results.end(), [](const CiResult& r) { return r.as_expected(); });
}

int outcome_bit(Outcome o) {
    switch (o) {
        case Outcome::Fail: return 4;
        case Outcome::Unknown: return 8;
        case Outcome::Timeout: return 16;
        case Outcome::Error: return 32;
        case Outcome::Pass: return 64;
    }
    return 32;
}

int ci_exit_code(const CiRun& run) {
    int code = 0;
    for (const CiJob& j : run.jobs)
        for (const CiResult& r : j.results)
            if (!r.as_expected()) code |= outcome_bit(r.outcome);
    return code;
}

CiRun run_manifest(const Manifest& m, const CiOptions& opt) {
    const auto t0 = std::chrono::steady_clock::now();
    auto require_known = [](const std::vector<std::string>& wanted, const std::set<std::string>& known, const char* what) {
        for (const std::string& w : wanted)
            if (!known.contains(w)) {
                std::string list;
                for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
                throw std::invalid_argument(std::string("no ") + what + " named '" + w + "' in the manifest (" + what + "s: " + list + ")");
            }
    };
    std::set<std::string> task_names, design_names, tag_names;
    for (const auto& t : m.tasks) task_names.insert(t.name), tag_names.insert(t.tags.begin(), t.tags.end());
    for (const auto& d : m.designs) design_names.insert(d.name), tag_names.insert(d.tags.begin(), d.tags.end());
    require_known(opt.tasks, task_names, "task");
    require_known(opt.designs, design_names, "design");
    require_known(opt.tags, tag_names, "tag");

    std::vector<Plan> plans;
    for (const ManifestTask& t : m.tasks) {
        if (!opt.tasks.empty() && std::find(opt.tasks.begin(), opt.tasks.end(), t.name) == opt.tasks.end()) continue;
        for (const ManifestDesign& d : m.designs) {
            if (!t.designs.empty() && std::find(t.designs.begin(), t.designs.end(), d.name) == t.designs.end()) continue;
            if (!opt.designs.empty() && std::find(opt.designs.begin(), opt.designs.end(), d.name) == opt.designs.end()) continue;
            if (!opt.tags.empty() && !any_tag(t.tags, opt.tags) && !any_tag(d.tags, opt.tags)) continue;
            plans.push_back({&d, &t});
        }
    }
    CiRun run;
    run.manifest = m.file;
    run.jobs.resize(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
        CiJob& j = run.jobs[i];
        j.design = plans[i].design->name;
        j.task = plans[i].task->name;
        j.input = plans[i].design->source.file;
        j.folder = (std::filesystem::path(opt.out) / portable_input_name(j.design) / portable_input_name(j.task)).string();
        j.tags = plans[i].task->tags;
        for (const auto& g : plans[i].design->tags)
            if (std::find(j.tags.begin(), j.tags.end(), g) == j.tags.end()) j.tags.push_back(g);
    }
    std::atomic<std::size_t> next{0};
    std::mutex report;
    auto worker = [&] {
        for (std::size_t i; (i = next++) < plans.size();) {
            if (opt.budget.cancel->cancelled()) {
                PropertyResult r;
                r.name = "load";
                r.verdict = Verdict::Unknown;
                r.engine = "-";
                r.message = "not started: " + opt.budget.cancel->reason();
                run.jobs[i].results.push_back({r, expected_outcome(m, *plans[i].design, *plans[i].task, "load"),
                                               outcome_of(r, past_deadline(opt.budget)), false});
            } else {
                run_job(m, plans[i], opt, run.jobs[i]);
            }
            std::lock_guard<std::mutex> lock(report);
            if (opt.on_job) opt.on_job(run.jobs[i]);
        }
    };
    const unsigned n = std::max(1u, std::min<unsigned>(opt.jobs, static_cast<unsigned>(std::max<std::size_t>(1, plans.size()))));
    std::vector<std::thread> pool;
    std::atomic<unsigned> started{0};
    for (unsigned k = 1; k < n; ++k)
        pool.emplace_back([&] {
            started++;
            worker();
        });
    while (started.load() + 1 < n) std::this_thread::yield();
    worker();
    for (auto& th : pool) th.join();
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return run;
}

}  // namespace np
