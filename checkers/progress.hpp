// Live progress of a run (DESIGN §7): each engine (or portfolio lane) posts a short note of how
// far it got — "explicit: 1200000 states, depth 41, 850000 states/s, 96 MiB", "bmc: depth 12",
// "kind deadlock: k = 5" — and a printer shows the notes together. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "checkers/explicit_search.hpp"

namespace np {

class ProgressBoard {
public:
    // An empty note removes the lane.
    void post(const std::string& lane, const std::string& note);
    // "lane: note | lane: note", lanes in name order; empty when nothing is running.
    std::string line() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string> notes_;
};

// "1200000 states, depth 41, 850000 states/s, 96 MiB"
std::string format_search_progress(const SearchProgress& p);

}  // namespace np
