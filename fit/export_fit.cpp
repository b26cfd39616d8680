#include "export_fit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "goodness_of_fit.hpp"
#include "kaplan_meier.hpp"
#include "models/input_error.hpp"

namespace kapsim::fit {

std::string date_text(double days, bool with_time) {
    using namespace std::chrono;
    const auto seconds_since = sys_seconds{seconds{std::llround(days * 86400.0)}};
    const auto day = floor<std::chrono::days>(seconds_since);
    const year_month_day date{day};
    std::string text = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                                   static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    if (with_time) {
        const hh_mm_ss<seconds> clock{seconds_since - day};
        text += fmt::format(" {:02}:{:02}", clock.hours().count(), clock.minutes().count());
    }
    return text;
}

namespace {

// The length every ended stay has, when they all have the same (to a part in a billion), and no
// stay still going has already lasted longer.
std::optional<double> common_length(const CensoredSample& stays) {
    std::optional<double> lo, hi;
    for (std::size_t i = 0; i < stays.size(); ++i)
        if (!stays.censored[i]) {
            lo = std::min(lo.value_or(stays.time[i]), stays.time[i]);
            hi = std::max(hi.value_or(stays.time[i]), stays.time[i]);
        }
    if (!lo || *hi - *lo > 1e-9 * *hi) return std::nullopt;
    for (std::size_t i = 0; i < stays.size(); ++i)
        if (stays.censored[i] && stays.time[i] > *hi * (1 + 1e-9)) return std::nullopt;
    return *hi;
}

}  // namespace

ExportFit fit_export(const std::string& file, const StayData& data, const FitOptions& options) {
    ExportFit fit;
    fit.file = file;
    fit.stays = data.stays.size();
    double earliest = std::numeric_limits<double>::infinity(), latest = -earliest;
    // Times of day are there if any arrival has one: an Excel date cell at midnight looks like a date.
    bool hours = false;
    for (const auto& s : data.stays) {
        earliest = std::min(earliest, s.arrival);
        latest = std::max({latest, s.arrival, s.admission.value_or(s.arrival), s.discharge.value_or(s.arrival)});
        hours = hours || s.has_time;
    }
    fit.hours = hours;
    fit.from = options.from ? *options.from : data.period_from ? *data.period_from : std::floor(earliest);
    fit.to = options.to ? *options.to : data.period_to ? *data.period_to : latest;
    if (!hours && !options.to && !data.period_to) fit.to = std::floor(latest) + 1;  // dates only: the whole last day
    fit.start = options.start ? *options.start : fit.from;
    // Hours of a century are a few hundred thousand bins; a longer period is a wrong date, and
    // fitting it would take time and memory without bound.
    if (!(fit.to > fit.from) || fit.to - fit.from > 50 * 365.25 || std::abs(fit.start - fit.from) > 50 * 365.25)
        throw models::InputError(
            {file, 0, 0},
            fmt::format("the export covers {} to {}, {}", date_text(fit.from, true), date_text(fit.to, true),
                        fit.to > fit.from ? "more than 50 years" : "no time at all"),
            "check the earliest and latest dates in it, or give the period with --from and --export-date");

    // Groups: each class at each unit, in the order they first appear.
    std::vector<std::pair<std::string, std::string>> keys;
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    std::map<std::string, std::set<std::string>> units_of_class;
    for (const auto& s : data.stays) {
        const std::pair key{s.patient_class, s.unit};
        if (index.emplace(key, keys.size()).second) keys.push_back(key);
        units_of_class[s.patient_class].insert(s.unit);
    }
    fit.groups.resize(keys.size());
    std::vector<std::vector<double>> arrivals(keys.size());
    // Stays of zero length (same-day discharge in an export of dates) count as half its resolution.
    const double shortest = hours ? 1.0 / 1440 : 0.5;
    for (const auto& s : data.stays) {
        const std::size_t g = index[{s.patient_class, s.unit}];
        GroupFit& group = fit.groups[g];
        if (s.arrival >= fit.from && s.arrival < fit.to)
            arrivals[g].push_back(s.arrival);
        else if (s.arrival < fit.from)
            ++group.arrivals_before;
        if (!s.municipality.empty()) ++group.municipalities[s.municipality];
        if (s.admission && *s.admission <= fit.to) {
            const bool still = !s.discharge || *s.discharge > fit.to;
            if (still) ++group.staying_at_end;
            double t = (still ? fit.to : *s.discharge) - *s.admission;
            if (t <= 0) {
                t = shortest;
                ++group.zero_length_stays;
            }
            group.stays.add(t, still, std::max(fit.to - *s.admission, t));
        } else if (s.arrival <= fit.to && !(s.left_unadmitted && s.discharge && *s.discharge <= fit.to)) {
            ++group.waiting_at_end;  // arrived, and neither admitted nor gone by the export date
            group.waited_at_end.push_back(fit.to - s.arrival);
        }
    }
    for (std::size_t g = 0; g < keys.size(); ++g) {
        GroupFit& group = fit.groups[g];
        group.patient_class = keys[g].first;
        group.unit = keys[g].second;
        const std::string class_name = group.patient_class.empty() ? "patients" : as_identifier(group.patient_class);
        group.unit_id = group.unit.empty() ? "unit" : as_identifier(group.unit);
        group.class_id = units_of_class[group.patient_class].size() > 1 ? class_name + "_" + group.unit_id : class_name;
        group.arrivals = fit_arrivals(arrivals[g], fit.from, fit.to, fit.start, hours);
        if (group.stays.ended() == 0) continue;
        group.families = fit_families(group.stays);
        bool any_fits = false;
        for (auto& f : group.families) {
            goodness_of_fit(f, group.stays, options.bootstrap, options.seed + g, !hours);
            any_fits = any_fits || !(f.p_value < 0.05);
        }
        group.use_empirical = options.bootstrap > 0 && !any_fits;
        group.empirical = kaplan_meier_quantiles(group.stays, std::min<std::size_t>(50, group.stays.size()));
        group.same_length = common_length(group.stays);
    }
    return fit;
}

}  // namespace kapsim::fit
