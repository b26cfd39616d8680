#include "router.hpp"

#include <boost/random/uniform_01.hpp>

#include "dated_changes.hpp"
#include "population.hpp"

namespace kapsim::models {

Router::Router(const Scenario& scenario, const sim::RandomStreams& streams, sim::Simulation& simulation)
    : scenario_(scenario), routes_(&scenario), simulation_(simulation), address_(simulation.add_receiver(*this)) {
    for (const auto& c : scenario.classes) {
        readmitted_.push_back(c.readmission.has_value());
        readmission_streams_.emplace_back(streams, "readmission/" + c.id);
        readmission_delays_.push_back(c.readmission ? c.readmission->delay : sim::Distribution::fixed(0));
    }
    for (const auto& u : scenario.units) {
        after_stay_streams_.emplace_back(streams, "route/" + u.id);
        overflow_streams_.emplace_back(streams, "overflow/" + u.id);
    }
    for (std::size_t u = 0; u < scenario.units.size(); ++u) {
        bool after = false, overflow = false;
        // A choice in any regime is drawn for in all, so the unit's stream serves one kind of draw.
        for (std::size_t c = 0; c < scenario.classes.size(); ++c) {
            after = after || scenario.route_after(u, c).to.size() > 1;
            for (const auto& change : scenario.changes) after = after || change.regime->route_after(u, c).to.size() > 1;
            for (const Route* r : scenario.overflows_over_time(u, c)) overflow = overflow || r->to.size() > 1;
        }
        after_stay_choice_.push_back(after);
        overflow_choice_.push_back(overflow);
    }
    for (std::size_t k = 0; k < scenario.changes.size(); ++k)
        if (!same_routes(k == 0 ? scenario : *scenario.changes[k - 1].regime, *scenario.changes[k].regime))
            simulation_.schedule_at(scenario.changes[k].day, {address_, routes_change, static_cast<std::uint32_t>(k)});
}

Destination Router::draw(const Route& route, sim::LazyStream& stream, bool choice) {
    if (route.to.empty()) return leaves_system;
    if (!choice) return route.to.front();
    // One uniform per choice, even when there is a single destination, so that adding a
    // destination to one class's route changes which way people go but not how many numbers
    // the unit's other classes draw.
    const double u = boost::random::uniform_01<double>()(stream.get());
    double cumulative = 0;
    for (std::size_t i = 0; i < route.to.size(); ++i) {
        cumulative += route.probability[i];
        if (u < cumulative) return route.to[i];
    }
    return route.to.back();
}

Destination Router::draw_after_stay(std::size_t unit, const Patient& patient) {
    return draw(routes_->route_after(unit, patient.patient_class), after_stay_streams_[unit], after_stay_choice_[unit]);
}

Destination Router::draw_overflow(std::size_t unit, const Patient& patient) {
    return draw(routes_->route_overflow(unit, patient.patient_class), overflow_streams_[unit], overflow_choice_[unit]);
}

void Router::maybe_readmit(sim::Time now, const Patient& patient) {
    const std::uint32_t c = patient.patient_class;
    auto& stream = readmission_streams_[c].get();
    // Both numbers are drawn for everyone who leaves, so the share changes who returns but not
    // the delays of the others.
    const double u = boost::random::uniform_01<double>()(stream);
    const double delay = readmission_delays_[c].sample(stream);
    if (u >= scenario_.classes[c].readmission->share) return leave(now, patient);
    std::uint32_t slot = 0;
    if (free_slots_.empty()) {
        slot = static_cast<std::uint32_t>(returning_.size());
        returning_.push_back(patient);
    } else {
        slot = free_slots_.back();
        free_slots_.pop_back();
        returning_[slot] = patient;
    }
    simulation_.schedule_at(now + delay, {address_, readmission_due, slot});
}

void Router::on_event(sim::Time now, std::uint32_t kind, std::uint32_t slot) {
    if (kind == routes_change) {
        routes_ = scenario_.changes[slot].regime.get();
        return;
    }
    const Patient p = returning_[slot];
    free_slots_.push_back(slot);
    if (p.member != no_member) return populations_[p.patient_class]->present(now, p);  // a visit of theirs too
    send(now, scenario_.classes[p.patient_class].first_unit, p);
}

void Router::back_to_the_community(sim::Time now, const Patient& patient) {
    populations_[patient.patient_class]->episode_over(now, patient);
}

bool Router::has_overflow_route(std::size_t unit, const Patient& patient) const {
    return !routes_->route_overflow(unit, patient.patient_class).to.empty();
}

}  // namespace kapsim::models
