#include "run_months.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace kapsim::models {

std::vector<RunMonth> run_months(const Scenario& s) {
    std::vector<RunMonth> months;
    const auto first = static_cast<std::size_t>(std::ceil(s.warmup_days));
    const auto end = static_cast<std::size_t>(std::floor(s.horizon_days()));
    std::chrono::year_month current{};
    for (std::size_t d = first; d < end; ++d) {
        const std::chrono::year_month_day date{s.start + std::chrono::days{static_cast<long>(d)}};
        const std::chrono::year_month month{date.year(), date.month()};
        if (months.empty() || month != current) {
            current = month;
            months.push_back({fmt::format("{:04d}-{:02d}", static_cast<int>(date.year()), static_cast<unsigned>(date.month())),
                              d, 0});
        }
        ++months.back().days;
    }
    return months;
}

std::vector<double> occupancy_by_run_month(const std::vector<double>& day_area, const std::vector<RunMonth>& months) {
    std::vector<double> mean;
    for (const auto& m : months) {
        double area = 0;
        for (std::size_t d = m.first_day; d < m.first_day + m.days && d < day_area.size(); ++d) area += day_area[d];
        mean.push_back(m.days > 0 ? area / static_cast<double>(m.days) : std::numeric_limits<double>::quiet_NaN());
    }
    return mean;
}

}  // namespace kapsim::models
