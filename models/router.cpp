#include "router.hpp"

#include <algorithm>

#include <boost/random/uniform_01.hpp>

#include <fmt/format.h>

#include "dated_changes.hpp"
#include "input_error.hpp"
#include "message.hpp"
#include "population.hpp"
#include "waiting_for_place.hpp"

namespace kapsim::models {

Router::Router(const Scenario& scenario, const sim::RandomStreams& streams, sim::Simulation& simulation)
    : scenario_(scenario), routes_(&scenario), simulation_(simulation), address_(simulation.add_receiver(*this)) {
    for (const auto& c : scenario.classes) {
        readmitted_.push_back(c.readmission.has_value());
        readmission_streams_.emplace_back(streams, "readmission/" + c.id);
        readmission_delays_.push_back(c.readmission ? c.readmission->delay : sim::Distribution::fixed(0));
    }
    for (const auto& u : scenario.units) {
        const auto* team = std::get_if<CaseloadSpec>(&u.parameters);
        while_enrolled_.push_back(team && team->while_enrolled ? &*team->while_enrolled : nullptr);
        after_stay_streams_.emplace_back(streams, "route/" + u.id);
        overflow_streams_.emplace_back(streams, "overflow/" + u.id);
        wait_streams_.emplace_back(streams, "wait_for_place/" + u.id);
    }
    bool any_wait = !scenario.wait_for_place.empty();
    for (const auto& change : scenario.changes) any_wait = any_wait || !change.regime->wait_for_place.empty();
    if (any_wait) {
        waiting_for_.resize(scenario.units.size());
        waiting_without_limit_.assign(scenario.units.size(), 0);
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

bool Router::only_leaves_after_stay(std::size_t unit, const std::vector<std::size_t>& classes) const {
    if (after_stay_choice_[unit] || !waiting_for_.empty()) return false;
    const auto leaves = [](const Route& r) {
        return std::all_of(r.to.begin(), r.to.end(), [](Destination d) { return d == leaves_system; });
    };
    for (const std::size_t c : classes) {
        if (readmitted_[c] || scenario_.classes[c].population) return false;
        if (!leaves(scenario_.route_after(unit, c))) return false;
        for (const auto& change : scenario_.changes)
            if (!leaves(change.regime->route_after(unit, c))) return false;
    }
    return true;
}

Destination Router::draw_choice(const Route& route, sim::LazyStream& stream) {
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
    if (kind == longest_wait_over) return wait_ran_out(now, slot);
    const Patient p = returning_[slot];
    free_slots_.push_back(slot);
    if (p.member != no_member) return populations_[p.patient_class]->present(now, p);  // a visit of theirs too
    send(now, scenario_.classes[p.patient_class].first_unit, p);
}

bool Router::keeps_place(sim::Time now, std::size_t unit, std::uint32_t visit, const Patient& patient, Destination next) {
    const WaitForPlace* rule = routes_->waits_for_place(unit, next);
    if (!rule || units_[next]->has_place_for(now, patient)) return false;
    std::uint32_t slot = 0;
    if (free_wait_slots_.empty()) {
        slot = static_cast<std::uint32_t>(waits_.size());
        waits_.emplace_back();
    } else {
        slot = free_wait_slots_.back();
        free_wait_slots_.pop_back();
    }
    Wait& w = waits_[slot];
    w = Wait{static_cast<std::uint32_t>(unit), visit, next, patient, rule, {}};
    waiting_for_[next].push_back(slot);
    if (rule->max_days) {
        w.max_over = simulation_.schedule_cancellable_in(*rule->max_days, {address_, longest_wait_over, slot});
    } else {
        ++waiting_without_limit_[unit];
        stop_if_circular_wait(now, unit, *rule);
    }
    return true;
}

void Router::offer_places(sim::Time now, std::size_t unit) {
    auto& line = waiting_for_[unit];
    for (std::size_t i = 0; i < line.size();) {
        const std::uint32_t slot = line[i];
        if (!units_[unit]->has_place_for(now, waits_[slot].patient)) {
            ++i;
            continue;
        }
        const Wait w = waits_[slot];
        line.erase(line.begin() + static_cast<std::ptrdiff_t>(i));
        free_wait_slots_.push_back(slot);
        if (w.rule->max_days) simulation_.cancel(w.max_over);
        else --waiting_without_limit_[w.holder];
        // Into the place first, then out of the old one: freeing that may move others, and the
        // place here must stay theirs.
        send(now, unit, w.patient);
        units_[w.holder]->leave_after_wait(now, w.visit, false);
        i = 0;  // the line may have moved meanwhile
    }
}

void Router::wait_ran_out(sim::Time now, std::uint32_t slot) {
    const Wait w = waits_[slot];
    auto& line = waiting_for_[w.next];
    line.erase(std::find(line.begin(), line.end(), slot));
    free_wait_slots_.push_back(slot);
    units_[w.holder]->leave_after_wait(now, w.visit, true);
    // Where they go: by `then`, drawn from the holder's own stream; else on to the next unit as
    // anyone arriving there goes (its queue, its overflow route, a bought placement).
    const Route& then = w.rule->then;
    const Destination to = then.to.empty() ? w.next : draw(then, wait_streams_[w.holder], then.to.size() > 1);
    send_after_stay(now, to, w.patient);
}

void Router::stop_if_circular_wait(sim::Time now, std::size_t unit, const WaitForPlace& wait) {
    // A unit is locked when everyone there is waiting for the next step with no limit and no
    // place is free; a set of locked units whose people wait only for each other can never move
    // again (nothing else frees a place there). Looked at only when `unit` has just become locked.
    const auto locked = [&](std::size_t u) {
        const std::size_t staying = units_[u]->occupancy().level();
        return staying > 0 && waiting_without_limit_[u] >= staying && !units_[u]->has_free_place();
    };
    if (!locked(unit)) return;
    std::vector<bool> in(units_.size());
    for (std::size_t u = 0; u < units_.size(); ++u) in[u] = locked(u);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t next = 0; next < waiting_for_.size(); ++next)
            for (const std::uint32_t slot : waiting_for_[next])
                if (in[waits_[slot].holder] && !in[next]) {
                    in[waits_[slot].holder] = false;
                    changed = true;
                }
    }
    if (!in[unit]) return;
    std::string circle;
    for (std::size_t u = 0; u < units_.size(); ++u)
        if (in[u]) circle += (circle.empty() ? "" : ", ") + scenario_.units[u].id;
    throw InputError(wait.where,
                     say("circular wait on day {:.0f}: every place at {} is kept by someone ready for discharge who waits "
                         "for a place at another of them, so nobody can move again",
                         now, circle),
                     say("give one of these waits a longest wait and where people go then, e.g. wait_for_place: {{<unit>: "
                         "{{max: 30d, then: {{out: 100 %}}}}}}, or add places (kapsim check lists the circles)"));
}

void Router::back_to_the_community(sim::Time now, const Patient& patient) {
    populations_[patient.patient_class]->episode_over(now, patient);
}

void Router::send_member(sim::Time now, Destination to, const Patient& patient) {
    if (patient.at_home) {
        // Sent on from a team after their case: followed there as a visit of someone outside the
        // population, since the person is at home already and their own needs go on.
        Patient visit = patient;
        visit.member = no_member;
        visit.at_home = false;
        return deliver(now, to, visit);
    }
    if (!while_enrolled_[to] && avoided(now, to, patient)) return leave(now, patient);
    deliver(now, to, patient);
}

void Router::refer(sim::Time now, Destination team, const Patient& patient) {
    Population& population = *populations_[patient.patient_class];
    const bool new_referral = !population.on_a_team(patient.member);
    if (new_referral) population.referred(patient.member, team);
    back_to_the_community(now, patient);
    if (!new_referral) return;
    Patient at_home = patient;
    at_home.at_home = true;
    deliver(now, team, at_home);
}

std::uint32_t Router::team_of(const Patient& patient) const {
    return populations_[patient.patient_class]->enrolled_in(patient.member);
}

bool Router::avoided(sim::Time now, Destination to, const Patient& patient) {
    if (patient.member == no_member) return false;
    const std::uint32_t team = team_of(patient);
    if (team == no_team) return false;
    const double ratio = while_enrolled_[team]->arrival_ratio[to];
    if (ratio >= 1 || populations_[patient.patient_class]->uniform(patient.member) < ratio) return false;
    units_[team]->arrival_avoided(now, to);
    return true;
}

void Router::enrolment_started(const Patient& patient) {
    if (patient.at_home) populations_[patient.patient_class]->enrolled(patient.member);
}

void Router::enrolment_ended(const Patient& patient) {
    if (patient.at_home) populations_[patient.patient_class]->off_team(patient.member);
}

bool Router::has_overflow_route(std::size_t unit, const Patient& patient) const {
    return !routes_->route_overflow(unit, patient.patient_class).to.empty();
}

}  // namespace kapsim::models
