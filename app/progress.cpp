#include "progress.hpp"

#include <cstdio>
#include <cstdlib>

#include <unistd.h>

#include <fmt/format.h>

#include "atomic_file.hpp"
#include "sweep_mpi.hpp"

namespace kapsim::app {

Progress::Progress(std::string unit, bool enabled) : unit_(std::move(unit)), enabled_(enabled) {
    if (const char* file = std::getenv("KAPSIM_PROGRESS_FILE"); file && *file) {
        progress_file_ = file;
        to_file_ = true;
    }
}

Progress::~Progress() { finish(); }

void Progress::write_file(std::size_t done, std::chrono::steady_clock::time_point now) {
    last_written_ = now;
    try {
        write_file_atomically(progress_file_, fmt::format("{} {}\n", done, std::max<std::size_t>(total_, done)));
    } catch (const std::exception&) {
        progress_file_.clear();  // the reader went away; the work goes on
        to_file_ = false;
    }
}

void Progress::finish() {
    const std::lock_guard lock(mutex_);
    if (!progress_file_.empty() && (done_ > 0 || total_ > 0)) write_file(done_, std::chrono::steady_clock::now());
    if (drawn_) std::fputs("\r\033[2K", stderr);  // leave the terminal as it was
    drawn_ = false;
    enabled_ = false;
}

// Under mpirun stderr is mpirun's pseudo-terminal even when its output goes to a file: no bar.
bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1 && !launched_by_mpi(); }

void Progress::step() {
    const std::size_t done = ++done_;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    if (to_file_) {
        const std::lock_guard lock(mutex_);
        if (!progress_file_.empty() && (now - last_written_ >= std::chrono::milliseconds(250) || done >= total_))
            write_file(done, now);
    }
    if (elapsed < 1.0) return;  // short work needs no bar
    const std::lock_guard lock(mutex_);
    if (!enabled_) return;
    if (drawn_ && now - last_drawn_ < std::chrono::milliseconds(100) && done < total_) return;
    last_drawn_ = now;
    draw(done, elapsed);
}

void Progress::draw(std::size_t done, double elapsed) {
    const std::size_t total = std::max<std::size_t>(total_, done);
    constexpr int width = 30;
    const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
    const double rate = static_cast<double>(done) / elapsed;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::fputs(fmt::format("\r\033[2K[{}{}] {}/{} {}  {:.1f}/s  about {:.0f} s left", std::string(filled, '#'),
                           std::string(width - filled, '.'), done, total, unit_, rate, left)
                   .c_str(),
               stderr);
    std::fflush(stderr);
    drawn_ = true;
}

}  // namespace kapsim::app
