#include "checkers/symbolic_options.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace np {

void Cancellation::cancel() {
    flag_.store(true);
    std::lock_guard<std::mutex> lock(mutex_);
    for (z3::context* c : contexts_) c->interrupt();
}

Cancellation::Attachment::Attachment(std::shared_ptr<Cancellation> c, z3::context& ctx) : c_(std::move(c)), ctx_(&ctx) {
    if (!c_) return;
    std::lock_guard<std::mutex> lock(c_->mutex_);
    c_->contexts_.push_back(ctx_);
    if (c_->flag_.load()) ctx_->interrupt();
}

Cancellation::Attachment::~Attachment() {
    if (!c_) return;
    std::lock_guard<std::mutex> lock(c_->mutex_);
    auto& v = c_->contexts_;
    v.erase(std::remove(v.begin(), v.end(), ctx_), v.end());
}

Deadline::Deadline(const SymbolicOptions& o)
    : start_(std::chrono::steady_clock::now()), limit_(o.timeout_seconds), cancel_(o.cancel) {}

double Deadline::elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

unsigned Deadline::remaining_ms() const {
    if (limit_ <= 0) return 0;
    double left = (limit_ - elapsed()) * 1000;
    return static_cast<unsigned>(std::clamp(left, 1.0, 4.0e9));
}

bool Deadline::expired() const { return cancelled() || (limit_ > 0 && elapsed() >= limit_); }

std::string Deadline::why_stopped() const {
    if (cancelled()) return "cancelled: another engine answered first";
    std::ostringstream s;
    s << "time limit of " << limit_ << " s reached (--timeout)";
    return s.str();
}

}  // namespace np
