#pragma once
// Independent random streams, one per (seed, replication, named purpose), as ns-3 assigns
// them: "arrivals/acute_detox", "stay/avd7". A stream's numbers depend on nothing but those
// three keys, so adding a unit, a class or a bed never shifts the numbers another part of the
// model draws; that is what makes paired comparisons (common random numbers) sharp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>

namespace kapsim::sim {

using RandomStream = boost::random::mt19937_64;

class RandomStreams {
public:
    RandomStreams(std::uint64_t seed, std::uint64_t replication) : seed_(seed), replication_(replication) {}

    RandomStream stream(std::string_view purpose) const;

    std::uint64_t seed() const { return seed_; }
    std::uint64_t replication() const { return replication_; }

private:
    std::uint64_t seed_;
    std::uint64_t replication_;
};

// A stream made the first time it is drawn from. A stream's numbers depend only on its keys,
// so making it late gives the same numbers, and a replication no longer seeds the streams of
// routes, patience or attributes it never uses (seeding one costs more than many draws).
class LazyStream {
public:
    LazyStream(const RandomStreams& streams, std::string purpose) : streams_(&streams), purpose_(std::move(purpose)) {}

    RandomStream& get() {
        if (!stream_) stream_.emplace(streams_->stream(purpose_));
        return *stream_;
    }

private:
    const RandomStreams* streams_;  // outlives the stream: both belong to one replication
    std::string purpose_;
    std::optional<RandomStream> stream_;
};

// 64-bit FNV-1a; stable across platforms and versions, used for stream names and content
// hashes (not for security).
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t basis = 0xcbf29ce484222325ULL);

}  // namespace kapsim::sim
