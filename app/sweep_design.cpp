#include "sweep_design.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <set>
#include <system_error>

#include <boost/random/mersenne_twister.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/scenario_document.hpp"

namespace kapsim::app {
namespace {

using models::Field;
using models::InputError;

constexpr std::size_t max_points = 1'000'000;
// Points times parameters: the values the design holds before anything runs. A small file could
// otherwise ask for a million points of hundreds of parameters, gigabytes before the first check;
// two million values stay near 200 MB even with the bookkeeping of a sanitizer.
constexpr double max_values = 2'000'000;
constexpr double max_magnitude = 1e15;

// The shortest text that reads back to `x` after rounding to `digits` significant digits,
// so 1.4 + 0.2 prints as 1.6 rather than 1.5999999999999999.
std::string format_number(double x, int digits) {
    const std::string rounded = fmt::format("{:.{}g}", x, digits);
    double value = 0;
    std::from_chars(rounded.data(), rounded.data() + rounded.size(), value);
    if (value == 0) value = 0;  // no "-0"
    return fmt::format("{}", value);
}

// Loads the sweep file through the scenario reader, which knows every value's line and
// column, and rewords what is specific to scenarios.
models::ScenarioDocument load_document(const std::string& file) {
    std::error_code unreadable;  // a name too long for the file system names no file
    if (!std::filesystem::exists(file, unreadable))
        throw InputError({file, 0, 0}, "no such sweep file",
                         "check the path; scenarios/validation/sweep-example.yaml is a small example");
    try {
        return models::ScenarioDocument::load(file);
    } catch (const InputError& e) {
        if (e.problem().rfind("a scenario must be a YAML mapping", 0) == 0)
            throw InputError(e.where(), "a sweep file must be a YAML mapping with 'scenario' and 'parameters'",
                             "see scenarios/validation/sweep-example.yaml");
        throw;
    }
}

// A scenario path as --set takes it: dot-separated keys of letters, digits, '_' and '-'.
void check_parameter_path(const Field& key, const std::string& path) {
    bool ok = !path.empty() && path.front() != '.' && path.back() != '.' && path.find("..") == std::string::npos;
    ok = ok && std::all_of(path.begin(), path.end(), [](unsigned char c) {
             return std::isalnum(c) || c == '_' || c == '-' || c == '.';
         });
    if (!ok)
        key.fail(fmt::format("'{}' is not a scenario path", path),
                 "write the keys from the scenario's top down, separated by dots, e.g. units.ward.capacity");
    if (path == "scenario.seed" || path == "scenario.replications")
        key.fail(fmt::format("'{}' cannot be swept", path),
                 "every point runs with the same seed and replications, so points are compared under common "
                 "random numbers; set them with the sweep's own 'seed:' and 'replications:'");
}

std::string value_text(const Field& item) {
    const YAML::Node& node = item.node();
    if (node.IsScalar()) {
        if (node.Scalar().empty()) item.fail("a parameter value is empty", "write a value, e.g. 16 or \"9d\"");
        return node.Scalar();
    }
    if (!node.IsMap() && !node.IsSequence()) item.fail("a parameter value is missing", "write a value, e.g. 16 or \"9d\"");
    YAML::Emitter out;  // a whole mapping, e.g. a distribution, as one line of YAML
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << node;
    return out.c_str();
}

void read_range(const Field& f, bool grid, SweepParameter& p) {
    f.expect_map({"from", "to", "steps", "step", "unit"}, "a range of values");
    p.from = f.required("from").as_number(-max_magnitude, max_magnitude);
    p.to = f.required("to").as_number(-max_magnitude, max_magnitude);
    if (f.has("unit")) p.unit = f.child("unit").as_string();
    if (p.to < p.from)
        f.fail(fmt::format("the range of '{}' runs backwards, from {} to {}", p.path, p.from, p.to),
               "write the smaller value as 'from' and the larger as 'to'");
    if (f.has("steps") && f.has("step"))
        f.fail(fmt::format("the range of '{}' has both 'steps' and 'step'", p.path),
               "give 'steps' (how many values, both ends included) or 'step' (the increment), not both");

    std::vector<double> numbers;
    if (f.has("steps")) {
        const auto steps = static_cast<std::size_t>(f.child("steps").as_integer(1, max_points));
        if (steps == 1 && p.from != p.to)
            f.child("steps").fail(fmt::format("one step cannot cover the range from {} to {}", p.from, p.to),
                                  "use steps: 2 or more (both ends are included)");
        for (std::size_t i = 0; i < steps; ++i)
            numbers.push_back(i + 1 == steps ? p.to : p.from + (p.to - p.from) * static_cast<double>(i) / static_cast<double>(steps - 1));
    } else if (f.has("step")) {
        const Field step_field = f.child("step");
        const double step = step_field.as_number(0, max_magnitude);
        if (step <= 0) step_field.fail("'step' must be above 0", "write the increment between values, e.g. step: 1");
        const double count = std::floor((p.to - p.from) / step * (1 + 1e-12) + 1e-9) + 1;
        if (count > static_cast<double>(max_points))
            step_field.fail(fmt::format("a step of {} makes {} values", step, count), "use a larger step");
        for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) numbers.push_back(p.from + step * static_cast<double>(i));
    } else if (grid) {
        f.fail(fmt::format("the range of '{}' has neither 'steps' nor 'step'", p.path),
               "a grid needs the values: add e.g. 'steps: 5' (both ends included) or 'step: 1'");
    } else {
        return;  // continuous: sampled by the Latin hypercube
    }
    for (double x : numbers) {
        p.values.push_back(format_number(x, 15) + p.unit);
        p.value_where.push_back(f.location());
    }
}

// A mapping with any of the range's keys is a range; any other mapping (a distribution, say)
// is one value.
bool is_range(const Field& f) {
    return f.is_map() && (f.has("from") || f.has("to") || f.has("steps") || f.has("step") || f.has("unit"));
}

// The values of one parameter, read from `value`.
SweepParameter read_values(const Field& value, std::string path, models::SourceLocation where, bool grid) {
    SweepParameter p;
    p.path = std::move(path);
    p.where = where;
    if (value.is_sequence()) {
        if (value.size() == 0)
            value.fail(fmt::format("'{}' has no values", p.path), "list at least one value, e.g. [14, 15, 16]");
        for (std::size_t i = 0; i < value.size(); ++i) {
            p.values.push_back(value_text(value.at(i)));
            p.value_where.push_back(value.at(i).location());
        }
    } else if (is_range(value)) {
        read_range(value, grid, p);
    } else {
        p.values.push_back(value_text(value));  // one value: the same at every point
        p.value_where.push_back(value.location());
    }
    return p;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// One key of `parameters`: a path, or several separated by commas that share every value.
std::vector<SweepParameter> read_parameter(const models::ScenarioDocument& doc, const Field& parameters,
                                           const YAML::Node& key, bool grid) {
    // An empty key (`: 1` or `~: 1`) reads as "null" but looks up nothing.
    if (key.IsNull())
        Field(doc, key, parameters.path())
            .fail("a parameter has no path", "write the scenario path before the colon, e.g. units.ward.capacity: [14, 15]");
    const std::string text = key.as<std::string>();
    const Field key_field(doc, key, parameters.path() + "." + text);
    const Field value = parameters.child(text);
    std::vector<SweepParameter> linked;
    std::size_t from = 0;
    for (;;) {
        const auto comma = text.find(',', from);
        const std::string path = trimmed(text.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
        check_parameter_path(key_field, path);
        linked.push_back(read_values(value, path, key_field.location(), grid));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return linked;
}

// `together:` one group (a mapping of paths to values), or a list of groups: within a group
// the i-th values go together, so every list has as many values (or every range is continuous).
std::vector<std::vector<SweepParameter>> read_together(const models::ScenarioDocument& doc, const Field& together,
                                                       bool grid) {
    std::vector<Field> groups;
    if (together.is_sequence()) {
        for (std::size_t i = 0; i < together.size(); ++i) groups.push_back(together.at(i));
    } else {
        groups.push_back(together);
    }
    std::vector<std::vector<SweepParameter>> out;
    for (const Field& group : groups) {
        if (!group.is_map() || group.size() < 2)
            group.fail("'together' links two or more paths whose values go together",
                       "e.g. together: {classes.acute.arrivals.rate: [1.2/day, 1.4/day], classes.planned.arrivals.rate: "
                       "[0.4/day, 0.5/day]}");
        std::vector<SweepParameter> linked;
        for (const auto& kv : group.node())
            for (auto& p : read_parameter(doc, group, kv.first, grid)) {
                const bool continuous = p.values.empty();
                if (!linked.empty() && (continuous != linked.front().values.empty() ||
                                        p.values.size() != linked.front().values.size()))
                    Field(doc, kv.first, group.path())
                        .fail(fmt::format("'{}' has {} values, but '{}', which it moves together with, has {}", p.path,
                                          continuous ? std::string("a continuous range") : std::to_string(p.values.size()),
                                          linked.front().path,
                                          linked.front().values.empty() ? std::string("a continuous range")
                                                                        : std::to_string(linked.front().values.size())),
                              "linked paths take their values in step: give each as many values");
                linked.push_back(std::move(p));
            }
        out.push_back(std::move(linked));
    }
    return out;
}

void check_design_size(const Field& at, double points, std::size_t parameters) {
    const double values = points * static_cast<double>(parameters);
    if (values > max_values)
        at.fail(fmt::format("the design has {} points of {} parameters, {} values in all, more than {}", points,
                            parameters, values, max_values),
                "sweep fewer points or fewer parameters; a value that is the same at every point belongs in the "
                "scenario");
}

std::size_t dimensions(const std::vector<SweepParameter>& parameters) {
    std::size_t n = 0;
    for (const auto& p : parameters) n = std::max(n, p.dimension + 1);
    return n;
}

std::vector<std::vector<std::string>> grid_points(const Field& at, const std::vector<SweepParameter>& parameters) {
    std::vector<std::size_t> counts(dimensions(parameters));
    for (const auto& p : parameters) counts[p.dimension] = p.values.size();
    double total = 1;
    for (const std::size_t n : counts) total *= static_cast<double>(n);
    if (total > static_cast<double>(max_points))
        at.fail(fmt::format("the grid has {} points, more than {}", total, max_points),
                "use fewer values, or design: latin_hypercube with a number of points");
    check_design_size(at, total, parameters.size());
    std::vector<std::vector<std::string>> points;
    for (const auto& index : grid_indices(counts)) {
        std::vector<std::string> values;
        for (const auto& p : parameters) values.push_back(p.values[index[p.dimension]]);
        points.push_back(std::move(values));
    }
    return points;
}

std::vector<std::vector<std::string>> hypercube_points(std::size_t count, std::uint64_t seed,
                                                       const std::vector<SweepParameter>& parameters) {
    std::vector<std::vector<std::string>> points;
    for (const auto& point : latin_hypercube(count, dimensions(parameters), seed)) {
        std::vector<std::string> values;
        for (const auto& p : parameters) {
            const double u = point[p.dimension];
            if (p.values.empty()) {
                // Six significant digits: finer than any capacity question needs, and readable.
                values.push_back(format_number(p.from + (p.to - p.from) * u, 6) + p.unit);
            } else {
                const auto level = std::min(p.values.size() - 1, static_cast<std::size_t>(u * static_cast<double>(p.values.size())));
                values.push_back(p.values[level]);
            }
        }
        points.push_back(std::move(values));
    }
    return points;
}

}  // namespace

std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& value_counts) {
    std::size_t total = 1;
    for (std::size_t n : value_counts) total *= n;
    std::vector<std::vector<std::size_t>> out(total, std::vector<std::size_t>(value_counts.size()));
    for (std::size_t point = 0; point < total; ++point) {
        std::size_t rest = point;
        for (std::size_t j = value_counts.size(); j-- > 0;) {
            out[point][j] = rest % value_counts[j];
            rest /= value_counts[j];
        }
    }
    return out;
}

std::vector<std::vector<double>> latin_hypercube(std::size_t points, std::size_t dimensions, std::uint64_t seed) {
    boost::random::mt19937_64 bits(seed);
    // 53 random bits, so the sample is the same wherever kapsim runs (std:: distributions
    // differ between standard libraries).
    auto uniform = [&bits] { return static_cast<double>(bits() >> 11) * 0x1.0p-53; };
    std::vector<std::vector<double>> sample(points, std::vector<double>(dimensions));
    std::vector<std::size_t> stratum(points);
    for (std::size_t d = 0; d < dimensions; ++d) {
        std::iota(stratum.begin(), stratum.end(), std::size_t{0});
        for (std::size_t i = points; i-- > 1;) {
            const auto j = std::min(i, static_cast<std::size_t>(uniform() * static_cast<double>(i + 1)));
            std::swap(stratum[i], stratum[j]);
        }
        for (std::size_t i = 0; i < points; ++i)
            sample[i][d] = (static_cast<double>(stratum[i]) + uniform()) / static_cast<double>(points);
    }
    return sample;
}

SweepDesign read_sweep(const std::string& file) {
    const models::ScenarioDocument doc = load_document(file);
    const Field root(doc, doc.root(), "");
    root.expect_map({"name", "description", "scenario", "replications", "seed", "design", "points", "design_seed",
                     "parameters", "metrics"},
                    "a sweep file");

    SweepDesign s;
    s.file = file;
    s.name = root.has("name") ? root.child("name").as_identifier() : std::filesystem::path(file).stem().string();

    const Field scenario = root.required("scenario");
    s.scenario_file = (std::filesystem::path(file).parent_path() / scenario.as_string()).string();
    std::error_code unreadable;
    if (!std::filesystem::exists(s.scenario_file, unreadable))
        scenario.fail(fmt::format("the scenario '{}' does not exist", s.scenario_file),
                      "the path is relative to the sweep file's folder");

    if (root.has("replications")) {
        s.replications = static_cast<std::size_t>(root.child("replications").as_integer(2, 100000));
        s.replications_where = root.child("replications").location();
    }
    if (root.has("seed")) {
        s.seed = root.child("seed").as_seed();
        s.seed_where = root.child("seed").location();
    }

    s.design = root.has("design") ? root.child("design").as_string() : "grid";
    const std::vector<std::string> designs{"grid", "latin_hypercube"};
    if (std::find(designs.begin(), designs.end(), s.design) == designs.end()) {
        const std::string guess = models::nearest(s.design, designs);
        root.child("design").fail(fmt::format("unknown design '{}'", s.design),
                                  guess.empty() ? "the designs are grid and latin_hypercube"
                                                : fmt::format("did you mean '{}'?", guess));
    }
    const bool grid = s.design == "grid";
    if (grid && root.has("points"))
        root.child("points").fail("'points' belongs to design: latin_hypercube",
                                  "remove it: a grid has one point per combination of the values");
    if (grid && root.has("design_seed"))
        root.child("design_seed").fail("'design_seed' belongs to design: latin_hypercube", "remove it");

    const Field parameters = root.required("parameters");
    if (!parameters.is_map() || parameters.size() == 0)
        parameters.fail("'parameters' must map scenario paths to their values",
                        "e.g. parameters: {units.ward.capacity: [14, 15, 16]}");
    std::set<std::string> seen;
    std::size_t dimension = 0;
    auto add = [&](std::vector<SweepParameter> linked, const Field& key) {
        for (auto& p : linked) {
            if (!seen.insert(p.path).second) key.fail(fmt::format("'{}' is swept twice", p.path), "keep one of them");
            for (const auto& other : seen)
                if (other != p.path && (p.path.rfind(other + ".", 0) == 0 || other.rfind(p.path + ".", 0) == 0))
                    key.fail(fmt::format("'{}' and '{}' overlap: one lies inside the other", p.path, other),
                             "sweep either the whole section or values inside it, not both");
            p.dimension = dimension;
            s.parameters.push_back(std::move(p));
        }
        ++dimension;
    };
    for (const auto& kv : parameters.node()) {
        const Field key(doc, kv.first, parameters.path());
        if (kv.first.IsScalar() && kv.first.Scalar() == "together") {
            for (auto& group : read_together(doc, parameters.child("together"), grid)) add(std::move(group), key);
            continue;
        }
        add(read_parameter(doc, parameters, kv.first, grid), key);
    }

    if (grid) {
        s.points = grid_points(parameters, s.parameters);
    } else {
        if (!root.has("points"))
            root.fail("a latin_hypercube design needs 'points'", "add e.g. 'points: 100': how many points to sample");
        const auto count = static_cast<std::size_t>(root.child("points").as_integer(1, max_points));
        check_design_size(root.child("points"), static_cast<double>(count), s.parameters.size());
        if (root.has("design_seed"))
            s.design_seed = static_cast<std::uint64_t>(root.child("design_seed").as_integer(0, 1LL << 62));
        s.points = hypercube_points(count, s.design_seed, s.parameters);
    }

    if (root.has("metrics")) {
        const Field metrics = root.child("metrics");
        std::vector<Field> items;
        if (metrics.is_sequence()) {
            for (std::size_t i = 0; i < metrics.size(); ++i) items.push_back(metrics.at(i));
        } else {
            items.push_back(metrics);
        }
        if (items.empty()) metrics.fail("'metrics' is an empty list", "name metrics, e.g. [units.ward.p_wait], or leave it out for all");
        for (const auto& item : items) {
            const std::string text = item.as_string();
            if (std::count(text.begin(), text.end(), '.') != 2)
                item.fail(fmt::format("'{}' is not a metric name", text),
                          "write section.id.metric, e.g. units.ward.p_wait; '*' matches any part, e.g. units.ward.*");
            s.metrics.push_back({text, item.location()});
        }
    }
    return s;
}

std::vector<std::string> base_overrides(const SweepDesign& design) {
    std::vector<std::string> out;
    if (design.replications) out.push_back(fmt::format("scenario.replications={}", *design.replications));
    if (design.seed) out.push_back(fmt::format("scenario.seed={}", *design.seed));
    return out;
}

std::vector<std::string> point_overrides(const SweepDesign& design, std::size_t point) {
    std::vector<std::string> out = base_overrides(design);
    for (std::size_t j = 0; j < design.parameters.size(); ++j)
        out.push_back(design.parameters[j].path + "=" + design.points[point][j]);
    return out;
}

}  // namespace kapsim::app
