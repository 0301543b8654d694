#include "checkers/destroy_later.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace np {
namespace {

class Reaper {
public:
    void give(std::shared_ptr<void> state) {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(state));
        ++pending_;
        if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
        wake_.notify_one();
    }

    std::size_t pending() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return pending_;
    }

    ~Reaper() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            exiting_ = true;
        }
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
        // Not destroyed: the process is ending and the operating system takes the memory back
        // faster. Kept reachable so that leak checkers do not report it.
        static auto* const left = new std::deque<std::shared_ptr<void>>;
        left->swap(queue_);
    }

private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            wake_.wait(lock, [this] { return exiting_ || !queue_.empty(); });
            if (exiting_) return;
            std::shared_ptr<void> state = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            state.reset();
            lock.lock();
            --pending_;
        }
    }

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<void>> queue_;
    std::size_t pending_ = 0;
    bool exiting_ = false;
    std::thread thread_;
};

Reaper& reaper() {
    static Reaper r;
    return r;
}

}  // namespace

void destroy_later(std::shared_ptr<void> state) {
    if (state) reaper().give(std::move(state));
}

std::size_t pending_destructions() { return reaper().pending(); }

}  // namespace np
