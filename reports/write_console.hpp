// What the commands print on a terminal while they run and as results arrive (thin-CLI
// presentation, DESIGN §7): the live progress line and the one-line result formats of `check`
// and `ci`.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "checkers/budget.hpp"
#include "checkers/progress.hpp"
#include "checkers/result.hpp"
#include "checkers/run_manifest.hpp"

namespace np {

// `s` padded with spaces to `n` bytes (unchanged when longer).
std::string pad(std::string s, std::size_t n);

// "NAME  VERDICT  ENGINE  SECONDS  states=N depth=D  MESSAGE  [trace: FOLDER/trace.txt]
// [certificate: FOLDER/certificate]" with the name padded to `name_width`, and a newline.
std::string result_line(const PropertyResult& r, std::size_t name_width, const std::string& folder);

// "DESIGN/TASK  PROPERTY  OUTCOME  ok|UNEXPECTED  ENGINE|cached  SECONDS  MESSAGE" (the first line of
// the message, at most 140 bytes), and a newline.
std::string ci_result_line(const CiJob& job, const CiResult& r);

// Prints the live progress board to stderr: on a terminal one line rewritten twice a second,
// otherwise a line every five seconds. Result lines go through print() so they never mix.
class ProgressPrinter {
public:
    ProgressPrinter(std::shared_ptr<ProgressBoard> board, const Budget& budget, bool enabled);
    ~ProgressPrinter();
    void stop();
    void print(const std::string& text);

private:
    void clear();
    void clear_locked();
    std::shared_ptr<ProgressBoard> board_;
    const Budget& budget_;
    bool tty_;
    bool shown_ = false;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::thread thread_;
};

}  // namespace np
