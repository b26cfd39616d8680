#pragma once
// Output files appear whole or not at all: the text goes to a temporary file beside the
// target, is flushed to disk, and is renamed over it. An interrupted run never leaves a
// half-written file, and files already finished stay intact.
#include <filesystem>
#include <string_view>

namespace kapsim::app {

// Creates the file's folder if it does not exist yet.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace kapsim::app
