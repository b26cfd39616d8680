#pragma once
// People who come back: a class of known persons (`population:`), each with a rate of needing
// care of their own. A person's rate is the class's visits per person times a frailty drawn
// from a gamma distribution of mean 1 (a few persons need care far more often than the rest,
// as the documents' frequent attenders do). After each episode, when the person leaves the
// model (from a stay, turned away with no route, or given up waiting), their next need comes
// after an exponential time at their own rate: a Poisson process of their own that runs while
// they are in the community and pauses while they are in care, since nobody comes to the
// emergency department from a ward bed. Over a period in the community a person's visits are
// Poisson given their rate, so the class's visit counts are negative binomial (a gamma mixture
// of Poissons): mean m T and variance m T + (cv m T)^2.
//
// Optionally new persons join (a Poisson stream, each with a rate drawn as the others') and
// persons leave the population after a time drawn for each (moving, recovering, dying): a
// person who has left needs no more care in the model, and one in care when their time comes
// leaves at the end of the episode.
//
// Each person has a small generator of their own, seeded from the class's named stream, so a
// person's needs do not shift when another person's episode ends sooner or later (common random
// numbers between variants, and the same numbers with any thread count).
#include <cstdint>
#include <optional>
#include <vector>

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>

#include "metric.hpp"
#include "patient.hpp"
#include "scenario.hpp"
#include "sim/random_streams.hpp"
#include "sim/simulation.hpp"

namespace kapsim::models {

class Router;

class Population final : public sim::EventReceiver {
public:
    // Every person starts in the community; their first need is drawn at once. Persons are
    // numbered for the event log from `next_person` on.
    Population(const Scenario& scenario, std::uint32_t class_index, Router& router, sim::Simulation& simulation,
               const sim::RandomStreams& streams, std::uint32_t& next_person);

    // The person left the model: their next need is drawn from their own rate.
    void episode_over(sim::Time now, const Patient& person);
    // The person arrives at the class's first unit (a need, or a readmission): a visit; unless
    // a team they are enrolled in keeps them from coming (their need is met at home).
    void present(sim::Time now, const Patient& person);

    // A caseload team with an effect while enrolled (router.hpp): a person is referred to at most
    // one such team at a time, and enrolled in it once their case opens.
    bool on_a_team(std::uint32_t member) const { return team_[member] != no_team; }
    void referred(std::uint32_t member, std::size_t team) {
        team_[member] = static_cast<std::uint32_t>(team);
        enrolled_[member] = false;
    }
    void enrolled(std::uint32_t member) { enrolled_[member] = true; }
    void off_team(std::uint32_t member) {
        team_[member] = no_team;
        enrolled_[member] = false;
    }
    // The team the person is enrolled in now, or no_team.
    std::uint32_t enrolled_in(std::uint32_t member) const { return enrolled_[member] ? team_[member] : no_team; }
    // A uniform on [0, 1) from the person's own generator.
    double uniform(std::uint32_t member);

    void start_observation(sim::Time now);
    // The class's figures over the observed period up to `now`, as metrics() declares them.
    void report(sim::Time now, MetricSheet& sheet) const;
    static std::vector<MetricSpec> metrics();

    // Each person's rate of needing care, per day (for tests).
    const std::vector<double>& rates() const { return rate_; }

    // A person's need comes (payload: the member), or a new person joins.
    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t member) override;

private:
    enum Event : std::uint32_t { need, join };

    // A new member from `stream`: their rate, generator, home municipality and time of leaving;
    // their first need is scheduled.
    void add_person(sim::Time now, sim::RandomStream& stream);
    double draw_gap(std::uint32_t member);  // an exponential time at the person's rate
    void schedule_need(sim::Time now, std::uint32_t member);

    const Scenario& scenario_;
    std::uint32_t class_index_;
    Router& router_;
    sim::Simulation& simulation_;
    std::uint32_t address_;
    std::uint32_t& next_person_;          // the event log's next number, shared with the arrivals
    // The persons' frailty, home municipality and length of membership.
    boost::random::gamma_distribution<double> frailty_;
    std::optional<boost::random::discrete_distribution<std::uint32_t, double>> home_;
    std::optional<sim::Distribution> leaves_after_;
    // New persons joining: their times, and each one's draws (not the stream of the persons known
    // at the start, so adding joiners shifts none of theirs).
    double joining_per_day_;
    sim::RandomStream joining_stream_;
    std::vector<double> rate_;            // per person, per day
    std::vector<sim::Time> leaves_at_;    // per person: when they leave the population (+inf: never)
    std::vector<std::uint32_t> event_number_;  // per person: their number in the event log
    std::vector<std::uint64_t> state_;    // per person: their generator (splitmix64)
    std::vector<std::uint32_t> municipality_;  // per person, where the class has shares
    std::vector<std::uint32_t> visits_;   // per person, in the observed period
    std::vector<std::uint32_t> team_;     // per person: the team they are referred to, or no_team
    std::vector<char> enrolled_;          // per person: whether their case at that team is open
    sim::Time observed_from_ = 0;
};

// The share of the visits made by the `top` share of persons with the most visits (0.1: the
// top 10 %), counting a fraction of a person where the top share is not a whole number of
// persons; NaN when nobody visited.
double share_of_visits_by_top(std::vector<std::uint32_t> visits, double top);

}  // namespace kapsim::models
