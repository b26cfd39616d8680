#include "population.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>

#include <boost/random/uniform_01.hpp>

#include "router.hpp"
#include "sim/quantity.hpp"

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

Population::Population(const Scenario& scenario, std::uint32_t class_index, Router& router, sim::Simulation& simulation,
                       const sim::RandomStreams& streams, std::uint32_t& next_person)
    : scenario_(scenario),
      class_index_(class_index),
      router_(router),
      simulation_(simulation),
      address_(simulation.add_receiver(*this)),
      next_person_(next_person),
      joining_per_day_(scenario.classes[class_index].population->joining_per_day),
      joining_stream_(joining_per_day_ > 0 ? streams.stream("population_joining/" + scenario.classes[class_index].id)
                                           : sim::RandomStream()) {
    const PatientClass& pc = scenario.classes[class_index];
    const auto& spec = *pc.population;
    // A gamma of shape 1/cv^2 and scale cv^2 has mean 1 and coefficient of variation cv.
    if (spec.cv > 0) frailty_ = boost::random::gamma_distribution<double>(1.0 / (spec.cv * spec.cv), spec.cv * spec.cv);
    // A person's home municipality is theirs for good, drawn by the class's shares.
    if (!pc.municipality_share.empty()) home_.emplace(pc.municipality_share.begin(), pc.municipality_share.end());
    leaves_after_ = spec.leaves_after;
    sim::RandomStream stream = streams.stream("population/" + pc.id);
    for (std::size_t i = 0; i < spec.persons; ++i) add_person(0.0, stream);
    if (joining_per_day_ > 0)
        simulation_.schedule_at(-std::log1p(-boost::random::uniform_01<double>()(joining_stream_)) / joining_per_day_,
                                {address_, join, 0});
}

void Population::add_person(sim::Time now, sim::RandomStream& stream) {
    const auto member = static_cast<std::uint32_t>(rate_.size());
    const auto& spec = *scenario_.classes[class_index_].population;
    rate_.push_back(spec.visits_per_person_per_day * (spec.cv > 0 ? frailty_(stream) : 1.0));
    state_.push_back(stream());
    if (home_) municipality_.push_back((*home_)(stream));
    leaves_at_.push_back(leaves_after_ ? now + leaves_after_->sample(stream) : std::numeric_limits<double>::infinity());
    event_number_.push_back(next_person_++);
    visits_.push_back(0);
    team_.push_back(no_team);
    enrolled_.push_back(false);
    schedule_need(now, member);
}

double Population::uniform(std::uint32_t member) {
    return static_cast<double>(next_word(state_[member]) >> 11) * 0x1.0p-53;  // 53 random bits
}

double Population::draw_gap(std::uint32_t member) {
    // The inversion of the exponential takes 1 - u in (0, 1].
    const double u = uniform(member);
    const double rate = rate_[member];
    return rate > 0 ? -std::log1p(-u) / rate : std::numeric_limits<double>::infinity();
}

void Population::schedule_need(sim::Time now, std::uint32_t member) {
    const double at = now + draw_gap(member);
    // A need after the person has left the population never comes.
    if (std::isfinite(at) && at < leaves_at_[member]) simulation_.schedule_at(at, {address_, need, member});
}

void Population::on_event(sim::Time now, std::uint32_t kind, std::uint32_t member) {
    if (kind == join) {
        add_person(now, joining_stream_);
        const double gap = -std::log1p(-boost::random::uniform_01<double>()(joining_stream_)) / joining_per_day_;
        simulation_.schedule_at(now + gap, {address_, join, 0});
        return;
    }
    Patient p;
    p.patient_class = class_index_;
    p.person = event_number_[member];
    p.member = member;
    if (!municipality_.empty()) p.municipality = municipality_[member];
    present(now, p);
}

void Population::present(sim::Time now, const Patient& person) {
    const Destination first = scenario_.classes[class_index_].first_unit;
    if (router_.avoided(now, first, person)) return schedule_need(now, person.member);
    ++visits_[person.member];  // the books restart at the end of the warm-up
    router_.deliver(now, first, person);
}

void Population::episode_over(sim::Time now, const Patient& person) { schedule_need(now, person.member); }

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
    // The persons who belonged to the population at some time in the period (not those who
    // left before it began), each with their visits in it.
    std::vector<std::uint32_t> counted;
    counted.reserve(visits_.size());
    for (std::size_t i = 0; i < visits_.size(); ++i)
        if (leaves_at_[i] > observed_from_) counted.push_back(visits_[i]);
    const double n = static_cast<double>(counted.size());
    double total = 0, square = 0;  // counts, exact in a double far beyond any run
    for (const std::uint32_t v : counted) {
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
    m.put("top_10pct_share", share_of_visits_by_top(std::move(counted), 0.1));
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
