#include "cost_ledger.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "sim/quantity.hpp"

namespace kapsim::models {

CostLedger::CostLedger(const Scenario& scenario, sim::Time observe_from, sim::Time observe_to)
    : scenario_(scenario),
      from_(observe_from),
      to_(observe_to),
      per_admission_(scenario.units.size()),
      per_day_(scenario.units.size()),
      per_year_(scenario.units.size()),
      by_payer_(scenario.payers.size(), 0.0),
      by_unit_(scenario.units.size(), 0.0),
      admissions_by_municipality_(scenario.units.size(), std::vector<double>(scenario.municipalities.size(), 0.0)) {
    for (const auto& item : scenario.costs) {
        auto& list = item.basis == CostItem::Basis::per_admission ? per_admission_
                     : item.basis == CostItem::Basis::per_day     ? per_day_
                                                                  : per_year_;
        list[item.unit].push_back(&item);
    }
}

std::size_t CostLedger::payer_index(std::string_view name) const {
    const auto it = std::find(scenario_.payers.begin(), scenario_.payers.end(), name);
    if (it == scenario_.payers.end()) throw std::logic_error("cost charged to a payer the scenario does not list");
    return static_cast<std::size_t>(it - scenario_.payers.begin());
}

bool CostLedger::applies(const CostItem& item, std::string_view place) const {
    if (!item.applies_to) return true;
    if (*item.applies_to == "purchased") return !place.empty() && place != "own";
    return *item.applies_to == place;
}

void CostLedger::charge(const CostItem& item, double amount, const Patient& patient) {
    by_unit_[item.unit] += amount;
    for (const auto& share : item.payers) {
        const double part = amount * share.share;
        if (share.payer == "municipality" || share.payer == "municipalities") {
            // Per-event costs go to the person's home municipality.
            by_payer_[patient.municipality == no_municipality
                          ? payer_index("municipalities")
                          : payer_index(scenario_.municipalities[patient.municipality])] += part;
        } else {
            by_payer_[payer_index(share.payer)] += part;
        }
    }
}

void CostLedger::admission(sim::Time now, std::size_t unit, const Patient& patient, std::string_view place) {
    if (now < from_ || now > to_) return;
    if (patient.municipality != no_municipality) admissions_by_municipality_[unit][patient.municipality] += 1;
    for (const CostItem* item : per_admission_[unit])
        if (applies(*item, place)) charge(*item, item->amount, patient);
}

void CostLedger::stay(std::size_t unit, const Patient& patient, sim::Time from, sim::Time to, std::string_view place) {
    const double days = std::min(to, to_) - std::max(from, from_);
    if (days <= 0) return;
    for (const CostItem* item : per_day_[unit])
        if (applies(*item, place)) charge(*item, item->amount * days, patient);
}

void CostLedger::close() {
    const double years = (to_ - from_) / sim::days_per_year;
    for (std::size_t u = 0; u < per_year_.size(); ++u) {
        const auto& use = admissions_by_municipality_[u];
        const double total_use = std::accumulate(use.begin(), use.end(), 0.0);
        for (const CostItem* item : per_year_[u]) {
            const double amount = item->amount * years;
            by_unit_[u] += amount;
            for (const auto& share : item->payers) {
                const double part = amount * share.share;
                if (share.payer != "municipality" && share.payer != "municipalities") {
                    by_payer_[payer_index(share.payer)] += part;
                } else if (total_use > 0) {
                    // A fixed cost the municipalities share: split by their use of the unit.
                    for (std::size_t m = 0; m < use.size(); ++m)
                        by_payer_[payer_index(scenario_.municipalities[m])] += part * use[m] / total_use;
                } else {
                    by_payer_[payer_index("municipalities")] += part;
                }
            }
        }
    }
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
