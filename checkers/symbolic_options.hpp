// Options shared by the symbolic engines (BMC, k-induction, Spacer): bounds, the time left and
// the cancellation (checkers/budget.hpp) that interrupts their Z3 calls.
#pragma once

#include <z3++.h>

#include <atomic>
#include <functional>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "checkers/budget.hpp"
#include "checkers/result.hpp"
#include "model/model_source.hpp"
#include "model/system.hpp"
#include "proofs/recheck.hpp"

namespace np {

// Interrupts `ctx` (Z3_interrupt) when `c` stops, for as long as it lives (c may be null).
class InterruptOnCancel {
public:
    InterruptOnCancel(std::shared_ptr<Cancellation> c, z3::context& ctx)
        : attachment_(std::move(c), [&ctx] { ctx.interrupt(); }) {}

private:
    Cancellation::Attachment attachment_;
};

// How run_symbolic (checkers/run_symbolic.hpp) runs an engine in a process of its own
// (checkers/isolated_engine.hpp), so that a crash inside Z3 costs only that engine's results.
struct Isolation {
    std::string executable;              // a neuroproof binary: its hidden `__engine` command serves the request
    ModelSource source;                  // how that process loads the model again (its fingerprint must match)
    std::uint64_t max_memory_bytes = 0;  // per engine process, 0: none; the process is killed past it
};

struct SymbolicOptions {
    // BMC: the deepest step checked; k-induction: the largest k tried (and BMC depth of its base
    // case). Spacer ignores it.
    std::uint32_t depth = 30;
    double timeout_seconds = 0;   // wall-clock limit of one engine call, 0: none
    std::string timeout_reason;   // how a time-out is reported; default "time limit of N s reached (--timeout)"
    bool include_inputs = true;   // false: input transitions never fire (local behaviour only)
    // Every PASS of k-induction or Spacer carries a certificate (Emit), re-checked with
    // recheck.solvers (Recheck, the default); a certificate that fails its re-check turns the PASS
    // into an ERROR. The portfolio emits and re-checks the winner's itself; tests that compare
    // verdicts in bulk may switch certificates off (None: their PASSes then carry none).
    enum class Certificates : std::uint8_t { None, Emit, Recheck };
    Certificates certificates = Certificates::Recheck;
    RecheckOptions recheck;
    std::shared_ptr<Cancellation> cancel;  // may be null; stopping it interrupts every Z3 call
    // A portfolio's hooks (may be empty): still_open(p) false means another engine decided p, which
    // is then skipped (BMC, k-induction); progress receives "depth 12"-style notes as the search goes.
    std::function<bool(const Property&)> still_open;
    std::function<void(const std::string&)> progress;
    // Called as soon as an engine has the final result of props[i] (BMC, k-induction), from its
    // thread; an isolated engine process sends it at once, so that the result survives the process.
    std::function<void(std::size_t, const PropertyResult&)> decided;
    // Set: run_symbolic runs the engine isolated, in a process of its own. The hooks above still
    // work (progress notes and decisions elsewhere cross the process boundary).
    std::shared_ptr<const Isolation> isolation;
};

// `o` under budget `b`: stopped by `c` (b's own cancellation when null), with the time b has left
// and b's wording for a time-out.
SymbolicOptions within_budget(SymbolicOptions o, const Budget& b, std::shared_ptr<Cancellation> c = nullptr);

// A wall-clock deadline with the "why did we stop" wording shared by the engines.
class Deadline {
public:
    explicit Deadline(const SymbolicOptions& o);
    double elapsed() const;
    // Milliseconds left for a solver call (at least 1), or 0 when there is no limit.
    unsigned remaining_ms() const;
    bool expired() const;
    bool cancelled() const { return cancel_ && cancel_->cancelled(); }
    // The cancellation's reason (e.g. "interrupted (SIGINT)") or "time limit of N s reached (--timeout)".
    std::string why_stopped() const;

private:
    std::chrono::steady_clock::time_point start_;
    double limit_;
    std::string reason_;
    std::shared_ptr<Cancellation> cancel_;
};

}  // namespace np
