#include "population.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>

#include "replication_limits.hpp"
#include "sim/quantity.hpp"
#include "unit.hpp"

namespace kapsim::models {
namespace {

// splitmix64 (Steele, Lea and Flood 2014): eight bytes of state per person, where a stream of
// the engine's own would take 2.5 kB each and a seeding that costs more than many draws.
std::uint64_t next_word(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

Population::Population(const Scenario& scenario, std::uint32_t class_index, Unit& first_unit, sim::Simulation& simulation,
                       const sim::RandomStreams& streams, std::uint32_t& next_person)
    : scenario_(scenario),
      class_index_(class_index),
      first_unit_(first_unit),
      simulation_(simulation),
      address_(simulation.add_receiver(*this)),
      first_person_(next_person) {
    const PatientClass& pc = scenario.classes[class_index];
    const auto& spec = *pc.population;
    const std::size_t n = spec.persons;
    next_person += static_cast<std::uint32_t>(n);
    rate_.resize(n);
    state_.resize(n);
    visits_.assign(n, 0);
    sim::RandomStream stream = streams.stream("population/" + pc.id);
    // A gamma of shape 1/cv^2 and scale cv^2 has mean 1 and coefficient of variation cv.
    const double shape = spec.cv > 0 ? 1.0 / (spec.cv * spec.cv) : 0.0;
    boost::random::gamma_distribution<double> frailty(spec.cv > 0 ? shape : 1.0, spec.cv > 0 ? 1.0 / shape : 1.0);
    // A person's home municipality is theirs for good, drawn by the class's shares.
    std::optional<boost::random::discrete_distribution<std::uint32_t, double>> home;
    if (!pc.municipality_share.empty()) {
        home.emplace(pc.municipality_share.begin(), pc.municipality_share.end());
        municipality_.resize(n);
    }
    for (std::size_t i = 0; i < n; ++i) {
        rate_[i] = spec.visits_per_person_per_day * (spec.cv > 0 ? frailty(stream) : 1.0);
        state_[i] = stream();
        if (home) municipality_[i] = (*home)(stream);
    }
    for (std::uint32_t i = 0; i < n; ++i) simulation_.schedule_at(draw_gap(i), {address_, 0, i});
}

double Population::draw_gap(std::uint32_t member) {
    // 53 random bits, uniform on [0, 1); the inversion of the exponential takes 1 - u in (0, 1].
    const double u = static_cast<double>(next_word(state_[member]) >> 11) * 0x1.0p-53;
    const double rate = rate_[member];
    return rate > 0 ? -std::log1p(-u) / rate : std::numeric_limits<double>::infinity();
}

void Population::on_event(sim::Time now, std::uint32_t, std::uint32_t member) {
    Patient p;
    p.patient_class = class_index_;
    p.person = first_person_ + member;
    p.member = member;
    if (!municipality_.empty()) p.municipality = municipality_[member];
    present(now, p);
}

void Population::present(sim::Time now, const Patient& person) {
    ++visits_[person.member];  // the books restart at the end of the warm-up
    try {
        first_unit_.arrive(now, person);
    } catch (const sim::WaitingLineFull& full) {
        throw_overloaded(scenario_, scenario_.classes[class_index_].first_unit, full);
    }
}

void Population::episode_over(sim::Time now, const Patient& person) {
    const double gap = draw_gap(person.member);
    if (std::isfinite(gap)) simulation_.schedule_at(now + gap, {address_, 0, person.member});
}

void Population::start_observation(sim::Time now) {
    observed_from_ = now;
    std::fill(visits_.begin(), visits_.end(), 0u);
}

std::vector<MetricSpec> Population::metrics() {
    using R = MetricRole;
    using U = MetricUnit;
    return {
        {"persons", R::count, U::persons, "persons", "personer"},
        {"visits_per_year", R::arrivals, U::per_year, "visits (episodes begun)", "besök (påbörjade vårdtillfällen)"},
        {"visits_per_person_mean", R::arrivals, U::per_year, "visits per person, mean", "besök per person, medel"},
        {"visits_per_person_sd", R::arrivals, U::per_year, "visits per person, sd", "besök per person, sd"},
        {"top_10pct_share", R::breakdown, U::share, "visits by the top 10 %", "besök av de 10 % med flest"},
    };
}

void Population::report(sim::Time now, MetricSheet& m) const {
    const double years = (now - observed_from_) / sim::days_per_year;
    const double n = static_cast<double>(visits_.size());
    double total = 0, square = 0;  // counts, exact in a double far beyond any run
    for (const std::uint32_t v : visits_) {
        total += v;
        square += static_cast<double>(v) * v;
    }
    const double mean = n > 0 ? total / n : nan;
    // The sample variance over persons (n - 1), so that its mean over replications is the
    // variance of a person's visits the model implies.
    const double variance = n > 1 ? std::max(0.0, (square - n * mean * mean) / (n - 1)) : nan;
    m.put("persons", n);
    m.put("visits_per_year", total / years);
    m.put("visits_per_person_mean", mean / years);
    m.put("visits_per_person_sd", std::sqrt(variance) / years);
    m.put("top_10pct_share", share_of_visits_by_top(visits_, 0.1));
}

double share_of_visits_by_top(std::vector<std::uint32_t> visits, double top) {
    const double total = std::accumulate(visits.begin(), visits.end(), 0.0);
    if (total <= 0) return nan;
    std::sort(visits.begin(), visits.end(), std::greater<>());
    const double persons = top * static_cast<double>(visits.size());
    const auto whole = static_cast<std::size_t>(std::floor(persons));
    double top_visits = 0;
    for (std::size_t i = 0; i < whole && i < visits.size(); ++i) top_visits += visits[i];
    if (whole < visits.size()) top_visits += (persons - static_cast<double>(whole)) * visits[whole];
    return top_visits / total;
}

}  // namespace kapsim::models
