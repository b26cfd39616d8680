#include "cost_ledger.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "dated_changes.hpp"
#include "sim/quantity.hpp"
#include "waiting_for_place.hpp"

namespace kapsim::models {

CostLedger::CostLedger(const Scenario& scenario, sim::Time observe_from, sim::Time observe_to)
    : scenario_(scenario),
      from_(observe_from),
      to_(observe_to),
      books_admissions_(scenario.units.size(), 0),
      books_stays_(scenario.units.size(), 0),
      by_payer_(scenario.payers.size(), 0.0),
      by_unit_(scenario.units.size(), 0.0) {
    // Municipalities are payers only where some cost is paid by them (and then all are).
    for (const auto& m : scenario.municipalities) {
        const auto it = std::find(scenario.payers.begin(), scenario.payers.end(), m);
        payer_of_municipality_.push_back(static_cast<std::size_t>(it - scenario.payers.begin()));
    }
    stretches_.push_back(stretch_of(scenario.costs, -std::numeric_limits<sim::Time>::infinity()));
    const std::vector<CostItem>* before = &scenario.costs;
    for (const auto& change : scenario.changes) {
        const Scenario& regime = *change.regime;
        if (!same_costs(*before, regime.costs)) stretches_.push_back(stretch_of(regime.costs, change.day));
        before = &regime.costs;
    }
}

CostLedger::Stretch CostLedger::stretch_of(const std::vector<CostItem>& costs, sim::Time start) {
    const std::size_t units = scenario_.units.size();
    Stretch s{start, std::vector<std::vector<Item>>(units), std::vector<std::vector<Item>>(units),
              std::vector<std::vector<Item>>(units),
              std::vector<std::vector<double>>(units, std::vector<double>(scenario_.municipalities.size(), 0.0))};
    for (const auto& item : costs) {
        auto& list = item.basis == CostItem::Basis::per_admission ? s.per_admission
                     : item.basis == CostItem::Basis::per_day     ? s.per_day
                                                                  : s.per_year;
        list[item.unit].push_back(resolve(item));
    }
    // Whether a unit's admissions and stays are booked at all, over every stretch.
    for (std::size_t u = 0; u < units; ++u) {
        bool split_by_use = false;
        for (const Item& item : s.per_year[u])
            for (const auto& share : item.shares) split_by_use = split_by_use || share.to_home_municipality;
        books_admissions_[u] = books_admissions_[u] || !s.per_admission[u].empty() || split_by_use;
        books_stays_[u] = books_stays_[u] || !s.per_day[u].empty();
    }
    return s;
}

std::size_t CostLedger::stretch_at(sim::Time t) const {
    std::size_t k = stretches_.size() - 1;
    while (k > 0 && t < stretches_[k].start) --k;
    return k;
}

sim::Time CostLedger::stretch_end(std::size_t k) const {
    return k + 1 < stretches_.size() ? stretches_[k + 1].start : std::numeric_limits<sim::Time>::infinity();
}

CostLedger::Item CostLedger::resolve(const CostItem& item) const {
    Item resolved{&item, {}};
    for (const auto& share : item.payers) {
        const bool municipality = share.payer == "municipality" || share.payer == "municipalities";
        // Per-event costs go to the person's home municipality; "municipalities" when unknown.
        resolved.shares.push_back({share.share, payer_index(municipality ? "municipalities" : share.payer),
                                   municipality});
    }
    return resolved;
}

std::size_t CostLedger::payer_index(std::string_view name) const {
    const auto it = std::find(scenario_.payers.begin(), scenario_.payers.end(), name);
    if (it == scenario_.payers.end()) throw std::logic_error("cost charged to a payer the scenario does not list");
    return static_cast<std::size_t>(it - scenario_.payers.begin());
}

bool CostLedger::applies(const CostItem& item, std::string_view place) {
    if (!item.applies_to) return true;
    if (*item.applies_to == "purchased") return !place.empty() && place != "own";
    return *item.applies_to == place;
}

void CostLedger::charge(const Item& item, double amount, const Patient& patient) {
    by_unit_[item.item->unit] += amount;
    for (const auto& share : item.shares) {
        const bool home = share.to_home_municipality && patient.municipality != no_municipality;
        by_payer_[home ? payer_of_municipality_[patient.municipality] : share.payer] += amount * share.share;
    }
}

void CostLedger::book_admission(sim::Time now, std::size_t unit, const Patient& patient, std::string_view place) {
    if (now < from_ || now > to_) return;
    Stretch& s = stretches_[stretch_at(now)];
    if (patient.municipality != no_municipality) s.admissions_by_municipality[unit][patient.municipality] += 1;
    for (const Item& item : s.per_admission[unit])
        if (applies(*item.item, place)) charge(item, item.item->amount, patient);
}

void CostLedger::book_stay(std::size_t unit, const Patient& patient, sim::Time from, sim::Time to, std::string_view place,
                           bool ready_for_discharge) {
    from = std::max(from, from_);
    to = std::min(to, to_);
    if (to <= from) return;
    // Each part of the stay at the price of its own stretch.
    for (std::size_t k = stretch_at(from); k < stretches_.size() && stretches_[k].start < to; ++k) {
        const double days = std::min(to, stretch_end(k)) - std::max(from, stretches_[k].start);
        if (days <= 0) continue;
        for (const Item& item : stretches_[k].per_day[unit])
            if (applies(*item.item, place) ||
                (ready_for_discharge && item.item->applies_to && *item.item->applies_to == models::ready_for_discharge))
                charge(item, item.item->amount * days, patient);
    }
}

void CostLedger::close() {
    for (std::size_t k = 0; k < stretches_.size(); ++k) {
        const Stretch& s = stretches_[k];
        const double days = std::min(to_, stretch_end(k)) - std::max(from_, s.start);
        if (days <= 0) continue;
        const double years = days / sim::days_per_year;
        for (std::size_t u = 0; u < s.per_year.size(); ++u) {
            const auto& use = s.admissions_by_municipality[u];
            const double total_use = std::accumulate(use.begin(), use.end(), 0.0);
            for (const Item& item : s.per_year[u]) {
                const double amount = item.item->amount * years;
                by_unit_[u] += amount;
                for (const auto& share : item.shares) {
                    const double part = amount * share.share;
                    if (!share.to_home_municipality) {
                        by_payer_[share.payer] += part;
                    } else if (total_use > 0) {
                        // A fixed cost the municipalities share: split by their use of the unit.
                        for (std::size_t m = 0; m < use.size(); ++m)
                            by_payer_[payer_of_municipality_[m]] += part * use[m] / total_use;
                    } else {
                        by_payer_[share.payer] += part;
                    }
                }
            }
        }
    }
}

void CostLedger::restart(sim::Time observe_from, sim::Time observe_to) {
    from_ = observe_from;
    to_ = observe_to;
    by_payer_.assign(by_payer_.size(), 0.0);
    by_unit_.assign(by_unit_.size(), 0.0);
    for (auto& s : stretches_)
        for (auto& use : s.admissions_by_municipality) use.assign(use.size(), 0.0);
}

std::vector<double> CostLedger::per_year_by_payer() const {
    const double years = (to_ - from_) / sim::days_per_year;
    std::vector<double> out = by_payer_;
    for (double& x : out) x /= years;
    return out;
}

std::vector<double> CostLedger::per_year_by_unit() const {
    const double years = (to_ - from_) / sim::days_per_year;
    std::vector<double> out = by_unit_;
    for (double& x : out) x /= years;
    return out;
}

}  // namespace kapsim::models
