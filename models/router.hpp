#pragma once
// Moves people between units along the scenario's pathways. Each unit has its own streams
// for the choice after a stay and for overflow, so routing at one unit never shifts the
// numbers drawn anywhere else.
#include <memory>
#include <vector>

#include "patient.hpp"
#include "replication_limits.hpp"
#include "scenario.hpp"
#include "sim/random_streams.hpp"
#include "sim/simulation.hpp"
#include "unit.hpp"

namespace kapsim::models {

class Population;

class Router final : public sim::EventReceiver {
public:
    Router(const Scenario& scenario, const sim::RandomStreams& streams, sim::Simulation& simulation);
    void connect(std::vector<Unit*> units) { units_ = std::move(units); }
    // Per class, its population of known persons (models/population.hpp), or null.
    void connect_populations(std::vector<Population*> populations) { populations_ = std::move(populations); }

    // Drawn at admission, so a stay may depend on where the person goes afterwards.
    Destination draw_after_stay(std::size_t unit, const Patient& patient) {
        return draw(routes_->route_after(unit, patient.patient_class), after_stay_streams_[unit], after_stay_choice_[unit]);
    }
    // Whether, in every regime of the run, everyone of `classes` leaves the model after a stay at
    // `unit` with nothing more to it: the way out is the only route and draws nothing, nobody is
    // readmitted or a population's member going back to the community, and nobody anywhere
    // waits for a place, so nobody holds one at `unit` or waits for one there.
    bool only_leaves_after_stay(std::size_t unit, const std::vector<std::size_t>& classes) const;
    // Where someone the unit cannot take goes instead; leaves_system when there is no route.
    Destination draw_overflow(std::size_t unit, const Patient& patient) {
        return draw(routes_->route_overflow(unit, patient.patient_class), overflow_streams_[unit], overflow_choice_[unit]);
    }
    bool has_overflow_route(std::size_t unit, const Patient& patient) const;

    // Hands the person to the destination now (or lets them leave). A member of a population
    // goes by the teams' rules (send_member).
    void send(sim::Time now, Destination to, const Patient& patient) {
        if (to == leaves_system) return leave(now, patient);
        if (patient.member != no_member) return send_member(now, to, patient);
        deliver(now, to, patient);
    }
    // The arrival itself (a member of a population referred to a team with an effect goes by
    // refer() instead). A waiting line that passes the engine's limit is reported at the unit
    // it belongs to.
    void deliver(sim::Time now, Destination to, const Patient& patient) {
        if (patient.member != no_member && !patient.at_home && while_enrolled_[to]) return refer(now, to, patient);
        try {
            units_[to]->arrive(now, patient);
        } catch (const sim::WaitingLineFull& full) {
            throw_overloaded(scenario_, to, full);
        }
    }

    // The same after a stay: someone who leaves the model may come back later (readmission).
    void send_after_stay(sim::Time now, Destination to, const Patient& patient) {
        if (to == leaves_system && readmitted_[patient.patient_class] && !patient.at_home)
            return maybe_readmit(now, patient);
        send(now, to, patient);
    }

    // Caseload teams with an effect while enrolled (WhileEnrolled). A member of a population
    // referred to such a team goes home at once, their needs going on, and waits there for their
    // case (referred once: a new referral while on a team changes nothing). While their case is
    // open, whether an arrival of theirs at `to` does not happen (drawn from their own
    // generator; the team counts it), and the factor of their stays at `unit`.
    bool avoided(sim::Time now, Destination to, const Patient& patient);
    double stay_factor(std::size_t unit, const Patient& patient) const {
        if (patient.member == no_member) return 1.0;
        const std::uint32_t team = team_of(patient);
        return team == no_team ? 1.0 : while_enrolled_[team]->stay_factor[unit];
    }
    // The team's case of an at-home member opens, or it ends (or they leave its intake list).
    void enrolment_started(const Patient& patient);
    void enrolment_ended(const Patient& patient);

    // Waiting for the next step (pathways.<unit>.wait_for_place). Whether people leaving `unit`
    // for `next` wait there for a place; such people are sent on before their place is freed,
    // so that the place at `next` is theirs.
    bool waits_for_place(std::size_t unit, Destination next) const { return routes_->waits_for_place(unit, next) != nullptr; }
    // Called when the stay of `visit` at `unit` is over and its person goes to `next`, where they
    // wait for a place: if `next` has none for them now, they keep their place at `unit` (true)
    // until it has one, or their longest wait runs out. A circle of units full of people waiting
    // for each other with no limit stops the run with an error rather than standing still.
    bool keeps_place(sim::Time now, std::size_t unit, std::uint32_t visit, const Patient& patient, Destination next);
    // A place may have freed at `unit`: those waiting for one there go first, in order of their
    // wait, before the unit's own line.
    void place_freed(sim::Time now, std::size_t unit) {
        if (anyone_waiting_for(unit)) offer_places(now, unit);
    }
    bool anyone_waiting_for(std::size_t unit) const { return !waiting_for_.empty() && !waiting_for_[unit].empty(); }

    // A readmitted person arrives again at their class's first unit; on a dated change's day,
    // the routes of its regime come into force; or someone's longest wait for the next step ran out.
    // Someone leaves the model (after a stay, turned away with no route, or given up waiting):
    // a person of a population goes back to the community, from where their own rate brings
    // them back.
    void leave(sim::Time now, const Patient& patient) {
        if (patient.member != no_member && !patient.at_home) back_to_the_community(now, patient);
    }

    // A readmitted person arrives again at their class's first unit; or, on a dated change's
    // day, the routes of its regime come into force.
    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t slot) override;

private:
    // In the header with its callers: most units send everyone one way, without a draw.
    Destination draw(const Route& route, sim::LazyStream& stream, bool choice) {
        if (route.to.empty()) return leaves_system;
        return choice ? draw_choice(route, stream) : route.to.front();
    }
    Destination draw_choice(const Route& route, sim::LazyStream& stream);
    void maybe_readmit(sim::Time now, const Patient& patient);
    void offer_places(sim::Time now, std::size_t unit);
    void wait_ran_out(sim::Time now, std::uint32_t slot);
    void stop_if_circular_wait(sim::Time now, std::size_t unit, const WaitForPlace& wait);
    void back_to_the_community(sim::Time now, const Patient& patient);
    void send_member(sim::Time now, Destination to, const Patient& patient);
    void refer(sim::Time now, Destination team, const Patient& patient);
    // The team whose case of the person is open, or no_team.
    std::uint32_t team_of(const Patient& patient) const;

    enum Event : std::uint32_t { readmission_due, routes_change, longest_wait_over };

    // Someone ready for discharge at `holder`, keeping their place while waiting for one at `next`.
    struct Wait {
        std::uint32_t holder = 0, visit = 0;
        Destination next = 0;
        Patient patient;
        const WaitForPlace* rule = nullptr;  // the scenario's or a regime's, alive for the whole run
        sim::EventHandle max_over;
    };
    std::vector<Wait> waits_;  // by slot
    std::vector<std::uint32_t> free_wait_slots_;
    std::vector<std::vector<std::uint32_t>> waiting_for_;  // by next unit: slots, in order of the wait
    std::vector<std::size_t> waiting_without_limit_;      // by holder
    std::vector<sim::LazyStream> wait_streams_;           // by holder: the draw of `then`

    const Scenario& scenario_;
    const Scenario* routes_;  // whose routes are in force: the scenario's, or a dated change's regime
    std::vector<Unit*> units_;
    std::vector<Population*> populations_;
    std::vector<const WhileEnrolled*> while_enrolled_;  // per unit: a team's effect, or null
    std::vector<sim::LazyStream> after_stay_streams_;
    std::vector<sim::LazyStream> overflow_streams_;
    // Per unit: whether any class's route there has two destinations or more. Where none has,
    // no uniform is drawn: the unit's stream serves no other draw, so nothing else shifts.
    // (Bytes, not std::vector<bool>, whose bit arithmetic costs more than the draw it spares.)
    std::vector<char> after_stay_choice_;
    std::vector<char> overflow_choice_;
    // Per class: whether it has readmission, its stream (whether, and after how long), and
    // the delays, copied so that drawing needs no const_cast of the scenario.
    std::vector<char> readmitted_;
    std::vector<sim::LazyStream> readmission_streams_;
    std::vector<sim::Distribution> readmission_delays_;
    // Those on their way back, each the same person (class, municipality, number) as before.
    std::vector<Patient> returning_;
    std::vector<std::uint32_t> free_slots_;
    sim::Simulation& simulation_;
    std::uint32_t address_;
};

}  // namespace kapsim::models
