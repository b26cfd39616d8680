#include "metric.hpp"

#include <stdexcept>

namespace kapsim::models {

std::string_view unit_symbol(MetricUnit unit, bool swedish) {
    switch (unit) {
        case MetricUnit::per_year: return swedish ? "/år" : "/year";
        case MetricUnit::share:
        case MetricUnit::percent: return "%";
        case MetricUnit::days: return swedish ? "dagar" : "days";
        case MetricUnit::hours: return swedish ? "timmar" : "hours";
        case MetricUnit::persons: return swedish ? "personer" : "people";
        case MetricUnit::days_per_year: return swedish ? "dagar/år" : "days/year";
        case MetricUnit::hours_per_year: return swedish ? "timmar/år" : "hours/year";
        case MetricUnit::kronor_per_year: return swedish ? "kr/år" : "kr/year";
    }
    return "";
}

double display_scale(MetricUnit unit) { return unit == MetricUnit::share ? 100.0 : 1.0; }

MetricSheet::MetricSheet(const std::vector<MetricSpec>& specs)
    : specs_(specs), values_(specs.size(), 0.0), written_(specs.size(), false) {}

void MetricSheet::put(std::string_view id, double value) {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (specs_[i].id != id) continue;
        if (written_[i]) throw std::logic_error("metric '" + std::string(id) + "' written twice");
        written_[i] = true;
        values_[i] = value;
        return;
    }
    throw std::logic_error("metric '" + std::string(id) + "' written but not declared by its unit kind");
}

void MetricSheet::put_quantile(std::string_view id, const sim::Tally& observations) {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (specs_[i].id != id) continue;
        if (!(specs_[i].pooled_quantile > 0))
            throw std::logic_error("metric '" + std::string(id) + "' is not declared as a pooled quantile");
        put(id, observations.quantile(specs_[i].pooled_quantile));
        samples_.emplace_back(i, observations.sample());
        return;
    }
    throw std::logic_error("metric '" + std::string(id) + "' written but not declared by its unit kind");
}

std::vector<double> MetricSheet::values() const {
    for (std::size_t i = 0; i < specs_.size(); ++i)
        if (!written_[i]) throw std::logic_error("metric '" + specs_[i].id + "' declared by its unit kind but not written");
    return values_;
}

}  // namespace kapsim::models
