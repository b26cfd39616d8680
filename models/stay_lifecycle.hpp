#pragma once
// The stay lifecycle of a unit with places, written once: an arrival is admitted, waits in
// line (with a patience after which they leave unserved) or is turned away by the unit's
// overflow route; an admitted person stays their drawn time, and when they leave, or the
// capacity schedule adds places, the next in line is admitted. The places keep the books of
// occupancy, and the observed period the counts every such unit reports. A kind supplies only
// its difference through the hooks below: whom it admits and whom it lets wait, where that is
// not the usual rule, and what it counts; which hooks it overrides is read off its type.
#include <concepts>
#include <optional>
#include <utility>
#include <vector>

#include "sim/capacity_pool.hpp"
#include "sim/distribution.hpp"
#include "sim/tally.hpp"
#include "unit_base.hpp"

namespace kapsim::models {

class StayLifecycle : public UnitBase {
public:
    void arrive(sim::Time now, const Patient& arriving) final;
    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) final;
    void start_observation(sim::Time now) final;
    void finish_observation(sim::Time now) final;
    sim::OccupancyRecorder& occupancy() final { return places_.in_use_record(); }
    // Someone arriving now would be admitted at once.
    bool has_place_for(sim::Time now, const Patient& patient) const final {
        Visit v;
        v.patient = patient;
        return entry_of(now, v) == Entry::admit;
    }
    bool has_free_place() const final { return places_.has_free_place(); }

protected:
    enum class Entry { admit, wait, turn_away };

    // Which hooks a kind overrides: entry(), and those of an arrival, an admission and the end of
    // a stay that a lean unit leaves out where the kind keeps them as they are here (the counts,
    // admitted, gone and before_change). Each kind passes overrides_of<itself>().
    struct Overrides {
        bool entry;
        bool stay_hooks;
    };
    template <class Kind>
    static constexpr Overrides overrides_of();

    // `capacity` places (changed over time by `schedule`), a line of the given discipline in
    // front of them (none: nobody waits), and the patience of those who wait, if any.
    StayLifecycle(const UnitContext& c, std::size_t capacity, sim::QueueDiscipline line,
                  const std::vector<CapacityRule>& schedule, const std::optional<sim::Distribution>& patience,
                  Overrides overrides);

    // What happens to someone who arrives now, where not by the usual rule (a free place admits;
    // a full unit turns the arrival away where it has no line, and otherwise they wait).
    virtual Entry entry(sim::Time, const Visit&) const { return by_free_place(); }
    // Whether this arrival draws a patience (acute patients at a ward never wait, so draw none).
    virtual bool draws_patience(const Patient&) const { return true; }
    // Whether those in line may be admitted now (a ward's planned admissions close in summer).
    virtual bool admits_from_line() const { return true; }
    // Called before every change of occupancy or capacity, for books kept between changes.
    virtual void before_change(sim::Time) {}
    // Kind-specific counts, called only within the observed period.
    virtual void counted_arrival(const Visit&) {}
    virtual void counted_admission(const Visit&) {}
    virtual void counted_turned_away(const Visit&, Destination) {}
    // Every admission, and every visit that ends here (a stay over, or a wait given up), in or
    // out of the observed period: for what a kind must follow beyond its counts.
    virtual void admitted(sim::Time, const Visit&) {}
    virtual void gone(sim::Time, const Visit&) {}
    // Whether the wait of an admitted person is one the unit reports (a ward: planned only).
    virtual bool reports_wait(const Visit&) const { return true; }
    // The kind's own events, numbered from kind_event; and what it does when the books open
    // and close.
    virtual void on_kind_event(sim::Time, std::uint32_t, std::uint32_t) {}
    virtual void observation_started(sim::Time) {}
    virtual void observation_finished(sim::Time) {}
    static constexpr std::uint32_t kind_event = 4;

    // Someone already staying when the run starts: no admission or wait is counted or booked.
    void start_staying(const Visit& v, sim::RandomStream& stream) final;
    // Someone already waiting: in line in the order given (longest wait first), with the
    // patience they have left given the time waited; the free places take them at time 0.
    void start_waiting(const Visit& v, std::optional<double> waited, sim::RandomStream& stream) final;
    // Admits from the line while places are free and admits_from_line() allows; those waiting
    // elsewhere for a place here, ready for discharge, go first (never so at a lean unit).
    // Nobody waiting, the usual case and always so without a line, costs a test here instead
    // of a call.
    template <bool Lean = false>
    void admit_from_line(sim::Time now) {
        if (places_.waiting() > 0 || (!Lean && ctx_.router.anyone_waiting_for(ctx_.index))) admit_waiting<Lean>(now);
    }
    void stay_ended(sim::Time now, std::uint32_t id) final;

    sim::CapacityPool places_;
    // Counts over the observed period, and the waits of those who arrived in it.
    std::uint64_t arrivals_ = 0, admitted_ = 0, turned_away_ = 0, reneged_ = 0, waited_ = 0;
    sim::Tally waits_;
    sim::Tally stay_lengths_{sim::Tally::Keep::moments_only};

private:
    enum Event : std::uint32_t { stay_over, patience_ran_out, capacity_change, line_at_start };
    // The entry of every arrival. The usual rule is decided here rather than by a virtual call,
    // which cost 4 % of an M/M/2/2 run (bench/README.md).
    Entry entry_of(sim::Time now, const Visit& v) const { return own_entry_ ? entry(now, v) : by_free_place(); }
    Entry by_free_place() const {
        if (places_.has_free_place()) return Entry::admit;
        return places_.discipline() == sim::QueueDiscipline::none ? Entry::turn_away : Entry::wait;
    }
    // The arrival, admission and end of a stay, and the line's admission, as a lean unit of a
    // kind with the usual hooks (lean_path_) or any unit takes them.
    template <bool Lean>
    void arrive_as(sim::Time now, const Patient& arriving);
    // Inlined into the arrival and the line's admission: a call here cost a frame per admission.
    template <bool Lean>
    [[gnu::always_inline]] void admit(sim::Time now, std::uint32_t id);
    template <bool Lean>
    void stay_ended_as(sim::Time now, std::uint32_t id);
    // admit_from_line() where someone waits.
    template <bool Lean>
    void admit_waiting(sim::Time now);

    std::optional<sim::Distribution> patience_;  // a copy: sampling advances its state
    std::optional<sim::RandomStream> patience_stream_;  // made only where there is a patience
    std::vector<std::pair<sim::Time, std::size_t>> capacity_changes_;
    bool line_at_start_ = false;  // people waiting at the start, admitted at time 0 if places are free
    bool own_entry_;   // the kind overrides entry()
    bool lean_path_;   // lean(), and the kind keeps the hooks a lean unit leaves out
};

template <class Kind>
constexpr StayLifecycle::Overrides StayLifecycle::overrides_of() {
    // A hook the kind does not declare is named through it as the lifecycle's own: a pointer to a
    // member of StayLifecycle. One it declares is a pointer to a member of Kind, or, if private,
    // cannot be named here at all.
    using V = const Visit&;
    using L = StayLifecycle;
    return {
        .entry = !requires { { &Kind::entry } -> std::same_as<Entry (L::*)(sim::Time, V) const>; },
        .stay_hooks = !requires {
            { &Kind::counted_arrival } -> std::same_as<void (L::*)(V)>;
            { &Kind::counted_admission } -> std::same_as<void (L::*)(V)>;
            { &Kind::admitted } -> std::same_as<void (L::*)(sim::Time, V)>;
            { &Kind::gone } -> std::same_as<void (L::*)(sim::Time, V)>;
            { &Kind::before_change } -> std::same_as<void (L::*)(sim::Time)>;
        },
    };
}

// Capacity in force each day, as (time, capacity) change points over [0, horizon].
std::vector<std::pair<sim::Time, std::size_t>> capacity_change_points(std::size_t base,
                                                                      const std::vector<CapacityRule>& rules,
                                                                      const sim::CalendarTable& calendar, sim::Time horizon);

}  // namespace kapsim::models
