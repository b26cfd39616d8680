#pragma once
// Colour for people at a terminal, and only for them: a stream that is a pipe or a file, or a
// user who set NO_COLOR (no-color.org) or TERM=dumb, gets the same text without escapes.
#include <cstdio>
#include <string>
#include <string_view>

namespace kapsim::app {

class TerminalStyle {
public:
    // Colour when `stream` (stdout or stderr) is a terminal that wants it.
    static TerminalStyle for_stream(std::FILE* stream);
    static TerminalStyle plain() { return TerminalStyle(false); }

    std::string heading(std::string_view text) const;  // a unit's or section's name
    std::string muted(std::string_view text) const;    // column headers, run details
    std::string done(std::string_view text) const;     // "wrote ..."
    std::string error(std::string_view text) const;    // "error:"
    std::string hint(std::string_view text) const;     // "hint:"

private:
    explicit TerminalStyle(bool enabled) : enabled_(enabled) {}
    bool enabled_;
};

}  // namespace kapsim::app
