#pragma once
// Reading a results directory's files back safely. They may have been edited, cut short or
// replaced by something else: each file is read only if it is a regular file of bounded
// size, JSON only if its nesting is bounded (the parser recurses once per level), and every
// value the report reads is checked for the type kapsim writes. Whatever is wrong becomes a
// models::InputError naming the file and the place in it, never a crash.
#include <cstddef>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace kapsim::app::report {

inline constexpr std::size_t max_results_file_bytes = std::size_t{256} << 20;
inline constexpr std::size_t max_json_depth = 64;

// The whole file; throws for a file that is missing, not a regular file, or too large.
std::string read_results_text(const std::filesystem::path& path);

// The file as JSON; throws for invalid JSON (with its line and column) and deep nesting.
nlohmann::json read_results_json(const std::filesystem::path& path);

// Each throws models::InputError naming `file` and the JSON pointer of the first value that is
// not what kapsim writes.
void check_summary(const std::filesystem::path& file, const nlohmann::json& summary);
void check_compare(const std::filesystem::path& file, const nlohmann::json& compare);
void check_manifest(const std::filesystem::path& file, const nlohmann::json& manifest);

}  // namespace kapsim::app::report
