#include "checkers/budget.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <vector>

namespace np {

using SteadyClock = std::chrono::steady_clock;

namespace {

std::string seconds_text(double s) {
    std::ostringstream o;
    o << s;
    return o.str();
}

}  // namespace

std::shared_ptr<Cancellation> Cancellation::make() { return std::shared_ptr<Cancellation>(new Cancellation()); }

std::shared_ptr<Cancellation> Cancellation::child() {
    std::shared_ptr<Cancellation> c = make();
    std::string why;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!flag_.load()) {
            children_.erase(std::remove_if(children_.begin(), children_.end(), [](const auto& w) { return w.expired(); }),
                            children_.end());
            children_.push_back(c);
            return c;
        }
        why = reason_;
    }
    c->cancel(why);
    return c;
}

void Cancellation::cancel(const std::string& reason) {
    std::vector<std::shared_ptr<Cancellation>> kids;
    {
        // The hooks run under the lock: an Attachment's destructor waits for them, so a hook never
        // touches what its owner already destroyed (a Z3 context, a child process).
        std::lock_guard<std::mutex> lock(mutex_);
        if (flag_.load()) return;
        reason_ = reason;
        flag_.store(true);
        for (const auto& w : children_)
            if (auto c = w.lock()) kids.push_back(std::move(c));
        children_.clear();
        for (const auto& [id, h] : hooks_) h();
    }
    for (const auto& c : kids) c->cancel(reason);
}

std::string Cancellation::reason() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return reason_;
}

Cancellation::Attachment::Attachment(std::shared_ptr<Cancellation> c, std::function<void()> on_stop) : c_(std::move(c)) {
    if (!c_) return;
    bool now = false;
    {
        std::lock_guard<std::mutex> lock(c_->mutex_);
        id_ = c_->next_hook_++;
        c_->hooks_.emplace_back(id_, on_stop);
        now = c_->flag_.load();
    }
    if (now) on_stop();
}

Cancellation::Attachment::~Attachment() {
    if (!c_) return;
    std::lock_guard<std::mutex> lock(c_->mutex_);
    auto& v = c_->hooks_;
    v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& h) { return h.first == id_; }), v.end());
}

Budget::Budget() : start(SteadyClock::now()), cancel(Cancellation::make()) {}

Budget::Budget(double timeout, std::uint64_t memory) : Budget() {
    timeout_seconds = timeout > 0 ? timeout : 0;
    max_memory_bytes = memory;
    if (timeout_seconds > 0)
        deadline = start + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(timeout_seconds));
}

double Budget::elapsed() const { return std::chrono::duration<double>(SteadyClock::now() - start).count(); }

double Budget::remaining_seconds() const {
    if (!deadline) return 0;
    return std::max(0.0, std::chrono::duration<double>(*deadline - SteadyClock::now()).count());
}

bool Budget::expired() const { return cancel->cancelled() || (deadline && SteadyClock::now() >= *deadline); }

std::string Budget::timeout_reason() const { return "time limit of " + seconds_text(timeout_seconds) + " s reached (--timeout)"; }

Budget Budget::share(double seconds) const {
    Budget b = *this;
    b.cancel = cancel->child();
    if (seconds > 0) {
        auto d = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(seconds));
        if (!b.deadline || d < *b.deadline) b.deadline = d;
    }
    return b;
}

namespace {

std::uint64_t statm_resident(const char* path) {
    FILE* f = std::fopen(path, "r");
    if (!f) return 0;
    unsigned long long size = 0, resident = 0;
    const int n = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    if (n != 2) return 0;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::mutex g_helpers_mutex;
std::vector<int> g_helpers;

}  // namespace

std::uint64_t resident_memory_bytes_of(int pid) { return statm_resident(("/proc/" + std::to_string(pid) + "/statm").c_str()); }

void register_helper_process(int pid) {
    std::lock_guard<std::mutex> lock(g_helpers_mutex);
    g_helpers.push_back(pid);
}

void unregister_helper_process(int pid) {
    std::lock_guard<std::mutex> lock(g_helpers_mutex);
    std::erase(g_helpers, pid);
}

std::uint64_t resident_memory_bytes() {
    std::uint64_t total = statm_resident("/proc/self/statm");
    std::lock_guard<std::mutex> lock(g_helpers_mutex);
    for (int pid : g_helpers) total += resident_memory_bytes_of(pid);
    return total;
}

namespace {

std::atomic<int> g_interrupts{0};
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "request_interrupt must be async-signal-safe");

std::string signal_name(int s) {
    if (s == SIGINT) return "SIGINT";
    if (s == SIGTERM) return "SIGTERM";
    return "signal " + std::to_string(s);
}


}  // namespace

int request_interrupt(int signo) {
    g_signal.store(signo);
    return g_interrupts.fetch_add(1);
}

int interrupt_requests() { return g_interrupts.load(); }

void wait_until_started(const std::atomic<bool>& started) {
    while (!started.load()) std::this_thread::yield();
}

Watchdog::Watchdog(const Budget& budget, std::chrono::milliseconds period) : budget_(budget) {
    std::atomic<bool> started{false};
    thread_ = std::thread([this, period, &started] {
        started.store(true);
        while (!stop_.load()) {
            if (budget_.cancel->cancelled()) return;
            if (g_interrupts.load() > 0) {
                budget_.cancel->cancel("interrupted (" + signal_name(g_signal.load()) + ")");
                return;
            }
            if (budget_.deadline && SteadyClock::now() >= *budget_.deadline) {
                budget_.cancel->cancel(budget_.timeout_reason());
                return;
            }
            if (budget_.max_memory_bytes && resident_memory_bytes() > budget_.max_memory_bytes) {
                budget_.cancel->cancel("memory limit of " + std::to_string(budget_.max_memory_bytes >> 20) +
                                       " MiB reached (--max-memory)");
                return;
            }
            std::this_thread::sleep_for(period);
        }
    });
    wait_until_started(started);
}

Watchdog::~Watchdog() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
}

}  // namespace np
