#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace subsidy_drivers {

namespace {

std::string seconds(std::chrono::steady_clock::duration d) {
    const double s = std::chrono::duration<double>(d).count();  // shown to a person, never a value of the run
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", s);
    return text;
}

}  // namespace

std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

Progress::Progress(bool wanted) {
    enabled_ = wanted && isatty(STDERR_FILENO) == 1;
    if (!enabled_) return;
    if (const char* ms = std::getenv("SUBSIDY_PROGRESS_AFTER_MS")) after_ = std::chrono::milliseconds(std::strtol(ms, nullptr, 10));
    watcher_ = std::thread([this] { watch(); });
}

Progress::~Progress() {
    if (!enabled_) return;
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    wake_.notify_all();
    watcher_.join();
}

void Progress::begin(std::string doing) {
    if (!enabled_) return;
    std::lock_guard lock(m_);
    doing_ = std::move(doing);
    started_ = std::chrono::steady_clock::now();
    running_ = true;
    shown_ = false;
    wake_.notify_all();
}

void Progress::end(const std::string& what) {
    if (!enabled_) return;
    std::lock_guard lock(m_);
    // A step that ran longer than `after_` is said even if the watcher has not shown it yet
    // (it may not have been scheduled): what is said depends on the time, not on the race.
    const auto elapsed = std::chrono::steady_clock::now() - started_;
    if (shown_ || elapsed >= after_) show_locked(true, what + " in " + seconds(elapsed));
    running_ = false;
}

// Rewrites the terminal's current line ("\r", then clear to its end).
void Progress::show_locked(bool final_line, const std::string& text) {
    std::fprintf(stderr, "\r\033[Ksubsidy-calc: %s%s", text.c_str(), final_line ? "\n" : "");
    std::fflush(stderr);
    shown_ = !final_line;
}

// Shows the running step after `after_`, then every half second.
void Progress::watch() {
    std::unique_lock lock(m_);
    while (!stop_) {
        if (!running_) {
            wake_.wait(lock);
            continue;
        }
        const auto elapsed = std::chrono::steady_clock::now() - started_;
        if (elapsed >= after_) show_locked(false, doing_ + "… " + seconds(elapsed));
        wake_.wait_for(lock, elapsed >= after_ ? std::chrono::milliseconds(500) : after_ - elapsed);
    }
}

}  // namespace subsidy_drivers
