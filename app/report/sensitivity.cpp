#include "app/report/sensitivity.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "app/csv_text.hpp"
#include "app/report/results_files.hpp"
#include "models/input_error.hpp"

namespace kapsim::app::report {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
const char* const sweep_hint = "give the --out directory of kapsim sweep";

double csv_number(const std::string& cell) {
    if (cell.empty()) return nan;
    double value = nan;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return error == std::errc() && end == cell.data() + cell.size() ? value : nan;
}

// Ranks 1..n, ties sharing their mean rank.
std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> out(v.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
        const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k) out[order[k]] = mean_rank;
        i = j + 1;
    }
    return out;
}

// The partial rank correlation of every column of x with y over the rows `rows`.
std::vector<double> prcc_of(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                            const std::vector<std::size_t>& rows) {
    const std::size_t n = rows.size(), p = x.empty() ? 0 : x.front().size();
    std::vector<double> out(p, nan);
    if (n < p + 3) return out;
    Eigen::MatrixXd r(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
    for (std::size_t j = 0; j < p; ++j) {
        std::vector<double> column(n);
        for (std::size_t i = 0; i < n; ++i) column[i] = x[rows[i]][j];
        const auto rj = ranks(column);
        for (std::size_t i = 0; i < n; ++i) r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rj[i];
    }
    std::vector<double> ycol(n);
    for (std::size_t i = 0; i < n; ++i) ycol[i] = y[rows[i]];
    const auto ry_ranks = ranks(ycol);
    const Eigen::VectorXd ry = Eigen::Map<const Eigen::VectorXd>(ry_ranks.data(), static_cast<Eigen::Index>(n));
    for (std::size_t j = 0; j < p; ++j) {
        // Regress x_j's and y's ranks on the other parameters' ranks (and a constant); the
        // coefficient is the correlation of what is left of each.
        Eigen::MatrixXd others(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
        others.col(0).setOnes();
        Eigen::Index c = 1;
        for (std::size_t k = 0; k < p; ++k)
            if (k != j) others.col(c++) = r.col(static_cast<Eigen::Index>(k));
        const auto qr = others.colPivHouseholderQr();
        const Eigen::VectorXd xj = r.col(static_cast<Eigen::Index>(j));
        const Eigen::VectorXd ex = xj - others * qr.solve(xj);
        const Eigen::VectorXd ey = ry - others * qr.solve(ry);
        const double den = std::sqrt(ex.squaredNorm() * ey.squaredNorm());
        // A parameter that does not vary, or an output that does not, correlates with nothing.
        out[j] = den > 1e-12 * static_cast<double>(n * n) ? ex.dot(ey) / den : 0.0;
    }
    return out;
}

double quantile_of_sorted(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return nan;
    const double at = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (at - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

std::optional<std::size_t> SweepResults::parameter_index(const std::string& path) const {
    const auto it = std::find(parameters.begin(), parameters.end(), path);
    if (it == parameters.end()) return std::nullopt;
    return static_cast<std::size_t>(it - parameters.begin());
}

std::optional<std::size_t> SweepResults::metric_index(const std::string& key) const {
    const auto it = std::find(metrics.begin(), metrics.end(), key);
    if (it == metrics.end()) return std::nullopt;
    return static_cast<std::size_t>(it - metrics.begin());
}

std::optional<double> leading_number(const std::string& value) {
    double number = nan;
    const char* end = value.data() + value.size();
    const auto [stop, error] = std::from_chars(value.data(), end, number);
    if (error != std::errc() || !std::isfinite(number)) return std::nullopt;
    for (const char* c = stop; c != end; ++c)
        if (!(std::isalpha(static_cast<unsigned char>(*c)) || *c == '/' || static_cast<unsigned char>(*c) >= 0x80))
            return std::nullopt;
    return number;
}

SweepResults load_sweep(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    const fs::path file = dir / "sweep.csv";
    if (!fs::is_directory(dir)) throw models::InputError({dir.string(), 0, 0}, "no such sweep directory", sweep_hint);
    if (!fs::exists(file))
        throw models::InputError({dir.string(), 0, 0},
                                 fs::exists(dir / "sweep.journal") ? "no sweep.csv here: the sweep has not finished"
                                                                   : "no sweep.csv here: this is not the output of kapsim sweep",
                                 fs::exists(dir / "sweep.journal") ? "finish it with the same kapsim sweep command and --resume"
                                                                   : sweep_hint);
    SweepResults s;
    s.dir = dir;
    s.manifest = nlohmann::json::object();
    if (fs::exists(dir / "manifest.json")) {
        s.manifest = read_results_json(dir / "manifest.json");
        check_manifest(dir / "manifest.json", s.manifest);
    }
    std::istringstream in(read_results_text(file));
    std::string line;
    int line_number = 0;
    std::vector<std::string> header;
    std::size_t section_column = 0;
    std::map<std::size_t, std::size_t> row_of_point;  // point number -> index in values
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] == '#') {
            // "# kapsim 0.1.0 sweep NAME identity ...": the name the report is headed with.
            const auto at = line.find(" sweep "), end = line.find(" identity ");
            if (s.name.empty() && at != std::string::npos && end != std::string::npos && end > at + 7)
                s.name = line.substr(at + 7, end - at - 7);
            continue;
        }
        if (line.empty()) continue;
        const auto cells = csv_fields(line);
        if (header.empty()) {
            header = cells;
            const auto at = std::find(header.begin(), header.end(), "section");
            if (header.empty() || header[0] != "point" || at == header.end() || header.end() - at != 8)
                throw models::InputError({file.string(), line_number, 1},
                                         "expected the header point,<parameters>,section,id,metric,mean,sd,ci_low,ci_high,n",
                                         "the file may have been edited; run kapsim sweep again");
            section_column = static_cast<std::size_t>(at - header.begin());
            for (std::size_t c = 1; c < section_column; ++c)
                if (header[c].rfind("number:", 0) != 0 && header[c].rfind("unit:", 0) != 0) s.parameters.push_back(header[c]);
            continue;
        }
        if (cells.size() != header.size())
            throw models::InputError({file.string(), line_number, 1},
                                     fmt::format("expected {} columns, found {}", header.size(), cells.size()),
                                     "the file may have been edited or cut short; run kapsim sweep again");
        const double point_number = csv_number(cells[0]);
        if (!(point_number >= 0) || point_number != std::floor(point_number))
            throw models::InputError({file.string(), line_number, 1}, fmt::format("'{}' is not a point number", cells[0]),
                                     "the file may have been edited; run kapsim sweep again");
        const auto point = static_cast<std::size_t>(point_number);
        auto [it, added] = row_of_point.emplace(point, s.values.size());
        if (added)
            s.values.emplace_back(cells.begin() + 1, cells.begin() + 1 + static_cast<std::ptrdiff_t>(s.parameters.size()));
        const std::string key = cells[section_column] + "." + cells[section_column + 1] + "." + cells[section_column + 2];
        auto m = s.metric_index(key);
        if (!m) {
            s.metrics.push_back(key);
            s.means.emplace_back();
            m = s.metrics.size() - 1;
        }
        auto& column = s.means[*m];
        if (column.size() <= it->second) column.resize(it->second + 1, nan);
        column[it->second] = csv_number(cells[section_column + 3]);
    }
    if (s.values.empty())
        throw models::InputError({file.string(), 0, 0}, "the sweep holds no points", "run kapsim sweep again, to its end");
    for (auto& column : s.means) column.resize(s.values.size(), nan);
    return s;
}

Spread spread_of(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    std::sort(values.begin(), values.end());
    if (values.empty()) return {nan, nan, nan, nan, 0};
    return {values.front(), quantile_of_sorted(values, 0.05), quantile_of_sorted(values, 0.95), values.back(), values.size()};
}

Levels levels_of(const std::vector<std::vector<std::string>>& values) {
    Levels l;
    const std::size_t p = values.empty() ? 0 : values.front().size();
    l.of_parameter.resize(p);
    for (std::size_t j = 0; j < p; ++j) {
        auto& levels = l.of_parameter[j];
        bool numeric = true;
        for (const auto& point : values) {
            if (std::find(levels.begin(), levels.end(), point[j]) == levels.end()) levels.push_back(point[j]);
            numeric = numeric && leading_number(point[j]).has_value();
        }
        if (numeric)
            std::stable_sort(levels.begin(), levels.end(),
                             [](const std::string& a, const std::string& b) { return *leading_number(a) < *leading_number(b); });
    }
    for (const auto& point : values) {
        std::vector<std::size_t> at(p);
        for (std::size_t j = 0; j < p; ++j) {
            const auto& levels = l.of_parameter[j];
            at[j] = static_cast<std::size_t>(std::find(levels.begin(), levels.end(), point[j]) - levels.begin());
        }
        l.at.push_back(std::move(at));
    }
    return l;
}

bool is_full_grid(const Levels& levels) {
    double combinations = 1;
    for (const auto& l : levels.of_parameter) combinations *= static_cast<double>(l.size());
    if (combinations != static_cast<double>(levels.at.size())) return false;
    std::vector<std::vector<std::size_t>> sorted = levels.at;
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
}

Swing one_at_a_time(const Levels& levels, const std::vector<double>& y, std::size_t parameter,
                    const std::vector<std::size_t>& others, const std::vector<std::size_t>& base) {
    Swing s;
    s.parameter = parameter;
    const std::size_t n_levels = levels.of_parameter.at(parameter).size();
    std::vector<double> sum(n_levels, 0.0);
    std::vector<std::size_t> count(n_levels, 0);
    for (std::size_t i = 0; i < levels.at.size(); ++i) {
        if (!std::isfinite(y[i])) continue;
        const auto& at = levels.at[i];
        const bool at_base = std::all_of(others.begin(), others.end(), [&](std::size_t k) { return k == parameter || at[k] == base[k]; });
        if (!at_base) continue;
        sum[at[parameter]] += y[i];
        ++count[at[parameter]];
    }
    s.at_level.resize(n_levels, nan);
    s.low = std::numeric_limits<double>::infinity();
    s.high = -std::numeric_limits<double>::infinity();
    for (std::size_t l = 0; l < n_levels; ++l) {
        if (count[l] == 0) continue;
        s.at_level[l] = sum[l] / static_cast<double>(count[l]);
        s.low = std::min(s.low, s.at_level[l]);
        s.high = std::max(s.high, s.at_level[l]);
    }
    if (!std::isfinite(s.low)) s.low = s.high = nan;
    return s;
}

std::vector<Correlation> partial_rank_correlations(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                                                   std::size_t resamples, std::uint64_t seed) {
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < y.size(); ++i)
        if (std::isfinite(y[i])) all.push_back(i);
    const auto point = prcc_of(x, y, all);
    std::vector<std::vector<double>> draws(point.size());
    std::mt19937_64 engine(seed);
    std::uniform_int_distribution<std::size_t> pick(0, all.empty() ? 0 : all.size() - 1);
    std::vector<std::size_t> rows(all.size());
    for (std::size_t b = 0; b < resamples && !all.empty(); ++b) {
        for (auto& r : rows) r = all[pick(engine)];
        const auto c = prcc_of(x, y, rows);
        for (std::size_t j = 0; j < c.size(); ++j)
            if (std::isfinite(c[j])) draws[j].push_back(c[j]);
    }
    std::vector<Correlation> out;
    for (std::size_t j = 0; j < point.size(); ++j) {
        std::sort(draws[j].begin(), draws[j].end());
        out.push_back({point[j], quantile_of_sorted(draws[j], 0.025), quantile_of_sorted(draws[j], 0.975)});
    }
    return out;
}

Comparison compare_pairs(const std::vector<double>& a, const std::vector<double>& b) {
    Comparison c;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (!std::isfinite(a[i]) || !std::isfinite(b[i])) continue;
        ++c.pairs;
        // Equal within rounding noise of the means: neither is better.
        const double tolerance = 1e-9 * std::max({1.0, std::abs(a[i]), std::abs(b[i])});
        if (std::abs(a[i] - b[i]) <= tolerance) ++c.same;
        else if (a[i] < b[i]) ++c.below;
        else ++c.above;
    }
    return c;
}

}  // namespace kapsim::app::report
