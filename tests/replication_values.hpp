#pragma once
// Running every replication of a scenario in a test, and reading one metric from each.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "models/care_system.hpp"

namespace kapsim::testing {

inline std::vector<models::ReplicationResult> run_all(const models::Scenario& s) {
    std::vector<models::ReplicationResult> reps;
    for (std::size_t r = 0; r < s.replications; ++r) reps.push_back(models::run_replication(s, r));
    return reps;
}

// The metric section.id.name of each replication (section: units, classes or payers).
inline std::vector<double> values(const models::Scenario& s, const std::vector<models::ReplicationResult>& reps,
                                  const std::string& section, const std::string& id, const std::string& name) {
    const auto keys = models::metric_catalog(s);
    std::vector<double> v;
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (keys[k].section == section && keys[k].id == id && keys[k].metric == name)
            for (const auto& r : reps) v.push_back(r.metrics[k]);
    EXPECT_FALSE(v.empty()) << section << "." << id << "." << name << " is not reported";
    return v;
}

}  // namespace kapsim::testing
