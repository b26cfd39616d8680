#pragma once
// Bad input is an error value the user can act on: where (file, line, column), what is
// wrong, and a hint, each in English and Swedish (message.hpp). The command line prints it and
// exits with code 2; what() is the English text, what_in("sv") the Swedish one.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/message.hpp"

namespace kapsim::models {

struct SourceLocation {
    std::string file;  // or "--set units.x.beds=3" for values from the command line
    int line = 0;      // 1-based; 0 when unknown
    int column = 0;    // 1-based; 0 when unknown
};

class InputError : public std::runtime_error {
public:
    InputError(SourceLocation where, Message what, Message hint = {});

    const SourceLocation& where() const { return where_; }
    // In English, as the command line prints them by default.
    const std::string& problem() const { return problem_.en; }
    const std::string& hint() const { return hint_.en; }
    // In both languages.
    const Message& problem_message() const { return problem_; }
    const Message& hint_message() const { return hint_; }
    // The whole error as what() prints it, in "en" or "sv".
    virtual std::string what_in(std::string_view language) const;

private:
    SourceLocation where_;
    Message problem_;
    Message hint_;
};

// Several problems found in one reading, in independent parts of a file (two classes, a unit
// and a cost item), so that all of them can be fixed before the next try. It is an InputError
// whose where(), problem() and hint() are the first problem's; what() lists them all.
class InputErrors : public InputError {
public:
    InputErrors(std::vector<InputError> errors, bool stopped_at_limit);

    const std::vector<InputError>& errors() const { return errors_; }
    bool stopped_at_limit() const { return stopped_at_limit_; }
    const char* what() const noexcept override { return text_.c_str(); }
    std::string what_in(std::string_view language) const override;

private:
    std::vector<InputError> errors_;
    bool stopped_at_limit_;
    std::string text_;
};

// Reads the independent parts of a file one by one, keeping the problem of each part and going
// on with the next, up to `limit` problems (then it stops: later problems are often echoes of
// earlier ones, and a screenful is enough to act on).
class InputErrorCollector {
public:
    static constexpr std::size_t limit = 20;

    template <class Read>
    void attempt(Read&& read) {
        try {
            read();
        } catch (const InputErrors& several) {
            if (several.stopped_at_limit()) throw;  // reading stops there
            for (const auto& e : several.errors()) add(e);
        } catch (const InputError& e) {
            add(e);
        }
    }
    bool empty() const { return errors_.empty(); }
    // Throws what was found: one problem as the InputError it is, several as InputErrors.
    void throw_if_any() const;

private:
    void add(const InputError& e);  // throws InputErrors at the limit

    std::vector<InputError> errors_;
};

}  // namespace kapsim::models
