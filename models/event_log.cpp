#include "event_log.hpp"

namespace kapsim::models {

std::string_view life_event_name(LifeEvent event) {
    switch (event) {
        case LifeEvent::arrival: return "arrival";
        case LifeEvent::admission: return "admission";
        case LifeEvent::turned_away: return "turned_away";
        case LifeEvent::reneged: return "reneged";
        case LifeEvent::discharge: return "discharge";
        case LifeEvent::present_at_start: return "present_at_start";
    }
    return "unknown";
}

}  // namespace kapsim::models
