// The event loop one writes by hand for one queue, as a program of its own, so that a whole
// process of it can be timed against a whole process of kapsim (bench/whole_process.sh): the
// M/M/c loop of mmc_bench.cpp, with a line (FIFO) or without one (a loss system, M/M/c/c).
//
//   kapsim_plain_loop SERVERS RATE_PER_DAY MEAN_SERVICE_DAYS fifo|loss DAYS REPLICATIONS [SEED]
//
// Runs REPLICATIONS independent replications of DAYS days each, one after the other, and
// prints the arrivals, the share turned away, the mean wait and the mean number busy.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <queue>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Result {
    std::uint64_t arrivals = 0, lost = 0, started = 0;
    double wait_sum = 0, busy_area = 0;
};

void replicate(int servers, double rate, double mean_service, bool fifo, double horizon, std::uint64_t seed, Result& total) {
    enum Kind { arrival, departure };
    using Event = std::pair<double, Kind>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    std::mt19937_64 rng(seed);
    std::exponential_distribution<double> gap(rate), service(1.0 / mean_service);
    std::queue<double> waiting;  // arrival times of those waiting
    int busy = 0;
    double now = 0;

    events.push({gap(rng), arrival});
    while (events.top().first <= horizon) {
        const auto [t, kind] = events.top();
        events.pop();
        total.busy_area += busy * (t - now);
        now = t;
        if (kind == arrival) {
            ++total.arrivals;
            events.push({now + gap(rng), arrival});
            if (busy < servers) {
                ++busy;
                ++total.started;
                events.push({now + service(rng), departure});
            } else if (fifo) {
                waiting.push(now);
            } else {
                ++total.lost;
            }
        } else if (!waiting.empty()) {  // the freed server takes the next in line
            total.wait_sum += now - waiting.front();
            waiting.pop();
            ++total.started;
            events.push({now + service(rng), departure});
        } else {
            --busy;
        }
    }
    total.busy_area += busy * (horizon - now);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 7 || (std::string(argv[4]) != "fifo" && std::string(argv[4]) != "loss")) {
        std::fprintf(stderr, "usage: %s SERVERS RATE_PER_DAY MEAN_SERVICE_DAYS fifo|loss DAYS REPLICATIONS [SEED]\n", argv[0]);
        return 2;
    }
    const int servers = std::atoi(argv[1]);
    const double rate = std::atof(argv[2]), mean_service = std::atof(argv[3]), days = std::atof(argv[5]);
    const bool fifo = std::string(argv[4]) == "fifo";
    const int replications = std::atoi(argv[6]);
    const std::uint64_t seed = argc > 7 ? std::strtoull(argv[7], nullptr, 10) : 1;
    Result total;
    for (int r = 0; r < replications; ++r) replicate(servers, rate, mean_service, fifo, days, seed + r, total);
    std::printf("arrivals %llu\nshare_lost %.6f\nmean_wait_days %.6f\nmean_busy %.6f\n",
                static_cast<unsigned long long>(total.arrivals),
                static_cast<double>(total.lost) / static_cast<double>(total.arrivals),
                total.wait_sum / static_cast<double>(total.started), total.busy_area / (days * replications));
    return 0;
}
