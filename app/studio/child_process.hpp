#pragma once
// A kapsim child process, started without a shell (arguments are never parsed as a command
// line), in a process group of its own so that one signal stops it and all it started, with
// stdout and stderr into files.
#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace kapsim::app::studio {

// Throws std::runtime_error when it cannot start. `environment` is added to ours (NAME=value;
// a name given replaces ours). `working_dir` empty: ours. `program` is an absolute path; argv[0]
// is the name the child sees ("kapsim", as its manifest then records it).
pid_t start_child_process(const std::filesystem::path& program, const std::vector<std::string>& argv, const std::filesystem::path& stdout_file,
                          const std::filesystem::path& stderr_file, const std::vector<std::string>& environment,
                          const std::filesystem::path& working_dir = {});

// How a child ended, in words for a person: "" for success (exit code 0).
std::string ending_in_words(int wait_status);

}  // namespace kapsim::app::studio
