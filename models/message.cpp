#include "models/message.hpp"

#include <locale>

#include <fmt/args.h>
#include <unordered_map>

namespace kapsim::models {

const std::string& Message::in(std::string_view language) const {
    return language == "sv" && !sv.empty() ? sv : en;
}

Message joined(const Message& first, std::string_view separator, const Message& second) {
    Message m;
    m.en = first.en + std::string(separator) + second.en;
    if (first.translated() && second.translated())
        m.sv = first.in("sv") + std::string(separator) + second.in("sv");
    return m;
}

namespace message_detail {
namespace {

// Swedish numbers: a decimal comma and no grouping (a space would split a number a planner copies).
struct SwedishNumbers : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    std::string do_grouping() const override { return ""; }
};

const std::unordered_map<std::string_view, std::string_view>& swedish_by_english() {
    static const auto table = [] {
        std::unordered_map<std::string_view, std::string_view> t;
        for (const auto& entry : swedish_catalogue()) t.emplace(entry.en, entry.sv);
        return t;
    }();
    return table;
}

}  // namespace

std::string swedish(std::string_view english_template, fmt::format_args args) {
    static const std::locale swedish_numbers(std::locale::classic(), new SwedishNumbers);
    const auto& table = swedish_by_english();
    const auto it = table.find(english_template);
    if (it == table.end()) return "";
    try {
        return fmt::vformat(swedish_numbers, it->second, args);
    } catch (const fmt::format_error&) {
        return "";  // a template that does not fit its values: a failing test, never a crash
    }
}

}  // namespace message_detail

Message say_template(std::string_view english_template, const std::vector<std::string>& values) {
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (const auto& v : values) args.push_back(v);
    Message m;
    try {
        m.en = fmt::vformat(english_template, args);
    } catch (const fmt::format_error&) {
        m.en = std::string(english_template);
    }
    m.sv = message_detail::swedish(english_template, args);
    return m;
}

}  // namespace kapsim::models
