#pragma once
// Bookkeeping shared by the unit kinds: the people currently at a unit (waiting or staying),
// kept in a reusable table so events can name them by a small index, and the draw of each
// arrival's length of stay from the unit's own stream.
#include <cstdint>
#include <vector>

#include "patient.hpp"
#include "scenario.hpp"
#include "sim/event_calendar.hpp"
#include "sim/quantity.hpp"
#include "sim/random_streams.hpp"

namespace kapsim::models {

struct Visit {
    Patient patient;
    sim::Time arrived = 0;
    sim::Time admitted = 0;
    sim::Time stay = 0;            // drawn on arrival, so every variant sees the same stays
    Destination next = leaves_system;  // drawn on arrival too
    sim::EventHandle patience;     // reneging timer while waiting
    bool observed = false;         // arrived after the warm-up
    bool staying = false;          // admitted and not yet gone
    std::uint32_t place = 0;       // kind-specific: own or purchased place, acute or planned
    bool ready = false;            // stay over, keeping the place until the next unit has one
    sim::Time ready_at = 0;        // since when, if ready
};

// A unit's observed period: from the end of the warm-up to the end of the run. Counts and
// tallies are kept only while it is open.
struct ObservationWindow {
    bool open = false;
    sim::Time from = 0, to = 0;

    void start(sim::Time now) {
        open = true;
        from = now;
    }
    void finish(sim::Time now) {
        open = false;
        to = now;
    }
    double days() const { return to - from; }
    double years() const { return days() / sim::days_per_year; }
};

class Visits {
public:
    std::uint32_t open(const Visit& v) {
        const std::uint32_t id = open();
        table_[id] = v;
        return id;
    }
    // A slot for a fresh visit, which the caller writes whole in place (UnitBase::begin_visit):
    // built in the table, it is not copied there from the stack, a copy that would read back
    // stores not yet written out; and a reused slot is not cleared first only to be written again.
    std::uint32_t open() {
        if (free_.empty()) {
            table_.emplace_back();
            return static_cast<std::uint32_t>(table_.size() - 1);
        }
        const std::uint32_t id = free_.back();
        free_.pop_back();
        return id;
    }
    // A closed visit is no longer staying, which is all for_each_staying asks.
    void close(std::uint32_t id) {
        table_[id].staying = false;
        free_.push_back(id);
    }
    Visit& operator[](std::uint32_t id) { return table_[id]; }
    const Visit& operator[](std::uint32_t id) const { return table_[id]; }

    template <class F>
    void for_each_staying(F&& f) const {
        for (const Visit& v : table_)
            if (v.staying) f(v);
    }

private:
    std::vector<Visit> table_;
    std::vector<std::uint32_t> free_;
};

// Draws lengths of stay by the unit's StayTable from the stream "stay/<unit>".
class StaySampler {
public:
    StaySampler(const StayTable& table, std::size_t classes, std::size_t units, const sim::RandomStreams& streams,
                const std::string& unit_id)
        : units_(units), stream_(streams.stream("stay/" + unit_id)) {
        for (const auto& r : table.rules) distributions_.push_back(r.stay);
        // Resolve every (class, destination) once; index units + 1 is "out".
        rule_.resize(classes * (units + 1));
        for (std::size_t c = 0; c < classes; ++c)
            for (std::size_t d = 0; d <= units; ++d)
                rule_[c * (units + 1) + d] = table.rule_for(c, d == units ? leaves_system : static_cast<Destination>(d));
    }

    sim::Time draw(std::size_t patient_class, Destination next) {
        const std::size_t d = next == leaves_system ? units_ : next;
        return distributions_[rule_[patient_class * (units_ + 1) + d]].sample(stream_);
    }

private:
    std::size_t units_;
    sim::RandomStream stream_;
    std::vector<sim::Distribution> distributions_;
    std::vector<std::size_t> rule_;
};

}  // namespace kapsim::models
