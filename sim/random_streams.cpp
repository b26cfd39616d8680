#include "random_streams.hpp"

#include <boost/random/seed_seq.hpp>

namespace kapsim::sim {
namespace {

// splitmix64 finaliser: spreads nearby keys (replication 1, 2, 3...) far apart.
std::uint64_t mix(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t basis) {
    std::uint64_t h = basis;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

RandomStream RandomStreams::stream(std::string_view purpose) const {
    const std::uint64_t keys[3] = {mix(seed_), mix(replication_ ^ 0x5851f42d4c957f2dULL), mix(fnv1a64(purpose))};
    std::uint32_t words[6];
    for (int i = 0; i < 3; ++i) {
        words[2 * i] = static_cast<std::uint32_t>(keys[i]);
        words[2 * i + 1] = static_cast<std::uint32_t>(keys[i] >> 32);
    }
    boost::random::seed_seq sequence(words, words + 6);
    return RandomStream(sequence);
}

}  // namespace kapsim::sim
