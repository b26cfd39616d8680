#pragma once
// The books of one replication: every cost the scenario names, charged to its payer as the
// simulation runs (per admission, per day of stay) or at the end (per year), over the
// observed period only. Costs per payer add up to the total by construction: each krona is
// booked once, to one payer. Where a dated change (`changes:`) sets costs or payers, each
// stretch of time between changes is charged with its own cost items: an admission at those
// of its day, a stay split at the change, a per-year cost by the days under each.
#include <string_view>
#include <vector>

#include "patient.hpp"
#include "scenario.hpp"

namespace kapsim::models {

class CostLedger {
public:
    // Only what happens within [observe_from, observe_to] is charged.
    CostLedger(const Scenario& scenario, sim::Time observe_from, sim::Time observe_to);

    // `place` tells placement costs apart: "own" or a provider type; empty elsewhere. A unit
    // whose admissions neither cost nor split a cost is not booked at all (most units in most
    // scenarios), which keeps the ledger off the hot path.
    void admission(sim::Time now, std::size_t unit, const Patient& patient, std::string_view place = {}) {
        if (books_admissions_[unit]) book_admission(now, unit, patient, place);
    }
    // Whether admissions, and stays, at the unit are booked at all (at any time of the run):
    // for callers that would work out `place`, and for units that leave the ledger out (lean).
    bool books_admissions(std::size_t unit) const { return books_admissions_[unit]; }
    bool books_stays(std::size_t unit) const { return books_stays_[unit]; }
    // A stay, or the part of one, from `from` to `to`; clipped to the observed period.
    void stay(std::size_t unit, const Patient& patient, sim::Time from, sim::Time to, std::string_view place = {}) {
        if (books_stays_[unit]) book_stay(unit, patient, from, to, place);
    }
    // The days of a stay from `from` to `to` in which the person was ready for discharge, keeping
    // the place while waiting for the next step: charged as any day of the stay, and besides by
    // the items that apply to those days only (applies_to: ready_for_discharge).
    void stay_ready_for_discharge(std::size_t unit, const Patient& patient, sim::Time from, sim::Time to,
                                  std::string_view place = {}) {
        if (books_stays_[unit]) book_stay(unit, patient, from, to, place, true);
    }
    // Books the per-year costs; call once at the end of the observed period.
    void close();
    // Empty books for a new observed period [observe_from, observe_to] (a calendar year, in
    // the pass that keeps results by year): a stay under way is charged to each period for
    // its days within it.
    void restart(sim::Time observe_from, sim::Time observe_to);

    // Kronor per year, aligned with Scenario::payers, and per unit.
    std::vector<double> per_year_by_payer() const;
    std::vector<double> per_year_by_unit() const;

    // Whether a cost item is charged for a stay in `place` ("own", a provider type, or empty
    // for units without places): the one rule, which a placement unit's own split follows too.
    static bool applies(const CostItem& item, std::string_view place);

private:
    // A cost item with its payers resolved once, so that charging looks nothing up by name.
    struct Item {
        const CostItem* item;
        struct Share {
            double share;
            std::size_t payer;           // index into Scenario::payers
            bool to_home_municipality;   // "municipality": the person's own, else `payer`
        };
        std::vector<Share> shares;
    };
    // The cost items in force from `start` until the next stretch's start.
    struct Stretch {
        sim::Time start;
        std::vector<std::vector<Item>> per_admission, per_day, per_year;  // by unit
        // Observed admissions per unit and municipality, to split per-year costs by use.
        std::vector<std::vector<double>> admissions_by_municipality;
    };
    // A stretch's items, resolved; marks the units whose admissions or stays it books.
    Stretch stretch_of(const std::vector<CostItem>& costs, sim::Time start);
    std::size_t stretch_at(sim::Time t) const;
    sim::Time stretch_end(std::size_t k) const;
    void book_admission(sim::Time now, std::size_t unit, const Patient& patient, std::string_view place);
    void book_stay(std::size_t unit, const Patient& patient, sim::Time from, sim::Time to, std::string_view place,
                   bool ready_for_discharge = false);
    Item resolve(const CostItem& item) const;
    void charge(const Item& item, double amount, const Patient& patient);
    std::size_t payer_index(std::string_view name) const;

    const Scenario& scenario_;
    sim::Time from_, to_;
    std::vector<Stretch> stretches_;  // in time order; one unless changes set costs or payers
    // By unit: whether an admission is charged, or counted to split a per-year cost by use, and
    // whether a stay is, in any stretch.
    std::vector<char> books_admissions_, books_stays_;
    std::vector<std::size_t> payer_of_municipality_;  // index into Scenario::payers, by municipality
    std::vector<double> by_payer_;
    std::vector<double> by_unit_;
};

}  // namespace kapsim::models
