#include "studio_runs.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "app/atomic_file.hpp"
#include "app/experiment.hpp"
#include "app/work_estimate.hpp"
#include "models/scenario_loader.hpp"
#include "child_process.hpp"
#include "plain_text.hpp"
#include "scenario_check_json.hpp"

namespace kapsim::app::studio {
namespace fs = std::filesystem;
using nlohmann::json;

struct StudioRuns::Run {
    std::string id;
    std::string command;  // compare, capacity, sweep
    fs::path dir;
    std::unique_ptr<StagedScenario> staged;
    pid_t pid = -1;
    std::string state = "running";
    std::string error;
    double estimate_seconds = 0;
};

namespace {

constexpr std::size_t most_error_bytes = 64 * 1024;

std::string read_text(const fs::path& file, std::size_t most = std::string::npos) {
    std::string text = file_text(file);
    if (text.size() > most) text = text.substr(0, most) + "\n...";
    return text;
}

std::string checked_lang(const json& request) {
    const std::string lang = request.value("lang", "sv");
    if (lang != "sv" && lang != "en") throw BadRunRequest("lang is sv or en");
    return lang;
}

// A value passed to the child as an argument: plain text that no option parser takes for an option.
std::string plain_argument(const json& value, const char* what) {
    if (!value.is_string()) throw BadRunRequest(fmt::format("{} must be a string", what));
    const auto text = value.get<std::string>();
    if (text.empty() || text.size() > 200 || text.front() == '-' || text.find_first_of("\n\r\0", 0, 3) != std::string::npos)
        throw BadRunRequest(fmt::format("{} is not a plain name", what));
    return text;
}

long long whole_number(const json& value, long long low, long long high, const char* what) {
    if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high)
        throw BadRunRequest(fmt::format("{} must be a whole number from {} to {}", what, low, high));
    return value.get<long long>();
}

// The sweep file for one assumption at several values, beside the staged scenario.
std::string sweep_file_text(const fs::path& scenario_relative, const json& sweep, std::optional<long long> replications) {
    if (!sweep.is_object()) throw BadRunRequest("options.sweep must be {\"path\": ..., \"values\": [...]}");
    const std::string path = plain_argument(sweep.value("path", json()), "options.sweep.path");
    const json values = sweep.value("values", json());
    if (!values.is_array() || values.empty() || values.size() > 200)
        throw BadRunRequest("options.sweep.values must list 1 to 200 values");
    for (const auto& v : values)
        if (!v.is_string() && !v.is_number()) throw BadRunRequest("each value of a sweep is a number or a text");
    // JSON is YAML: quoted keys and values keep every character as the page sent it.
    std::string text = "name: studio-sweep\n";
    text += fmt::format("scenario: {}\n", json(scenario_relative.generic_string()).dump());
    if (replications) text += fmt::format("replications: {}\n", *replications);
    text += fmt::format("parameters:\n  {}: {}\n", json(path).dump(), values.dump());
    return text;
}

}  // namespace

StudioRuns::StudioRuns(const WorkspacePaths& paths, fs::path kapsim_binary)
    : paths_(paths), kapsim_binary_(std::move(kapsim_binary)), reaper_([this] { reap(); }) {}

StudioRuns::~StudioRuns() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, run] : runs_)
            if (run->state == "running" && run->pid > 0) {
                ::kill(-run->pid, SIGKILL);
                ::waitpid(run->pid, nullptr, 0);
                run->state = "cancelled";
            }
    }
    wake_.notify_all();
    reaper_.join();
}

json StudioRuns::start(const json& request) {
    if (!request.is_object()) throw BadRunRequest("the body must be a JSON object");
    if (!request.contains("text") || !request["text"].is_string()) throw BadRunRequest("text (the scenario) is missing");
    const std::string command = request.value("command", "compare");
    if (command != "compare" && command != "capacity" && command != "sweep")
        throw BadRunRequest("command is compare, capacity or sweep");
    const std::string lang = checked_lang(request);
    const json options = request.value("options", json::object());
    if (!options.is_object()) throw BadRunRequest("options must be a JSON object");
    std::optional<long long> replications;
    if (options.contains("replications") && !options["replications"].is_null())
        replications = whole_number(options["replications"], 2, 100000, "options.replications");
    std::optional<ResolvedPath> as;
    if (request.contains("path") && request["path"].is_string() && !request["path"].get<std::string>().empty())
        as = paths_.scenario(request["path"].get<std::string>());

    const std::lock_guard lock(mutex_);
    const auto running = std::count_if(runs_.begin(), runs_.end(), [](const auto& r) { return r.second->state == "running"; });
    if (static_cast<std::size_t>(running) >= most_running)
        throw TooManyRuns(fmt::format("{} runs are already running; wait for one to finish or cancel it", most_running));

    auto run = std::make_unique<Run>();
    const fs::path runs_dir = paths_.private_dir() / "runs";
    do run->id = fmt::format("r{}", next_id_++);
    while (fs::exists(runs_dir / run->id));  // runs of an earlier session stay as they were
    run->command = command;
    run->dir = runs_dir / run->id;
    fs::create_directories(run->dir);
    // A request refused from here on leaves no folder behind.
    struct RemoveUnlessKept {
        fs::path dir;
        bool keep = false;
        ~RemoveUnlessKept() {
            std::error_code ignored;
            if (!keep) fs::remove_all(dir, ignored);
        }
    } folder{run->dir};
    const std::string text = request["text"].get<std::string>();
    write_file_atomically(run->dir / "scenario.yaml", text);
    run->staged = std::make_unique<StagedScenario>(paths_, as, text, run->dir / "stage", false);
    const std::string scenario = run->staged->file().string();
    // The child runs in the staging folder with names relative to it, so that the command line
    // the report and manifest record reads as the planner's: kapsim compare my/ward.yaml --out ../results.
    const fs::path stage = run->dir / "stage";
    const std::string scenario_name = run->staged->file().lexically_relative(stage).generic_string();
    const std::string results = "../results";

    std::vector<std::string> argv{"kapsim"};
    std::size_t alternatives = alternatives_in(scenario);
    if (command == "compare") {
        // A file without variants is the base alone: a run, with the same outputs and report.
        argv.insert(argv.end(), {alternatives > 1 ? "compare" : "run", scenario_name, "--out", results, "--report-lang", lang,
                                 "--format", "xlsx", "--quiet"});
    } else if (command == "capacity") {
        const json capacity = options.value("capacity", json());
        if (!capacity.is_object()) throw BadRunRequest("options.capacity must be {\"unit\": ..., \"from\": ..., \"to\": ...}");
        const auto unit = plain_argument(capacity.value("unit", json()), "options.capacity.unit");
        const auto from = whole_number(capacity.value("from", json()), 0, 100000, "options.capacity.from");
        const auto to = whole_number(capacity.value("to", json()), from, from + 1000, "options.capacity.to");
        alternatives = static_cast<std::size_t>(to - from + 1);
        argv.insert(argv.end(), {"capacity", scenario_name, "--unit", unit, "--range", fmt::format("{}..{}", from, to),
                                 "--out", results, "--report-lang", lang, "--format", "xlsx", "--quiet", "--json"});
    } else {
        const fs::path sweep_file = stage / ".studio-sweep.yaml";  // hidden: no name the page can give
        const json sweep = options.value("sweep", json());
        write_file_atomically(sweep_file,
                              sweep_file_text(run->staged->file().lexically_relative(sweep_file.parent_path()), sweep,
                                              replications));
        alternatives = sweep["values"].size();
        replications.reset();  // in the sweep file
        argv.insert(argv.end(), {"sweep", sweep_file.filename().string(), "--out", results, "--report-lang", lang, "--format",
                                 "xlsx", "--quiet"});
    }
    if (replications) argv.insert(argv.end(), {"--reps", std::to_string(*replications)});

    // The estimate, when the scenario loads; a scenario that does not is the child's to report.
    try {
        auto loaded = models::load_scenario(scenario);
        WorkTotal work;
        const auto reps = static_cast<double>((replications ? static_cast<std::size_t>(*replications) : loaded.replications) *
                                              alternatives);
        work.add(loaded, reps);
        if (command != "sweep" && years_wanted(YearResults::when_changing, {loaded})) work.add_years(loaded, reps);
        run->estimate_seconds = estimated_run_seconds(work.events());
    } catch (const std::exception&) {
        run->estimate_seconds = 0;
    }
    try {
        run->pid = start_child_process(kapsim_binary_, argv, run->dir / "stdout.txt", run->dir / "stderr.txt",
                                       {"KAPSIM_PROGRESS_FILE=" + (run->dir / "progress").string()}, stage);
    } catch (const std::exception& e) {
        run->state = "failed";
        run->error = e.what();
    }
    folder.keep = true;
    json answer{{"id", run->id}, {"estimate_seconds", run->estimate_seconds}};
    runs_[run->id] = std::move(run);
    wake_.notify_all();
    return answer;
}

void StudioRuns::reap() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        for (auto& [id, run] : runs_) {
            if (run->state != "running" || run->pid <= 0) continue;
            int status = 0;
            const pid_t ended = ::waitpid(run->pid, &status, WNOHANG);
            if (ended != run->pid) continue;
            ::kill(-run->pid, SIGKILL);  // anything the child left behind in its group
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
                run->state = "done";
                continue;
            }
            run->state = "failed";
            std::string said = run->staged->shown(read_text(run->dir / "stderr.txt", most_error_bytes));
            const std::string dir = run->dir.string() + "/";  // the results folder is the run's own
            for (auto at = said.find(dir); at != std::string::npos; at = said.find(dir, at)) said.erase(at, dir.size());
            // What kapsim said is the error; how it ended is added when it said nothing, or was killed.
            if (said.empty() || WIFSIGNALED(status)) {
                if (!said.empty() && said.back() != '\n') said += '\n';
                said += ending_in_words(status);
            }
            run->error = said;
        }
        wake_.wait_for(lock, std::chrono::milliseconds(100));
    }
}

std::vector<std::string> StudioRuns::files_of(const Run& run) const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(run.dir / "results", ec))
        if (e.is_regular_file(ec) && e.path().filename().string().front() != '.')
            names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    names.push_back("scenario.yaml");
    return names;
}

std::optional<json> StudioRuns::status(const std::string& id) {
    const std::lock_guard lock(mutex_);
    const auto it = runs_.find(id);
    if (it == runs_.end()) return std::nullopt;
    const Run& run = *it->second;
    json j{{"id", run.id}, {"command", run.command}, {"state", run.state}, {"pid", run.pid},
           {"estimate_seconds", run.estimate_seconds}, {"progress", {{"done", 0}, {"total", 0}}}};
    std::istringstream progress(read_text(run.dir / "progress"));
    std::size_t done = 0, total = 0;
    if (progress >> done >> total) j["progress"] = {{"done", done}, {"total", total}};
    if (run.state == "failed") j["error"] = run.error;
    j["files"] = files_of(run);
    if (run.state == "done" && run.command == "compare") {
        const json compare = json::parse(read_text(run.dir / "results" / "compare.json"), nullptr, false);
        if (!compare.is_discarded()) j["compare"] = compare;
    }
    if (run.state == "done" && run.command == "capacity") {
        const json curve = json::parse(read_text(run.dir / "stdout.txt"), nullptr, false);
        if (!curve.is_discarded()) j["capacity"] = curve;
    }
    return j;
}

std::optional<json> StudioRuns::cancel(const std::string& id) {
    const std::lock_guard lock(mutex_);
    const auto it = runs_.find(id);
    if (it == runs_.end()) return std::nullopt;
    Run& run = *it->second;
    if (run.state == "running" && run.pid > 0) {
        ::kill(-run.pid, SIGKILL);
        ::waitpid(run.pid, nullptr, 0);
        run.state = "cancelled";
    }
    return json{{"id", run.id}, {"state", run.state}};
}

std::optional<fs::path> StudioRuns::file(const std::string& id, const std::string& name) {
    const std::lock_guard lock(mutex_);
    const auto it = runs_.find(id);
    if (it == runs_.end()) return std::nullopt;
    const auto names = files_of(*it->second);
    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
    return name == "scenario.yaml" ? it->second->dir / name : it->second->dir / "results" / name;
}

}  // namespace kapsim::app::studio
