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
#include "unit.hpp"

namespace kapsim::models {

class Router {
public:
    Router(const Scenario& scenario, const sim::RandomStreams& streams);
    void connect(std::vector<Unit*> units) { units_ = std::move(units); }

    // Drawn at admission, so a stay may depend on where the person goes afterwards.
    Destination draw_after_stay(std::size_t unit, const Patient& patient);
    // Where someone the unit cannot take goes instead; leaves_system when there is no route.
    Destination draw_overflow(std::size_t unit, const Patient& patient);
    bool has_overflow_route(std::size_t unit, const Patient& patient) const;

    // Hands the person to the destination now (or lets them leave). A waiting line that
    // passes the engine's limit is reported at the unit it belongs to.
    void send(sim::Time now, Destination to, const Patient& patient) {
        if (to == leaves_system) return;
        try {
            units_[to]->arrive(now, patient);
        } catch (const sim::WaitingLineFull& full) {
            throw_overloaded(scenario_, to, full);
        }
    }

private:
    Destination draw(const Route& route, sim::LazyStream& stream, bool choice);

    const Scenario& scenario_;
    std::vector<Unit*> units_;
    std::vector<sim::LazyStream> after_stay_streams_;
    std::vector<sim::LazyStream> overflow_streams_;
    // Per unit: whether any class's route there has two destinations or more. Where none has,
    // no uniform is drawn: the unit's stream serves no other draw, so nothing else shifts.
    std::vector<bool> after_stay_choice_;
    std::vector<bool> overflow_choice_;
};

}  // namespace kapsim::models
