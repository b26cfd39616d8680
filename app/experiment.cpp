#include "experiment.hpp"

#include <chrono>

#include "sim/replications.hpp"

namespace kapsim::app {

RunOutcome run_scenario(models::Scenario scenario, int threads) {
    RunOutcome out;
    const auto started = std::chrono::steady_clock::now();
    out.keys = models::metric_catalog(scenario);
    out.replications = sim::run_replications<models::ReplicationResult>(
        scenario.replications, threads, [&](std::size_t r) { return models::run_replication(scenario, r); });

    std::vector<double> column(out.replications.size());
    for (std::size_t k = 0; k < out.keys.size(); ++k) {
        for (std::size_t r = 0; r < out.replications.size(); ++r) column[r] = out.replications[r].metrics[k];
        out.estimates.push_back(sim::estimate_mean(column));
    }

    // Summed in replication order, so the result does not depend on the thread count.
    for (std::size_t u = 0; u < scenario.units.size(); ++u) {
        std::vector<double> mean;
        for (const auto& rep : out.replications) {
            const auto& share = rep.occupancy_distribution[u];
            if (share.size() > mean.size()) mean.resize(share.size(), 0.0);
            for (std::size_t n = 0; n < share.size(); ++n) mean[n] += share[n];
        }
        for (double& m : mean) m /= static_cast<double>(out.replications.size());
        out.occupancy_distribution.push_back(std::move(mean));
    }
    out.scenario = std::move(scenario);
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace kapsim::app
