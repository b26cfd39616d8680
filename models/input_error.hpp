#pragma once
// Bad input is an error value the user can act on: where (file, line, column), what is
// wrong, and a hint. The command line prints it and exits with code 2.
#include <stdexcept>
#include <string>

namespace kapsim::models {

struct SourceLocation {
    std::string file;  // or "--set units.x.beds=3" for values from the command line
    int line = 0;      // 1-based; 0 when unknown
    int column = 0;    // 1-based; 0 when unknown
};

class InputError : public std::runtime_error {
public:
    InputError(SourceLocation where, std::string what, std::string hint = {});

    const SourceLocation& where() const { return where_; }
    const std::string& problem() const { return problem_; }
    const std::string& hint() const { return hint_; }

private:
    SourceLocation where_;
    std::string problem_;
    std::string hint_;
};

}  // namespace kapsim::models
