#include "warmup_command.hpp"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "atomic_file.hpp"
#include "table_formats.hpp"
#include "manifest.hpp"
#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"
#include "csv_text.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "sim/replications.hpp"
#include "work_estimate.hpp"

namespace kapsim::app {

std::vector<double> welch_moving_average(const std::vector<double>& series, std::size_t w) {
    std::vector<double> out;
    if (series.size() <= w) return out;
    for (std::size_t i = 0; i + w < series.size(); ++i) {
        const std::size_t half = std::min(i, w);
        double sum = 0;
        for (std::size_t j = i - half; j <= i + half; ++j) sum += series[j];
        out.push_back(sum / static_cast<double>(2 * half + 1));
    }
    return out;
}

int warmup_command(const WarmupRequest& request) {
    const RunSettings& settings = request.settings;
    const std::string started = utc_now_iso8601();
    models::Scenario s = models::load_scenario(request.file, settings.overrides);
    if (settings.replications) s.replications = *settings.replications;
    if (settings.seed) s.seed = *settings.seed;
    WorkTotal work;
    work.add(s, static_cast<double>(s.replications));
    // Every replication's occupancy of every day is kept until the end.
    work.add_kept_bytes(static_cast<double>(s.replications * s.units.size()) * s.horizon_days() * 8);
    work.require_within_limits(settings.threads, settings.allow_large);
    const std::filesystem::path dir =
        settings.out_dir.empty() ? default_output_dir("warmup-" + s.name) : std::filesystem::path(settings.out_dir);
    OutputFolder folder = OutputFolder::prepare(dir);  // checked before anything is simulated
    const models::PreparedScenario prepared(s);
    const auto reps = sim::run_replications<models::ReplicationResult>(
        s.replications, settings.threads,
        [&](std::size_t r) { return models::run_replication(prepared, r, {.record_daily = true}); });

    const auto days = static_cast<std::size_t>(std::floor(s.horizon_days()));
    const auto w = static_cast<std::size_t>(request.window_days);
    std::string out = "unit,day,mean_occupancy,moving_average\n";
    std::string text = fmt::format("warm-up data for {}: {} replications from empty, {} days, Welch's moving average "
                                   "over {} days either side\n",
                                   s.name, s.replications, days, w);
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        std::vector<double> mean(days, 0.0);
        for (const auto& rep : reps)
            for (std::size_t d = 0; d < days; ++d) mean[d] += rep.daily_occupancy[u][d] / static_cast<double>(reps.size());
        const auto smooth = welch_moving_average(mean, w);
        for (std::size_t d = 0; d < days; ++d)
            out += fmt::format("{},{},{},{}\n", csv_text(s.units[u].id), d, mean[d], d < smooth.size() ? fmt::format("{}", smooth[d]) : "");
        if (smooth.empty()) continue;
        // A reading aid, not a rule: the first day the smoothed curve comes within 2 % of its
        // level over the last half of the run (a run from empty climbs towards that level).
        double level = 0;
        for (std::size_t d = smooth.size() / 2; d < smooth.size(); ++d) level += smooth[d];
        level /= static_cast<double>(smooth.size() - smooth.size() / 2);
        std::size_t settled = 0;
        while (settled < smooth.size() && std::abs(smooth[settled] - level) > 0.02 * std::max(level, 1e-9)) ++settled;
        text += fmt::format("  {}: level {:.2f} in use; the moving average first comes within 2 % of it on day {}\n",
                            s.units[u].id, level, settled);
        for (std::size_t d = 0; d < smooth.size(); d += std::max<std::size_t>(1, smooth.size() / 12))
            text += fmt::format("    day {:>6}: {:.2f}\n", d, smooth[d]);
    }
    text += fmt::format("scenario warm-up now: {:.0f} days. Choose a warm-up beyond the day the curve levels off.\n",
                        s.warmup_days);
    write_file_atomically(folder.staging() / "warmup.csv", out);
    write_table_formats(folder.staging(), settings.table_formats);
    write_manifest(folder.staging(), {"warmup", settings.command_line, {&s}, started, sim::effective_threads(settings.threads)});
    folder.commit();
    text += fmt::format("wrote {}/warmup.csv (unit, day, mean over replications, moving average)\n", dir.string());
    std::fputs(text.c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
