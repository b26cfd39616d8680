#pragma once
// The distribution of a non-negative quantity (a wait) in a fixed number of bins, so that its
// quantiles need memory that does not grow with the number of observations, and so with the
// horizon. Zeros (most waits, where few wait) are counted exactly. The bins are log-linear:
//
//   [0, 2^-16) days (about 1.3 s) in 256 bins of width 2^-24 day (about 5 ms);
//   each octave [2^k, 2^(k+1)), k = -16 .. 19, in 256 bins of width 2^k / 256;
//   anything from 2^20 days (2 870 years, beyond any horizon) on in the last bin.
//
// So a bin is never wider than 1/256 (0.4 %) of the values in it, or 5 ms near zero. A
// quantile is read by placing the observations of a bin evenly across it and interpolating
// between order statistics as Tally always did (type 7); the smallest and largest values are
// kept exactly. It is exact to the width of the bin it falls in (for a 90th
// percentile of 10 days, about an hour). All bin edges are exact binary fractions, so where
// a value falls does not depend on rounding.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kapsim::sim {

namespace quantile_bins {
inline constexpr int bits_per_octave = 8;
inline constexpr std::size_t per_octave = std::size_t{1} << bits_per_octave;  // 256
inline constexpr int lowest_octave = -16;                                      // 2^-16 day
static_assert(lowest_octave == -16 && bits_per_octave == 8, "of() and the linear bins below assume these");
inline constexpr int octaves = 36;                                             // up to 2^20 days
inline constexpr std::size_t count = per_octave * (octaves + 1);               // 9 472
static_assert(count <= 65536, "a bin's index is kept in 16 bits");

// The bin of x > 0. A double's bits shifted so that only its exponent and the first
// bits_per_octave bits of its mantissa remain are consecutive integers for consecutive bins.
inline std::size_t of(double x) {
    constexpr double linear_bins_per_day = 0x1p24;  // below 2^lowest_octave: 2^-24 day wide
    constexpr int shift = 52 - bits_per_octave;
    constexpr std::uint64_t first_octave_key = std::uint64_t{1023 + lowest_octave} << bits_per_octave;
    if (x < 0x1p-16) return static_cast<std::size_t>(x * linear_bins_per_day);
    const std::uint64_t key = std::bit_cast<std::uint64_t>(x) >> shift;
    return key - first_octave_key < count - per_octave ? per_octave + (key - first_octave_key) : count - 1;
}
// Its lower edge and width.
double lower_edge(std::size_t bin);
double width(std::size_t bin);
}  // namespace quantile_bins

// One replication's observations as sent on for pooling: the zeros, the non-empty bins in
// increasing order (a bin may appear more than once; counts add), and the exact extremes.
// Four bytes a bin, no more than a wait in single precision took when waits were kept one by
// one; a count beyond 16 bits goes in several entries.
struct QuantileSample {
    struct Bin {
        std::uint16_t index;
        std::uint16_t count;
    };
    std::uint64_t zeros = 0;
    std::vector<Bin> bins;
    double smallest = 0;  // of the non-zero values; meaningless when bins is empty
    double largest = 0;
    std::uint64_t size() const;
};

// Observations counted into the bins. The counts are kept by octave, each octave's 256 made
// when its first value comes: a replication's waits fill a few octaves, and a dense array up
// to the highest bin grew by copying and was faulted in afresh in every replication.
class QuantileHistogram {
public:
    void add(double x) {
        if (x <= 0) {  // waits are not negative; a rounding below zero is a zero
            ++zeros_;
            return;
        }
        ++count_of(quantile_bins::of(x));
        if (nonzero_ == 0 || x < smallest_) smallest_ = x;
        if (nonzero_ == 0 || x > largest_) largest_ = x;
        ++nonzero_;
    }
    void add(const QuantileSample& sample);
    void add(const QuantileHistogram& other);

    std::uint64_t size() const { return zeros_ + nonzero_; }
    // Type 7 (as R and NumPy by default) on the binned values; NaN when empty.
    double quantile(double p) const;
    QuantileSample sample() const;

private:
    // The k-th smallest (0-based), the values of a bin spread evenly across it.
    double order_statistic(std::uint64_t k) const;

    std::uint64_t zeros_ = 0;
    std::uint64_t nonzero_ = 0;
    double smallest_ = 0;
    double largest_ = 0;
    using Octave = std::vector<std::uint64_t>;  // empty, or per_octave counts
    static constexpr std::size_t octave_count = quantile_bins::count / quantile_bins::per_octave;
    std::uint64_t& count_of(std::size_t bin) {
        Octave& o = octaves_[bin >> quantile_bins::bits_per_octave];
        if (o.empty()) o.resize(quantile_bins::per_octave, 0);
        return o[bin & (quantile_bins::per_octave - 1)];
    }
    std::array<Octave, octave_count> octaves_;
};

}  // namespace kapsim::sim
