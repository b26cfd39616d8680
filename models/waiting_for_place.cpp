#include "waiting_for_place.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "dated_changes.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/quantity.hpp"

namespace kapsim::models {
namespace {

// Enough to name every circle a planner's file can hold; a file with more has a bigger problem.
constexpr std::size_t most_circles = 20;

// Every circle through `start` whose other units come after it in file order, so that each
// circle is found once, from its first unit.
void circles_from(const Scenario& s, std::size_t start, std::vector<std::size_t>& path, std::vector<bool>& on_path,
                  std::vector<CircularWait>& out) {
    const std::size_t n = s.units.size();
    const std::size_t here = path.back();
    for (std::size_t next = start; next < n && out.size() < most_circles; ++next) {
        if (!s.waits_for_place(here, static_cast<Destination>(next))) continue;
        if (next == start) {
            CircularWait circle{path, false};
            for (std::size_t i = 0; i < path.size(); ++i) {
                const auto to = static_cast<Destination>(path[(i + 1) % path.size()]);
                circle.resolved_by_max = circle.resolved_by_max || s.waits_for_place(path[i], to)->max_days.has_value();
            }
            out.push_back(std::move(circle));
            continue;
        }
        if (on_path[next]) continue;
        on_path[next] = true;
        path.push_back(next);
        circles_from(s, start, path, on_path, out);
        path.pop_back();
        on_path[next] = false;
    }
}

}  // namespace

std::vector<CircularWait> circular_waits(const Scenario& s) {
    std::vector<CircularWait> out;
    if (s.wait_for_place.empty()) return out;
    std::vector<bool> on_path(s.units.size(), false);
    for (std::size_t start = 0; start < s.units.size(); ++start) {
        std::vector<std::size_t> path{start};
        on_path[start] = true;
        circles_from(s, start, path, on_path, out);
        on_path[start] = false;
    }
    return out;
}

std::string circle_text(const Scenario& s, const std::vector<std::size_t>& units) {
    std::string text;
    for (const std::size_t u : units) text += s.units[u].id + " -> ";
    return text + s.units[units.front()].id;
}

namespace {

// The waits of one regime (the scenario's, or a dated change's), a line each.
std::string wait_lines(const Scenario& s) {
    std::string out;
    for (std::size_t u = 0; u < s.units.size(); ++u)
        for (std::size_t d = 0; d < s.units.size(); ++d) {
            const WaitForPlace* w = s.waits_for_place(u, static_cast<Destination>(d));
            if (!w) continue;
            out += fmt::format("  {} keeps its place for those going to {} until {} has one", s.units[u].id, s.units[d].id,
                               s.units[d].id);
            if (w->max_days) {
                std::string then;
                for (std::size_t i = 0; i < w->then.to.size(); ++i)
                    then += fmt::format("{}{} {:.3g}", i ? ", " : "", s.destination_name(w->then.to[i]), w->then.probability[i]);
                out += fmt::format(", at most {}; then {}", sim::format_duration(*w->max_days),
                                   then.empty() ? fmt::format("on to {} all the same", s.units[d].id) : then);
            }
            out += "\n";
        }
    return out;
}

// Each line two spaces further in.
std::string indented(const std::string& lines) {
    std::string out;
    std::size_t from = 0;
    for (std::size_t end; (end = lines.find('\n', from)) != std::string::npos; from = end + 1)
        out += "  " + lines.substr(from, end + 1 - from);
    return out;
}

}  // namespace

std::string describe_waits_for_place(const Scenario& s) {
    std::string out = wait_lines(s);
    // A dated change that sets the waits: those in force from its date.
    const Scenario* before = &s;
    for (const auto& change : s.changes) {
        if (!same_routes(*before, *change.regime)) {
            const std::string lines = wait_lines(*change.regime);
            if (lines != wait_lines(*before))
                out += fmt::format("  from {}:\n", sim::CalendarClock::format_date(change.from)) +
                       (lines.empty() ? std::string("    none\n") : indented(lines));
        }
        before = change.regime.get();
    }
    if (out.empty()) return "";
    out = "waiting for the next step (ready for discharge, the place kept):\n" + out;
    for (const auto& warning : circular_wait_warnings(s)) out += "  " + warning.en + "\n";
    return out;
}

std::vector<Message> circular_wait_warnings(const Scenario& s) {
    std::vector<Message> warnings;
    // The circles of the scenario's waits and of every dated change's, each once.
    std::vector<CircularWait> circles = circular_waits(s);
    for (const auto& change : s.changes)
        for (auto& circle : circular_waits(*change.regime))
            if (std::none_of(circles.begin(), circles.end(), [&](const CircularWait& c) {
                    return c.units == circle.units && c.resolved_by_max == circle.resolved_by_max;
                }))
                circles.push_back(std::move(circle));
    for (const auto& circle : circles)
        warnings.push_back(
            circle.resolved_by_max
                ? say("warning: circular wait {}: each keeps its places for the next; when all are full of people "
                      "waiting, the wait's max lets them go on",
                      circle_text(s, circle.units))
                : say("warning: circular wait {}: each keeps its places for the next; when all are full of people "
                      "waiting, nobody can move again and the run stops with an error; give one of the waits a max "
                      "(wait_for_place: {{<unit>: {{max: 30d}}}})",
                      circle_text(s, circle.units)));
    return warnings;
}

std::vector<MetricSpec> next_step_metrics(const Scenario& s, std::size_t unit) {
    bool waits = s.waits_for_any_place(unit);
    for (const auto& change : s.changes) waits = waits || change.regime->waits_for_any_place(unit);
    if (!waits) return {};
    using R = MetricRole;
    using U = MetricUnit;
    return {
        {"waited_for_next_step_per_year", R::breakdown, U::per_year, "ready for discharge, waited for the next step",
         "utskrivningsklara som väntade på nästa steg"},
        {"mean_wait_for_next_step_days", R::wait, U::days, "mean wait for the next step", "genomsnittlig väntan på nästa steg"},
        {"places_held_mean", R::queue, U::persons, "places kept by those ready for discharge (mean)",
         "platser upptagna av utskrivningsklara (medel)"},
        {"wait_for_next_step_days_per_year", R::volume, U::days_per_year, "days ready for discharge",
         "dygn som utskrivningsklar"},
        {"went_on_after_max_per_year", R::breakdown, U::per_year, "went on after the longest wait",
         "gick vidare efter längsta väntan"},
    };
}

}  // namespace kapsim::models
