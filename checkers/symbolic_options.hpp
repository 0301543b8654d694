// Options shared by the symbolic engines (BMC, k-induction, Spacer) and the cooperative
// cancellation the portfolio uses to stop the loser of a race.
#pragma once

#include <z3++.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "proofs/recheck.hpp"

namespace np {

// Stops symbolic engines from another thread: cancel() sets a flag the engines poll between
// solver calls and interrupts (Z3_interrupt) every Z3 context attached at that moment. A context
// must be attached only while it is alive (Attachment detaches it in its destructor).
class Cancellation {
public:
    void cancel();
    bool cancelled() const { return flag_.load(); }

    class Attachment {
    public:
        Attachment(std::shared_ptr<Cancellation> c, z3::context& ctx);
        ~Attachment();
        Attachment(const Attachment&) = delete;
        Attachment& operator=(const Attachment&) = delete;

    private:
        std::shared_ptr<Cancellation> c_;
        z3::context* ctx_;
    };

private:
    std::atomic<bool> flag_{false};
    std::mutex mutex_;
    std::vector<z3::context*> contexts_;
};

struct SymbolicOptions {
    // BMC: the deepest step checked; k-induction: the largest k tried (and BMC depth of its base
    // case). Spacer ignores it.
    std::uint32_t depth = 30;
    double timeout_seconds = 0;   // wall-clock limit of one engine call, 0: none
    bool include_inputs = true;   // false: input transitions never fire (local behaviour only)
    // Every PASS of k-induction or Spacer carries a certificate (Emit), re-checked with
    // recheck.solvers (Recheck, the default); a certificate that fails its re-check turns the PASS
    // into an ERROR. The portfolio emits and re-checks the winner's itself; tests that compare
    // verdicts in bulk may switch certificates off (None: their PASSes then carry none).
    enum class Certificates : std::uint8_t { None, Emit, Recheck };
    Certificates certificates = Certificates::Recheck;
    RecheckOptions recheck;
    std::shared_ptr<Cancellation> cancel;  // may be null
};

// A wall-clock deadline with the "why did we stop" wording shared by the engines.
class Deadline {
public:
    explicit Deadline(const SymbolicOptions& o);
    double elapsed() const;
    // Milliseconds left for a solver call (at least 1), or 0 when there is no limit.
    unsigned remaining_ms() const;
    bool expired() const;
    bool cancelled() const { return cancel_ && cancel_->cancelled(); }
    // "time limit of N s reached (--timeout)" or "cancelled: another engine answered first".
    std::string why_stopped() const;

private:
    std::chrono::steady_clock::time_point start_;
    double limit_;
    std::shared_ptr<Cancellation> cancel_;
};

}  // namespace np
