// A service without a bed limit: the emergency department (akutmottagning), police custody
// (polisarrest), primary care, home. It counts visits and the time they take, which the
// costs turn into kronor per visit or per hour for their payer.
#include <limits>

#include <fmt/format.h>

#include "sim/occupancy_recorder.hpp"
#include "sim/quantity.hpp"
#include "unit_kinds.hpp"
#include "unit_base.hpp"

namespace kapsim::models {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

class ServiceUnit final : public UnitBase {
public:
    explicit ServiceUnit(const UnitContext& c) : UnitBase(c) {}

    void arrive(sim::Time now, const Patient& patient) override {
        Visit v = new_visit(now, patient);
        v.admitted = now;
        record(now, patient, LifeEvent::arrival);
        record(now, patient, LifeEvent::admission);
        v.staying = true;
        ctx_.ledger.admission(now, ctx_.index, patient);
        if (window_.open) {
            ++visits_count_;
            hours_ += v.stay * 24;
            if (keeps_books_by_class()) {
                ClassBooks& books = books_of(v);
                ++books.arrivals;
                ++books.admitted;
                books.stays.add(v.stay);
                books.waits.add(0);  // a service without a limit makes nobody wait
            }
        }
        if (v.stay <= 0) {  // a visit that takes no time passes straight on
            record(now, patient, LifeEvent::discharge);
            ctx_.router.send_after_stay(now, v.next, patient);
            return;
        }
        present_.change(now, present_.level() + 1);
        ctx_.simulation.schedule_in(v.stay, {address_, 0, visits_.open(v)});
    }

    void start_staying(const Visit& person, sim::RandomStream&) override {
        Visit v = person;
        v.staying = true;
        present_.change(0, present_.level() + 1);
        ctx_.simulation.schedule_at(v.stay, {address_, 0, visits_.open(v)});
    }

    void on_event(sim::Time now, std::uint32_t, std::uint32_t id) override { stay_ended(now, id); }
    void stay_ended(sim::Time now, std::uint32_t id) override {
        end_stay(now, id, [&](const Visit&) { present_.change(now, present_.level() - 1); });
    }
    // No limit: a place for everyone.
    bool has_place_for(sim::Time, const Patient&) const override { return true; }
    bool has_free_place() const override { return true; }

    void start_observation(sim::Time now) override {
        UnitBase::start_observation(now);
        visits_count_ = 0;
        hours_ = 0;
        present_.reset(now, present_.level());
    }

    void finish_observation(sim::Time now) override {
        present_.close(now);
        UnitBase::finish_observation(now);
    }

    void report(MetricSheet& m) const override {
        const double years = window_.years();
        m.put("visits_per_year", static_cast<double>(visits_count_) / years);
        m.put("hours_per_year", hours_ / years);
        m.put("mean_visit_hours", visits_count_ ? hours_ / static_cast<double>(visits_count_) : nan);
        m.put("present_mean", present_.observed() > 0 ? present_.mean() : 0.0);
    }

    sim::OccupancyRecorder& occupancy() override { return present_; }

private:
    sim::OccupancyRecorder present_;
    std::uint64_t visits_count_ = 0;
    double hours_ = 0;  // time spent by visits that began in the observed period
};

UnitParameters read_service(const Field& f, const LoadContext& ctx, StayTable& stay) {
    if (f.has("duration"))
        // A mean alone: lognormal with sd 0.6 x the mean, as the shipped emergency visits assume (3h of 5h).
        stay = read_stay_table(f.child("duration"), ctx, {DefaultStayShape::Family::lognormal, 0.6});
    else
        stay.rules.push_back({std::nullopt, std::nullopt, sim::Distribution::fixed(0), std::nullopt});
    return ServiceSpec{};
}

}  // namespace

UnitKind service_kind() {
    return {"service",
            "no capacity limit (emergency department, police custody, primary care, home): counts visits and time",
            "",
            {"duration"},
            read_service,
            [](const UnitParameters&) { return false; },
            [](const UnitParameters&) -> std::optional<CapacityView> { return std::nullopt; },
            [](const UnitParameters&) { return std::string("no capacity limit"); },
            [](const Scenario&, std::size_t) {
                using R = MetricRole;
                using U = MetricUnit;
                return std::vector<MetricSpec>{
                    {"visits_per_year", R::admissions, U::per_year, "visits", "besök", false, 1},
                    {"hours_per_year", R::volume, U::hours_per_year, "time spent", "tid"},
                    {"mean_visit_hours", R::stay, U::hours, "mean visit", "genomsnittlig besökstid"},
                    {"present_mean", R::occupancy, U::persons, "mean present", "genomsnittligt antal närvarande"},
                };
            },
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<ServiceUnit>(c); },
            [](const std::string&) { return std::vector<std::string>{}; },
            R"(scenario:
  name: service-example
  description: An emergency department without a capacity limit
  start: 2024-01-01
  run_length: 20y
  warmup: 30d
  replications: 10
  seed: 106
classes:
  visitors:
    arrivals: {rate: 5/day}
    first_unit: service
units:
  service:
    kind: service
    duration: {distribution: exponential, mean: 3h}
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"", "plats", "platser",
             "Tjänster utan platsbegränsning ({ids}): räknar besök och den tid de tar."},
            {"", "place", "places",
             "Services without a limit on places ({ids}): count visits and the time they take."},
            6};
}

}  // namespace kapsim::models
