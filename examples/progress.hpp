// Progress of a long run on standard error, for a person watching a terminal: each step that
// takes longer than about a second is shown while it runs ("reading scenario.yaml… 2 s") and
// said when it ends, with what it did ("read 100,000 projects, 18,776 communes in 2.3 s").
// Silent when standard error is not a terminal (a log, a pipe, a test) and under --quiet, so
// that diagnostics stay the only thing a script reads there. Part of the driver, not of the
// library.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace subsidy_drivers {

class Progress {
public:
    /// Shown only if `wanted` and standard error is a terminal. SUBSIDY_PROGRESS_AFTER_MS sets
    /// how long a step runs before it is shown (default 1000 ms).
    explicit Progress(bool wanted);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// A step begins ("reading examples/national/scenario.yaml").
    void begin(std::string doing);
    /// It ended, having done `what` ("read 1,607 communes, 870 projects"): said if it was shown.
    void end(const std::string& what);

private:
    void watch();
    void show_locked(bool final_line, const std::string& text);

    bool enabled_ = false;
    std::chrono::milliseconds after_{1000};
    std::mutex m_;
    std::condition_variable wake_;
    std::string doing_;
    std::chrono::steady_clock::time_point started_;
    bool running_ = false, shown_ = false, stop_ = false;
    std::thread watcher_;
};

/// "1,607": a count as the progress lines write it.
std::string with_commas(std::size_t n);

}  // namespace subsidy_drivers
