#include "child_process.hpp"

#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ;

namespace kapsim::app::studio {

pid_t start_child_process(const std::filesystem::path& program, const std::vector<std::string>& argv, const std::filesystem::path& stdout_file,
                          const std::filesystem::path& stderr_file, const std::vector<std::string>& environment,
                          const std::filesystem::path& working_dir) {
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e) {
        const std::string_view entry(*e);
        bool replaced = false;
        for (const auto& mine : environment)
            if (entry.substr(0, entry.find('=') + 1) == std::string_view(mine).substr(0, mine.find('=') + 1))
                replaced = true;
        if (!replaced) env_text.emplace_back(entry);
    }
    env_text.insert(env_text.end(), environment.begin(), environment.end());

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!working_dir.empty()) posix_spawn_file_actions_addchdir_np(&actions, working_dir.c_str());
    // Signals as a fresh process has them, whatever the server blocked or ignored.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (const int s : {SIGINT, SIGTERM, SIGPIPE, SIGHUP}) sigaddset(&defaults, s);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> args, env;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env_text) env.push_back(const_cast<char*>(e.c_str()));
    env.push_back(nullptr);

    pid_t pid = -1;
    const int error = posix_spawn(&pid, program.c_str(), &actions, &attributes, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (error != 0) throw std::runtime_error(fmt::format("cannot start {}: {}", program.string(), std::strerror(error)));
    return pid;
}

std::string ending_in_words(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status) == 0 ? "" : fmt::format("kapsim stopped with exit code {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return fmt::format("kapsim stopped on signal {} ({})", WTERMSIG(status), ::strsignal(WTERMSIG(status)));
    return "kapsim stopped";
}

}  // namespace kapsim::app::studio
