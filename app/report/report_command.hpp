#pragma once
// `kapsim report RESULTS_DIR`: one self-contained HTML file from the output of run, compare or
// capacity, in Swedish (default) or English. Also what `--report` on those commands calls.
#include <filesystem>
#include <string>

namespace CLI {
class App;
}

namespace kapsim::app {

struct ReportRequest {
    std::string results_dir;
    std::string lang = "sv";
    std::string out;  // the HTML file; empty = RESULTS_DIR/report-<lang>.html
    std::string sensitivity;  // --sensitivity SWEEP_DIR: the sweep that tests a comparison
    std::string decision;     // --decision PATH: the swept parameter telling the alternatives apart
};

// Adds the `report` subcommand, reading into `request`.
CLI::App* add_report_subcommand(CLI::App& cli, ReportRequest& request);

// Adds `--report` (write the Swedish report too) and `--report-lang sv|en` (implies
// --report) to run, compare or capacity; `lang` stays empty without them.
void add_report_options(CLI::App& command, std::string& lang);

// Throws models::InputError for a directory that is not results, a language other than sv or
// en, or missing chart libraries (hint: run npm ci --prefix web).
int report_command(const ReportRequest& request);

// Where the report of `results_dir` in `lang` is written by default.
std::filesystem::path report_path(const std::filesystem::path& results_dir, const std::string& lang);

// Where the model of the report `html` is written: beside it, as report-<lang>.json.
std::filesystem::path report_model_path(const std::filesystem::path& html);

// For `--report` on run, compare and capacity, after their other outputs are written: when
// `lang` is not empty, writes report_path(results_dir, lang) and says where, on stdout, or on
// stderr when stdout carries JSON.
// `sensitivity`: a sweep's --out directory to tell with the comparison (empty: none).
void write_report_if_asked(const std::filesystem::path& results_dir, const std::string& lang, bool json_on_stdout,
                           const std::string& sensitivity = {});

}  // namespace kapsim::app
