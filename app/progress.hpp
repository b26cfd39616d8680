#pragma once
// A progress bar on stderr for work that takes more than about a second: done and total,
// rate, and time left. Drawn only when stderr is a terminal and the user has not asked for
// quiet, so scripts and logs never see it. Safe to advance from any thread.
//
// A program that started kapsim (the studio) may ask for the same figures in a file: with
// KAPSIM_PROGRESS_FILE=PATH in the environment, PATH is rewritten whole (atomically) a few
// times a second with one line, "done total", whether or not a bar is drawn.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace kapsim::app {

class Progress {
public:
    // `enabled` false gives a bar that never draws (for --quiet, pipes and tests).
    Progress(std::string unit, bool enabled);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void add_work(std::size_t n) { total_ += n; }
    void step();
    // Clears the bar for good, so what follows on the terminal starts on a clean line.
    void finish();

    // True when stderr is a terminal.
    static bool stderr_is_terminal();

private:
    void draw(std::size_t done, double elapsed);
    void write_file(std::size_t done, std::chrono::steady_clock::time_point now);

    std::string unit_;
    bool enabled_;
    std::atomic<std::size_t> total_{0};
    std::atomic<std::size_t> done_{0};
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_drawn_{};
    bool drawn_ = false;
    std::string progress_file_;  // KAPSIM_PROGRESS_FILE, or empty
    std::atomic<bool> to_file_{false};
    std::chrono::steady_clock::time_point last_written_{};
    std::mutex mutex_;
};

}  // namespace kapsim::app
