#pragma once
// The page's own files (web/studio/) and the few npm packages it imports (web/node_modules/),
// read from the same web folder the report uses. Only the listed packages and file types are
// served, so the studio never hands out anything else that lies in those folders.
#include <filesystem>
#include <optional>
#include <string>

namespace kapsim::app::studio {

struct StaticFile {
    std::string content;
    std::string content_type;
};

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path web_dir);

    // The page, for GET / and /index.html.
    std::optional<StaticFile> index() const;
    // "/studio/app.js" or "/vendor/preact/dist/preact.module.js"; nothing when not allowed or absent.
    std::optional<StaticFile> find(const std::string& url_path) const;

private:
    std::optional<StaticFile> read(const std::filesystem::path& root, const std::string& relative,
                                   bool page_file) const;
    std::filesystem::path web_dir_;
};

}  // namespace kapsim::app::studio
