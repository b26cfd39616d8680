#include "process_share.hpp"

#include <cstring>
#include <type_traits>

#include <fmt/format.h>

#include "models/input_error.hpp"
#include "sim/replications.hpp"
#include "sweep_mpi.hpp"

namespace kapsim::app {
namespace {

constexpr int exit_invalid_input = 2;
constexpr int exit_internal_error = 1;

// A failure as a message: its exit code, then its text.
std::string failure_text(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const ProcessFailure& e) {
        return fmt::format("{}{}", e.exit_code(), e.what());
    } catch (const models::InputError& e) {
        return fmt::format("{}{}", exit_invalid_input, e.what());
    } catch (const std::exception& e) {
        return fmt::format("{}{}", exit_internal_error, e.what());
    } catch (...) {
        return fmt::format("{}an unknown failure", exit_internal_error);
    }
}

[[noreturn]] void throw_failure_text(const std::string& text, int rank) {
    const int code = text.empty() ? exit_internal_error : text[0] - '0';
    std::string message = text.empty() ? std::string() : text.substr(1);
    if (code != exit_invalid_input && rank != 0) message = fmt::format("on MPI rank {}: {}", rank, message);
    throw ProcessFailure(code, message);
}

class ByteWriter {
public:
    template <class T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void put_doubles(const std::vector<double>& v) {
        put<std::uint64_t>(v.size());
        bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
    }
    void put_table(const std::vector<std::vector<double>>& rows) {
        put<std::uint64_t>(rows.size());
        for (const auto& row : rows) put_doubles(row);
    }
    void put_samples(const std::vector<std::pair<std::size_t, sim::QuantileSample>>& samples) {
        put<std::uint64_t>(samples.size());
        for (const auto& [metric, sample] : samples) {
            put<std::uint64_t>(metric);
            put(sample.zeros);
            put(sample.smallest);
            put(sample.largest);
            put<std::uint64_t>(sample.bins.size());
            for (const auto& bin : sample.bins) {
                put(bin.index);
                put(bin.count);
            }
        }
    }
    std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

class ByteReader {
public:
    ByteReader(const std::string& bytes, std::size_t& at) : bytes_(bytes), at_(at) {}

    template <class T>
    T get() {
        T value;
        need(sizeof value);
        std::memcpy(&value, bytes_.data() + at_, sizeof value);
        at_ += sizeof value;
        return value;
    }
    std::size_t count(std::size_t each) {
        const auto n = get<std::uint64_t>();
        if (each > 0 && n > (bytes_.size() - at_) / each) damaged();
        return static_cast<std::size_t>(n);
    }
    std::vector<double> doubles() {
        std::vector<double> v(count(sizeof(double)));
        need(v.size() * sizeof(double));
        if (!v.empty()) std::memcpy(v.data(), bytes_.data() + at_, v.size() * sizeof(double));  // data() may be null
        at_ += v.size() * sizeof(double);
        return v;
    }
    std::vector<std::vector<double>> table() {
        std::vector<std::vector<double>> rows(count(sizeof(std::uint64_t)));
        for (auto& row : rows) row = doubles();
        return rows;
    }
    std::vector<std::pair<std::size_t, sim::QuantileSample>> samples() {
        std::vector<std::pair<std::size_t, sim::QuantileSample>> out(count(5 * sizeof(std::uint64_t)));
        for (auto& [metric, sample] : out) {
            metric = static_cast<std::size_t>(get<std::uint64_t>());
            sample.zeros = get<std::uint64_t>();
            sample.smallest = get<double>();
            sample.largest = get<double>();
            sample.bins.resize(count(2 * sizeof(std::uint16_t)));
            for (auto& bin : sample.bins) {
                bin.index = get<std::uint16_t>();
                bin.count = get<std::uint16_t>();
            }
        }
        return out;
    }

private:
    void need(std::size_t n) const {
        if (n > bytes_.size() - at_) damaged();
    }
    [[noreturn]] static void damaged() { throw std::runtime_error("a process sent damaged replication results"); }

    const std::string& bytes_;
    std::size_t& at_;
};

}  // namespace

std::string replication_bytes(const models::ReplicationResult& r) {
    ByteWriter out;
    out.put_doubles(r.metrics);
    out.put_samples(r.quantile_samples);
    out.put_table(r.occupancy_distribution);
    out.put<std::uint64_t>(r.occupancy_by_month.size());
    for (const auto& months : r.occupancy_by_month) out.put(months);
    out.put_table(r.occupancy_by_run_month);
    out.put_table(r.daily_occupancy);
    out.put_doubles(r.arrival_times);
    out.put<std::uint64_t>(r.by_year.size());
    for (const auto& year : r.by_year) {
        out.put_doubles(year.metrics);
        out.put_samples(year.quantile_samples);
    }
    return out.take();
}

models::ReplicationResult replication_from_bytes(const std::string& bytes, std::size_t& at) {
    ByteReader in(bytes, at);
    models::ReplicationResult r;
    r.metrics = in.doubles();
    r.quantile_samples = in.samples();
    r.occupancy_distribution = in.table();
    r.occupancy_by_month.resize(in.count(sizeof(std::array<double, 12>)));
    for (auto& months : r.occupancy_by_month) months = in.get<std::array<double, 12>>();
    r.occupancy_by_run_month = in.table();
    r.daily_occupancy = in.table();
    r.arrival_times = in.doubles();
    r.by_year.resize(in.count(2 * sizeof(std::uint64_t)));
    for (auto& year : r.by_year) {
        year.metrics = in.doubles();
        year.quantile_samples = in.samples();
    }
    return r;
}

void prepare_on_every_process(const MpiGroup* group, const std::function<void()>& prepare) {
    if (!group) return prepare();
    std::string mine;  // empty: this process is ready
    try {
        prepare();
    } catch (...) {
        mine = failure_text(std::current_exception());
        if (mine.empty()) mine = "1";
    }
    const auto all = group->all_gather(mine);
    for (std::size_t rank = 0; rank < all.size(); ++rank)
        if (!all[rank].empty()) throw_failure_text(all[rank], static_cast<int>(rank));
}

std::vector<models::ReplicationResult> replicate_over_processes(
    const MpiGroup& group, std::size_t count, int threads,
    const std::function<models::ReplicationResult(std::size_t)>& replicate) {
    const auto ranks = static_cast<std::size_t>(group.size());
    const auto rank = static_cast<std::size_t>(group.rank());
    // 'R' and this share's replications, or 'F' and the failure.
    std::string mine = "R";
    try {
        const std::size_t share = count > rank ? (count - rank + ranks - 1) / ranks : 0;
        const auto results = sim::run_replications<models::ReplicationResult>(
            share, threads, [&](std::size_t j) { return replicate(rank + j * ranks); });
        for (const auto& r : results) mine += replication_bytes(r);
    } catch (...) {
        mine = "F" + failure_text(std::current_exception());
    }
    const auto all = group.all_gather(mine);
    for (std::size_t from = 0; from < all.size(); ++from)
        if (all[from].empty() || all[from][0] != 'R') throw_failure_text(all[from].substr(1), static_cast<int>(from));

    std::vector<models::ReplicationResult> results(count);
    std::vector<std::size_t> at(ranks, 1);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t from = i % ranks;
        results[i] = replication_from_bytes(all[from], at[from]);
    }
    for (std::size_t from = 0; from < ranks; ++from)
        if (at[from] != all[from].size())
            throw std::runtime_error("a process sent more replication results than asked");
    return results;
}

}  // namespace kapsim::app
