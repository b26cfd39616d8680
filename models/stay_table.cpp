#include <stdexcept>

#include <fmt/format.h>

#include "scenario.hpp"

namespace kapsim::models {

std::string DefaultStayShape::describe() const {
    return family == Family::lognormal ? fmt::format("lognormal with sd {:g} x the mean", cv) : "exponential";
}

std::size_t StayTable::rule_for(std::size_t patient_class, Destination destination) const {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& r = rules[i];
        if ((!r.patient_class || *r.patient_class == patient_class) && (!r.destination || *r.destination == destination))
            return i;
    }
    throw std::logic_error("length-of-stay table without a catch-all rule");
}

}  // namespace kapsim::models
