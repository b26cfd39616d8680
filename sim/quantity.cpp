#include "quantity.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/args.h>
#include <fmt/format.h>

namespace kapsim::sim {
namespace {

struct UnitName {
    std::string_view name;
    double days;
};

// Units are matched whole. The Swedish words are there because planners write "6 dagar" and
// "600 per år" in their own notes; each means exactly what its English twin means.
constexpr std::array<UnitName, 29> duration_units{{
    {"minutes", 1.0 / 1440}, {"minute", 1.0 / 1440}, {"min", 1.0 / 1440},
    {"minuter", 1.0 / 1440}, {"minut", 1.0 / 1440},
    {"hours", 1.0 / 24},     {"hour", 1.0 / 24},     {"h", 1.0 / 24},
    {"timmar", 1.0 / 24},    {"timme", 1.0 / 24},
    {"days", 1.0},           {"day", 1.0},           {"d", 1.0},
    {"dagar", 1.0},          {"dag", 1.0},
    {"weeks", 7.0},          {"week", 7.0},          {"w", 7.0},
    {"veckor", 7.0},         {"vecka", 7.0},
    {"months", days_per_month}, {"month", days_per_month}, {"mo", days_per_month},
    {"månader", days_per_month}, {"månad", days_per_month},
    {"years", days_per_year}, {"year", days_per_year}, {"y", days_per_year},
    {"år", days_per_year},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

QuantityError decimal_comma_error(std::string_view text);

enum class Quantity { duration, rate };

// Splits "12.5d" into 12.5 and "d".
std::pair<double, std::string_view> split_number(std::string_view text, Quantity what) {
    text = trim(text);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || !std::isfinite(value))
        throw QuantityError(what == Quantity::duration ? "'{}' is not a duration: it must start with a number"
                                               : "'{}' is not a rate: it must start with a number",
                            {std::string(text)});
    if (decimal_comma_at(text)) throw decimal_comma_error(text);
    return {value, trim(std::string_view(end, text.data() + text.size() - end))};
}

double unit_days(std::string_view unit, std::string_view text, Quantity what) {
    for (const auto& u : duration_units)
        if (u.name == unit) return u.days;
    throw QuantityError(what == Quantity::duration ? "'{}' has no known time unit '{}' for a duration; use h, d, w, mo or y "
                                             "(or timmar, dagar, veckor, månader, år)"
                                           : "'{}' has no known time unit '{}' for a rate; use h, d, w, mo or y "
                                             "(or timmar, dagar, veckor, månader, år)",
                        {std::string(text), std::string(unit)});
}

}  // namespace

QuantityError::QuantityError(std::string_view english, std::vector<std::string> values_in)
    : std::invalid_argument([&] {
          fmt::dynamic_format_arg_store<fmt::format_context> args;
          for (const auto& v : values_in) args.push_back(v);
          return fmt::vformat(english, args);
      }()),
      english_template(english),
      values(std::move(values_in)) {}

std::optional<std::size_t> decimal_comma_at(std::string_view text) {
    for (std::size_t i = 1; i + 1 < text.size(); ++i)
        if (text[i] == ',' && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(text[i + 1])))
            return i;
    return std::nullopt;
}

std::string with_decimal_points(std::string_view text) {
    std::string out(text);
    for (auto at = decimal_comma_at(out); at; at = decimal_comma_at(out)) out[*at] = '.';
    return out;
}

namespace {

constexpr std::string_view decimal_comma_template =
    "'{}' has a decimal comma, which kapsim does not read as a decimal (Swedish style); write '{}'";

QuantityError decimal_comma_error(std::string_view text) {
    return QuantityError(decimal_comma_template, {std::string(trim(text)), with_decimal_points(trim(text))});
}

}  // namespace

std::string decimal_comma_message(std::string_view text) {
    return fmt::vformat(decimal_comma_template, fmt::make_format_args(trim(text), with_decimal_points(trim(text))));
}

double parse_duration_days(std::string_view text) {
    const auto [value, unit] = split_number(text, Quantity::duration);
    if (unit.empty())
        throw QuantityError("duration '{0}' has no unit; write it as e.g. '{0}d' or '{0}h'", {std::string(trim(text))});
    return value * unit_days(unit, text, Quantity::duration);
}

std::vector<std::string_view> duration_unit_names() {
    std::vector<std::string_view> names;
    for (const auto& u : duration_units) names.push_back(u.name);
    return names;
}

double parse_rate_per_day(std::string_view text) {
    if (decimal_comma_at(text)) throw decimal_comma_error(text);
    // "600 per år" is "600/år": the word takes the slash's place.
    std::string_view per_word = " per ";
    std::size_t slash = text.find('/');
    std::size_t after = slash + 1;
    if (slash == std::string_view::npos) {
        slash = text.find(per_word);
        after = slash + per_word.size();
    }
    if (slash == std::string_view::npos)
        throw QuantityError("rate '{0}' has no time unit; write it as e.g. '{0}/year', '{0}/day' or '{0} per år'",
                            {std::string(trim(text))});
    const auto [value, rest] = split_number(text.substr(0, slash), Quantity::rate);
    if (!rest.empty())
        throw QuantityError("rate '{}' must be a number, '/' (or 'per'), and a time unit", {std::string(text)});
    std::string_view per = trim(text.substr(after));
    // "/2w" is allowed: 3 per 2 weeks.
    double span = 1.0;
    if (!per.empty() && (std::isdigit(static_cast<unsigned char>(per.front())) || per.front() == '.')) {
        const auto [n, unit] = split_number(per, Quantity::rate);
        span = n * unit_days(unit, text, Quantity::rate);
    } else {
        span = unit_days(per, text, Quantity::rate);
    }
    if (span <= 0) throw QuantityError("rate '{}' is per an empty span of time", {std::string(text)});
    return value / span;
}

std::string format_duration(double days) {
    if (days != 0 && std::abs(days) < 1.0) return fmt::format("{:.4g}h", days * 24);
    if (std::abs(days) >= days_per_year) return fmt::format("{:.4g}y", days / days_per_year);
    return fmt::format("{:.4g}d", days);
}

}  // namespace kapsim::sim
