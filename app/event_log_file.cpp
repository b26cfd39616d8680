#include "event_log_file.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "csv_text.hpp"
#include "models/care_system.hpp"
#include "models/input_error.hpp"

namespace kapsim::app {
namespace {

// "2021-03-04T05:06:07": the scenario's calendar, to the second.
std::string iso_time(std::chrono::sys_days start, double days) {
    using namespace std::chrono;
    const auto at = start + seconds{std::llround(days * 86400.0)};
    const auto day = floor<std::chrono::days>(at);
    const year_month_day date{day};
    const hh_mm_ss<seconds> clock{at - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count());
}

}  // namespace

std::string event_log_csv(const models::Scenario& scenario, std::size_t replication, const models::EventLog& log) {
    std::string out = fmt::format("# kapsim {} events scenario {} hash {} seed {} replication {} period {}..{}\n", version,
                                  scenario.name, scenario.content_hash, scenario.seed, replication,
                                  iso_time(scenario.start, 0), iso_time(scenario.start, scenario.horizon_days()));
    out += "time,days,person,class,unit,event,municipality\n";
    for (const auto& r : log.records())
        out += fmt::format("{},{:.9g},{},{},{},{},{}\n", iso_time(scenario.start, r.time), r.time, r.person,
                           csv_text(scenario.classes[r.patient_class].id), csv_text(scenario.units[r.unit].id),
                           models::life_event_name(r.event),
                           r.municipality == models::no_municipality ? "" : csv_text(scenario.municipalities[r.municipality]));
    return out;
}

void require_event_replication(const models::Scenario& scenario, std::size_t replication) {
    if (replication >= scenario.replications)
        throw models::InputError({"--events-replication", 0, 0},
                                 fmt::format("replication {} is not one of the run's 0..{}", replication,
                                             scenario.replications - 1),
                                 "replications are numbered from 0, as in replications.csv");
}

void write_event_log(const models::Scenario& scenario, std::size_t replication, const std::filesystem::path& file) {
    require_event_replication(scenario, replication);
    models::EventLog log;
    models::run_replication(scenario, replication, {.events = &log});
    write_file_atomically(file, event_log_csv(scenario, replication, log));
}

}  // namespace kapsim::app
