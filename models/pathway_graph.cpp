#include "pathway_graph.hpp"

#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <fmt/format.h>

namespace kapsim::models {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

// Vertices 0..n-1 are the units, n is "out".
std::size_t vertex(Destination d, std::size_t units) { return d == leaves_system ? units : d; }

template <class G>
std::vector<bool> reachable_from(const G& graph, std::size_t start) {
    std::vector<boost::default_color_type> colour(boost::num_vertices(graph), boost::white_color);
    boost::breadth_first_visit(graph, boost::vertex(start, graph),
                               boost::color_map(boost::make_iterator_property_map(
                                   colour.begin(), boost::get(boost::vertex_index, graph))));
    std::vector<bool> reached(colour.size());
    for (std::size_t v = 0; v < colour.size(); ++v) reached[v] = colour[v] != boost::white_color;
    return reached;
}

struct CycleFound {
    std::size_t at;
};

struct CycleDetector : boost::default_dfs_visitor {
    template <class Edge, class G>
    void back_edge(Edge e, const G& g) const {
        throw CycleFound{boost::target(e, g)};
    }
};

// A loop whose stays are all shorter than this on average goes round so often that the run
// would not end (a stay of 1e-300 days is not zero, but no better); a minute is the shortest
// unit of time a scenario can name.
constexpr double shortest_loop_stay_days = 1.0 / (24 * 60);

bool stay_is_instant(const UnitSpec& unit, std::size_t patient_class, Destination next) {
    const auto& stay = unit.stay.rules[unit.stay.rule_for(patient_class, next)].stay;
    return stay.can_be_zero() || !(stay.mean() >= shortest_loop_stay_days);
}

}  // namespace

void check_pathway_graph(const Scenario& s, const ScenarioDocument&, bool every_unit_reached) {
    const std::size_t n = s.units.size();
    std::vector<bool> reached_by_anyone(n, false);

    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        // Classes never change along a pathway, so each class has a graph of its own.
        Graph routes(n + 1), instant(n + 1);
        for (std::size_t u = 0; u < n; ++u) {
            for (const Destination d : s.route_after(u, c).to) {
                boost::add_edge(u, vertex(d, n), routes);
                if (stay_is_instant(s.units[u], c, d)) boost::add_edge(u, vertex(d, n), instant);
            }
            for (const Destination d : s.route_overflow(u, c).to) {
                boost::add_edge(u, vertex(d, n), routes);
                boost::add_edge(u, vertex(d, n), instant);  // turned away: no time passes
            }
            // After the longest wait for the next step: time has passed (the stay and the wait).
            for (std::size_t next = 0; next < n && !s.wait_for_place.empty(); ++next)
                if (const WaitForPlace* w = s.waits_for_place(u, static_cast<Destination>(next)))
                    for (const Destination d : w->then.to) boost::add_edge(u, vertex(d, n), routes);
        }
        const auto reached = reachable_from(routes, s.classes[c].first_unit);
        const auto can_leave = reachable_from(boost::make_reverse_graph(routes), n);
        for (std::size_t u = 0; u < n; ++u) {
            if (!reached[u]) continue;
            reached_by_anyone[u] = true;
            if (!can_leave[u])
                throw InputError(s.units[u].where,
                                 say("class '{}' can reach unit '{}' but can never leave the system from there",
                                             s.classes[c].id, s.units[u].id),
                                 say("give the unit's pathways a way on that leads to 'out'"));
        }
        try {
            std::vector<boost::default_color_type> colour(n + 1);
            boost::depth_first_search(instant, boost::visitor(CycleDetector{}).color_map(boost::make_iterator_property_map(
                                                   colour.begin(), boost::get(boost::vertex_index, instant))));
        } catch (const CycleFound& cycle) {
            throw InputError(s.units[cycle.at].where,
                             say("class '{}' can go round a loop through unit '{}' without any time passing "
                                         "(no stay on the loop lasts a minute on average)",
                                         s.classes[c].id, s.units[cycle.at].id),
                             say("a loop needs a stay of at least a minute on average somewhere; overflow routes take no "
                             "time"));
        }
    }
    for (std::size_t u = 0; u < n && every_unit_reached; ++u)
        if (!reached_by_anyone[u])
            throw InputError(s.units[u].where, say("unit '{}' is never reached", s.units[u].id),
                             say("no class arrives there and no pathway leads there; add one, or remove the unit"));
}

}  // namespace kapsim::models
