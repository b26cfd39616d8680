#pragma once
// What every unit kind keeps the same way: its address for events, the draw of each arrival's
// destination and length of stay, the people at the unit, the observed period, and the costs
// of stays still under way when the books close. A kind derives from this (or from
// StayLifecycle, which adds places, a queue and a capacity schedule) and adds its difference.
#include <optional>
#include <string_view>
#include <vector>

#include "sim/occupancy_recorder.hpp"
#include "sim/tally.hpp"

#include "unit.hpp"
#include "unit_context.hpp"
#include "visits.hpp"

namespace kapsim::models {

// For each unit, the classes whose people can come there (from outside or by any route, over the
// dated changes), in class order: one search per class for all units, so that a scenario of
// thousands of units is not searched once per unit.
std::vector<std::vector<std::size_t>> classes_by_unit(const Scenario& scenario);

class UnitBase : public Unit {
public:
    // The books restart with each observation: at the end of the warm-up (when they are still
    // empty, so this changes nothing there) and, in the pass that keeps results by calendar
    // year, on each 1 January.
    void start_observation(sim::Time now) override {
        window_.start(now);
        for (auto& books : by_class_) books.clear();
        waited_for_next_step_ = went_on_after_max_ = 0;
        next_step_waits_.clear();
        places_held_.reset(now, places_held_.level());
    }
    void finish_observation(sim::Time now) override {
        window_.finish(now);
        places_held_.close(now);
        visits_.for_each_staying([&](const Visit& v) { book_days(v, now); });
    }

    // Every kind the same way: each person's class, home municipality and next destination,
    // their stay's time left given the time already spent (or the equilibrium residual when
    // that is unknown), drawn from a stream of their own; the kind only says where they sit.
    void seat_people_at_start() final;

    // By class: arrivals, admissions, turned away, reneged, waits and stays, for the classes
    // that reach the unit when more than one does (the declaration is by_class_metrics()).
    void report_by_class(MetricSheet& m) const override;

    // Waiting for the next step: the place is freed and the wait booked; the router sends them.
    void leave_after_wait(sim::Time now, std::uint32_t visit, bool after_max) final;
    void report_next_step(MetricSheet& m) const final;

protected:
    explicit UnitBase(const UnitContext& c)
        : ctx_(c),
          address_(c.simulation.add_receiver(*this)),
          stays_(c.spec.stay, c.scenario.classes.size(), c.scenario.units.size(), c.streams, c.spec.id),
          by_class_(c.scenario.classes.size()),
          by_class_wanted_(c.classes_here.size() > 1),
          lean_(!c.events && !c.ledger.books_admissions(c.index) && !c.ledger.books_stays(c.index) && !by_class_wanted_ &&
                c.router.only_leaves_after_stay(c.index, c.classes_here)) {}

    // What each class did at the unit in the observed period; the kind's lifecycle fills it.
    struct ClassBooks {
        std::uint64_t arrivals = 0, admitted = 0, turned_away = 0, reneged = 0;
        sim::Tally waits;  // of those admitted who arrived in the observed period
        sim::Tally stays{sim::Tally::Keep::moments_only};
        void clear() {
            arrivals = admitted = turned_away = reneged = 0;
            waits.clear();
            stays.clear();
        }
    };
    ClassBooks& books_of(const Visit& v) { return by_class_[v.patient.patient_class]; }
    // Whether results by class are reported here (more than one class comes): the books are
    // kept only then, so that a one-class unit pays nothing for them.
    bool keeps_books_by_class() const { return by_class_wanted_; }

    // Whether the unit's visits need nothing beyond its own books, for the whole run: no event
    // log, no costs, no books by class, and after the stay everyone leaves the model with
    // nothing more to it (Router::only_leaves_after_stay). Then the steps that would each find
    // they have nothing to do are left out of a copy of the usual path compiled without them
    // (the template parameter Lean below). With the kind's hooks a lean unit leaves out
    // (StayLifecycle::Overrides), they were a tenth of an M/M/2/2 run.
    bool lean() const { return lean_; }

    // Someone arrives: where they go next and how long they stay are drawn now, used or not,
    // so the i-th arrival gets the same numbers whatever the capacity (common random numbers).
    Visit new_visit(sim::Time now, const Patient& patient) {
        Visit v;
        begin_visit(v, now, patient);
        return v;
    }
    // The same, written whole into a fresh visit in place. In a lean unit everyone leaves after
    // the stay, a route that draws nothing, and nobody is a population's member.
    template <bool Lean = false>
    void begin_visit(Visit& v, sim::Time now, const Patient& patient) {
        const Destination next = Lean ? leaves_system : ctx_.router.draw_after_stay(ctx_.index, patient);
        sim::Time stay = stays_.draw(patient.patient_class, next);
        if (!Lean && patient.member != no_member) stay *= ctx_.router.stay_factor(ctx_.index, patient);
        v = Visit{.patient = patient, .arrived = now, .stay = stay, .next = next, .patience = {}, .observed = window_.open};
    }

    // A stay ends: its days are booked, and the person goes on by the pathway drawn on arrival.
    // `release` runs between the two, to free the place and let the next one in. Where people
    // going on wait for a place there (wait_for_place) and it has none, the person keeps their
    // place, ready for discharge, until the router calls leave_after_wait; where it has one,
    // they are sent first, so that nobody freed here takes it.
    // Inlined into the kind's stay_ended, which is little more than this. A lean unit's people
    // leave the model, with no place to wait for and nothing booked.
    template <bool Lean = false, class Release>
    [[gnu::always_inline]] void end_stay(sim::Time now, std::uint32_t id, Release&& release) {
        const bool after_wait = !Lean && visits_[id].ready;
        const bool waits = !Lean && !after_wait && ctx_.router.waits_for_place(ctx_.index, visits_[id].next);
        if (waits && ctx_.router.keeps_place(now, ctx_.index, id, visits_[id].patient, visits_[id].next))
            return start_wait(now, visits_[id]);
        const Visit v = visits_[id];
        if (!Lean) book_days(v, now);
        record<Lean>(now, v.patient, LifeEvent::discharge);
        if (waits) ctx_.router.send_after_stay(now, v.next, v.patient);
        visits_.close(id);
        release(v);
        if (!Lean && !waits && !after_wait) ctx_.router.send_after_stay(now, v.next, v.patient);
    }
    // The kind's end of a stay: end_stay with what frees its place (the event a stay ends by,
    // and the end of a wait for the next step).
    virtual void stay_ended(sim::Time now, std::uint32_t id) = 0;

    // A visit's days to the ledger up to `to`: those ready for discharge apart, since some costs
    // (a municipality's payment responsibility) are for those days only.
    void book_days(const Visit& v, sim::Time to) {
        if (!ctx_.ledger.books_stays(ctx_.index)) return;  // before place_of, a virtual call
        if (!v.ready) return ctx_.ledger.stay(ctx_.index, v.patient, v.admitted, to, place_of(v));
        ctx_.ledger.stay(ctx_.index, v.patient, v.admitted, v.ready_at, place_of(v));
        ctx_.ledger.stay_ready_for_discharge(ctx_.index, v.patient, v.ready_at, to, place_of(v));
    }

    // Writes the event to the patient-level log, when the replication keeps one (never a lean unit).
    template <bool Lean = false>
    void record(sim::Time now, const Patient& p, LifeEvent event) const {
        if (!Lean && ctx_.events) ctx_.events->add(now, p, static_cast<std::uint32_t>(ctx_.index), event);
    }

    // Someone staying when the run starts, with v.stay the time left: they take their place
    // (beyond the capacity in force, if need be: a full unit evicts nobody) and leave when it
    // is over. Their admission was before the run, so none is counted or charged.
    virtual void start_staying(const Visit& v, sim::RandomStream& stream) = 0;
    // Someone on the waiting list when the run starts, who has waited `waited` so far (their
    // v.arrived is that long before the start). Only kinds whose waiting_line says they wait
    // get any; the loader checks that.
    virtual void start_waiting(const Visit&, std::optional<double> /*waited*/, sim::RandomStream&) {}

    // Where a visit's costs are booked: own or purchased places of a placement unit; none elsewhere.
    virtual std::string_view place_of(const Visit&) const { return {}; }

    // Waiting for the next step: who waits, for how long, and the places they keep.
    void start_wait(sim::Time now, Visit& v) {
        v.ready = true;
        v.ready_at = now;
        places_held_.change(now, places_held_.level() + 1);
        if (window_.open) ++waited_for_next_step_;
    }
    std::uint64_t waited_for_next_step_ = 0, went_on_after_max_ = 0;
    sim::Tally next_step_waits_{sim::Tally::Keep::moments_only};  // of waits ended in the observed period
    sim::OccupancyRecorder places_held_;

    UnitContext ctx_;
    std::uint32_t address_;
    StaySampler stays_;
    Visits visits_;
    ObservationWindow window_;
    std::vector<ClassBooks> by_class_;
    bool by_class_wanted_;
    bool lean_;
};

// The results by class a unit writes: none where only one class comes, since the unit's own
// figures say it all. Ids are by_class.<class>.<metric>.
// `classes_here` is the unit's entry of classes_by_unit().
std::vector<MetricSpec> by_class_metrics(const Scenario& scenario, const std::vector<std::size_t>& classes_here);

}  // namespace kapsim::models
