#include "checkers/symbolic_options.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace np {

SymbolicOptions within_budget(SymbolicOptions o, const Budget& b, std::shared_ptr<Cancellation> c) {
    o.cancel = c ? std::move(c) : b.cancel;
    o.timeout_seconds = b.deadline ? std::max(b.remaining_seconds(), 0.001) : 0;
    o.timeout_reason = b.timeout_reason();
    return o;
}

Deadline::Deadline(const SymbolicOptions& o)
    : start_(std::chrono::steady_clock::now()), limit_(o.timeout_seconds), reason_(o.timeout_reason), cancel_(o.cancel) {}

double Deadline::elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

unsigned Deadline::remaining_ms() const {
    if (limit_ <= 0) return 0;
    double left = (limit_ - elapsed()) * 1000;
    return static_cast<unsigned>(std::clamp(left, 1.0, 4.0e9));
}

// A little early: Z3's own timer (the remaining time, set on every call) may fire just before ours.
bool Deadline::expired() const { return cancelled() || (limit_ > 0 && elapsed() >= limit_ - 0.02); }

std::string Deadline::why_stopped() const {
    if (cancelled()) {
        std::string why = cancel_->reason();
        return why.empty() ? "cancelled" : why;
    }
    if (!reason_.empty()) return reason_;
    std::ostringstream s;
    s << "time limit of " << limit_ << " s reached (--timeout)";
    return s.str();
}

}  // namespace np
