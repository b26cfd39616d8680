#include "terminal_style.hpp"

#include <cstdlib>
#include <cstring>

#include <fmt/color.h>
#include <unistd.h>

#include "sweep_mpi.hpp"

namespace kapsim::app {
namespace {

std::string styled(bool enabled, std::string_view text, fmt::text_style style) {
    return enabled ? fmt::format(style, "{}", text) : std::string(text);
}

}  // namespace

TerminalStyle TerminalStyle::for_stream(std::FILE* stream) {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    const bool wanted = !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
    // A process started by mpirun writes to mpirun's pseudo-terminal even when mpirun's own
    // output goes to a file, so it cannot tell: no colours there.
    return TerminalStyle(wanted && ::isatty(::fileno(stream)) == 1 && !launched_by_mpi());
}

std::string TerminalStyle::heading(std::string_view text) const { return styled(enabled_, text, fmt::emphasis::bold); }
std::string TerminalStyle::muted(std::string_view text) const { return styled(enabled_, text, fmt::emphasis::faint); }
std::string TerminalStyle::done(std::string_view text) const {
    return styled(enabled_, text, fmt::fg(fmt::terminal_color::green));
}
std::string TerminalStyle::error(std::string_view text) const {
    return styled(enabled_, text, fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red));
}
std::string TerminalStyle::hint(std::string_view text) const {
    return styled(enabled_, text, fmt::emphasis::bold | fmt::fg(fmt::terminal_color::cyan));
}

}  // namespace kapsim::app
