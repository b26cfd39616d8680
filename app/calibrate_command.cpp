#include "calibrate_command.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <regex>

#include <fmt/format.h>

#include "atomic_file.hpp"
#include "calibrate_several.hpp"
#include "table_formats.hpp"
#include "manifest.hpp"
#include "progress.hpp"
#include "models/input_error.hpp"
#include "models/scenario_document.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "sim/replications.hpp"
#include "work_estimate.hpp"

namespace kapsim::app {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void refuse(const std::string& option, const std::string& what, const std::string& hint) {
    throw models::InputError({option, 0, 0}, what, hint);
}

std::string shown(double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : "-"; }

}  // namespace

ParameterValue read_parameter(const std::string& file, const std::vector<std::string>& overrides, const std::string& path) {
    const auto doc = models::ScenarioDocument::load(file, overrides);
    YAML::Node node = doc.root();
    std::stringstream parts(path);
    for (std::string part; std::getline(parts, part, '.');) {
        if (!node.IsMap() || !node[part])
            refuse("--vary " + path, fmt::format("the scenario has no value at '{}'", path),
                   "name a path to a number, e.g. classes.acute_detox.arrivals.rate");
        node.reset(node[part]);
    }
    if (!node.IsScalar()) refuse("--vary " + path, fmt::format("'{}' is not a single value", path), "name a number");
    const std::string text = node.Scalar();
    std::size_t used = 0;
    double number = 0;
    try {
        number = std::stod(text, &used);
    } catch (const std::exception&) {
        refuse("--vary " + path, fmt::format("'{}' is '{}', not a number", path, text), "name a path to a number");
    }
    return {number, text.substr(used)};
}

MetricPath parse_metric_path(const std::string& text) {
    static const std::regex pattern(R"(^(units|payers)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[(\d+)-(\d+)\])?$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern))
        refuse("--target " + text, fmt::format("'{}' is not a metric path", text),
               "write section.id.metric, e.g. units.avd7.occupancy_pct, or units.avd7.occupancy_pct[3-5] for March-May");
    MetricPath p{text, m[1], m[2], m[3], 0, 0};
    if (m[4].matched) {
        p.first_month = std::stoi(m[5]);
        p.last_month = std::stoi(m[6]);
        if (p.section != "units" || (p.metric != "occupancy_pct" && p.metric != "occupancy_mean") || p.first_month < 1 ||
            p.last_month > 12 || p.first_month > p.last_month)
            refuse("--target " + text, "months can only select occupancy_pct or occupancy_mean of a unit, within 1-12",
                   "e.g. units.avd7.occupancy_pct[3-5]");
    }
    return p;
}

std::vector<double> metric_values(const RunOutcome& o, const MetricPath& p) {
    std::vector<double> out;
    if (p.first_month == 0) {
        for (std::size_t k = 0; k < o.keys.size(); ++k)
            if (o.keys[k].section == p.section && o.keys[k].id == p.id && o.keys[k].metric == p.metric) {
                for (const auto& r : o.replications) out.push_back(r.metrics[k]);
                return out;
            }
        if (p.section == "units" && p.metric == "admitted_per_year") {
            std::vector<std::size_t> admissions;
            for (std::size_t k = 0; k < o.keys.size(); ++k)
                if (o.keys[k].section == "units" && o.keys[k].id == p.id && o.keys[k].spec.role == models::MetricRole::admissions &&
                    o.keys[k].metric.rfind("by_class.", 0) != 0)
                    admissions.push_back(k);
            if (!admissions.empty()) {
                for (const auto& r : o.replications) {
                    double total = 0;
                    for (const std::size_t k : admissions) total += r.metrics[k];
                    out.push_back(total);
                }
                return out;
            }
        }
        refuse("--target " + p.text, fmt::format("the scenario has no metric '{}'", p.text),
               "see the unit kind's metrics in README.md");
    }
    std::size_t unit = o.scenario.units.size();
    for (std::size_t u = 0; u < o.scenario.units.size(); ++u)
        if (o.scenario.units[u].id == p.id) unit = u;
    if (unit == o.scenario.units.size())
        refuse("--target " + p.text, fmt::format("the scenario has no unit '{}'", p.id), "name one of its units");
    double capacity = 1;
    if (p.metric == "occupancy_pct") {
        const auto& spec = o.scenario.units[unit];
        const auto view = models::find_unit_kind(spec.kind)->capacity(spec.parameters);
        if (!view || view->places == 0 || view->places == sim::unlimited_capacity)
            refuse("--target " + p.text, "the unit has no finite capacity to give occupancy in %", "use occupancy_mean");
        capacity = static_cast<double>(view->places) / 100.0;
    }
    constexpr double days_in[12] = {31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (const auto& r : o.replications) {
        double area = 0, days = 0;
        for (int m = p.first_month; m <= p.last_month; ++m) {
            area += r.occupancy_by_month[unit][m - 1] * days_in[m - 1];
            days += days_in[m - 1];
        }
        out.push_back(area / days / capacity);
    }
    return out;
}

CalibrationTarget parse_target(const std::string& text) {
    const auto eq = text.rfind('=');
    if (eq == std::string::npos) refuse("--target " + text, "the target must be METRIC=VALUE", "e.g. units.avd7.occupancy_pct[3-5]=114");
    CalibrationTarget t{text, parse_metric_path(text.substr(0, eq)), 0};
    try {
        std::size_t used = 0;
        t.value = std::stod(text.substr(eq + 1), &used);
        if (used != text.size() - eq - 1 || !std::isfinite(t.value)) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
        refuse("--target " + text, "the target value must be a number", "e.g. units.avd7.occupancy_pct=114");
    }
    return t;
}

namespace {

// One parameter, one target: a bracketing search, which cannot lose the root once it has one.
int calibrate_one(const CalibrateRequest& request) {
    const RunSettings& settings = request.settings;
    const std::string started = utc_now_iso8601();
    const CalibrationTarget parsed = parse_target(request.targets.front());
    const MetricPath& metric = parsed.metric;
    const double target = parsed.value;
    const std::string& vary = request.vary.front();
    const ParameterValue start = read_parameter(request.file, settings.overrides, vary);
    const std::filesystem::path dir =
        settings.out_dir.empty()
            ? default_output_dir("calibrate-" + models::load_scenario(request.file, settings.overrides).name)
            : std::filesystem::path(settings.out_dir);
    OutputFolder folder = OutputFolder::prepare(dir);  // checked before anything is simulated

    double low = start.number / 2, high = start.number * 2;
    if (!request.bracket.empty() && std::sscanf(request.bracket.c_str(), "%lf..%lf", &low, &high) != 2)
        refuse("--bracket " + request.bracket, "the bracket must be LOW..HIGH", "e.g. --bracket 1.0..2.5");
    if (!(low < high)) refuse("--bracket " + request.bracket, "the bracket's low end must be below its high end", "e.g. 1.0..2.5");

    {
        // The search runs at most 48 evaluations (2 ends, 6 widenings, 40 steps); most take 10.
        auto scenario = models::load_scenario(request.file, settings.overrides);
        if (settings.replications) scenario.replications = *settings.replications;
        WorkTotal work;
        work.add(scenario, static_cast<double>(scenario.replications) * 48);
        work.require_within_limits(settings.threads, settings.allow_large);
    }

    // Every evaluation uses the same seed and replications: common random numbers make the
    // simulated metric a smooth function of the parameter, so the search converges.
    std::string log = "iteration,value,mean,ci_low,ci_high\n";
    int iteration = 0;
    models::Scenario last;
    sim::Estimate last_estimate{};
    auto evaluate = [&](double x) {
        auto overrides = settings.overrides;
        overrides.push_back(fmt::format("{}={}{}", vary, x, start.unit));
        auto scenario = models::load_scenario(request.file, overrides);
        if (settings.replications) scenario.replications = *settings.replications;
        if (settings.seed) scenario.seed = *settings.seed;
        const RunOutcome o = run_scenario(std::move(scenario), settings.threads);
        const auto e = sim::estimate_mean(metric_values(o, metric));
        log += fmt::format("{},{},{},{},{}\n", iteration++, x, e.mean, e.ci_low, e.ci_high);
        std::fprintf(stderr, "calibrate: %s = %s%s gives %s = %s\n", vary.c_str(), shown(x).c_str(),
                     start.unit.c_str(), metric.text.c_str(), shown(e.mean).c_str());
        last = o.scenario;
        last_estimate = e;
        return e;
    };

    auto f_low = evaluate(low).mean - target, f_high = evaluate(high).mean - target;
    for (int widen = 0; f_low * f_high > 0 && widen < 6; ++widen) {  // widen towards the target
        if (std::abs(f_low) < std::abs(f_high)) {
            low /= 2;
            f_low = evaluate(low).mean - target;
        } else {
            high *= 2;
            f_high = evaluate(high).mean - target;
        }
    }
    if (!(f_low * f_high <= 0))
        refuse("--target " + parsed.text,
               fmt::format("no value of {} between {} and {} gives {} = {}", vary, shown(low), shown(high),
                           metric.text, target),
               "give a --bracket where the metric crosses the target, or check the target's unit");

    // Regula falsi with the Illinois modification: a bracketing search that keeps the root
    // inside and converges fast on smooth curves.
    // low and high keep values on either side of the target (f_low and f_high of opposite
    // signs); each step replaces the one on the same side as the new point.
    double x = low, fx = f_low, half_width = nan;
    double previous_x = high, previous_f = f_high;  // for the slope at the end
    int side = 0;
    for (int i = 0; i < 40 && std::abs(high - low) > request.tolerance * std::abs(x); ++i) {
        previous_x = x;
        previous_f = fx;
        x = (low * f_high - high * f_low) / (f_high - f_low);
        const auto e = evaluate(x);
        fx = e.mean - target;
        half_width = e.half_width();
        if (fx == 0) break;
        if (fx * f_high > 0) {
            high = x;
            f_high = fx;
            if (side == 1) f_low /= 2;  // Illinois: the same end twice, so pull the other in
            side = 1;
        } else {
            low = x;
            f_low = fx;
            if (side == -1) f_high /= 2;
            side = -1;
        }
    }
    // The uncertainty of the value: the metric's interval at the solution, carried through
    // the slope of the curve there (from the last two values tried).
    const double slope = x != previous_x ? std::abs((fx - previous_f) / (x - previous_x)) : nan;
    const double uncertainty = slope > 0 ? half_width / slope : nan;

    write_file_atomically(folder.staging() / "calibrate.csv", log);
    write_table_formats(folder.staging(), settings.table_formats);
    write_manifest(folder.staging(), {"calibrate", settings.command_line, {&last}, started, sim::effective_threads(settings.threads)});
    folder.commit();
    std::fputs(fmt::format("{} = {}{} (± {} from the 95 % interval of {} there)\n"
                           "gives {} = {} [{}, {}] against the target {}, with {} replications, seed {}\n"
                           "wrote {}/calibrate.csv (every value tried)\n",
                           vary, shown(x), start.unit, shown(uncertainty), metric.text, metric.text,
                           shown(last_estimate.mean), shown(last_estimate.ci_low), shown(last_estimate.ci_high), target,
                           last.replications, last.seed, dir.string())
                   .c_str(),
               stdout);
    return 0;
}

}  // namespace

int calibrate_command(const CalibrateRequest& request) {
    if (request.targets.size() == 1 && request.vary.size() == 1) return calibrate_one(request);
    return calibrate_several(request);
}

}  // namespace kapsim::app
