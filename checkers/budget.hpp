// One run, one budget (DESIGN §7): the wall-clock deadline and the memory limit of a whole
// command, shared by every engine and phase, and the cancellation that stops them.
//
//   Cancellation  a tree of stop flags. cancel(reason) stops a node and every descendant (a child
//                 made after its ancestor stopped starts stopped) and runs the stop hooks attached
//                 to them — interrupting a Z3 context, killing a solver subprocess — at once, from
//                 the cancelling thread. reason() is the first reason given to the node or an
//                 ancestor: "time limit of 20 s reached (--timeout)", "interrupted (SIGINT)",
//                 "cancelled: another engine answered first".
//   Budget        a run's start, deadline and memory limit, and its root cancellation. Engines get
//                 a child of the root (or of a portfolio lane) and the time that is left.
//   Watchdog      a thread that enforces a Budget from outside the engines: past the deadline, past
//                 the memory limit (the process's resident set), or when a signal was requested
//                 (request_interrupt), it cancels the root with the reason. No engine is left to its
//                 own limits: a Z3 call is interrupted by a stop hook within the watchdog's period.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace np {

class Cancellation : public std::enable_shared_from_this<Cancellation> {
public:
    static std::shared_ptr<Cancellation> make();
    // A node that stops when this one does (and may also be stopped alone).
    std::shared_ptr<Cancellation> child();
    void cancel(const std::string& reason);
    bool cancelled() const { return flag_.load(std::memory_order_relaxed); }
    std::string reason() const;

    // Runs `on_stop` when the node stops (at once if it already has) until destroyed. `on_stop` must
    // be safe to call from another thread while the attachment lives.
    class Attachment {
    public:
        Attachment(std::shared_ptr<Cancellation> c, std::function<void()> on_stop);
        ~Attachment();
        Attachment(const Attachment&) = delete;
        Attachment& operator=(const Attachment&) = delete;

    private:
        std::shared_ptr<Cancellation> c_;
        std::uint64_t id_ = 0;
    };

private:
    Cancellation() = default;
    mutable std::mutex mutex_;
    std::atomic<bool> flag_{false};
    std::string reason_;
    std::vector<std::weak_ptr<Cancellation>> children_;
    std::vector<std::pair<std::uint64_t, std::function<void()>>> hooks_;
    std::uint64_t next_hook_ = 1;
};

struct Budget {
    Budget();  // no limits, a fresh root
    // timeout_seconds <= 0: no deadline; max_memory_bytes 0: no limit.
    Budget(double timeout_seconds, std::uint64_t max_memory_bytes);

    std::chrono::steady_clock::time_point start;
    std::optional<std::chrono::steady_clock::time_point> deadline;
    double timeout_seconds = 0;
    std::uint64_t max_memory_bytes = 0;
    std::shared_ptr<Cancellation> cancel;

    double elapsed() const;
    // Seconds left before the deadline (never below 0), or 0 when there is none: the convention of
    // every engine's timeout_seconds ("0: no limit"), so a caller must test expired() first.
    double remaining_seconds() const;
    bool expired() const;
    // "time limit of 20 s reached (--timeout)": what a time-out of this budget is called.
    std::string timeout_reason() const;
    // The same limits with a child cancellation and the deadline min(deadline, now + seconds).
    Budget share(double seconds = 0) const;
};

// The process's resident set in bytes (Linux /proc/<pid>/statm), with that of the helper
// processes registered below (the isolated engine processes, checkers/isolated_engine.hpp), so
// that --max-memory bounds the whole run; 0 when unknown.
std::uint64_t resident_memory_bytes();
// The resident set of one process, 0 when unknown (it has ended).
std::uint64_t resident_memory_bytes_of(int pid);
// Helper processes counted by resident_memory_bytes() while they run.
void register_helper_process(int pid);
void unregister_helper_process(int pid);

// Marks that signal `signo` asked the run to stop (async-signal-safe, so a handler may call it). A Watchdog turns it into a
// cancellation of its budget ("interrupted (SIGINT)"). Returns how many requests came before.
int request_interrupt(int signo);
int interrupt_requests();

// Returns once `started` is set by a thread that has just been created. A thread's start-up
// allocates (its stack guard, thread-local data, a sanitizer's per-thread state); a fork() taken
// meanwhile (spec/read_nir.hpp reads NIR files in a forked child) could copy an allocator lock
// held by that half-started thread, and the child would wait on it forever. Threads that are
// running and idle (blocked in sigwait, sleeping) hold no such lock.
void wait_until_started(const std::atomic<bool>& started);

class Watchdog {
public:
    explicit Watchdog(const Budget& budget, std::chrono::milliseconds period = std::chrono::milliseconds(20));
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

private:
    Budget budget_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace np
