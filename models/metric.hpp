#pragma once
// A metric is a value with an identity: its id, what it measures (its role), its unit, whether
// it is a headline, and its labels in Swedish and English. A unit kind declares its metrics
// once; what a unit writes in a replication goes through a MetricSheet, which checks it
// against that declaration, so nothing downstream matches numbers to names by position.
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/tally.hpp"

namespace kapsim::models {

// A share or a mean of two counts a kind reports (turned away of arrivals, waited of
// admitted): not defined (NaN) when the whole is 0.
inline double ratio(double part, double whole) {
    return whole > 0 ? part / whole : std::numeric_limits<double>::quiet_NaN();
}

// What a metric measures, whatever the unit kind calls it. Commands ask by role: `--precision`
// watches every unit's occupancy, a capacity curve reads the turned-away, the waits and the
// utilisation.
enum class MetricRole {
    arrivals,             // people who came, per year
    admissions,           // people admitted or started, per year
    turned_away,          // people turned away, diverted or sent elsewhere, per year
    share_turned_away,    // the same as a share of arrivals
    reneged,              // people who left a queue before their turn, per year
    share_waited,         // share of arrivals who had to wait
    wait,                 // a wait: mean or percentile
    stay,                 // a length of stay
    occupancy,            // time-average number of people at the unit
    utilisation,          // occupancy in % of the capacity in force
    queue,                // people waiting: time average or at a moment
    time_full,            // share of time, or days a year, with every place taken
    count,                // people at a moment (end of the run, a snapshot date)
    volume,               // days or hours of care, per year
    cost,                 // kronor per year
    breakdown,            // a part of another metric: own or purchased places, one overflow destination
};

enum class MetricUnit {
    per_year,         // people (or events) per year
    share,            // a share in [0, 1], shown as %
    percent,          // already in %
    days,
    hours,
    persons,
    days_per_year,
    hours_per_year,
    kronor_per_year,
};

struct MetricSpec {
    std::string id;
    MetricRole role;
    MetricUnit unit;
    std::string label_en;
    std::string label_sv;
    bool headline = false;  // a column of the capacity table
    int finding = 0;        // 1, 2, ...: the order of the report's key findings; 0 = not one
    // A quantile (0.9 for the 90th percentile) estimated from all replications' observations
    // pooled, not as the mean of each replication's own (see sim/pooled_quantile.hpp); 0 = a
    // mean over replications, as every other metric.
    double pooled_quantile = 0;
};

// How a unit reads in a table: the symbol after the number and the factor the value is shown
// with (a share shows as %).
std::string_view unit_symbol(MetricUnit unit, bool swedish = false);
double display_scale(MetricUnit unit);

// The values one unit writes for one replication, each checked against the declaration:
// an id that was not declared, written twice, or never written is an internal error, so a
// forgotten value cannot shift every later metric.
class MetricSheet {
public:
    explicit MetricSheet(const std::vector<MetricSpec>& specs);
    void put(std::string_view id, double value);
    // A pooled quantile: the replication's own sample quantile as its value, and the
    // observations for the estimate over replications.
    void put_quantile(std::string_view id, const sim::Tally& observations);
    // The observations put with put_quantile, by position in the declaration.
    std::vector<std::pair<std::size_t, sim::QuantileSample>> take_samples() { return std::move(samples_); }
    // The values in the order of the declaration; throws std::logic_error naming any unwritten.
    std::vector<double> values() const;

private:
    const std::vector<MetricSpec>& specs_;
    std::vector<double> values_;
    std::vector<bool> written_;
    std::vector<std::pair<std::size_t, sim::QuantileSample>> samples_;
};

}  // namespace kapsim::models
