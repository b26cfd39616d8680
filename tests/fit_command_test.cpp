// kapsim fit from the command line: the round trip through `kapsim run --events`, Swedish CSV
// and XLSX giving the same fit, and every kind of problem in the data reported by row and
// column with exit code 2.
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>

#include <gtest/gtest.h>
#include <fmt/format.h>
#include <xlsxwriter.h>

#include "fit/data_table.hpp"
#include "fit/date_time.hpp"
#include "fit/export_fit.hpp"
#include "fit/fitted_scenario.hpp"
#include "fit/stay_records.hpp"
#include "models/input_error.hpp"
#include "sim/distribution.hpp"
#include "sim/random_streams.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::fresh_temp_dir;
using testing::read_text;
using testing::run_kapsim;

fit::ExportFit fit_file(const std::string& file, std::size_t bootstrap = 0) {
    const auto data = fit::read_stays(fit::read_data_table(file), {});
    EXPECT_TRUE(data.problems.empty()) << data.problems.front().message;
    fit::FitOptions options;
    options.bootstrap = bootstrap;
    return fit::fit_export(file, data, options);
}

const fit::GroupFit& group(const fit::ExportFit& f, const std::string& class_id) {
    for (const auto& g : f.groups)
        if (g.class_id == class_id) return g;
    throw std::runtime_error("no class " + class_id);
}

const char* round_trip_scenario = R"(scenario:
  name: round-trip
  start: 2021-01-01
  run_length: 4y
  replications: 2
  seed: SEED
classes:
  acute:
    arrivals:
      rate: 2/day
      growth: 1.1
      month: [0.8, 0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 1.3, 1.0, 0.9, 0.9, 0.8]
      day_of_week: [1.3, 1.1, 1.0, 1.0, 1.0, 0.8, 0.8]
    first_unit: ward
    municipality: {sundsvall: 0.6, timrå: 0.4}
  planned:
    arrivals:
      rate: 0.8/day
    first_unit: ward
units:
  ward:
    kind: pool
    capacity: unlimited
    service:
      - {class: acute, distribution: lognormal, mean: 6d, sd: 4d}
      - {distribution: gamma, mean: 12d, sd: 5d}
)";

class FitCommandTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = fresh_temp_dir("fit"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // Runs the round-trip scenario with `seed` and returns the path of its event log.
    std::string events_of(int seed) {
        std::string yaml = round_trip_scenario;
        yaml.replace(yaml.find("SEED"), 4, std::to_string(seed));
        const auto scenario = dir_ / "round-trip.yaml";
        std::ofstream(scenario) << yaml;
        const auto events = dir_ / fmt::format("events-{}.csv", seed);
        const auto r = run_kapsim("run " + scenario.string() + " --quiet --out " + (dir_ / "out").string() +
                                  " --events " + events.string());
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return events.string();
    }

    std::filesystem::path write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return dir_ / name;
    }

    std::filesystem::path dir_;
};

TEST_F(FitCommandTest, RunEventsWritesEveryPersonsEventsInTimeOrderAndChangesNoResult) {
    const auto events = events_of(5);
    const std::string text = read_text(events);
    EXPECT_EQ(text.rfind("# kapsim", 0), 0u);
    EXPECT_NE(text.find("\ntime,days,person,class,unit,event,municipality\n"), std::string::npos);
    EXPECT_NE(text.find(",acute,ward,arrival,timrå\n"), std::string::npos);
    EXPECT_NE(text.find(",planned,ward,discharge,\n"), std::string::npos);
    // Times never go back.
    std::istringstream lines(text);
    std::string line;
    double previous = -1;
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 't') continue;
        const auto comma = line.find(',');
        const double days = std::stod(line.substr(comma + 1));
        EXPECT_GE(days, previous);
        previous = days;
        ++rows;
    }
    EXPECT_GT(rows, 8000u);
    // The summary is bitwise that of a run without --events.
    const std::string with = read_text(dir_ / "out" / "summary.csv");
    const auto r = run_kapsim("run " + (dir_ / "round-trip.yaml").string() + " --quiet --out " + (dir_ / "plain").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_text(dir_ / "plain" / "summary.csv"), with);
    const auto bad = run_kapsim("run " + (dir_ / "round-trip.yaml").string() + " --quiet --out " +
                                (dir_ / "x").string() + " --events " + (dir_ / "e.csv").string() +
                                " --events-replication 2");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("replication 2 is not one of the run's 0..1"), std::string::npos) << bad.err;
}

TEST_F(FitCommandTest, RoundTripRecoversTheGeneratingScenarioWithinItsIntervals) {
    // Every fitted value against the value that generated it, over repeated seeds: each 95 %
    // interval should cover it about 95 % of the time, and the generating family should win.
    constexpr int seeds = 12;
    const std::map<std::string, double> stay_truth{{"acute.mean", 6}, {"acute.sd", 4}, {"planned.mean", 12},
                                                   {"planned.sd", 5}};
    const std::array<double, 12> month{0.8, 0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 1.3, 1.0, 0.9, 0.9, 0.8};
    const std::array<double, 7> day{1.3, 1.1, 1.0, 1.0, 1.0, 0.8, 0.8};
    int covered = 0, checked = 0, family_wins = 0;
    std::map<std::string, int> missed;
    const auto check = [&](const std::string& what, double low, double high, double truth) {
        ++checked;
        if (low <= truth && truth <= high)
            ++covered;
        else
            ++missed[what];
    };
    for (int seed = 1; seed <= seeds; ++seed) {
        const auto f = fit_file(events_of(seed));
        const auto& acute = group(f, "acute");
        const auto& planned = group(f, "planned");
        check("acute rate", acute.arrivals.rate_low, acute.arrivals.rate_high, 2);
        check("acute growth", acute.arrivals.growth_low, acute.arrivals.growth_high, 1.1);
        check("planned rate", planned.arrivals.rate_low, planned.arrivals.rate_high, 0.8);
        check("planned growth", planned.arrivals.growth_low, planned.arrivals.growth_high, 1.0);
        const double month_mean = std::accumulate(month.begin(), month.end(), 0.0) / 12;
        for (int m = 0; m < 12; ++m)
            check("acute month", acute.arrivals.month.low[m], acute.arrivals.month.high[m], month[m] / month_mean);
        const double day_mean = std::accumulate(day.begin(), day.end(), 0.0) / 7;
        for (int d = 0; d < 7; ++d)
            check("acute day", acute.arrivals.day_of_week.low[d], acute.arrivals.day_of_week.high[d], day[d] / day_mean);
        for (int m = 0; m < 12; ++m) check("planned month", planned.arrivals.month.low[m], planned.arrivals.month.high[m], 1);
        const auto stays = [&](const fit::GroupFit& g, fit::Family family, const std::string& name) {
            for (const auto& fam : g.families)
                if (fam.family == family)
                    for (const auto& p : fam.parameters)
                        check(name + "." + p.name, p.low, p.high, stay_truth.at(name + "." + p.name));
            family_wins += g.families.front().family == family;
        };
        stays(acute, fit::Family::lognormal, "acute");
        stays(planned, fit::Family::gamma, "planned");
        EXPECT_GT(acute.staying_at_end, 0u) << "stays going at the end are censored, not dropped";
        EXPECT_EQ(acute.stays.size(), acute.arrivals.arrivals) << "every arrival was admitted (no limit)";
        ASSERT_EQ(acute.municipalities.size(), 2u);
        EXPECT_NEAR(static_cast<double>(acute.municipalities.at("sundsvall")) / static_cast<double>(acute.stays.size()),
                    0.6, 0.04);
        EXPECT_TRUE(planned.municipalities.empty());
    }
    const double share = static_cast<double>(covered) / checked;
    std::string misses;
    for (const auto& [what, n] : missed) misses += fmt::format("{} {}; ", what, n);
    EXPECT_GE(share, 0.90) << "covered " << covered << " of " << checked << ": " << misses;
    EXPECT_LE(share, 0.99) << "covered " << covered << " of " << checked;
    EXPECT_GE(family_wins, 2 * seeds * 7 / 10) << "the generating family won " << family_wins << " of " << 2 * seeds;
}

TEST_F(FitCommandTest, TheFittedScenarioPassesCheckAndNamesItsSourceOnEveryValue) {
    const auto events = events_of(3);
    const auto out = dir_ / "fitted.yaml";
    const auto r = run_kapsim("fit " + events + " --bootstrap 20 --out " + out.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("rows: "), std::string::npos);
    EXPECT_NE(r.out.find(" used, 0 left out"), std::string::npos) << r.out;
    const std::string yaml = read_text(out);
    for (const char* key : {"      rate: ", "      growth: ", "      month: ", "    municipality: {sundsvall: 0.", "distribution: lognormal",
                            "distribution: gamma"}) {
        const auto at = yaml.find(key);
        ASSERT_NE(at, std::string::npos) << key << "\n" << yaml;
        const std::string line = yaml.substr(at, yaml.find('\n', at) - at);
        EXPECT_NE(line.find("# FITTED: " + std::filesystem::path(events).filename().string() + ", "), std::string::npos)
            << line;
    }
    EXPECT_NE(yaml.find("staying"), std::string::npos);
    const auto check = run_kapsim("check " + out.string());
    EXPECT_EQ(check.exit_code, 0) << check.err << "\n" << yaml;
    // The report shows the fit as the value's source.
    const auto run =
        run_kapsim("run " + out.string() + " --quiet --reps 2 --report --out " + (dir_ / "fitted-run").string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string report = read_text(dir_ / "fitted-run" / "report-sv.html");
    EXPECT_NE(report.find("FITTED: " + std::filesystem::path(events).filename().string() + ", "), std::string::npos);
}

// A small export whose every value is known: stays drawn once, written as Swedish CSV and as XLSX.
struct KnownStay {
    double arrival, admission;
    std::optional<double> discharge;
    std::string patient_class, unit, municipality;
};

std::vector<KnownStay> known_stays() {
    using namespace std::chrono;
    const double first = static_cast<double>(sys_days{year{2022} / January / 1}.time_since_epoch().count());
    const double end = first + 2 * 365;
    const sim::RandomStreams streams(4, 0);
    auto s = streams.stream("x");
    auto stay = sim::Distribution::lognormal(9, 6);
    boost::random::exponential_distribution<double> gap(1.5);
    boost::random::uniform_real_distribution<double> wait(0, 2);
    std::vector<KnownStay> out;
    int i = 0;
    for (double t = first + gap(s); t < end; t += gap(s), ++i) {
        const auto minute = [](double d) { return std::round(d * 1440) / 1440; };
        KnownStay k{minute(t), minute(t + wait(s)), std::nullopt, i % 3 ? "Akut avgiftning" : "Planerad vård",
                    "Avd 7", i % 4 ? "Sundsvall" : "Härnösand"};
        const double out_at = minute(k.admission + stay.sample(s));
        if (out_at < end) k.discharge = out_at;
        if (k.admission < end) out.push_back(k);
    }
    return out;
}

std::string swedish_time(double days) {
    const std::string iso = fit::date_text(days, true);  // "2022-03-05 14:30"
    return iso.substr(0, 10) + " kl. " + iso.substr(11, 2) + "." + iso.substr(14, 2);
}

// Excel's serial day with a decimal comma, as a CSV saved from a sheet without date formats.
std::string excel_serial_with_comma(double days) {
    std::string s = fmt::format("{:.10f}", days + 25569.0);
    s[s.find('.')] = ',';
    return s;
}

TEST_F(FitCommandTest, SwedishCsvAndXlsxOfTheSameStaysGiveTheSameFit) {
    const auto stays = known_stays();
    // Swedish Excel's CSV: Windows-1252, ';', decimal comma, Swedish words and dates.
    // Windows-1252 for every å, ä and ö, as Excel in Sweden saves a CSV.
    const auto cp1252 = [](std::string text) {
        for (const auto& [utf8, latin] : {std::pair{"\xC3\xA5", "\xE5"}, {"\xC3\xA4", "\xE4"}, {"\xC3\xB6", "\xF6"}})
            for (auto at = text.find(utf8); at != std::string::npos; at = text.find(utf8)) text.replace(at, 2, latin);
        return text;
    };
    std::string csv = "Ankomst;Inskrivning;Utskrivning;V\xE5rdtid (dagar);Klass;Enhet;Hemkommun\r\n";
    for (const auto& k : stays) {
        std::string length = k.discharge ? fmt::format("{:.2f}", *k.discharge - k.admission) : "";
        if (const auto dot = length.find('.'); dot != std::string::npos) length[dot] = ',';
        csv += fmt::format("{};{};{};{};{};{};{}\r\n", swedish_time(k.arrival), excel_serial_with_comma(k.admission),
                           k.discharge ? swedish_time(*k.discharge) : "",
                           length, cp1252(k.patient_class), k.unit, cp1252(k.municipality));
    }
    const auto csv_file = write("vardtillfallen.csv", csv);

    const auto xlsx_file = dir_ / "vardtillfallen.xlsx";
    lxw_workbook* book = workbook_new(xlsx_file.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Vårdtillfällen");
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd hh:mm");
    const char* header[] = {"Ankomst", "Inskrivning", "Utskrivning", "Klass", "Enhet", "Hemkommun"};
    for (int c = 0; c < 6; ++c) worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
    lxw_row_t row = 1;
    for (const auto& k : stays) {
        worksheet_write_number(sheet, row, 0, k.arrival + 25569.0, date);
        worksheet_write_number(sheet, row, 1, k.admission + 25569.0, date);
        if (k.discharge) worksheet_write_number(sheet, row, 2, *k.discharge + 25569.0, date);
        worksheet_write_string(sheet, row, 3, k.patient_class.c_str(), nullptr);
        worksheet_write_string(sheet, row, 4, k.unit.c_str(), nullptr);
        worksheet_write_string(sheet, row, 5, k.municipality.c_str(), nullptr);
        ++row;
    }
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);

    const auto from_csv = fit::read_data_table(csv_file.string());
    EXPECT_EQ(from_csv.header.at(3), "V\u00e5rdtid (dagar)");
    const auto a = fit_file(csv_file.string());
    const auto b = fit_file(xlsx_file.string());
    ASSERT_EQ(a.groups.size(), 2u);
    ASSERT_EQ(b.groups.size(), 2u);
    EXPECT_EQ(a.stays, stays.size());
    for (std::size_t g = 0; g < 2; ++g) {
        const auto& x = a.groups[g];
        const auto& y = b.groups[g];
        EXPECT_EQ(x.class_id, y.class_id);
        EXPECT_EQ(x.unit_id, "avd_7");
        EXPECT_EQ(x.arrivals.arrivals, y.arrivals.arrivals);
        EXPECT_NEAR(x.arrivals.rate, y.arrivals.rate, 1e-9 * x.arrivals.rate);
        EXPECT_NEAR(x.arrivals.rate_high, y.arrivals.rate_high, 1e-9 * x.arrivals.rate);
        EXPECT_EQ(x.stays.size(), y.stays.size());
        EXPECT_EQ(x.staying_at_end, y.staying_at_end);
        EXPECT_EQ(x.municipalities, y.municipalities);
        ASSERT_EQ(x.families.size(), y.families.size());
        for (std::size_t f = 0; f < x.families.size(); ++f) {
            EXPECT_EQ(x.families[f].family, y.families[f].family);
            for (std::size_t p = 0; p < x.families[f].parameters.size(); ++p)
                EXPECT_NEAR(x.families[f].parameters[p].value, y.families[f].parameters[p].value,
                            1e-6 * x.families[f].parameters[p].value);
        }
    }
    EXPECT_EQ(a.groups[0].municipalities.count("H\u00e4rn\u00f6sand"), 1u);
    // And from the command line, the same scenario apart from the file's name.
    const auto r1 = run_kapsim("fit " + csv_file.string() + " --bootstrap 0");
    const auto r2 = run_kapsim("fit " + xlsx_file.string() + " --bootstrap 0");
    ASSERT_EQ(r1.exit_code, 0) << r1.err;
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    std::string y2 = r2.out;
    for (auto at = y2.find("vardtillfallen.xlsx"); at != std::string::npos; at = y2.find("vardtillfallen.xlsx"))
        y2.replace(at, 19, "vardtillfallen.csv");
    EXPECT_EQ(r1.out, y2);
    EXPECT_NE(r1.err.find("';' with decimal comma"), std::string::npos) << r1.err;
}

TEST_F(FitCommandTest, ACutOffExportCensorsTheStaysStillGoingOnItsDate) {
    // The log of a four-year run read as if exported on 2022-06-15: stays going then are
    // censored there, and their parameters are still recovered.
    const auto events = events_of(8);
    const auto data = fit::read_stays(fit::read_data_table(events), {});
    fit::FitOptions options;
    options.bootstrap = 0;
    options.to = fit::read_moment("2022-06-15")->days;
    const auto f = fit::fit_export("events.csv", data, options);
    const auto& planned = group(f, "planned");
    // Those admitted by the date and not yet discharged, counted from the log itself.
    std::size_t going = 0;
    for (const auto& s : data.stays)
        if (s.patient_class == "planned" && s.admission && *s.admission <= *options.to &&
            (!s.discharge || *s.discharge > *options.to))
            ++going;
    EXPECT_GT(going, 5u);
    EXPECT_EQ(planned.staying_at_end, going);
    EXPECT_EQ(planned.stays.size() - planned.stays.ended(), going);
    const auto& gamma = *std::find_if(planned.families.begin(), planned.families.end(),
                                      [](const fit::FamilyFit& x) { return x.family == fit::Family::gamma; });
    EXPECT_LE(gamma.parameters[0].low, 12);
    EXPECT_GE(gamma.parameters[0].high, 12);
    // From the command line the same date cuts the log.
    const auto r = run_kapsim("fit " + events + " --bootstrap 0 --export-date 2022-06-15");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("period: 2021-01-01 00:00..2022-06-15 00:00"), std::string::npos) << r.err;
}

// Start from today: the fitted scenario starts on the export date holding the people there
// then, each with their time spent so far, and runs as it stands.
TEST_F(FitCommandTest, FromTodayStartsOnTheExportDateWithItsCensus) {
    const auto events = events_of(8);
    const auto out = dir_ / "today.yaml";
    const auto r = run_kapsim("fit " + events + " --bootstrap 0 --export-date 2022-06-15 --from-today --out " +
                              out.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string yaml = read_text(out);
    EXPECT_NE(yaml.find("  start: 2022-06-15  # FITTED"), std::string::npos) << yaml;
    // As many in the census as were staying on the date, by the log itself.
    const auto data = fit::read_stays(fit::read_data_table(events), {});
    const double date = fit::read_moment("2022-06-15")->days;
    std::size_t going = 0;
    for (const auto& s : data.stays)
        if (s.admission && *s.admission <= date && (!s.discharge || *s.discharge > date)) ++going;
    std::size_t listed = 0;
    for (std::size_t at = yaml.find("elapsed: "); at != std::string::npos; at = yaml.find("elapsed: ", at + 1)) ++listed;
    EXPECT_EQ(listed, going);
    EXPECT_GT(going, 10u);
    // The acute rate is carried forward by its growth to the year from the export date.
    EXPECT_NE(yaml.find("carried to 2022-06-15 by the growth"), std::string::npos);
    const auto check = run_kapsim("check " + out.string());
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_NE(check.out.find(std::to_string(going)), std::string::npos) << "check tells the census: " << check.out;
    const auto run = run_kapsim("run " + out.string() + " --reps 2 --quiet --out " + (dir_ / "today-run").string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "today-run" / "occupancy_by_run_month.csv"));
}

TEST_F(FitCommandTest, CensusAndWaitingListOnTheExportDate) {
    const auto file = write("stays.csv",
                            "arrival,admission,discharge,unit\n"
                            "2024-01-01 08:00,2024-01-01 09:00,2024-01-05 10:00,ward\n"
                            "2024-01-02 08:00,2024-01-02 09:00,,ward\n"
                            "2024-01-03 08:00,2024-01-03 09:00,2024-01-20 10:00,ward\n"
                            "2024-01-04 08:00,,,ward\n"
                            "2024-01-05 08:00,,2024-01-06 08:00,ward\n");
    const auto data = fit::read_stays(fit::read_data_table(file.string()), {});
    ASSERT_TRUE(data.problems.empty());
    fit::FitOptions options;
    options.bootstrap = 0;
    options.to = fit::read_moment("2024-01-10")->days;
    const auto f = fit::fit_export("stays.csv", data, options);
    ASSERT_EQ(f.groups.size(), 1u);
    EXPECT_EQ(f.groups[0].staying_at_end, 2u);  // the second, and the third discharged after the export date
    EXPECT_EQ(f.groups[0].waiting_at_end, 1u);  // the fourth; the fifth left without a place
    EXPECT_EQ(f.groups[0].stays.size(), 3u);
    EXPECT_EQ(f.groups[0].stays.ended(), 1u);
    // Arrivals before --from count among the stays but not in the rate, and are said so.
    options.from = fit::read_moment("2024-01-03")->days;
    const auto later = fit::fit_export("stays.csv", data, options);
    EXPECT_EQ(later.groups[0].arrivals_before, 2u);
    EXPECT_EQ(later.groups[0].arrivals.arrivals, 3u);
    EXPECT_EQ(later.groups[0].stays.size(), 3u);
    EXPECT_NE(fit::fit_summary_text(later).find("2 arrived before the period"), std::string::npos);
}

struct BadData {
    const char* name;
    const char* csv;
    const char* place;    // file:line:column
    const char* message;
};

class FitBadDataTest : public FitCommandTest, public ::testing::WithParamInterface<BadData> {};

TEST_P(FitBadDataTest, IsReportedByRowAndColumnWithExitCode2) {
    const auto& bad = GetParam();
    const auto file = write("data.csv", bad.csv);
    const auto r = run_kapsim("fit " + file.string() + " --bootstrap 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(file.string() + ":" + bad.place + ": error: " + bad.message), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("hint:"), std::string::npos);
    EXPECT_EQ(r.out, "") << "nothing is written when the data have problems";
}

INSTANTIATE_TEST_SUITE_P(
    EveryProblemClass, FitBadDataTest,
    ::testing::Values(
        BadData{"DischargeBeforeAdmission",
                "inskrivning;utskrivning\n2024-01-01;2024-01-03\n2024-01-05;2024-01-02\n", "3:2",
                "discharge 2024-01-02 is before admission 2024-01-05"},
        BadData{"NotADate", "inskrivning;utskrivning\n2024-01-01;2024-01-03\n2024-13-45;2024-01-02\n", "3:1",
                "'2024-13-45' in column 'inskrivning' (admission) is not a date"},
        BadData{"TextIsNotADate", "inskrivning;utskrivning\nigår;2024-01-03\n", "2:1",
                "'igår' in column 'inskrivning' (admission) is not a date"},
        BadData{"EmptyColumn", "inskrivning;utskrivning;klass\n2024-01-01;2024-01-03;\n2024-01-02;2024-01-04;\n",
                "1:3", "column 'klass' (class) is empty in every row"},
        BadData{"NoTimeAStayBegan", "ankomst;inskrivning;utskrivning\n2024-01-01;2024-01-01;2024-01-03\n;;2024-01-04\n",
                "3:2", "no admission time"},
        BadData{"AdmissionBeforeArrival",
                "ankomst;inskrivning;utskrivning\n2024-01-05;2024-01-01;2024-01-09\n", "2:2",
                "admission 2024-01-01 is before arrival 2024-01-05"},
        BadData{"TooManyFields", "inskrivning;utskrivning\n2024-01-01;2024-01-03;x\n", "2:3",
                "the row has 3 fields and the header 2"},
        BadData{"NoColumnForTheStart", "datum;utskrivning\n2024-01-01;2024-01-03\n", "1:0",
                "no column for the arrival or admission time"},
        BadData{"UnknownEventInALog",
                "time,days,person,class,unit,event\n2024-01-01T00:00:00,0,1,a,w,arrival\n"
                "2024-01-02T00:00:00,1,1,a,w,moved\n",
                "3:6", "unknown event 'moved'"},
        BadData{"DischargeWithoutArrivalInALog",
                "time,days,person,class,unit,event\n2024-01-01T00:00:00,0,1,a,w,arrival\n"
                "2024-01-02T00:00:00,1,2,a,w,discharge\n",
                "3:6", "discharge of person 2 at 'w' without an arrival before it"},
        BadData{"UnclosedQuote", "inskrivning;utskrivning\n\"2024-01-01;2024-01-03\n", "2:0",
                "a quoted field is not closed before the end of the file"}),
    [](const ::testing::TestParamInfo<BadData>& info) { return std::string(info.param.name); });

TEST_F(FitCommandTest, SkipBadRowsLeavesThemOutAndCountsRowsUsedAndLeftOut) {
    const auto file = write("data.csv", "inskrivning;utskrivning\n2024-01-01;2024-01-03\n2024-01-05;2024-01-02\n"
                                        "2024-01-06;2024-01-09\nx;2024-01-10\n");
    const auto r = run_kapsim("fit " + file.string() + " --bootstrap 0 --skip-bad-rows");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find(":3:2: warning: discharge 2024-01-02 is before admission 2024-01-05"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(":5:1: warning: 'x'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("4 rows: 2 used, 2 left out"), std::string::npos) << r.err;
    const auto refused = run_kapsim("fit " + file.string() + " --bootstrap 0");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("2 problems in the data, listed above; 4 rows: 2 used, 2 left out"), std::string::npos)
        << refused.err;
}

TEST_F(FitCommandTest, DamagedExportsGiveAClearErrorOrAFitNeverACrash) {
    // Bytes flipped in a CSV, and a workbook cut short or with bytes flipped: each is read to a
    // fit, or refused with an InputError; nothing else may escape.
    std::string csv = "ankomst;inskrivning;utskrivning;klass\n";
    for (int i = 0; i < 40; ++i)
        csv += fmt::format("2024-01-{:02} 08:00;2024-01-{:02} 09:30;2024-02-{:02} 10:00;{}\n", i % 28 + 1, i % 28 + 1,
                           i % 28 + 1, i % 3 ? "akut" : "planerad");
    const auto xlsx = dir_ / "base.xlsx";
    lxw_workbook* book = workbook_new(xlsx.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
    worksheet_write_string(sheet, 0, 0, "inskrivning", nullptr);
    worksheet_write_string(sheet, 0, 1, "utskrivning", nullptr);
    for (lxw_row_t r = 1; r < 30; ++r) {
        worksheet_write_number(sheet, r, 0, 45292.0 + r, nullptr);
        worksheet_write_number(sheet, r, 1, 45292.0 + r + 3.5, nullptr);
    }
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
    const std::string workbook = read_text(xlsx);
    const sim::RandomStreams streams(9, 0);
    auto s = streams.stream("damage");
    const auto attempt = [&](const std::string& name, const std::string& bytes) {
        const auto file = write(name, bytes);
        try {
            const auto data = fit::read_stays(fit::read_data_table(file.string()), {});
            if (!data.stays.empty()) {
                fit::FitOptions options;
                options.bootstrap = 0;
                fit::fit_export(name, data, options);
            }
        } catch (const models::InputError&) {
        }
    };
    for (int i = 0; i < 150; ++i) {
        std::string damaged = csv;
        for (int k = 0; k < 4; ++k) damaged[s() % damaged.size()] = static_cast<char>(s() % 256);
        attempt("damaged.csv", damaged);
        std::string cut = workbook.substr(0, s() % workbook.size());
        attempt("cut.xlsx", cut);
        std::string flipped = workbook;
        for (int k = 0; k < 8; ++k) flipped[s() % flipped.size()] ^= static_cast<char>(1 + s() % 255);
        attempt("flipped.xlsx", flipped);
    }
}

TEST_F(FitCommandTest, ColumnsNamedByOptionsAreUsedAndAMissingOneIsAnError) {
    const auto file = write("data.csv", "Datum in,Datum ut,Grupp X\n2024-01-01,2024-01-03,a\n2024-01-02,2024-01-09,b\n");
    const auto r = run_kapsim("fit " + file.string() + " --bootstrap 0 --admission 'datum in' --discharge 'Datum ut' "
                              "--class 'Grupp X'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("admission 'Datum in' (column 1), discharge 'Datum ut' (column 2), class 'Grupp X' (column 3)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.out.find("\n  a:\n"), std::string::npos) << r.out;
    const auto missing = run_kapsim("fit " + file.string() + " --admission 'Datum in' --unit Avdelning");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("data.csv:1:0: error: no column named 'Avdelning' for the unit (--unit)"),
              std::string::npos)
        << missing.err;
}

TEST_F(FitCommandTest, AnXlsxThatIsNotAWorkbookIsAClearError) {
    const auto file = write("broken.xlsx", "not a zip file");
    const auto r = run_kapsim("fit " + file.string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot be read as an Excel workbook"), std::string::npos) << r.err;
}

// Found through the studio: an emergency department's visits of exactly four hours drove the
// gamma's shape to its bound, where Boost's incomplete gamma gave up, and kapsim fit ended with
// an internal error (exit 1). Stays all of one length are now written as fixed.
TEST_F(FitCommandTest, StaysAllOfOneLengthAreFittedAsFixedNotACrash) {
    const auto dir = fresh_temp_dir("fit-fixed");
    const auto run = run_kapsim("run " + testing::source_path("scenarios/templates/sv/ward.yaml") +
                                " --reps 2 --quiet --out " + (dir / "out").string() + " --events " + (dir / "e.csv").string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const char* bootstrap : {"0", "20"}) {
        const auto fitted = run_kapsim("fit " + (dir / "e.csv").string() + " --bootstrap " + bootstrap + " --out " +
                                       (dir / "fitted.yaml").string());
        ASSERT_EQ(fitted.exit_code, 0) << bootstrap << ": " << fitted.err;
        EXPECT_NE(read_text(dir / "fitted.yaml").find("{distribution: fixed, value: 4h}"), std::string::npos)
            << read_text(dir / "fitted.yaml");
        EXPECT_EQ(run_kapsim("check " + (dir / "fitted.yaml").string()).exit_code, 0);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapsim
