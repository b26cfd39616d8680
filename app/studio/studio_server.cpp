#include "studio_server.hpp"

#include <system_error>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access_guard.hpp"
#include "app/atomic_file.hpp"
#include "app/init_command.hpp"
#include "app/report/web_dir.hpp"
#include "app/scenario_schema.hpp"
#include "app/scenario_templates.hpp"
#include "app/version.hpp"
#include "fit_runner.hpp"
#include "models/scenario_document.hpp"
#include "plain_text.hpp"
#include "scenario_bases.hpp"
#include "scenario_catalogue.hpp"
#include "scenario_check_json.hpp"
#include "staged_scenario.hpp"
#include "static_files.hpp"
#include "studio_runs.hpp"
#include "workspace_paths.hpp"

namespace kapsim::app::studio {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The page's import map (web/studio/index.html) is an inline script: allowed by its SHA-256 alone, so
// no other inline script runs. Change the hash with the import map (the browser test fails otherwise).
constexpr const char* content_security_policy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-src 'self' blob:; "
    "script-src 'self' 'unsafe-eval' 'sha256-SPmUzVV027shf5eajjfjtSwHT9oEJDcqzPN42RLi0Yk='";

void send_json(httplib::Response& res, const json& body, int status = 200) {
    res.status = status;
    // Text from the user stays data: bad UTF-8 is replaced, and '<', '>' and '&' are written as
    // \u escapes (they occur only inside strings), so no answer reads as markup even if sniffed.
    const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        if (c == '<') escaped += "\\u003c";
        else if (c == '>') escaped += "\\u003e";
        else if (c == '&') escaped += "\\u0026";
        else escaped += c;
    }
    res.set_content(escaped, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& error, const std::string& hint = {}) {
    json body{{"error", error}};
    if (!hint.empty()) body["hint"] = hint;
    send_json(res, body, status);
}

// The request's JSON body, or a 400 already sent.
std::optional<json> json_body(const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        send_error(res, 400, "the body must be a JSON object");
        return std::nullopt;
    }
    return body;
}

std::string content_type_of(const std::string& name) {
    const auto ext = fs::path(name).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".csv") return "text/csv; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".yaml" || ext == ".yml") return "application/yaml; charset=utf-8";
    if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "application/octet-stream";
}

fs::path ready_workspace(const fs::path& workspace) {
    std::error_code ec;
    fs::create_directories(workspace, ec);
    if (!fs::is_directory(workspace, ec))
        throw std::runtime_error(fmt::format("the workspace {} is not a folder kapsim can create", workspace.string()));
    return workspace;
}

}  // namespace

struct StudioServer::State {
    StudioOptions options;
    WorkspacePaths paths;
    StaticFiles files;
    StudioRuns runs;
    httplib::Server server;
    int port = 0;
    std::unique_ptr<AccessGuard> guard;

    explicit State(StudioOptions o)
        : options(std::move(o)),
          paths(ready_workspace(options.workspace),
                options.library_dir.empty() ? shipped_scenarios_dir() : options.library_dir),
          files(options.web_dir.empty() ? report::web_dir() : options.web_dir),
          runs(paths, options.kapsim_binary) {}

    void routes();
    json check(const json& body);
};

json StudioServer::State::check(const json& body) {
    if (!body.contains("text") || !body["text"].is_string()) throw RefusedPath("text (the scenario) is missing");
    std::optional<ResolvedPath> as;
    if (body.contains("path") && body["path"].is_string() && !body["path"].get<std::string>().empty())
        as = paths.scenario(body["path"].get<std::string>());
    // Each check in a folder of its own, removed when done: checks may run side by side.
    const fs::path dir = paths.private_dir() / "check" / random_token();
    const StagedScenario staged(paths, as, body["text"].get<std::string>(), dir, true);
    // The page asks in its own language; messages come in both either way.
    const std::string language =
        body.contains("lang") && body["lang"].is_string() && body["lang"].get<std::string>() == "sv" ? "sv" : "en";
    return scenario_check_json(staged.file().string(), {}, [&](std::string s) { return staged.shown(std::move(s)); },
                               language);
}

void StudioServer::State::routes() {
    server.set_payload_max_length(most_request_bytes);
    server.new_task_queue = [] { return new httplib::ThreadPool(8); };
    server.set_default_headers({{"Content-Security-Policy", content_security_policy},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Cache-Control", "no-store"},
                                {"Referrer-Policy", "no-referrer"}});
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (const auto refusal = guard->refusal(req)) {
            send_error(res, refusal->status, refusal->error);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string error = res.status == 413   ? fmt::format("the request is larger than {} MB",
                                                                       most_request_bytes >> 20)
                                  : res.status == 404 ? "not found"
                                                      : fmt::format("the request failed ({})", res.status);
        send_error(res, res.status, error);
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
        try {
            std::rethrow_exception(e);
        } catch (const RefusedPath& refused) {
            send_error(res, 400, refused.what());
        } catch (const BadRunRequest& bad) {
            send_error(res, 400, bad.what());
        } catch (const TooManyRuns& busy) {
            send_error(res, 429, busy.what());
        } catch (const std::exception& other) {
            send_error(res, 500, fmt::format("internal error: {}", other.what()));
        } catch (...) {
            send_error(res, 500, "internal error");
        }
    });

    // --- The page ------------------------------------------------------------------------
    const auto page = [this](const httplib::Request& req, httplib::Response& res) {
        const auto index = files.index();
        if (!index) return send_error(res, 404, "the studio's page is not installed (web/studio/index.html)");
        // Opened with ?token=T: from now on the cookie carries it, for the page's own files.
        if (req.has_param("token")) res.set_header("Set-Cookie", guard->cookie());
        res.set_content(index->content, index->content_type);
    };
    server.Get("/", page);
    server.Get("/index.html", page);
    server.Get(R"(/(studio|vendor)/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto file = files.find(req.path);
        if (!file) return send_error(res, 404, "not found");
        res.set_content(file->content, file->content_type);
    });

    // --- The API -------------------------------------------------------------------------
    server.Get("/api/info", [this](const httplib::Request&, httplib::Response& res) {
        send_json(res, {{"version", version}, {"workspace", paths.workspace().string()}, {"languages", {"sv", "en"}}});
    });
    server.Get("/api/schema", [](const httplib::Request&, httplib::Response& res) {
        send_json(res, json::parse(scenario_schema_json()));
    });
    server.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
        send_json(res, scenario_catalogue(paths));
    });
    server.Get("/api/file", [this](const httplib::Request& req, httplib::Response& res) {
        const auto file = paths.scenario(req.get_param_value("path"));
        std::error_code ec;
        if (!fs::is_regular_file(file.file, ec)) return send_error(res, 404, "no such file", "the name is relative to the workspace");
        if (fs::file_size(file.file, ec) > most_request_bytes) return send_error(res, 400, "the file is too large for a scenario");
        send_json(res, {{"path", file.name}, {"text", file_text(file.file)}, {"read_only", file.library}});
    });
    server.Put("/api/file", [this](const httplib::Request& req, httplib::Response& res) {
        const auto body = json_body(req, res);
        if (!body) return;
        if (!body->contains("path") || !(*body)["path"].is_string() || !body->contains("text") ||
            !(*body)["text"].is_string())
            return send_error(res, 400, "the body needs path and text");
        const auto file = paths.scenario((*body)["path"].get<std::string>());
        if (file.library)
            return send_error(res, 400, "the shipped scenarios cannot be changed", "spara en kopia i arbetsmappen");
        // Saved from another folder (a shipped scenario saved as the user's own): its bases come along.
        std::optional<ResolvedPath> from;
        if (body->contains("from") && (*body)["from"].is_string()) from = paths.scenario((*body)["from"].get<std::string>());
        const std::string text = (*body)["text"].get<std::string>();
        write_file_atomically(file.file, text);
        json answer{{"path", file.name}, {"content_hash", nullptr}, {"bases_copied", json::array()}};
        if (from) answer["bases_copied"] = copy_missing_bases(paths, file, text, *from);
        try {
            answer["content_hash"] = models::ScenarioDocument::load(file.file.string()).content_hash();
        } catch (const std::exception&) {
            // Saved as written; the check shows what is wrong.
        }
        send_json(res, answer);
    });
    server.Get("/api/template", [](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.get_param_value("name");
        const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "sv";
        const auto* chosen = find_template(name, lang);
        if (!chosen) return send_error(res, 404, "no such template", "GET /api/scenarios lists them");
        send_json(res, {{"name", name}, {"lang", lang}, {"text", initial_scenario_text(*chosen, name + ".yaml")}});
    });
    server.Post("/api/check", [this](const httplib::Request& req, httplib::Response& res) {
        const auto body = json_body(req, res);
        if (body) send_json(res, check(*body));
    });
    server.Post("/api/runs", [this](const httplib::Request& req, httplib::Response& res) {
        const auto body = json_body(req, res);
        if (body) send_json(res, runs.start(*body), 202);
    });
    server.Get(R"(/api/runs/([A-Za-z0-9]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const auto status = runs.status(req.matches[1]);
        if (!status) return send_error(res, 404, "no such run");
        send_json(res, *status);
    });
    server.Delete(R"(/api/runs/([A-Za-z0-9]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const auto status = runs.cancel(req.matches[1]);
        if (!status) return send_error(res, 404, "no such run");
        send_json(res, *status);
    });
    server.Get(R"(/api/runs/([A-Za-z0-9]+)/files/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.matches[2];
        const auto file = runs.file(req.matches[1], name);
        if (!file) return send_error(res, 404, "no such file in the run");
        const bool inline_view = req.get_param_value("inline") == "1";
        if (!inline_view)
            res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
        else if (fs::path(name).extension() == ".html") {
            // The report in the page's sandboxed frame: its own inline scripts run (the studio's
            // policy would stop them), in an opaque origin with no reach into the studio.
            res.headers.erase("Content-Security-Policy");
            res.set_header("Content-Security-Policy",
                           "sandbox allow-scripts; default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
                           "script-src 'unsafe-inline' 'unsafe-eval'");
        }
        res.set_content(file_text(*file), content_type_of(name));
    });
    server.Post("/api/fit", [this](const httplib::Request& req, httplib::Response& res) {
        if (!req.has_file("data")) return send_error(res, 400, "the form needs the export in the field 'data'");
        const auto data = req.get_file_value("data");
        json fit_options = json::object();
        if (req.has_file("options")) {
            fit_options = json::parse(req.get_file_value("options").content, nullptr, false);
            if (!fit_options.is_object()) return send_error(res, 400, "options must be a JSON object");
        }
        const auto answer = run_fit(paths, options.kapsim_binary, data.filename, data.content, fit_options);
        send_json(res, answer.body, answer.status);
    });
}

StudioServer::StudioServer(StudioOptions options) : state_(std::make_unique<State>(std::move(options))) {
    auto& s = *state_;
    if (s.options.token.empty()) s.options.token = random_token();
    s.port = s.options.port == 0 ? s.server.bind_to_any_port(s.options.host)
                                 : (s.server.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1);
    if (s.port <= 0)
        throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                             s.options.host, s.options.port));
    s.guard = std::make_unique<AccessGuard>(s.options.token, s.options.host, s.port);
    s.routes();
}

StudioServer::~StudioServer() { stop(); }

int StudioServer::port() const { return state_->port; }
const std::string& StudioServer::token() const { return state_->options.token; }

std::string StudioServer::url() const {
    const std::string& host = state_->options.host;
    const std::string shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1"
                              : host.find(':') != std::string::npos ? "[" + host + "]"
                                                                    : host;
    return fmt::format("http://{}:{}/?token={}", shown, state_->port, state_->options.token);
}

void StudioServer::serve() { state_->server.listen_after_bind(); }

void StudioServer::stop() { state_->server.stop(); }

}  // namespace kapsim::app::studio
