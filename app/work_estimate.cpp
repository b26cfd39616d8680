#include "work_estimate.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "models/input_error.hpp"
#include "models/observed_years.hpp"
#include "sim/replications.hpp"

namespace kapsim::app {

using models::say;

models::Message amount_said(double x) {
    if (!std::isfinite(x)) return say("more than 1e308");
    if (x < 1e4) return say("{:.0f}", x);
    if (x < 1e6) return say("{:.0f} thousand", x / 1e3);
    if (x < 1e9) return say("{:.3g} million", x / 1e6);
    if (x < 1e12) return say("{:.3g} billion", x / 1e9);
    return say("{:.2g}", x);
}

models::Message memory_said(double bytes) {
    if (!std::isfinite(bytes)) return say("more memory than any machine has");
    if (bytes < 1e9) return say("{:.0f} MB", std::max(1.0, bytes / 1e6));
    if (bytes < 1e15) return say("{:.3g} GB", bytes / 1e9);
    return say("{:.2g} GB", bytes / 1e9);
}

void WorkTotal::add(const models::Scenario& scenario, double replications) {
    const auto w = models::estimate_work(scenario);
    events_ += w.events_per_replication * replications;
    most_replications_ = std::max(most_replications_, replications);
    if (!(w.events_per_replication <= most_events_per_replication_) || busiest_.file.empty()) {
        most_events_per_replication_ = std::max(most_events_per_replication_, w.events_per_replication);
        busiest_ = scenario.units[w.busiest_unit].where;
    }
    most_bytes_per_replication_ = std::max(most_bytes_per_replication_, w.bytes_per_replication);
    if (w.growing_line && !(w.longest_line <= longest_line_)) {
        longest_line_ = w.longest_line;
        const auto& unit = scenario.units[*w.growing_line];
        growing_where_ = unit.where;
        growing_line_ = say("the waiting line at unit '{}' grows without bound, to about {} persons by the end of the "
                            "run (more arrive than its capacity can serve)",
                            unit.id, amount_said(w.longest_line));
    }
}

void WorkTotal::add_years(const models::Scenario& scenario, double replications) {
    const auto years = models::observed_years(scenario);
    if (years.empty()) return;
    events_ += models::estimate_work(scenario).events_per_replication * replications;
    // A value, and for a pooled percentile its binned waits, per metric and year: 64 bytes
    // each is generous for the values and a fair mean for the bins.
    kept_bytes_ += replications * static_cast<double>(years.size() * models::metric_catalog(scenario).size()) * 64;
}

double WorkTotal::bytes(int threads) const {
    const double at_once = std::min(most_replications_, static_cast<double>(sim::effective_threads(threads)));
    return most_bytes_per_replication_ * std::max(1.0, at_once) + kept_bytes_;
}

models::Message WorkTotal::described(int threads) const {
    return say("about {} events per replication, {} in all; about {} of memory",
               amount_said(most_events_per_replication_), amount_said(events_), memory_said(bytes(threads)));
}

bool WorkTotal::beyond_limits(int threads) const {
    return !(events_ <= WorkLimits::events) || !(bytes(threads) <= WorkLimits::bytes);
}

void WorkTotal::require_within_limits(int threads, bool allow_large) const {
    if (allow_large || !beyond_limits(threads)) return;
    const bool memory = !(bytes(threads) <= WorkLimits::bytes);
    const models::Message why =
        memory && !growing_line_.empty()
            ? say("{}; add capacity or a patience, or lower the arrival rate; to run it anyway, add --allow-large",
                  growing_line_)
            : say("check the arrival rates, their growth, the run length and the replications (kapsim check prints "
                  "the offered load of every unit); to run it anyway, add --allow-large");
    throw models::InputError(memory && !growing_line_.empty() ? growing_where_ : busiest_,
                             say("this would take {}: beyond the limits of {} events and {} (see Limits in the README)",
                                 described(threads), amount_said(WorkLimits::events), memory_said(WorkLimits::bytes)),
                             why);
}

void require_few_points(std::size_t points, const models::SourceLocation& where, bool allow_large) {
    if (allow_large || points <= WorkLimits::sweep_points) return;
    throw models::InputError(where,
                             say("{} points are beyond the limit of {} (see Limits in the README)", points,
                                 WorkLimits::sweep_points),
                             say("use fewer values, or a Latin hypercube with fewer points; to run it anyway, add "
                                 "--allow-large"));
}

void require_within_limits(const std::vector<models::Scenario>& alternatives, std::size_t replications_at_most,
                           const RunSettings& settings) {
    WorkTotal work;
    for (const auto& s : alternatives)
        work.add(s, static_cast<double>(std::max(s.replications, replications_at_most)));
    work.require_within_limits(settings.threads, settings.allow_large);
}

std::string describe_work(const models::Scenario& scenario) {
    WorkTotal total;
    total.add(scenario, static_cast<double>(scenario.replications));
    std::string text = fmt::format("work: {} replications, {}\n", scenario.replications, total.describe(0));
    if (total.beyond_limits(0)) {
        try {
            total.require_within_limits(0, false);
        } catch (const models::InputError& e) {
            text += fmt::format("  warning: {}\n    {}\n", e.problem(), e.hint());
        }
    }
    return text;
}

}  // namespace kapsim::app
