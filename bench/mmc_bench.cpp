// The whole model against a plain loop: the same M/M/c queue (bench/mmc.yaml) run by kapsim,
// through the scenario loader, the pool unit and the engine, and by the event loop a
// competent programmer writes by hand in an afternoon. The ratio of their throughputs is the
// price of kapsim's generality; the target is at least half the plain loop's speed.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <functional>
#include <queue>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"
#include "sim/quantity.hpp"

namespace {

using kapsim::models::Scenario;

const Scenario& mmc_scenario() {
    static const Scenario scenario = kapsim::models::load_scenario(KAPSIM_SOURCE_DIR "/bench/mmc.yaml");
    return scenario;
}

std::size_t metric_index(const Scenario& scenario, const std::string& metric) {
    const auto catalog = kapsim::models::metric_catalog(scenario);
    for (std::size_t i = 0; i < catalog.size(); ++i)
        if (catalog[i].metric == metric) return i;
    throw std::logic_error("no metric " + metric);
}

struct Throughput {
    double arrivals = 0;
    double seconds = 0;
    double per_second() const { return seconds > 0 ? arrivals / seconds : 0; }
};
Throughput plain_loop_throughput;  // filled by BM_PlainLoop, which runs first
Throughput kapsim_throughput;

// CPU time of this thread, as Google Benchmark divides rate counters by, so the ratio printed
// at the end agrees with the counters even when other work shares the machine.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// ---- The plain loop: M/M/c, first come first served, as one writes it by hand. ----

struct PlainResult {
    std::uint64_t arrivals;
    double mean_wait;
    double occupancy_mean;
};

PlainResult plain_mmc(double rate, int servers, double mean_service, double horizon, std::uint64_t seed) {
    enum Kind { arrival, departure };
    using Event = std::pair<double, Kind>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    std::mt19937_64 rng(seed);
    std::exponential_distribution<double> gap(rate), service(1.0 / mean_service);
    std::queue<double> waiting;  // arrival times of those waiting
    int busy = 0;
    std::uint64_t arrivals = 0, started = 0;
    double now = 0, wait_sum = 0, busy_area = 0;

    events.push({gap(rng), arrival});
    while (events.top().first <= horizon) {
        const auto [t, kind] = events.top();
        events.pop();
        busy_area += busy * (t - now);
        now = t;
        if (kind == arrival) {
            ++arrivals;
            events.push({now + gap(rng), arrival});
            if (busy < servers) {
                ++busy;
                ++started;
                events.push({now + service(rng), departure});
            } else {
                waiting.push(now);
            }
        } else if (!waiting.empty()) {  // the freed server takes the next in line
            wait_sum += now - waiting.front();
            waiting.pop();
            ++started;
            events.push({now + service(rng), departure});
        } else {
            --busy;
        }
    }
    busy_area += busy * (horizon - now);
    return {arrivals, wait_sum / static_cast<double>(started), busy_area / horizon};
}

void BM_PlainLoop(benchmark::State& state) {
    const Scenario& s = mmc_scenario();
    const double rate = s.classes.at(0).arrivals.rate_per_day;
    const auto servers = static_cast<int>(std::get<kapsim::models::PoolSpec>(s.units.at(0).parameters).capacity);
    const double mean_service = s.units.at(0).stay.rules.at(0).stay.mean();
    std::uint64_t seed = s.seed;
    double arrivals = 0;
    PlainResult last{};
    const double start = thread_cpu_seconds();
    for (auto _ : state) {
        last = plain_mmc(rate, servers, mean_service, s.horizon_days(), seed++);
        arrivals += static_cast<double>(last.arrivals);
    }
    plain_loop_throughput = {arrivals, thread_cpu_seconds() - start};
    state.counters["arrivals_per_second"] = benchmark::Counter(arrivals, benchmark::Counter::kIsRate);
    state.counters["mean_wait_days"] = last.mean_wait;
    state.counters["occupancy_mean"] = last.occupancy_mean;
}
BENCHMARK(BM_PlainLoop)->Unit(benchmark::kMillisecond);

// ---- kapsim: the same queue from bench/mmc.yaml. ----

void BM_Kapsim(benchmark::State& state) {
    const Scenario& s = mmc_scenario();
    const std::size_t arrivals_metric = metric_index(s, "arrivals_per_year");
    const std::size_t wait_metric = metric_index(s, "mean_wait_days");
    const std::size_t occupancy_metric = metric_index(s, "occupancy_mean");
    // Arrivals are counted after the warm-up only; those during it are added at their
    // expected number (1e3 out of 4e6, so the error is about one in 1e5).
    const double observed_years = s.run_length_days / kapsim::sim::days_per_year;
    const double warmup_arrivals = s.classes.at(0).arrivals.rate_per_day * s.warmup_days;
    std::size_t replication = 0;
    double arrivals = 0;
    kapsim::models::ReplicationResult last;
    const double start = thread_cpu_seconds();
    for (auto _ : state) {
        last = kapsim::models::run_replication(s, replication++ % s.replications);
        arrivals += std::round(last.metrics[arrivals_metric] * observed_years) + warmup_arrivals;
    }
    kapsim_throughput = {arrivals, thread_cpu_seconds() - start};
    state.counters["arrivals_per_second"] = benchmark::Counter(arrivals, benchmark::Counter::kIsRate);
    state.counters["mean_wait_days"] = last.metrics[wait_metric];
    state.counters["occupancy_mean"] = last.metrics[occupancy_metric];
    if (plain_loop_throughput.per_second() > 0)
        state.counters["vs_plain_loop"] = kapsim_throughput.per_second() / plain_loop_throughput.per_second();
}
BENCHMARK(BM_Kapsim)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (plain_loop_throughput.per_second() > 0 && kapsim_throughput.per_second() > 0)
        std::fprintf(stderr, "kapsim %.3g arrivals/s, plain loop %.3g arrivals/s: kapsim runs at %.2f of the plain loop's speed (target >= 0.5)\n",
                     kapsim_throughput.per_second(), plain_loop_throughput.per_second(),
                     kapsim_throughput.per_second() / plain_loop_throughput.per_second());
    return 0;
}
