#include "reports/write_console.hpp"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace np {

std::string pad(std::string s, std::size_t n) {
    if (s.size() < n) s.resize(n, ' ');
    return s;
}

std::string result_line(const PropertyResult& r, std::size_t name_width, const std::string& folder) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2fs", r.seconds);
    std::string line = pad(r.name, name_width) + pad(verdict_name(r.verdict), 9) + pad(r.engine, 10) + pad(secs, 9) +
                       "states=" + std::to_string(r.states) + " depth=" + std::to_string(r.depth) + "  " + r.message;
    if (r.trace) line += "  [trace: " + folder + "/trace.txt]";
    if (r.certificate) line += "  [certificate: " + folder + "/certificate]";
    return line + "\n";
}

std::string ci_result_line(const CiJob& job, const CiResult& r) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2fs", r.result.seconds);
    std::string outcome = outcome_name(r.outcome);
    for (char& c : outcome) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string msg = r.result.message.substr(0, r.result.message.find('\n'));
    if (msg.size() > 140) msg = msg.substr(0, 137) + "...";
    auto col = [](const std::string& text, std::size_t n) { return pad(text, n) + (text.size() >= n ? " " : ""); };
    return col(job.design + "/" + job.task, 28) + col(r.result.name, 22) + pad(outcome, 9) + pad(r.as_expected() ? "ok" : "UNEXPECTED", 12) +
           pad(r.cached ? "cached" : r.result.engine, 10) + pad(secs, 9) + msg + "\n";
}

ProgressPrinter::ProgressPrinter(std::shared_ptr<ProgressBoard> board, const Budget& budget, bool enabled)
    : board_(std::move(board)), budget_(budget), tty_(isatty(2)) {
    if (!enabled) return;
    thread_ = std::thread([this] {
        const double period = tty_ ? 0.5 : 5.0;
        double next = period;
        while (!stop_.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (budget_.elapsed() < next) continue;
            next = budget_.elapsed() + period;
            const std::string line = board_->line();
            std::lock_guard<std::mutex> lock(mutex_);
            if (line.empty()) continue;
            char head[32];
            std::snprintf(head, sizeof head, "[%.1fs] ", budget_.elapsed());
            if (tty_) {
                std::string l = head + line;
                if (l.size() > 160) l = l.substr(0, 157) + "...";
                std::fprintf(stderr, "\r\033[K%s", l.c_str());
                shown_ = true;
            } else {
                std::fprintf(stderr, "progress %s%s\n", head, line.c_str());
            }
            std::fflush(stderr);
        }
    });
}

ProgressPrinter::~ProgressPrinter() { stop(); }

void ProgressPrinter::stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
    clear();
}

void ProgressPrinter::print(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    clear_locked();
    std::cout << text << std::flush;
}

void ProgressPrinter::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    clear_locked();
}

void ProgressPrinter::clear_locked() {
    if (!shown_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
}

}  // namespace np
