#pragma once
// A caseload team's effect on the care of the persons it has enrolled (`while_enrolled:` of a
// caseload unit): read from the file, and said by `kapsim check`, with a warning where no class
// it could act on reaches the team. The effect itself acts in the router (router.hpp).
#include <string>
#include <vector>

#include "message.hpp"
#include "scenario.hpp"
#include "scenario_document.hpp"
#include "scenario_reading.hpp"

namespace kapsim::models {

// `while_enrolled: {arrivals: {akuten: 0.7}, stay: {avd7: 0.9}}`: rate ratios of the enrolled
// person's arrivals at units (a share, since each arrival happens or not), and stay factors.
WhileEnrolled read_while_enrolled(const Field& f, const LoadContext& ctx);

// Whether `unit` is a team with an effect that classes of known persons reach: each such person
// is referred to it once while on it, so the traffic equations, which count every visit's
// referral, give no figure for it; those persons (at the start), else 0.
std::size_t persons_referred_once(const Scenario& scenario, std::size_t unit,
                                  const std::vector<std::size_t>& classes_here);

// A team with an effect that no class of known persons reaches: its effect acts on nobody.
struct TeamWarning {
    std::size_t unit;
    Message message;
};
std::vector<TeamWarning> team_effect_warnings(const Scenario& scenario);

// What each team's effect does, for check; empty where no team has one.
std::string describe_team_effects(const Scenario& scenario);

}  // namespace kapsim::models
