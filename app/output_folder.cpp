#include "output_folder.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "models/input_error.hpp"

namespace kapsim::app {
namespace {

namespace fs = std::filesystem;

// ".<name>.tmp-" + pid + "-" + a counter: room for both.
constexpr std::size_t temporary_suffix_bytes = 1 + 5 + 10 + 1 + 8;

[[noreturn]] void refuse(const fs::path& target, const std::string& what, const std::string& hint) {
    throw models::InputError({"--out " + target.string(), 0, 0}, what, hint);
}

// The process that named a temporary `.<x>.tmp-<pid>...` is gone, or is no kapsim: a pid
// reused by another program does not keep a stale folder alive.
bool left_by_ended_process(const std::string& name) {
    const auto at = name.rfind(".tmp-");
    if (name.empty() || name[0] != '.' || at == std::string::npos || at == 0) return false;
    std::size_t end = at + 5;
    long pid = 0;
    while (end < name.size() && name[end] >= '0' && name[end] <= '9' && pid < 100000000) pid = pid * 10 + (name[end++] - '0');
    if (end == at + 5 || (end < name.size() && name[end] != '-') || pid <= 0) return false;
    if (pid == ::getpid()) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return true;
    std::error_code a, b;
    const auto theirs = fs::read_symlink(fmt::format("/proc/{}/exe", pid), a);
    const auto ours = fs::read_symlink("/proc/self/exe", b);
    return !a && !b && theirs != ours;
}

}  // namespace

bool is_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned char low = 0x80, high = 0xBF;  // the second byte's range: no overlong forms, no surrogates
        if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
        else return false;
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (d < low || d > high) : (d & 0xC0) != 0x80) return false;
        }
        i += n + 1;
    }
    return true;
}

void check_folder_name(const std::string& name, const std::string& where) {
    const auto fail = [&](const std::string& what, const std::string& hint) {
        throw models::InputError({where, 0, 0}, what, hint);
    };
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos)
        fail(fmt::format("'{}' cannot be a folder's name", name), "use letters, digits, '-' and '_'");
    if (!is_utf8(name))
        fail("the folder name is not valid UTF-8 text (perhaps Latin-1)",
             "use a name in UTF-8, e.g. with only letters, digits, '-' and '_'");
    if (name.size() + temporary_suffix_bytes > NAME_MAX)
        fail(fmt::format("the folder name '{}...' is {} bytes; at most {} fit in a folder's name here", name.substr(0, 40),
                         name.size(), NAME_MAX - temporary_suffix_bytes),
             "choose a shorter --out, or a shorter scenario name");
}

void remove_stale_temporaries(const fs::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || !left_by_ended_process(name)) continue;
        std::error_code ignored;
        fs::remove_all(it->path(), ignored);
    }
}

fs::path check_output_folder(const fs::path& target, bool replaced_whole) {
    const std::string hint = "give --out a new folder, or one that holds earlier kapsim results";
    if (target.empty()) refuse(target, "no folder named", hint);
    for (const auto& part : target) {
        const std::string p = part.string();
        if (p == "/" || p.empty() || p == "." || p == "..") continue;
        check_folder_name(p, "--out " + target.string());
    }
    std::error_code ec;
    fs::path real = fs::weakly_canonical(fs::absolute(target, ec), ec);
    if (ec) refuse(target, fmt::format("cannot resolve the folder: {}", ec.message()), hint);
    if (real.filename().empty()) real = real.parent_path();
    if (real == real.root_path()) refuse(target, "the root folder cannot be a results folder", hint);
    const fs::path cwd = fs::current_path(ec);
    if (!ec) {
        const auto rel = cwd.lexically_relative(real);
        if (!rel.empty() && *rel.begin() != "..")
            refuse(target, "the folder holds the folder kapsim runs in; it cannot be replaced by results", hint);
    }
    const auto status = fs::status(real, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status))
            refuse(target, fs::is_regular_file(status) ? "is a file, not a folder" : "is not a folder (a device or other special file)",
                   hint);
        // An older results folder is replaced whole; any other folder would lose its files.
        bool empty = true;
        for (fs::directory_iterator it(real, ec), end; !ec && it != end; it.increment(ec)) {
            empty = false;
            break;
        }
        if (replaced_whole && !empty && !fs::exists(real / "manifest.json") && !fs::exists(real / "sweep.journal"))
            refuse(target, "the folder holds files that are not kapsim results; they would be replaced", hint);
    }
    const fs::path parent = real.parent_path();
    fs::create_directories(parent, ec);
    if (ec) refuse(target, fmt::format("cannot make the folder {}: {}", parent.string(), ec.message()), hint);
    if (!fs::is_directory(parent, ec)) refuse(target, fmt::format("{} is not a folder", parent.string()), hint);
    if (::access(parent.c_str(), W_OK | X_OK) != 0 || (fs::is_directory(real, ec) && ::access(real.c_str(), W_OK | X_OK) != 0))
        refuse(target, fmt::format("cannot write in {}: {}", fs::is_directory(real, ec) ? real.string() : parent.string(),
                                   std::strerror(errno)),
               "choose a folder you may write in");
    remove_stale_temporaries(parent, fmt::format(".{}.tmp-", real.filename().string()));
    return real;
}

OutputFolder OutputFolder::prepare(const fs::path& target) {
    const fs::path real = check_output_folder(target, true);
    const fs::path parent = real.parent_path();
    static std::atomic<unsigned> counter{0};
    const fs::path staging =
        parent / fmt::format(".{}.tmp-{}-{}", real.filename().string(), ::getpid(), counter.fetch_add(1));
    if (::mkdir(staging.c_str(), 0755) != 0)
        refuse(target, fmt::format("cannot write in {}: {}", parent.string(), std::strerror(errno)),
               "choose a folder you may write in");
    return OutputFolder(target, real, staging);
}

OutputFolder::OutputFolder(fs::path target, fs::path real_target, fs::path staging)
    : target_(std::move(target)), real_target_(std::move(real_target)), staging_(std::move(staging)) {}

OutputFolder::OutputFolder(OutputFolder&& other) noexcept
    : target_(std::move(other.target_)), real_target_(std::move(other.real_target_)), staging_(std::move(other.staging_)) {
    other.staging_.clear();
}

OutputFolder::~OutputFolder() {
    if (staging_.empty()) return;
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
}

void OutputFolder::commit() {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(real_target_, ec))) {
        // Swap the two folders in one step, then remove the old results now at the temporary name.
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, real_target_.c_str(), RENAME_EXCHANGE) != 0) {
            if (errno != EINVAL && errno != ENOSYS)
                throw std::runtime_error(fmt::format("cannot replace {}: {}", target_.string(), std::strerror(errno)));
            // A file system without exchange: move the old folder aside first.
            const fs::path aside = real_target_.parent_path() /
                                   fmt::format(".{}.tmp-{}-old", real_target_.filename().string(), ::getpid());
            if (::rename(real_target_.c_str(), aside.c_str()) != 0 || ::rename(staging_.c_str(), real_target_.c_str()) != 0)
                throw std::runtime_error(fmt::format("cannot replace {}: {}", target_.string(), std::strerror(errno)));
            fs::remove_all(aside, ec);
            staging_.clear();
            return;
        }
        fs::remove_all(staging_, ec);
    } else if (::rename(staging_.c_str(), real_target_.c_str()) != 0) {
        throw std::runtime_error(fmt::format("cannot rename {} to {}: {}", staging_.string(), target_.string(),
                                             std::strerror(errno)));
    }
    staging_.clear();
    const int dir_fd = ::open(real_target_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
}

}  // namespace kapsim::app
