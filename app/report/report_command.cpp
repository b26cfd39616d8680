#include "app/report/report_command.hpp"

#include <cstdio>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/atomic_file.hpp"
#include "app/report/html_report.hpp"
#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"
#include "app/terminal_style.hpp"

namespace kapsim::app {
namespace {

std::filesystem::path write(const std::filesystem::path& results_dir, const std::string& lang_code,
                            const std::filesystem::path& out) {
    const auto lang = report::parse_language(lang_code);
    // The results first (a damaged file is named as such), then the libraries: without them
    // there is no report, and the hint says what to do.
    const auto results = report::load_results(results_dir);
    const auto assets = report::load_web_assets(report::web_dir());
    const auto path = out.empty() ? report_path(results_dir, lang_code) : out;
    write_file_atomically(path, report::render_report(results, lang, assets));
    return path;
}

}  // namespace

CLI::App* add_report_subcommand(CLI::App& cli, ReportRequest& request) {
    auto* cmd = cli.add_subcommand("report", "Write a self-contained HTML report (Swedish, or --lang en) of the results "
                                             "of run, compare or capacity");
    cmd->add_option("RESULTS_DIR", request.results_dir, "The --out directory of kapsim run, compare or capacity")->required();
    cmd->add_option("--lang", request.lang, "Language of the report: sv (default) or en")
        ->check(CLI::IsMember({"sv", "en"}))
        ->default_val("sv");
    cmd->add_option("--out", request.out, "The HTML file to write (default RESULTS_DIR/report-<lang>.html)");
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

void write_report_if_asked(const std::filesystem::path& results_dir, const std::string& lang, bool json_on_stdout) {
    if (lang.empty()) return;
    std::FILE* stream = json_on_stdout ? stderr : stdout;
    const auto path = write(results_dir, lang, {});
    std::fputs(fmt::format("{}\n", TerminalStyle::for_stream(stream).done("wrote the report " + path.string())).c_str(),
               stream);
}

int report_command(const ReportRequest& request) {
    const auto path = write(request.results_dir, request.lang, request.out);
    std::fputs(fmt::format("wrote {}\n", path.string()).c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
