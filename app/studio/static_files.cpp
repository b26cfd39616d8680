#include "static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>

namespace kapsim::app::studio {
namespace fs = std::filesystem;
namespace {

constexpr std::array<std::string_view, 6> vendor_packages{"preact", "htm", "yaml", "vega", "vega-lite", "vega-embed"};

std::string type_of(const fs::path& file, bool page_file) {
    const std::string ext = file.extension().string();
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".html" && page_file) return "text/html; charset=utf-8";
    if (ext == ".json" && !page_file) return "application/json";
    if (ext == ".map" && !page_file) return "application/json";
    return "";
}

bool plain_relative(const std::string& relative) {
    if (relative.empty() || relative.front() == '/' || relative.find('\0') != std::string::npos ||
        relative.find('\\') != std::string::npos)
        return false;
    for (const auto& part : fs::path(relative))
        if (part == ".." || part == "." || part.empty()) return false;
    return true;
}

}  // namespace

StaticFiles::StaticFiles(fs::path web_dir) : web_dir_(std::move(web_dir)) {}

std::optional<StaticFile> StaticFiles::read(const fs::path& root, const std::string& relative, bool page_file) const {
    if (!plain_relative(relative)) return std::nullopt;
    const fs::path file = root / relative;
    const std::string type = type_of(file, page_file);
    if (type.empty()) return std::nullopt;
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    const fs::path real_root = fs::canonical(root, ec);
    if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
    // node_modules may hold links between packages; a served file still lies in the root.
    if (real.generic_string().rfind(real_root.generic_string() + "/", 0) != 0) return std::nullopt;
    std::ifstream in(real, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return StaticFile{text.str(), type};
}

std::optional<StaticFile> StaticFiles::index() const { return read(web_dir_ / "studio", "index.html", true); }

std::optional<StaticFile> StaticFiles::find(const std::string& url_path) const {
    constexpr std::string_view studio = "/studio/", vendor = "/vendor/";
    if (url_path.rfind(studio, 0) == 0) return read(web_dir_ / "studio", url_path.substr(studio.size()), true);
    if (url_path.rfind(vendor, 0) != 0) return std::nullopt;
    const std::string rest = url_path.substr(vendor.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos) return std::nullopt;
    const std::string package = rest.substr(0, slash);
    for (const auto allowed : vendor_packages)
        if (package == allowed)
            return read(web_dir_ / "node_modules" / package, rest.substr(slash + 1), false);
    return std::nullopt;
}

}  // namespace kapsim::app::studio
