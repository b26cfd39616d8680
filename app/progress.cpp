#include "progress.hpp"

#include <cstdio>

#include <unistd.h>

#include <fmt/format.h>

namespace kapsim::app {

Progress::Progress(std::string unit, bool enabled) : unit_(std::move(unit)), enabled_(enabled) {}

Progress::~Progress() { finish(); }

void Progress::finish() {
    const std::lock_guard lock(mutex_);
    if (drawn_) std::fputs("\r\033[2K", stderr);  // leave the terminal as it was
    drawn_ = false;
    enabled_ = false;
}

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::step() {
    const std::size_t done = ++done_;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - started_).count();
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
