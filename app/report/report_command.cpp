#include "app/report/report_command.hpp"

#include <cstdio>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/atomic_file.hpp"
#include "app/output_writers.hpp"
#include "app/report/html_report.hpp"
#include "app/report/report_model.hpp"
#include "app/report/results_bundle.hpp"
#include "app/report/sensitivity_report.hpp"
#include "app/report/translations.hpp"
#include "app/terminal_style.hpp"
#include "models/input_error.hpp"

namespace kapsim::app {
namespace {

// A sweep's output, finished (sweep.csv) or not (only its journal).
bool is_sweep_dir(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    return (fs::exists(dir / "sweep.csv") || fs::exists(dir / "sweep.journal")) && !fs::exists(dir / "compare.json") &&
           !fs::exists(dir / "summary.json") && !fs::exists(dir / "capacity.csv");
}

std::filesystem::path write(const std::filesystem::path& results_dir, const std::string& lang_code,
                            const std::filesystem::path& out, const std::string& sensitivity = {},
                            const std::string& decision = {}) {
    const auto lang = report::parse_language(lang_code);
    const auto path = out.empty() ? report_path(results_dir, lang_code) : out;
    // The results first (a damaged file is named as such), then the libraries: without them
    // there is no report, and the hint says what to do.
    if (is_sweep_dir(results_dir)) {
        if (!sensitivity.empty())
            throw models::InputError({sensitivity, 0, 0}, "--sensitivity goes with a comparison, and this report is of a sweep",
                                     "give the comparison's --out directory first: kapsim report COMPARE_DIR --sensitivity SWEEP_DIR");
        const auto analysis = report::analyse_sensitivity(report::load_sweep(results_dir), nullptr, decision);
        const auto assets = report::load_web_assets(report::web_dir());
        const auto model = report::sweep_report_model(analysis, lang);
        write_file_atomically(path, report::render_sweep_report(analysis, model, assets));
        write_file_atomically(report_model_path(path), json_text(report::to_json(model)));
        return path;
    }
    const auto results = report::load_results(results_dir);
    std::optional<report::SensitivityAnalysis> analysis;
    if (!sensitivity.empty()) {
        if (results.command != "compare")
            throw models::InputError({results_dir.string(), 0, 0},
                                     fmt::format("--sensitivity goes with the results of compare, not of {}", results.command),
                                     "give the --out directory of kapsim compare, or report the sweep alone: kapsim report SWEEP_DIR");
        analysis = report::analyse_sensitivity(report::load_sweep(sensitivity), &results, decision);
    } else if (!decision.empty()) {
        throw models::InputError({results_dir.string(), 0, 0}, "--decision needs a sweep", "add --sensitivity SWEEP_DIR");
    }
    const auto assets = report::load_web_assets(report::web_dir());
    const auto model = report::report_model(results, lang, analysis ? &*analysis : nullptr);
    write_file_atomically(path, report::render_report(results, model, assets));
    // What the report says, as data, beside it: the studio shows its findings and table from it.
    write_file_atomically(report_model_path(path), json_text(report::to_json(model)));
    return path;
}

// "DIR/report-sv.html and report-sv.json": the page and its model, which is written beside it,
// as other commands name the files they wrote.
std::string written(const std::filesystem::path& html) {
    return fmt::format("{} and {}", html.string(), report_model_path(html).filename().string());
}

}  // namespace

CLI::App* add_report_subcommand(CLI::App& cli, ReportRequest& request) {
    auto* cmd = cli.add_subcommand("report", "Write a self-contained HTML report (Swedish, or --lang en) of the results "
                                             "of run, compare, capacity or sweep");
    cmd->add_option("RESULTS_DIR", request.results_dir, "The --out directory of kapsim run, compare, capacity or sweep")->required();
    cmd->add_option("--sensitivity", request.sensitivity,
                    "The --out directory of a kapsim sweep that tests the comparison: its range over the assumptions, "
                    "tornado charts and paired outcomes join the report");
    cmd->add_option("--decision", request.decision,
                    "The swept parameter that tells the alternatives apart (default: found from the scenarios, or for a "
                    "sweep alone the unit capacity it varies)");
    cmd->add_option("--lang", request.lang, "Language of the report: sv (default) or en")
        ->check(CLI::IsMember({"sv", "en"}))
        ->default_val("sv");
    cmd->add_option("--out", request.out, "The HTML file to write (default RESULTS_DIR/report-<lang>.html); the report's model is written beside it as .json");
    return cmd;
}

void add_report_options(CLI::App& command, std::string& lang) {
    command.add_flag_callback(
        "--report", [&lang] { if (lang.empty()) lang = "sv"; },
        "Also write the HTML report into the output directory (report-sv.html)");
    command.add_option("--report-lang", lang, "Language of that report: sv (default) or en; implies --report")
        ->check(CLI::IsMember({"sv", "en"}));
}

std::filesystem::path report_path(const std::filesystem::path& results_dir, const std::string& lang) {
    return results_dir / fmt::format("report-{}.html", lang);
}

std::filesystem::path report_model_path(const std::filesystem::path& html) {
    auto json = html;
    json.replace_extension(".json");
    return json == html ? std::filesystem::path(html.string() + ".json") : json;
}

void write_report_if_asked(const std::filesystem::path& results_dir, const std::string& lang, bool json_on_stdout,
                           const std::string& sensitivity) {
    if (lang.empty()) return;
    std::FILE* stream = json_on_stdout ? stderr : stdout;
    const auto path = write(results_dir, lang, {}, sensitivity);
    std::fputs(fmt::format("{}\n", TerminalStyle::for_stream(stream).done("wrote the report " + written(path))).c_str(), stream);
}

int report_command(const ReportRequest& request) {
    const auto path = write(request.results_dir, request.lang, request.out, request.sensitivity, request.decision);
    std::fputs(fmt::format("wrote {}\n", written(path)).c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
