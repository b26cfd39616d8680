#include "fit_command.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "atomic_file.hpp"
#include "fit/data_table.hpp"
#include "fit/date_time.hpp"
#include "fit/export_fit.hpp"
#include "fit/fitted_scenario.hpp"
#include "models/input_error.hpp"
#include "terminal_style.hpp"

namespace kapsim::app {
namespace {

std::optional<double> date_option(const std::string& text, const char* option) {
    if (text.empty()) return std::nullopt;
    const auto m = fit::read_moment(text);
    if (!m)
        throw models::InputError({option, 0, 0}, fmt::format("'{}' is not a date", text),
                                 "write it as 2024-03-05 or 2024-03-05T14:30");
    return m->days;
}

}  // namespace

int fit_command(const FitRequest& request) {
    const fit::DataTable table = fit::read_data_table(request.file);
    const fit::StayData data = fit::read_stays(table, request.columns);
    const std::string name = std::filesystem::path(request.file).filename().string();
    const auto style = TerminalStyle::for_stream(stderr);

    // Every problem, by row and column, in the style of every other error kapsim reports.
    for (const auto& p : data.problems) {
        const std::string text =
            fmt::format("{}:{}:{}: {} {}\n  {} {}\n", request.file, p.line, p.column,
                        request.skip_bad_rows ? style.hint("warning:") : style.error("error:"), p.message,
                        style.hint("hint:"), p.hint);
        std::fputs(text.c_str(), stderr);
    }
    const std::size_t used = data.rows - data.rows_left_out;
    const std::string counts =
        fmt::format("{} rows: {} used, {} left out ({})", data.rows, used, data.rows_left_out, table.dialect);
    if (!data.problems.empty() && !request.skip_bad_rows)
        throw models::InputError({request.file, 0, 0},
                                 fmt::format("{} problem{} in the data, listed above; {}", data.problems.size(),
                                             data.problems.size() == 1 ? "" : "s", counts),
                                 "correct them, or leave those rows out with --skip-bad-rows");
    if (data.stays.empty())
        throw models::InputError({request.file, 0, 0}, "no stay to fit: " + counts,
                                 "the export needs at least one row with an arrival or admission time");

    fit::FitOptions options;
    options.from = date_option(request.from, "--from");
    options.to = date_option(request.export_date, "--export-date");
    options.start = date_option(request.start, "--start");
    options.bootstrap = request.bootstrap;
    options.seed = request.seed;
    if (options.from && options.to && *options.to <= *options.from)
        throw models::InputError({"--export-date", 0, 0}, "the export date is not after --from",
                                 "the period the export covers runs from --from to --export-date");
    // A stay arriving after the export date is a contradiction in an export; in kapsim's log it
    // is what happened after the date, and the fit sees the log as an export taken that day.
    for (const auto& s : data.stays)
        if (!data.event_log && options.to && s.arrival > *options.to)
            throw models::InputError({request.file, s.line, 0},
                                     fmt::format("the stay on this row arrives after the export date {}",
                                                 request.export_date),
                                     "give the date the export was taken with --export-date, or leave it out");

    const fit::ExportFit result = fit::fit_export(name, data, options);
    const std::string yaml = fit::fitted_scenario_yaml(
        result, "fitted-" + fit::as_identifier(std::filesystem::path(name).stem().string()), request.from_today);
    std::string summary = fmt::format("{}: {}\ncolumns: {}\nperiod: {}..{}\n", request.file, counts, data.columns_used,
                                      fit::date_text(result.from, result.hours), fit::date_text(result.to, result.hours));
    summary += fit::fit_summary_text(result);
    if (request.out.empty()) {
        std::fputs(summary.c_str(), stderr);
        std::fputs(yaml.c_str(), stdout);
    } else {
        write_file_atomically(request.out, yaml);
        summary += fmt::format("wrote {}\n", request.out);
        std::fputs(summary.c_str(), stdout);
    }
    return 0;
}

}  // namespace kapsim::app
