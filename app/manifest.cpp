#include "manifest.hpp"

#include <nlohmann/json.hpp>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "output_writers.hpp"
#include "sim/calendar_clock.hpp"

namespace kapsim::app {
void write_manifest(const std::filesystem::path& dir, const Manifest& m) {
    nlohmann::json j;
    j["kapsim_version"] = version;
    j["schema_version"] = schema_version;
    j["command"] = m.command;
    j["command_line"] = m.command_line;
    j["working_directory"] = std::filesystem::current_path().string();
    j["threads"] = m.threads;
    j["processes"] = m.processes;
    j["started"] = m.started;
    j["ended"] = utc_now_iso8601();
    j["scenarios"] = nlohmann::json::array();
    for (const auto* s : m.scenarios)
        j["scenarios"].push_back({{"name", s->name},
                                  {"file", s->file},
                                  {"content_hash", s->content_hash},
                                  {"seed", s->seed},
                                  {"replications", s->replications},
                                  {"start", sim::CalendarClock::format_date(s->start)},
                                  {"warmup_days", s->warmup_days},
                                  {"run_length_days", s->run_length_days}});
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / "manifest.json", json_text(j));
}

}  // namespace kapsim::app
