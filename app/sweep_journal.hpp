#pragma once
// The journal of a sweep: an append-only file in the output directory with one line per
// finished point, holding every replication's value of every metric. It is what makes a
// sweep resumable after a crash or a kill, and what shards are merged from; the CSV files
// are always written from it, sorted by point, so a resumed, sharded or MPI run gives the
// same bytes as a run in one go.
//
// The first line is a header (JSON) describing the sweep: parameters, points, metrics,
// replications, seed, and an identity hash of all of these and the kapsim version, so a
// journal is never continued or merged by a different sweep. Each following line is
// `<point> <value>... #<checksum>`; a line without its newline or with a wrong checksum
// (the tail of a write cut short) is ignored, and its point runs again.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/care_system.hpp"

namespace kapsim::app {

struct Shard {
    std::size_t index = 1;  // 1-based, K of "K/N"
    std::size_t count = 1;  // N
    bool owns(std::size_t point) const { return point % count == index - 1; }
};

// What the manifest and the CSV comment lines say about the scenario that was swept.
struct SweptScenario {
    std::string name;
    std::string file;
    std::string content_hash;  // of the scenario with the sweep's seed and replications
    std::string start;         // YYYY-MM-DD
    double warmup_days = 0;
    double run_length_days = 0;
};

struct SweepHeader {
    std::string name;
    std::string design;
    std::optional<Shard> shard;
    SweptScenario scenario;
    std::size_t replications = 0;
    std::uint64_t seed = 0;
    std::vector<std::string> parameters;
    std::vector<std::vector<std::string>> point_values;  // [point][parameter], as written
    std::vector<std::string> point_hashes;               // content hash of each point's scenario
    std::vector<models::MetricKey> metrics;

    // Hash of everything that determines the results: kapsim version, replications, seed,
    // parameters, points (values and scenario content hashes) and metrics.
    std::string identity() const;
    std::size_t point_count() const { return point_values.size(); }
    bool owns(std::size_t point) const { return !shard || shard->owns(point); }
};

struct PointResult {
    std::size_t point = 0;
    std::vector<double> values;  // [replication * metrics + metric]; NaN = not defined
};

// One journal line, without the newline, and back. `parse_point_line` returns nothing for a
// torn or corrupt line.
std::string point_line(const PointResult& result);
std::optional<PointResult> parse_point_line(std::string_view line, std::size_t value_count);

class SweepJournal {
public:
    static constexpr const char* file_name = "sweep.journal";

    // Starts a journal in `dir`. Refuses (InputError) if `dir` already holds one: continuing
    // it needs --resume.
    static SweepJournal start(const std::filesystem::path& dir, const SweepHeader& header);
    // Continues the journal in `dir` (or starts one if there is none): keeps the points it
    // finished, drops a torn last line, and refuses a journal of a different sweep or shard.
    static SweepJournal resume(const std::filesystem::path& dir, const SweepHeader& header);

    struct Contents {
        SweepHeader header;
        std::vector<PointResult> points;  // sorted by point, each once
    };
    // Reads the journal in `dir` without changing it.
    static Contents read(const std::filesystem::path& dir);

    SweepJournal(SweepJournal&& other) noexcept;
    SweepJournal& operator=(SweepJournal&&) = delete;
    ~SweepJournal();

    const std::vector<PointResult>& finished() const { return finished_; }
    // Appends one finished point and flushes it to the file (fsync at most every half
    // second, and on close).
    void append(const PointResult& result);
    void close();

private:
    SweepJournal(std::filesystem::path path, int fd, std::vector<PointResult> finished);

    std::filesystem::path path_;
    int fd_ = -1;
    std::vector<PointResult> finished_;
    double last_sync_ = 0;
};

// Writes a complete journal (header and points) atomically: the output of --merge.
void write_journal(const std::filesystem::path& dir, const SweepHeader& header, const std::vector<PointResult>& points);

}  // namespace kapsim::app
