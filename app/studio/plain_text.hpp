#pragma once
// Plain text the studio reads from its files and rewrites for the page: a file's whole text, and
// every occurrence of a name replaced (the staging folder's file names by those the page knows).
#include <filesystem>
#include <string>

namespace kapsim::app::studio {

// The file's bytes as they are; empty when it cannot be read.
std::string file_text(const std::filesystem::path& file);

// Every occurrence of `from` in `text` replaced by `to` (none when `from` is empty).
void replace_all(std::string& text, const std::string& from, const std::string& to);

}  // namespace kapsim::app::studio
