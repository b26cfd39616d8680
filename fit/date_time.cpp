#include "date_time.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <string>

namespace kapsim::fit {
namespace {

std::string_view trimmed(std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    return t;
}

// Exactly `digits` digits at the front of `t`, consumed.
std::optional<int> number(std::string_view& t, std::size_t min_digits, std::size_t max_digits) {
    std::size_t n = 0;
    while (n < t.size() && n < max_digits && t[n] >= '0' && t[n] <= '9') ++n;
    if (n < min_digits) return std::nullopt;
    int value = 0;
    std::from_chars(t.data(), t.data() + n, value);
    t.remove_prefix(n);
    return value;
}

bool take(std::string_view& t, char c) {
    if (t.empty() || t.front() != c) return false;
    t.remove_prefix(1);
    return true;
}

// Days from 1970-01-01 to Excel's day 0 (1899-12-30, which absorbs Excel's phantom 1900-02-29
// for every date from March 1900 on) and to the 1904 system's day 0.
constexpr double excel_1900_epoch = -25569.0;
constexpr double excel_1904_epoch = -24107.0;

}  // namespace

std::optional<double> read_decimal(std::string_view text) {
    text = trimmed(text);
    std::string s(text);
    for (auto& c : s)
        if (c == ',') c = '.';
    if (s.empty() || s.find_first_not_of("0123456789.-+eE") != std::string::npos) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (error != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<Moment> read_moment(std::string_view text, bool date1904) {
    text = trimmed(text);
    if (text.empty()) return std::nullopt;
    if (text.find('-') == std::string_view::npos) {
        // An Excel serial day, within Excel's own range (1900-01-01 to 9999-12-31).
        const auto serial = read_decimal(text);
        if (!serial || *serial < 1 || *serial > 2958465) return std::nullopt;
        return Moment{*serial + (date1904 ? excel_1904_epoch : excel_1900_epoch), *serial != std::floor(*serial)};
    }
    std::string_view t = text;
    const auto y = number(t, 4, 4);
    if (!y || !take(t, '-')) return std::nullopt;
    const auto m = number(t, 1, 2);
    if (!m || !take(t, '-')) return std::nullopt;
    const auto d = number(t, 1, 2);
    if (!d) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                           std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    Moment moment{static_cast<double>(std::chrono::sys_days{date}.time_since_epoch().count()), false};
    if (t.empty()) return moment;
    if (!take(t, 'T') && !take(t, ' ')) return std::nullopt;
    t = trimmed(t);
    if (t.substr(0, 2) == "kl") {  // Swedish "kl. 14.30"
        t.remove_prefix(2);
        take(t, '.');
        t = trimmed(t);
    }
    const auto hh = number(t, 1, 2);
    if (!hh || (!take(t, ':') && !take(t, '.'))) return std::nullopt;
    const auto mm = number(t, 2, 2);
    if (!mm) return std::nullopt;
    double seconds = 0;
    if (take(t, ':') || take(t, '.')) {
        const auto ss = number(t, 2, 2);
        if (!ss) return std::nullopt;
        seconds = *ss;
        if (take(t, '.') || take(t, ',')) {
            double scale = 0.1;
            while (!t.empty() && t.front() >= '0' && t.front() <= '9') {
                seconds += scale * (t.front() - '0');
                scale /= 10;
                t.remove_prefix(1);
            }
        }
    }
    take(t, 'Z');
    if (!t.empty() || *hh > 24 || *mm > 59 || seconds >= 61 || (*hh == 24 && (*mm > 0 || seconds > 0)))
        return std::nullopt;
    moment.days += (*hh * 3600.0 + *mm * 60.0 + seconds) / 86400.0;
    moment.has_time = true;
    return moment;
}

}  // namespace kapsim::fit
