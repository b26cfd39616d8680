#pragma once
// The books of one replication: every cost the scenario names, charged to its payer as the
// simulation runs (per admission, per day of stay) or at the end (per year), over the
// observed period only. Costs per payer add up to the total by construction: each krona is
// booked once, to one payer.
#include <string_view>
#include <vector>

#include "patient.hpp"
#include "scenario.hpp"

namespace kapsim::models {

class CostLedger {
public:
    // Only what happens within [observe_from, observe_to] is charged.
    CostLedger(const Scenario& scenario, sim::Time observe_from, sim::Time observe_to);

    // `place` tells placement costs apart: "own" or a provider type; empty elsewhere.
    void admission(sim::Time now, std::size_t unit, const Patient& patient, std::string_view place = {});
    // A stay, or the part of one, from `from` to `to`; clipped to the observed period.
    void stay(std::size_t unit, const Patient& patient, sim::Time from, sim::Time to, std::string_view place = {});
    // Books the per-year costs; call once, after the run.
    void close();

    // Kronor per year, aligned with Scenario::payers, and per unit.
    std::vector<double> per_year_by_payer() const;
    std::vector<double> per_year_by_unit() const;

private:
    bool applies(const CostItem& item, std::string_view place) const;
    void charge(const CostItem& item, double amount, const Patient& patient);
    std::size_t payer_index(std::string_view name) const;

    const Scenario& scenario_;
    sim::Time from_, to_;
    std::vector<std::vector<const CostItem*>> per_admission_, per_day_, per_year_;  // by unit
    std::vector<double> by_payer_;
    std::vector<double> by_unit_;
    // Observed admissions per unit and municipality, to split per-year costs by use.
    std::vector<std::vector<double>> admissions_by_municipality_;
};

}  // namespace kapsim::models
