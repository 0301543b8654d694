#include "checkers/progress.hpp"

#include <cstdio>

namespace np {

void ProgressBoard::post(const std::string& lane, const std::string& note) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (note.empty()) notes_.erase(lane);
    else notes_[lane] = note;
}

std::string ProgressBoard::line() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string s;
    for (const auto& [lane, note] : notes_) s += (s.empty() ? "" : " | ") + lane + ": " + note;
    return s;
}

std::string format_search_progress(const SearchProgress& p) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%llu states, depth %u, %.0f states/s, %llu MiB",
                  static_cast<unsigned long long>(p.states), p.depth, p.seconds > 0 ? p.states / p.seconds : 0.0,
                  static_cast<unsigned long long>(p.memory_bytes >> 20));
    return buf;
}

}  // namespace np
