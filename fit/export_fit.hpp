#pragma once
// `kapsim fit`'s answer, before it is written as a scenario: for each class at each unit, its
// arrivals (rate, trend, profiles) and its stays (every family's fit, ranked, with goodness of
// fit, and the Kaplan-Meier quantiles as the fallback), its home municipalities, and the
// census and waiting list on the export date.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arrival_fit.hpp"
#include "censored_sample.hpp"
#include "stay_distribution_fit.hpp"
#include "stay_records.hpp"

namespace kapsim::fit {

struct FitOptions {
    std::optional<double> from, to;  // the period the export covers (days since 1970-01-01)
    std::optional<double> start;     // the day the rate's year begins (default: from)
    std::size_t bootstrap = 200;     // parametric bootstrap samples for each p-value (0: none)
    std::uint64_t seed = 1;
};

struct GroupFit {
    std::string patient_class, unit;  // as the export writes them
    std::string class_id, unit_id;    // as scenario identifiers
    ArrivalFit arrivals;
    CensoredSample stays;
    std::size_t zero_length_stays = 0;  // counted as half the export's resolution
    std::vector<FamilyFit> families;    // best first; empty when no stay has ended
    bool use_empirical = false;         // every family fails its goodness-of-fit test at 5 %
    std::vector<double> empirical;      // Kaplan-Meier quantiles, days
    // Every ended stay of the same length (a fixed duration, as a service's visit may be), in
    // days: no family describes that, so the stay is written as fixed.
    std::optional<double> same_length;
    std::map<std::string, std::size_t> municipalities;  // arrivals by home municipality
    std::size_t staying_at_end = 0, waiting_at_end = 0;
    std::vector<double> waited_at_end;  // days each of those waiting had waited by the export date
    // Stays that arrived before the period (--from): in the stays, not in the rate.
    std::size_t arrivals_before = 0;
};

struct ExportFit {
    std::string file;
    double from = 0, to = 0, start = 0;
    bool hours = false;  // the times carry a time of day
    std::size_t stays = 0;
    std::vector<GroupFit> groups;
};

ExportFit fit_export(const std::string& file, const StayData& data, const FitOptions& options);

// "2024-03-05" or "2024-03-05 14:30" for days since 1970-01-01.
std::string date_text(double days, bool with_time);

}  // namespace kapsim::fit
