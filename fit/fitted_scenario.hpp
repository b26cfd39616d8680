#pragma once
// The fit written as kapsim scenario YAML that `kapsim check` accepts as it stands and whose
// classes and stay rules can be pasted into a scenario: every value carries
// `# FITTED: FILE, N stays, DATE..DATE, ...`, which the report shows as its source, with the
// intervals and tests on comment lines above it.
#include <string>

#include "export_fit.hpp"

namespace kapsim::fit {

// With `from_today`, the scenario starts on the export date (the next midnight when the
// export has times of day), with each unit's census on that day as its `today:` (every
// person's time spent so far) and each rate carried forward by its fitted growth.
std::string fitted_scenario_yaml(const ExportFit& fit, const std::string& name, bool from_today = false);

// The terminal's summary: per class, the rate and stays, each family's AIC and p-value.
std::string fit_summary_text(const ExportFit& fit);

// The family a group's scenario uses: the best by AIC that its goodness-of-fit test does not
// reject at 5 %, or nothing (the empirical distribution).
const FamilyFit* chosen_family(const GroupFit& group);

}  // namespace kapsim::fit
