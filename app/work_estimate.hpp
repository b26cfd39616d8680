#pragma once
// The work a command is about to do, said before it starts: events per replication and in
// all (replications times alternatives or sweep points) and the memory it needs. Work beyond
// the documented limits is refused unless the user says --allow-large, so a slip in a rate,
// a growth or a capacity costs a message instead of hours or all the memory.
#include <cstddef>
#include <string>

#include "experiment.hpp"
#include "models/scenario.hpp"
#include "models/work_estimate.hpp"

namespace kapsim::app {

// Limits of what runs without --allow-large. The largest shipped run (the README's and the
// scenarios' sweeps) is about 1e8 events; at 5-10 million events a second per core, 2e9 events
// is a few minutes on a small machine. 4 GB leaves room on any machine kapsim is meant for.
struct WorkLimits {
    static constexpr double events = 2e9;
    static constexpr double bytes = 4e9;
    static constexpr std::size_t sweep_points = 100'000;
};

class WorkTotal {
public:
    // Adds one scenario run `replications` times (an alternative, a sweep point).
    void add(const models::Scenario& scenario, double replications);
    // Adds the pass by calendar year of a run longer than a year (nothing otherwise): its
    // events once more, and every metric's value kept for each year of every replication.
    void add_years(const models::Scenario& scenario, double replications);
    // Adds memory held for the whole command (results kept from every replication).
    void add_kept_bytes(double bytes) { kept_bytes_ += bytes; }

    double events() const { return events_; }
    double events_per_replication() const { return most_events_per_replication_; }
    // Memory when `threads` replications run at once (0 = all cores).
    double bytes(int threads) const;

    // "about 730 million events per replication, 1.5 billion in all; about 44 GB of memory"
    std::string describe(int threads) const { return described(threads).en; }
    models::Message described(int threads) const;  // the same in English and Swedish
    bool beyond_limits(int threads) const;
    // Throws InputError when beyond the limits and not allowed.
    void require_within_limits(int threads, bool allow_large) const;

private:
    double events_ = 0;
    double most_events_per_replication_ = 0;
    double most_bytes_per_replication_ = 0;
    double most_replications_ = 0;
    double kept_bytes_ = 0;
    // The scenario that does the most work, and its estimate, for the message.
    models::SourceLocation busiest_;
    models::Message growing_line_;  // "the waiting line at unit 'ward' grows to about ..."; empty if none
    models::SourceLocation growing_where_;
    double longest_line_ = 0;
};

// Sweeps and capacity curves load every point's scenario before they run: a count of points
// beyond WorkLimits::sweep_points is refused at `where` before any is loaded, unless allowed.
void require_few_points(std::size_t points, const models::SourceLocation& where, bool allow_large);

// Alternatives run under common random numbers (capacity curves), each with its own
// replications, or at least `replications_at_most` with a precision goal (0: none).
void require_within_limits(const std::vector<models::Scenario>& alternatives, std::size_t replications_at_most,
                           const RunSettings& settings);

// Said in plain words: "730 million", "1.5 billion", "8.1e+21" (and "730 miljoner" in Swedish).
models::Message amount_said(double count);
models::Message memory_said(double bytes);
inline std::string amount_in_words(double count) { return amount_said(count).en; }
inline std::string memory_in_words(double bytes) { return memory_said(bytes).en; }

// For `kapsim check`: the estimate, and a warning when it is beyond the limits.
std::string describe_work(const models::Scenario& scenario);

}  // namespace kapsim::app
