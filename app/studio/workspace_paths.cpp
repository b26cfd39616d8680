#include "workspace_paths.hpp"

#include <cstdlib>
#include <system_error>
#include <vector>

namespace kapsim::app::studio {
namespace fs = std::filesystem;
namespace {

bool ends_with(const std::string& s, std::string_view end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// The parts of a relative '/'-separated name, each an ordinary file or folder name.
std::vector<std::string> parts_of(const std::string& name) {
    if (name.empty()) throw RefusedPath("no file named");
    if (name.size() > 1024) throw RefusedPath("the name is too long");
    if (name.find('\0') != std::string::npos) throw RefusedPath("the name holds a NUL character");
    if (name.front() == '/' || name.find('\\') != std::string::npos)
        throw RefusedPath("name files relative to the workspace, with '/' between folders");
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (true) {
        const auto slash = name.find('/', from);
        std::string part = name.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
        if (part.empty() || part == "." || part == "..")
            throw RefusedPath("the name may not hold '..', '.' or an empty folder name");
        // kapsim is given these names as arguments, where a leading '-' reads as an option.
        if (part.front() == '-') throw RefusedPath("a file or folder name may not begin with '-'");
        for (const unsigned char c : part)
            if (c < 0x20 || c == 0x7f) throw RefusedPath("the name holds a control character");
        parts.push_back(std::move(part));
        if (slash == std::string::npos) break;
        from = slash + 1;
    }
    return parts;
}

bool is_under(const fs::path& file, const fs::path& dir) {
    auto f = file.begin();
    for (auto d = dir.begin(); d != dir.end(); ++d, ++f)
        if (f == file.end() || *f != *d) return false;
    return true;
}

fs::path canonical_or_same(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    return ec ? dir : canonical;
}

}  // namespace

WorkspacePaths::WorkspacePaths(const fs::path& workspace, fs::path library)
    : workspace_(fs::canonical(workspace)), library_(canonical_or_same(library)) {}

ResolvedPath WorkspacePaths::scenario(const std::string& name) const {
    const auto parts = parts_of(name);
    if (!ends_with(name, ".yaml") && !ends_with(name, ".yml"))
        throw RefusedPath("a scenario file's name ends in .yaml or .yml");
    ResolvedPath resolved{name, {}, parts.front() == "library"};
    const fs::path root = resolved.library ? library_ : workspace_;
    fs::path file = root;
    for (std::size_t i = resolved.library ? 1 : 0; i < parts.size(); ++i) file /= parts[i];
    if (resolved.library && parts.size() < 2) throw RefusedPath("name a file under library/");
    if (!resolved.library && parts.front() == ".kapsim-studio")
        throw RefusedPath("the studio's own folder holds no scenarios to open");
    // A symbolic link (of the file or of any folder on the way) may not lead out of the root:
    // the part of the path that exists is resolved, and must stay under the resolved root.
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(file, ec);
    if (ec || !is_under(real, root)) throw RefusedPath("the name leads out of the workspace");
    resolved.file = real;
    return resolved;
}

std::optional<std::string> WorkspacePaths::name_of(const fs::path& file) const {
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(file, ec);
    if (ec) return std::nullopt;
    if (is_under(real, library_)) return "library/" + real.lexically_relative(library_).generic_string();
    if (is_under(real, workspace_)) return real.lexically_relative(workspace_).generic_string();
    return std::nullopt;
}

fs::path shipped_scenarios_dir() {
    if (const char* env = std::getenv("KAPSIM_SCENARIO_DIR"); env && *env) return env;
    return KAPSIM_SCENARIO_DIR;
}

}  // namespace kapsim::app::studio
