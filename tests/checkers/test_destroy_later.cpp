// destroy_later: what is handed over is destroyed on another thread, in the order given.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "checkers/destroy_later.hpp"

namespace np {
namespace {

struct Log {
    std::mutex mutex;
    std::vector<std::pair<int, std::thread::id>> destroyed;
};

struct Recorded {
    Recorded(Log& l, int i) : log(l), id(i) {}
    Recorded(const Recorded&) = delete;
    Log& log;
    int id;
    ~Recorded() {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::lock_guard<std::mutex> lock(log.mutex);
        log.destroyed.emplace_back(id, std::this_thread::get_id());
    }
};

void wait_until_done() {
    for (int i = 0; i < 1000 && pending_destructions() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST(DestroyLater, DestroysOnAnotherThreadInTheOrderGiven) {
    Log log;
    for (int i = 0; i < 5; ++i) destroy_later(std::make_shared<Recorded>(log, i));
    destroy_later(nullptr);
    wait_until_done();
    EXPECT_EQ(pending_destructions(), 0u);
    std::lock_guard<std::mutex> lock(log.mutex);
    ASSERT_EQ(log.destroyed.size(), 5u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(log.destroyed[i].first, i);
        EXPECT_NE(log.destroyed[i].second, std::this_thread::get_id());
    }
}

TEST(DestroyLater, AnObjectStillSharedElsewhereLivesOn) {
    Log log;
    auto kept = std::make_shared<Recorded>(log, 7);
    destroy_later(kept);
    wait_until_done();
    {
        std::lock_guard<std::mutex> lock(log.mutex);
        EXPECT_TRUE(log.destroyed.empty());
    }
    kept.reset();
    std::lock_guard<std::mutex> lock(log.mutex);
    ASSERT_EQ(log.destroyed.size(), 1u);
    EXPECT_EQ(log.destroyed[0].second, std::this_thread::get_id());
}

}  // namespace
}  // namespace np
