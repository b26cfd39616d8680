#include "fit_runner.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

#include <sys/wait.h>

#include <fmt/format.h>

#include "access_guard.hpp"
#include "app/atomic_file.hpp"
#include "child_process.hpp"
#include "plain_text.hpp"

namespace kapsim::app::studio {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

constexpr auto longest_fit = std::chrono::minutes(5);

// The options as fit's command line; only the known ones, each a plain value.
std::vector<std::string> fit_arguments(const json& options) {
    static const std::pair<const char*, const char*> text_options[] = {
        {"arrival", "--arrival"}, {"admission", "--admission"}, {"discharge", "--discharge"},
        {"class", "--class"},     {"unit", "--unit"},           {"municipality", "--municipality"},
        {"from", "--from"},       {"export_date", "--export-date"}, {"start", "--start"}};
    std::vector<std::string> args;
    for (const auto& [key, option] : text_options) {
        if (!options.contains(key) || options[key].is_null()) continue;
        if (!options[key].is_string()) throw std::invalid_argument(fmt::format("options.{} must be a text", key));
        const auto value = options[key].get<std::string>();
        if (value.empty() || value.front() == '-' || value.size() > 200)
            throw std::invalid_argument(fmt::format("options.{} is not a plain value", key));
        args.insert(args.end(), {option, value});
    }
    for (const auto& [key, option] : {std::pair{"bootstrap", "--bootstrap"}, std::pair{"seed", "--seed"}}) {
        if (!options.contains(key) || options[key].is_null()) continue;
        if (!options[key].is_number_unsigned()) throw std::invalid_argument(fmt::format("options.{} must be a whole number", key));
        args.insert(args.end(), {option, std::to_string(options[key].get<std::uint64_t>())});
    }
    for (const auto& [key, flag] : {std::pair{"skip_bad_rows", "--skip-bad-rows"}, std::pair{"from_today", "--from-today"}})
        if (options.value(key, false) == true) args.emplace_back(flag);
    return args;
}

// The export under its own name where that is a plain file name, since the fitted values cite it
// as their source ("# FITTED: vardtillfallen.csv, ..."); otherwise export.csv or export.xlsx.
std::string export_name(const std::string& uploaded) {
    const std::string base = uploaded.substr(uploaded.find_last_of("/\\") == std::string::npos
                                                 ? 0
                                                 : uploaded.find_last_of("/\\") + 1);
    const std::string ext = fs::path(base).extension().string();
    const bool plain = !base.empty() && base.size() <= 100 && base.front() != '.' && base.front() != '-' &&
                       std::none_of(base.begin(), base.end(), [](char c) {
                           return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"' || c == '\'' ||
                                  c == '<' || c == '>' || c == '&' || c == '`' || c == '$';
                       });
    if (plain && (ext == ".csv" || ext == ".xlsx" || ext == ".txt")) return base;
    return ext == ".xlsx" ? "export.xlsx" : "export.csv";
}

}  // namespace

FitAnswer run_fit(const WorkspacePaths& paths, const fs::path& kapsim_binary, const std::string& file_name,
                  const std::string& data, const json& options) {
    std::vector<std::string> extra;
    try {
        extra = fit_arguments(options);
    } catch (const std::invalid_argument& e) {
        return {400, {{"error", e.what()}}};
    }
    const std::string shown = export_name(file_name);
    const fs::path dir = paths.private_dir() / "fit" / random_token();
    fs::create_directories(dir);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{dir};
    write_file_atomically(dir / shown, data);
    std::vector<std::string> argv{"kapsim", "fit", (dir / shown).string(), "--out",
                                  (dir / "fitted.yaml").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const pid_t pid = start_child_process(kapsim_binary, argv, dir / "stdout.txt", dir / "stderr.txt", {});
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + longest_fit;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return {500, {{"error", "kapsim fit took more than five minutes and was stopped"}}};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string said = file_text(dir / "stdout.txt") + file_text(dir / "stderr.txt");
    replace_all(said, (dir / shown).string(), file_name.empty() ? shown : file_name);
    replace_all(said, dir.string() + "/", "");
    const std::string ending = ending_in_words(status);
    if (!ending.empty()) {
        json body{{"error", said.empty() ? ending : said}, {"text", said}};
        return {WIFEXITED(status) && WEXITSTATUS(status) == 2 ? 400 : 500, body};
    }
    return {200, {{"fragment", file_text(dir / "fitted.yaml")}, {"text", said}}};
}

}  // namespace kapsim::app::studio
