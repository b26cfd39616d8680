#pragma once
// The report as one self-contained HTML file: the findings, the charts (Vega-Lite specs drawn
// by vega, vega-lite and vega-embed, inlined), the inputs with their sources, the method
// appendix and a print stylesheet for A4. Nothing is loaded over the network when it is
// viewed; a Content-Security-Policy says so to the browser as well.
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"
#include "app/report/web_dir.hpp"

namespace kapsim::app::report {

// The browser builds of the chart libraries, ready to inline.
struct WebAssets {
    std::string vega, vega_lite, vega_embed;
    std::string versions;  // "vega 6.4.0, vega-lite 6.4.1, vega-embed 7.3.0"
};

// Throws models::InputError with the hint "run npm ci --prefix web" when they are missing.
WebAssets load_web_assets(const std::filesystem::path& web_directory);

struct SensitivityAnalysis;
// `sensitivity`: the sweep that tests the comparison (kapsim report --sensitivity), told on
// page 1, in the results table and as tornado charts; nullptr for none.
std::string render_report(const ResultsBundle& results, Language lang, const WebAssets& assets,
                          const SensitivityAnalysis* sensitivity = nullptr);
// The same from a model already made of the results (report_model), in the model's language.
struct ReportModel;
std::string render_report(const ResultsBundle& results, const ReportModel& model, const WebAssets& assets);
// The report of a sweep alone (kapsim report SWEEP_DIR).
std::string render_sweep_report(const SensitivityAnalysis& sensitivity, Language lang, const WebAssets& assets);
std::string render_sweep_report(const SensitivityAnalysis& sensitivity, const ReportModel& model, const WebAssets& assets);

// JSON that is safe inside <script>: no "</", "<!--", or line separators U+2028/U+2029.
std::string script_safe_json(const nlohmann::json& j);
// A script library made safe to inline: "</script" and "<!--" cannot occur in it.
std::string script_safe_code(std::string code);

}  // namespace kapsim::app::report
