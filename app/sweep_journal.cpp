#include "sweep_journal.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "models/input_error.hpp"
#include "sim/random_streams.hpp"

namespace kapsim::app {
namespace {

using models::InputError;
using nlohmann::json;

constexpr int journal_format = 1;
constexpr double seconds_between_syncs = 0.5;

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string checksum(std::string_view body) { return fmt::format("{:016x}", sim::fnv1a64(body)); }

json metrics_json(const std::vector<models::MetricKey>& keys) {
    json out = json::array();
    for (const auto& k : keys) out.push_back({k.section, k.id, k.metric});
    return out;
}

json header_json(const SweepHeader& h) {
    return {{"kapsim_sweep_journal", journal_format},
            {"kapsim_version", version},
            {"identity", h.identity()},
            {"name", h.name},
            {"design", h.design},
            {"shard", h.shard ? json(fmt::format("{}/{}", h.shard->index, h.shard->count)) : json(nullptr)},
            {"scenario",
             {{"name", h.scenario.name},
              {"file", h.scenario.file},
              {"content_hash", h.scenario.content_hash},
              {"start", h.scenario.start},
              {"warmup_days", h.scenario.warmup_days},
              {"run_length_days", h.scenario.run_length_days}}},
            {"replications", h.replications},
            {"seed", h.seed},
            {"parameters", h.parameters},
            {"points", h.point_values},
            {"point_hashes", h.point_hashes},
            {"metrics", metrics_json(h.metrics)}};
}

std::optional<Shard> parse_shard_field(const json& j) {
    if (j.is_null()) return std::nullopt;
    const auto text = j.get<std::string>();
    Shard s;
    if (std::sscanf(text.c_str(), "%zu/%zu", &s.index, &s.count) != 2) throw std::invalid_argument("shard");
    return s;
}

SweepHeader header_from_json(const json& j, const std::filesystem::path& path) {
    const InputError damaged({path.string(), 1, 1}, "this is not a kapsim sweep journal, or its header is damaged",
                             "give a directory written by kapsim sweep; to start over, delete the directory");
    try {
        if (j.at("kapsim_sweep_journal").get<int>() != journal_format) throw damaged;
        SweepHeader h;
        h.name = j.at("name").get<std::string>();
        h.design = j.at("design").get<std::string>();
        h.shard = parse_shard_field(j.at("shard"));
        const json& s = j.at("scenario");
        h.scenario = {s.at("name").get<std::string>(),       s.at("file").get<std::string>(),
                      s.at("content_hash").get<std::string>(), s.at("start").get<std::string>(),
                      s.at("warmup_days").get<double>(),      s.at("run_length_days").get<double>()};
        h.replications = j.at("replications").get<std::size_t>();
        h.seed = j.at("seed").get<std::uint64_t>();
        h.parameters = j.at("parameters").get<std::vector<std::string>>();
        h.point_values = j.at("points").get<std::vector<std::vector<std::string>>>();
        h.point_hashes = j.at("point_hashes").get<std::vector<std::string>>();
        for (const auto& k : j.at("metrics")) h.metrics.push_back({k.at(0), k.at(1), k.at(2), {}});  // names only
        if (h.identity() != j.at("identity").get<std::string>()) throw damaged;
        return h;
    } catch (const json::exception&) {
        throw damaged;
    } catch (const std::invalid_argument&) {
        throw damaged;
    }
}

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

int open_for_append(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
    return fd;
}

std::string shard_text(const std::optional<Shard>& s) {
    return s ? fmt::format("shard {}/{}", s->index, s->count) : std::string("the whole sweep");
}

std::string journal_text(const SweepHeader& header, const std::vector<PointResult>& points) {
    std::string text = header_json(header).dump() + "\n";
    for (const auto& p : points) text += point_line(p) + "\n";
    return text;
}

}  // namespace

std::string SweepHeader::identity() const {
    const json j = {{"kapsim_version", version}, {"replications", replications}, {"seed", seed},
                    {"parameters", parameters},  {"points", point_values},       {"point_hashes", point_hashes},
                    {"metrics", metrics_json(metrics)}};
    return checksum(j.dump());
}

std::string point_line(const PointResult& result) {
    std::string body = fmt::format("{}", result.point);
    for (double v : result.values) fmt::format_to(std::back_inserter(body), " {}", v);
    return body + " #" + checksum(body);
}

std::optional<PointResult> parse_point_line(std::string_view line, std::size_t value_count) {
    const auto mark = line.rfind(" #");
    if (mark == std::string_view::npos) return std::nullopt;
    const std::string_view body = line.substr(0, mark);
    if (line.substr(mark + 2) != checksum(body)) return std::nullopt;
    PointResult r;
    const char* p = body.data();
    const char* end = body.data() + body.size();
    auto [after_point, ec] = std::from_chars(p, end, r.point);
    if (ec != std::errc()) return std::nullopt;
    p = after_point;
    while (p != end) {
        if (*p != ' ') return std::nullopt;
        double v = 0;
        auto [next, vec] = std::from_chars(p + 1, end, v);
        if (vec != std::errc()) return std::nullopt;
        r.values.push_back(v);
        p = next;
    }
    if (r.values.size() != value_count) return std::nullopt;
    return r;
}

SweepJournal::Contents SweepJournal::read(const std::filesystem::path& dir) {
    const auto path = dir / file_name;
    if (!std::filesystem::exists(path))
        throw InputError({dir.string(), 0, 0}, "no sweep journal here",
                         fmt::format("give a directory written by kapsim sweep (it holds {})", file_name));
    const std::string text = read_all(path);
    const auto first_end = text.find('\n');
    json header;
    try {
        header = json::parse(text.substr(0, first_end));
    } catch (const json::exception&) {
        header = nullptr;
    }
    Contents c{header_from_json(header, path), {}};
    const std::size_t value_count = c.header.replications * c.header.metrics.size();
    std::map<std::size_t, PointResult> points;
    // Only lines ending in a newline count: a last line without one was cut short.
    for (std::size_t begin = first_end == std::string::npos ? text.size() : first_end + 1; begin < text.size();) {
        const auto end = text.find('\n', begin);
        if (end == std::string::npos) break;
        auto result = parse_point_line(std::string_view(text).substr(begin, end - begin), value_count);
        if (result && result->point < c.header.point_count() && c.header.owns(result->point))
            points.emplace(result->point, std::move(*result));
        begin = end + 1;
    }
    for (auto& [point, result] : points) c.points.push_back(std::move(result));
    return c;
}

SweepJournal SweepJournal::start(const std::filesystem::path& dir, const SweepHeader& header) {
    const auto path = dir / file_name;
    if (std::filesystem::exists(path))
        throw InputError({dir.string(), 0, 0}, "this directory already holds a sweep journal",
                         "add --resume to continue that sweep, or choose another --out");
    std::filesystem::create_directories(dir);
    write_file_atomically(path, journal_text(header, {}));
    return SweepJournal(path, open_for_append(path), {});
}

SweepJournal SweepJournal::resume(const std::filesystem::path& dir, const SweepHeader& header) {
    const auto path = dir / file_name;
    if (!std::filesystem::exists(path)) return start(dir, header);
    Contents c = read(dir);
    if (c.header.identity() != header.identity())
        throw InputError({path.string(), 1, 1}, "the journal belongs to a different sweep",
                         "the sweep file, its scenario or the kapsim version changed since; give a new --out "
                         "directory, or delete this one to start over");
    const bool same_shard = c.header.shard.has_value() == header.shard.has_value() &&
                            (!header.shard || (c.header.shard->index == header.shard->index &&
                                               c.header.shard->count == header.shard->count));
    if (!same_shard)
        throw InputError({path.string(), 1, 1},
                         fmt::format("the journal is of {}, not {}", shard_text(c.header.shard), shard_text(header.shard)),
                         "resume with the --shard the sweep was started with");
    // Rewritten whole, so a line cut short by the crash is gone before anything is appended.
    write_file_atomically(path, journal_text(header, c.points));
    return SweepJournal(path, open_for_append(path), std::move(c.points));
}

SweepJournal::SweepJournal(std::filesystem::path path, int fd, std::vector<PointResult> finished)
    : path_(std::move(path)), fd_(fd), finished_(std::move(finished)), last_sync_(now_seconds()) {}

SweepJournal::SweepJournal(SweepJournal&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), finished_(std::move(other.finished_)), last_sync_(other.last_sync_) {
    other.fd_ = -1;
}

SweepJournal::~SweepJournal() {
    if (fd_ >= 0) {
        ::fsync(fd_);
        ::close(fd_);
    }
}

void SweepJournal::append(const PointResult& result) {
    const std::string line = point_line(result) + "\n";
    // One write per line: a kill leaves at most the last line cut short.
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            // A full disk: stop now; the points journaled so far are kept for --resume.
            throw InputError({path_.string(), 0, 0}, fmt::format("cannot write the sweep journal: {}", std::strerror(errno)),
                             "make room on the disk (or choose another --out), then run the same command with "
                             "--resume: the points already journaled are not run again");
        }
        written += static_cast<std::size_t>(n);
    }
    // What write() put in the page cache survives a killed process; fsync guards against a
    // crash of the machine, at most every half second so slow disks do not stall the workers.
    if (now_seconds() - last_sync_ >= seconds_between_syncs) {
        ::fsync(fd_);
        last_sync_ = now_seconds();
    }
}

void SweepJournal::close() {
    if (fd_ < 0) return;
    const bool ok = ::fsync(fd_) == 0;
    ::close(fd_);
    fd_ = -1;
    if (!ok) throw std::runtime_error(fmt::format("cannot flush {}: {}", path_.string(), std::strerror(errno)));
}

void write_journal(const std::filesystem::path& dir, const SweepHeader& header, const std::vector<PointResult>& points) {
    std::filesystem::create_directories(dir);
    write_file_atomically(dir / SweepJournal::file_name, journal_text(header, points));
}

}  // namespace kapsim::app
