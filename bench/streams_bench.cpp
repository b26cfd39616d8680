// Random stream micro-benchmarks: what a stream costs to create (one per unit and purpose per
// replication), and what each draw costs on the hot path. std:: references show what the
// same work costs with the standard library alone.
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "sim/distribution.hpp"
#include "sim/random_streams.hpp"

namespace {

using kapsim::sim::Distribution;
using kapsim::sim::RandomStream;
using kapsim::sim::RandomStreams;

// Seeding through seed_seq fills the whole 312-word Mersenne Twister state.
void BM_StreamCreation(benchmark::State& state) {
    const RandomStreams streams(1, 7);
    const std::string purpose = "service/avd7";
    for (auto _ : state) {
        RandomStream s = streams.stream(purpose);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamCreation);

void BM_RawDraw64(benchmark::State& state) {
    RandomStream s = RandomStreams(1, 0).stream("bench/raw");
    for (auto _ : state) benchmark::DoNotOptimize(s());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawDraw64);

void BM_StdRawDraw64(benchmark::State& state) {
    std::mt19937_64 s(1);
    for (auto _ : state) benchmark::DoNotOptimize(s());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdRawDraw64);

// Through Distribution, as units draw: a std::variant visit around Boost's ziggurat.
void BM_ExponentialSample(benchmark::State& state) {
    RandomStream s = RandomStreams(1, 0).stream("bench/exponential");
    Distribution d = Distribution::exponential(9.0);
    for (auto _ : state) benchmark::DoNotOptimize(d.sample(s));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExponentialSample);

void BM_StdExponentialSample(benchmark::State& state) {
    std::mt19937_64 s(1);
    std::exponential_distribution<double> d(1.0 / 9.0);
    for (auto _ : state) benchmark::DoNotOptimize(d(s));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdExponentialSample);

void BM_LognormalSample(benchmark::State& state) {
    RandomStream s = RandomStreams(1, 0).stream("bench/lognormal");
    Distribution d = Distribution::lognormal(9.0, 9.0);
    for (auto _ : state) benchmark::DoNotOptimize(d.sample(s));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LognormalSample);

}  // namespace
