#include "output_writers.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "csv_text.hpp"
#include "models/run_months.hpp"
#include "sim/calendar_clock.hpp"

namespace kapsim::app {
namespace {

std::string csv_header_comment(const RunOutcome& o) {
    return fmt::format("# kapsim {} scenario {} hash {} seed {} replications {}\n", version, o.scenario.name,
                       o.scenario.content_hash, o.scenario.seed, o.scenario.replications);
}

std::string timestamp(const char* format) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

}  // namespace

nlohmann::json json_number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

std::string json_text(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string csv_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : std::string(); }

nlohmann::json estimate_json(const sim::Estimate& e) {
    return {{"mean", json_number(e.mean)}, {"sd", json_number(e.sd)}, {"ci_low", json_number(e.ci_low)},
            {"ci_high", json_number(e.ci_high)}, {"n", e.n}};
}

std::string utc_now_iso8601() { return timestamp("%Y-%m-%dT%H:%M:%SZ"); }

std::filesystem::path default_output_dir(const std::string& scenario_name) {
    return std::filesystem::path("results") / fmt::format("{}-{}", scenario_name, timestamp("%Y%m%d-%H%M%S"));
}

nlohmann::json by_year_json(const RunOutcome& o, std::size_t k) {
    nlohmann::json years = nlohmann::json::array();
    for (std::size_t y = 0; y < o.years.size(); ++y) {
        const YearEstimate& e = o.by_year[y][k];
        nlohmann::json node = {{"year", o.years[y].year}, {"days", o.years[y].days()}};
        node.update(estimate_json(e.estimate));
        node.update({{"p05", json_number(e.p05)}, {"p25", json_number(e.p25)}, {"p75", json_number(e.p75)},
                     {"p95", json_number(e.p95)}});
        years.push_back(node);
    }
    return years;
}

nlohmann::json summary_json(const RunOutcome& o, const RunStamp& stamp) {
    const auto& s = o.scenario;
    nlohmann::json j;
    j["kapsim_version"] = version;
    j["schema_version"] = schema_version;
    j["created"] = stamp.created;
    j["scenario"] = {{"name", s.name},
                     {"description", s.description.plain},
                     {"file", s.file},
                     {"content_hash", s.content_hash},
                     {"start", sim::CalendarClock::format_date(s.start)},
                     {"warmup_days", s.warmup_days},
                     {"run_length_days", s.run_length_days}};
    j["seed"] = s.seed;
    j["replications"] = s.replications;
    j["confidence_level"] = 0.95;
    j["units"] = nlohmann::json::object();
    j["payers"] = nlohmann::json::object();
    for (std::size_t k = 0; k < o.keys.size(); ++k) {
        const auto& e = o.estimates[k];
        const auto& key = o.keys[k];
        j[key.section][key.id][key.metric] = estimate_json(e);
        if (!o.years.empty()) j[key.section][key.id][key.metric]["by_year"] = by_year_json(o, k);
    }
    if (!o.years.empty()) {
        j["years"] = nlohmann::json::array();
        for (const auto& y : o.years)
            j["years"].push_back({{"year", y.year}, {"from_day", y.from}, {"to_day", y.to}, {"days", y.days()}});
    }
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        nlohmann::json shares = nlohmann::json::array();
        for (double x : o.occupancy_distribution[u]) shares.push_back(json_number(x));
        j["units"][s.units[u].id]["kind"] = s.units[u].kind;
        j["units"][s.units[u].id]["occupancy_distribution"] = shares;
        nlohmann::json months = nlohmann::json::array();
        for (const auto& e : o.occupancy_by_month[u])
            months.push_back({{"mean", json_number(e.mean)}, {"ci_low", json_number(e.ci_low)}, {"ci_high", json_number(e.ci_high)}, {"n", e.n}});
        j["units"][s.units[u].id]["occupancy_by_month"] = months;
    }
    return j;
}

std::string summary_csv(const RunOutcome& o) {
    std::string out = csv_header_comment(o) + "section,id,metric,mean,sd,ci_low,ci_high,n\n";
    for (std::size_t k = 0; k < o.keys.size(); ++k) {
        const auto& e = o.estimates[k];
        out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_text(o.keys[k].section), csv_text(o.keys[k].id),
                           csv_text(o.keys[k].metric), csv_number(e.mean),
                           csv_number(e.sd), csv_number(e.ci_low), csv_number(e.ci_high), e.n);
    }
    return out;
}

std::string replications_csv(const RunOutcome& o) {
    std::string out = csv_header_comment(o) + "replication,section,id,metric,value\n";
    for (std::size_t r = 0; r < o.replications.size(); ++r)
        for (std::size_t k = 0; k < o.keys.size(); ++k)
            out += fmt::format("{},{},{},{},{}\n", r, csv_text(o.keys[k].section), csv_text(o.keys[k].id),
                               csv_text(o.keys[k].metric),
                               csv_number(o.replications[r].metrics[k]));
    return out;
}

std::string summary_by_year_csv(const RunOutcome& o) {
    std::string out = csv_header_comment(o) + "section,id,metric,year,days,mean,sd,ci_low,ci_high,n,p05,p25,p75,p95\n";
    for (std::size_t k = 0; k < o.keys.size(); ++k)
        for (std::size_t y = 0; y < o.years.size(); ++y) {
            const YearEstimate& ye = o.by_year[y][k];
            const sim::Estimate& e = ye.estimate;
            out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_text(o.keys[k].section),
                               csv_text(o.keys[k].id), csv_text(o.keys[k].metric), o.years[y].year,
                               csv_number(o.years[y].days()), csv_number(e.mean), csv_number(e.sd), csv_number(e.ci_low),
                               csv_number(e.ci_high), e.n, csv_number(ye.p05), csv_number(ye.p25), csv_number(ye.p75),
                               csv_number(ye.p95));
        }
    return out;
}

std::string replications_by_year_csv(const RunOutcome& o) {
    std::string out = csv_header_comment(o) + "replication,section,id,metric,year,days,value\n";
    for (std::size_t r = 0; r < o.replications.size(); ++r)
        for (std::size_t y = 0; y < o.years.size() && y < o.replications[r].by_year.size(); ++y)
            for (std::size_t k = 0; k < o.keys.size(); ++k)
                out += fmt::format("{},{},{},{},{},{},{}\n", r, csv_text(o.keys[k].section), csv_text(o.keys[k].id),
                                   csv_text(o.keys[k].metric), o.years[y].year, csv_number(o.years[y].days()),
                                   csv_number(o.replications[r].by_year[y].metrics[k]));
    return out;
}

std::string occupancy_by_run_month_csv(const RunOutcome& o) {
    std::string out = csv_header_comment(o) + "unit,month,days,mean,sd,ci_low,ci_high,n\n";
    const auto months = models::run_months(o.scenario);
    for (std::size_t u = 0; u < o.occupancy_by_run_month.size(); ++u)
        for (std::size_t m = 0; m < o.occupancy_by_run_month[u].size() && m < months.size(); ++m) {
            const auto& e = o.occupancy_by_run_month[u][m];
            out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_text(o.scenario.units[u].id), months[m].label, months[m].days,
                               csv_number(e.mean), csv_number(e.sd), csv_number(e.ci_low), csv_number(e.ci_high), e.n);
        }
    return out;
}

void write_run_outputs(const std::filesystem::path& dir, const RunOutcome& outcome, const RunStamp& stamp) {
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / "replications.csv", replications_csv(outcome));
    write_file_atomically(dir / "summary.csv", summary_csv(outcome));
    write_file_atomically(dir / "summary.json", json_text(summary_json(outcome, stamp)));
    if (!outcome.years.empty()) {
        write_file_atomically(dir / "summary_by_year.csv", summary_by_year_csv(outcome));
        write_file_atomically(dir / "replications_by_year.csv", replications_by_year_csv(outcome));
    }
    if (!outcome.occupancy_by_run_month.empty())
        write_file_atomically(dir / "occupancy_by_run_month.csv", occupancy_by_run_month_csv(outcome));
}

}  // namespace kapsim::app
