#include "calibrate_several.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "atomic_file.hpp"
#include "csv_text.hpp"
#include "manifest.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "sim/estimate.hpp"
#include "sim/replications.hpp"
#include "work_estimate.hpp"

namespace kapsim::app {
namespace {

// As many evaluations as the single-parameter search may use, which the work estimate counts.
constexpr int max_evaluations = 48;
constexpr std::size_t max_parameters = 8;
// Relative change of a parameter for a difference quotient, and the largest step (a factor of 4).
const double difference_step = std::log(1.05);
const double largest_step = std::log(4.0);
// The search stays within a factor of 100 of the scenario's values: beyond that a target is
// taken as out of reach rather than simulating ever larger (and slower) systems.
const double farthest = std::log(100.0);

[[noreturn]] void refuse(const std::string& option, const std::string& what, const std::string& hint) {
    throw models::InputError({option, 0, 0}, what, hint);
}

std::string shown(double x) { return std::isfinite(x) ? fmt::format("{:.6g}", x) : "-"; }

// The targets' estimates at one set of parameter values.
struct Evaluation {
    Eigen::VectorXd x;
    std::vector<sim::Estimate> estimates;
    std::vector<std::vector<double>> values;  // [target][replication]
    Eigen::VectorXd residual;                 // (mean - target) / scale, per target
    bool inside = false;                      // every target inside its estimate's 95 % interval
    double norm() const { return residual.norm(); }
};

class Calibration {
public:
    Calibration(const CalibrateRequest& request) : request_(request), settings_(request.settings) {
        if (request.targets.size() != request.vary.size())
            refuse("--target", fmt::format("{} targets and {} parameters to vary", request.targets.size(), request.vary.size()),
                   "give as many --vary (or --param) as --target: each parameter is found by one target's figure");
        if (request.vary.size() > max_parameters)
            refuse("--vary", fmt::format("{} parameters at once", request.vary.size()),
                   fmt::format("calibrate at most {} at a time", max_parameters));
        if (!request.bracket.empty())
            refuse("--bracket " + request.bracket, "--bracket applies to one parameter only",
                   "leave it out: with several, the search starts from the scenario's values");
        std::set<std::string> seen;
        for (const auto& path : request.vary)
            if (!seen.insert(path).second) refuse("--vary " + path, fmt::format("'{}' is named twice", path), "name each parameter once");
        for (const auto& t : request.targets) targets_.push_back(parse_target(t));
        for (const auto& path : request.vary) {
            start_.push_back(read_parameter(request.file, settings_.overrides, path));
            if (!(start_.back().number > 0))
                refuse("--vary " + path, fmt::format("'{}' is {}, not above zero", path, shown(start_.back().number)),
                       "several parameters are searched by their logarithm (they stay positive); set a positive "
                       "starting value with --set");
        }
    }

    Evaluation evaluate(const Eigen::VectorXd& x) {
        ++evaluations_;
        auto overrides = settings_.overrides;
        for (std::size_t j = 0; j < start_.size(); ++j)
            overrides.push_back(fmt::format("{}={}{}", request_.vary[j], x(static_cast<Eigen::Index>(j)), start_[j].unit));
        auto scenario = models::load_scenario(request_.file, overrides);
        if (settings_.replications) scenario.replications = *settings_.replications;
        if (settings_.seed) scenario.seed = *settings_.seed;
        const RunOutcome o = run_scenario(std::move(scenario), settings_.threads);
        last_scenario_ = o.scenario;
        Evaluation e{x, {}, {}, Eigen::VectorXd(static_cast<Eigen::Index>(targets_.size())), true};
        log_ += fmt::format("{}", evaluations_ - 1);
        for (Eigen::Index j = 0; j < x.size(); ++j) log_ += fmt::format(",{}", x(j));
        std::string said;
        for (std::size_t i = 0; i < targets_.size(); ++i) {
            e.values.push_back(metric_values(o, targets_[i].metric));
            const auto est = sim::estimate_mean(e.values.back());
            if (!std::isfinite(est.mean))
                refuse("--target " + targets_[i].text, fmt::format("'{}' is not defined in these runs", targets_[i].metric.text),
                       "choose a metric the unit reports in every replication");
            e.estimates.push_back(est);
            e.residual(static_cast<Eigen::Index>(i)) = (est.mean - targets_[i].value) / scale(i);
            e.inside = e.inside && std::abs(est.mean - targets_[i].value) <= est.half_width();
            log_ += fmt::format(",{},{},{}", est.mean, est.ci_low, est.ci_high);
            said += fmt::format("{}{} = {}", i ? ", " : "", targets_[i].metric.text, shown(est.mean));
        }
        log_ += "\n";
        std::string at;
        for (std::size_t j = 0; j < start_.size(); ++j)
            at += fmt::format("{}{} = {}{}", j ? ", " : "", request_.vary[j], shown(x(static_cast<Eigen::Index>(j))), start_[j].unit);
        std::fprintf(stderr, "calibrate: %s gives %s\n", at.c_str(), said.c_str());
        return e;
    }

    // d residual / d log(parameter), by forward differences from `at`.
    Eigen::MatrixXd jacobian(const Evaluation& at) {
        const auto k = at.x.size();
        Eigen::MatrixXd j(k, k);
        for (Eigen::Index p = 0; p < k; ++p) {
            Eigen::VectorXd x = at.x;
            x(p) *= std::exp(difference_step);
            j.col(p) = (evaluate(x).residual - at.residual) / difference_step;
        }
        return j;
    }

    int run() {
        const std::string started = utc_now_iso8601();
        const auto base = models::load_scenario(request_.file, settings_.overrides);
        const std::filesystem::path dir = settings_.out_dir.empty() ? default_output_dir("calibrate-" + base.name)
                                                                    : std::filesystem::path(settings_.out_dir);
        OutputFolder folder = OutputFolder::prepare(dir);  // checked before anything is simulated
        {
            auto scenario = base;
            if (settings_.replications) scenario.replications = *settings_.replications;
            WorkTotal work;
            work.add(scenario, static_cast<double>(scenario.replications) * max_evaluations);
            work.require_within_limits(settings_.threads, settings_.allow_large);
        }
        log_ = "iteration";
        for (const auto& path : request_.vary) log_ += "," + csv_text(path);
        for (const auto& t : targets_)
            log_ += fmt::format(",{},{},{}", csv_text(t.metric.text + " mean"), csv_text(t.metric.text + " ci_low"),
                                csv_text(t.metric.text + " ci_high"));
        log_ += "\n";

        const auto k = static_cast<Eigen::Index>(start_.size());
        Eigen::VectorXd x0(k);
        for (Eigen::Index j = 0; j < k; ++j) x0(j) = start_[static_cast<std::size_t>(j)].number;
        Evaluation current = evaluate(x0);
        Eigen::MatrixXd j = jacobian(current);
        bool fresh = true;  // j is from differences at `current`, not a Broyden update
        // What the iteration may use, leaving enough for fresh slopes at the solution.
        const int budget = max_evaluations - static_cast<int>(k);
        std::string failure;
        while (!current.inside) {
            if (evaluations_ + 1 > budget) {
                failure = fmt::format("no values found within {} evaluations", max_evaluations);
                break;
            }
            const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(j);
            if (qr.rank() < k) {
                if (!fresh && evaluations_ + k < budget) {
                    j = jacobian(current);
                    fresh = true;
                    continue;
                }
                failure = "the targets do not change independently with these parameters (one target moves only "
                          "with another, or not at all)";
                break;
            }
            Eigen::VectorXd step = qr.solve(-current.residual);
            if (step.cwiseAbs().maxCoeff() > largest_step) step *= largest_step / step.cwiseAbs().maxCoeff();
            // Damped: halve the step until the residual falls.
            bool accepted = false;
            Evaluation trial;
            {
                const Eigen::ArrayXd from = current.x.array().log(), start = x0.array().log();
                step = ((from + step.array()).min(start + farthest).max(start - farthest) - from).matrix();
            }
            for (int halving = 0; halving < 5 && evaluations_ < budget && step.cwiseAbs().maxCoeff() > 0; ++halving) {
                trial = evaluate((current.x.array().log() + step.array()).exp().matrix());
                if (trial.norm() < current.norm()) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                if (!fresh && evaluations_ + k < budget) {
                    j = jacobian(current);
                    fresh = true;
                    continue;
                }
                failure = "no step brings the figures nearer their targets (within a factor of 100 of the "
                          "scenario's values)";
                break;
            }
            // Broyden's update: the secant through the last step.
            j += ((trial.residual - current.residual) - j * step) * step.transpose() / step.squaredNorm();
            fresh = false;
            current = std::move(trial);
        }

        // The uncertainty of the values: the targets' estimates' covariance over replications,
        // carried through the slopes at the solution, plus what is left of the residual.
        std::vector<double> half_width(static_cast<std::size_t>(k), std::nan(""));
        if (failure.empty()) {
            if (!fresh) j = jacobian(current);
            half_width = value_half_widths(current, j);
        }
        write_file_atomically(folder.staging() / "calibrate.csv", log_);
        write_manifest(folder.staging(),
                       {"calibrate", settings_.command_line, {&last_scenario_}, started, sim::effective_threads(settings_.threads)});
        folder.commit();

        std::string figures;
        for (std::size_t i = 0; i < targets_.size(); ++i) {
            const auto& e = current.estimates[i];
            figures += fmt::format("  {} = {} [{}, {}] against the target {}\n", targets_[i].metric.text, shown(e.mean),
                                   shown(e.ci_low), shown(e.ci_high), shown(targets_[i].value));
        }
        if (!failure.empty()) {
            // Nearly parallel slopes: the targets tell the parameters apart only weakly.
            const Eigen::JacobiSVD<Eigen::MatrixXd> svd(j);
            const auto& sigma = svd.singularValues();
            const double condition = sigma(k - 1) > 0 ? sigma(0) / sigma(k - 1) : std::numeric_limits<double>::infinity();
            if (condition > 30)
                failure += fmt::format("; the targets hardly move independently with these parameters (the slopes' "
                                       "condition number is {}), as when one figure follows from the other (occupancy "
                                       "from admissions by Little's law where the classes' stays are equal)",
                                       std::isfinite(condition) ? fmt::format("{:.0f}", condition) : "infinite");
            std::string closest;
            for (std::size_t i = 0; i < targets_.size(); ++i)
                closest += fmt::format("{}{} = {} (target {})", i ? ", " : "", targets_[i].metric.text,
                                       shown(current.estimates[i].mean), shown(targets_[i].value));
            throw models::InputError(
                {"--target", 0, 0},
                fmt::format("the targets cannot all be reached: {}; the nearest found gives {}", failure, closest),
                fmt::format("check that the targets agree with each other and that these parameters move them (an "
                            "occupancy above a unit's places plus over-occupancy, or admissions beyond its arrivals, "
                            "cannot be reached); every value tried is in {}/calibrate.csv",
                            dir.string()));
        }
        std::string values;
        for (Eigen::Index p = 0; p < k; ++p) {
            const auto i = static_cast<std::size_t>(p);
            const double x = current.x(p);
            values += fmt::format("  {} = {}{} [{}, {}]\n", request_.vary[i], shown(x), start_[i].unit,
                                  shown(x * std::exp(-half_width[i])), shown(x * std::exp(half_width[i])));
        }
        std::fputs(fmt::format("calibrated in {} evaluations of {} replications each, seed {} (common random numbers):\n"
                               "{}gives\n{}every target is inside the 95 % interval of its estimate; the values' "
                               "intervals carry those intervals through the slopes there\n"
                               "wrote {}/calibrate.csv (every value tried)\n",
                               evaluations_, last_scenario_.replications, last_scenario_.seed, values, figures,
                               dir.string())
                       .c_str(),
                   stdout);
        return 0;
    }

private:
    double scale(std::size_t i) const { return std::max(std::abs(targets_[i].value), 1e-9); }

    // Half-widths in log(parameter): Cov(log x) = J^-1 Cov(mean) J^-T with J in the targets'
    // own units; Student's t of the estimates; and the step the residual still asks for.
    std::vector<double> value_half_widths(const Evaluation& at, const Eigen::MatrixXd& j_scaled) const {
        const auto k = at.x.size();
        Eigen::MatrixXd j = j_scaled;
        for (Eigen::Index i = 0; i < k; ++i) j.row(i) *= scale(static_cast<std::size_t>(i));
        // Replications where every target is defined.
        std::vector<std::size_t> reps;
        for (std::size_t r = 0; r < at.values.front().size(); ++r)
            if (std::all_of(at.values.begin(), at.values.end(), [&](const auto& v) { return std::isfinite(v[r]); }))
                reps.push_back(r);
        const auto n = static_cast<double>(reps.size());
        Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(k, k);
        if (reps.size() >= 2) {
            for (Eigen::Index a = 0; a < k; ++a)
                for (Eigen::Index b = 0; b < k; ++b) {
                    const auto& va = at.values[static_cast<std::size_t>(a)];
                    const auto& vb = at.values[static_cast<std::size_t>(b)];
                    double ma = 0, mb = 0, s = 0;
                    for (const auto r : reps) ma += va[r] / n, mb += vb[r] / n;
                    for (const auto r : reps) s += (va[r] - ma) * (vb[r] - mb);
                    cov(a, b) = s / (n - 1) / n;  // of the mean
                }
        }
        // Student's t as the estimates use it: their half-width over their standard error.
        double t = 1.96;
        for (const auto& e : at.estimates)
            if (e.sd > 0 && e.n >= 2) {
                t = e.half_width() / (e.sd / std::sqrt(static_cast<double>(e.n)));
                break;
            }
        const Eigen::FullPivLU<Eigen::MatrixXd> lu(j);
        std::vector<double> out(static_cast<std::size_t>(k), std::nan(""));
        if (!lu.isInvertible()) return out;
        const Eigen::MatrixXd inverse = lu.inverse();
        const Eigen::MatrixXd cov_log = inverse * cov * inverse.transpose();
        Eigen::VectorXd left(k);
        for (Eigen::Index i = 0; i < k; ++i) left(i) = at.residual(i) * scale(static_cast<std::size_t>(i));
        const Eigen::VectorXd remaining = inverse * left;
        for (Eigen::Index p = 0; p < k; ++p)
            out[static_cast<std::size_t>(p)] = t * std::sqrt(std::max(cov_log(p, p), 0.0)) + std::abs(remaining(p));
        return out;
    }

    const CalibrateRequest& request_;
    const RunSettings& settings_;
    std::vector<CalibrationTarget> targets_;
    std::vector<ParameterValue> start_;
    int evaluations_ = 0;
    std::string log_;
    models::Scenario last_scenario_;
};

}  // namespace

int calibrate_several(const CalibrateRequest& request) { return Calibration(request).run(); }

}  // namespace kapsim::app
