// kapsim studio's server, in-process on a free port, spoken to over HTTP as the page and as a
// hostile page would: the token, origin and host checks, paths that try to leave the
// workspace, user text that must stay data, limits, runs that fail or are killed, and the
// promise that the studio is the same kapsim underneath (same check, same hash, same results).
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/init_command.hpp"
#include "app/scenario_schema.hpp"
#include "app/studio/scenario_check_json.hpp"
#include "app/studio/studio_server.hpp"
#include "models/scenario_document.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::read_text;
using testing::run_kapsim;
using testing::source_path;

constexpr const char* token = "0123456789abcdef0123456789abcdef";

// A loss system small enough to simulate in a moment, with one alternative.
constexpr const char* small_scenario = R"(scenario:
  name: small
  start: 2024-01-01
  run_length: 2y
  warmup: 30d
  replications: 4
  seed: 7
classes:
  callers:
    arrivals:
      rate: 700/year
    first_unit: station
units:
  station:
    kind: pool
    capacity: 2
    queue: none
    service: {distribution: exponential, mean: 8h}
pathways:
  station:
    overflow: {all: {out: 1}}
variants:
  three: {units.station.capacity: 3}
)";

// The same, long enough to be running when the test stops it.
std::string long_scenario() {
    std::string text = small_scenario;
    text.replace(text.find("run_length: 2y"), 14, "run_length: 200y");
    text.replace(text.find("replications: 4"), 15, "replications: 1000");
    return text;
}

class StudioServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = testing::fresh_temp_dir("studio");
        workspace_ = root_ / "workspace";
        const fs::path web = root_ / "web";
        fs::create_directories(web / "studio");
        std::ofstream(web / "studio" / "index.html") << "<!doctype html><title>kapsim studio</title>";
        std::ofstream(web / "studio" / "app.js") << "export const x = 1;";
        fs::create_directories(web / "node_modules" / "preact" / "dist");
        std::ofstream(web / "node_modules" / "preact" / "dist" / "preact.module.js") << "export const h = 1;";
        fs::create_directories(web / "node_modules" / "left-pad");
        std::ofstream(web / "node_modules" / "left-pad" / "index.js") << "module.exports = 1;";
        std::ofstream(root_ / "outside.yaml") << small_scenario;

        app::studio::StudioOptions options;
        options.workspace = workspace_;
        options.port = 0;
        options.token = token;
        options.web_dir = web;
        options.kapsim_binary = KAPSIM_BINARY;
        server_ = std::make_unique<app::studio::StudioServer>(options);
        serving_ = std::thread([this] { server_->serve(); });
        client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
        client_->set_read_timeout(120, 0);
        // Wait until the server answers at all.
        for (int i = 0; i < 200 && !client_->Get("/api/info"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    void TearDown() override {
        client_.reset();
        server_->stop();
        serving_.join();
        server_.reset();
        fs::remove_all(root_);
    }

    httplib::Headers with_token(httplib::Headers more = {}) const {
        more.emplace("X-Kapsim-Token", token);
        return more;
    }

    httplib::Result get(const std::string& path) { return client_->Get(path, with_token()); }
    httplib::Result post(const std::string& path, const json& body) {
        return client_->Post(path, with_token(), body.dump(), "application/json");
    }
    httplib::Result put(const std::string& path, const json& body) {
        return client_->Put(path, with_token(), body.dump(), "application/json");
    }

    json check(const std::string& text, const std::string& path = "") {
        json body{{"text", text}};
        if (!path.empty()) body["path"] = path;
        const auto res = post("/api/check", body);
        EXPECT_TRUE(res);
        EXPECT_EQ(res->status, 200) << res->body;
        return json::parse(res->body);
    }

    std::string start_run(const json& body) {
        const auto res = post("/api/runs", body);
        EXPECT_TRUE(res);
        EXPECT_EQ(res->status, 202) << res->body;
        return json::parse(res->body).at("id").get<std::string>();
    }

    // The run's status once it is no longer running (or after two minutes).
    json finished(const std::string& id) {
        json status;
        for (int i = 0; i < 1200; ++i) {
            const auto res = get("/api/runs/" + id);
            EXPECT_TRUE(res);
            status = json::parse(res->body);
            if (status["state"] != "running") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return status;
    }

    fs::path root_, workspace_;
    std::unique_ptr<app::studio::StudioServer> server_;
    std::thread serving_;
    std::unique_ptr<httplib::Client> client_;
};

// --- Who may ask ------------------------------------------------------------------------

TEST_F(StudioServerTest, RequestWithoutTokenIsRefused) {
    for (const char* path : {"/api/info", "/", "/studio/app.js", "/api/scenarios"}) {
        const auto res = client_->Get(path);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 401) << path;
        EXPECT_TRUE(json::parse(res->body).contains("error")) << path;
    }
    const auto wrong = client_->Get("/api/info", {{"X-Kapsim-Token", "ffffffffffffffffffffffffffffffff"}});
    EXPECT_EQ(wrong->status, 401);
}

TEST_F(StudioServerTest, TokenOnlyAsCookieServesPageFilesButNotTheApi) {
    const httplib::Headers cookie{{"Cookie", fmt::format("kapsim_token={}", token)}};
    EXPECT_EQ(client_->Get("/studio/app.js", cookie)->status, 200);
    const auto api = client_->Get("/api/info", cookie);
    EXPECT_EQ(api->status, 401) << "another site's page sends the cookie too, so it cannot be enough for the API";
    EXPECT_EQ(client_->Post("/api/check", cookie, R"({"text": "x"})", "application/json")->status, 401);
}

TEST_F(StudioServerTest, PageOpenedWithTokenSetsAStrictHttpOnlyCookie) {
    const auto res = client_->Get(fmt::format("/?token={}", token));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Set-Cookie"),
              fmt::format("kapsim_token={}; HttpOnly; SameSite=Strict; Path=/", token));
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
    // The token in the query opens only the page, not the API.
    EXPECT_EQ(client_->Get(fmt::format("/api/info?token={}", token))->status, 401);
}

TEST_F(StudioServerTest, RequestFromAnotherOriginIsRefused) {
    const auto res = client_->Get("/api/info", with_token({{"Origin", "http://evil.example"}}));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    const auto own = client_->Get(
        "/api/info", with_token({{"Origin", fmt::format("http://127.0.0.1:{}", server_->port())}}));
    EXPECT_EQ(own->status, 200);
}

TEST_F(StudioServerTest, RequestForAnotherHostIsRefused) {
    const auto res = client_->Get("/api/info", with_token({{"Host", fmt::format("evil.example:{}", server_->port())}}));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "a DNS name that points here is another site";
    EXPECT_EQ(client_->Get("/api/info", with_token({{"Host", fmt::format("localhost:{}", server_->port())}}))->status,
              200);
}

TEST_F(StudioServerTest, PreflightIsRefusedWithoutAnyCorsHeader) {
    const auto res = client_->Options(
        "/api/check", {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"},
                       {"Access-Control-Request-Headers", "x-kapsim-token"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    const auto own = client_->Options("/api/check", with_token());
    EXPECT_EQ(own->status, 403);
    for (const auto* r : {&res.value(), &own.value()})
        for (const auto& [name, value] : r->headers)
            EXPECT_EQ(name.rfind("Access-Control", 0), std::string::npos) << name;
}

// --- Files only inside the workspace ----------------------------------------------------

TEST_F(StudioServerTest, PathsLeavingTheWorkspaceAreRefused) {
    fs::create_directories(workspace_ / "a");
    fs::create_symlink(root_ / "outside.yaml", workspace_ / "link.yaml");
    fs::create_directory_symlink(root_, workspace_ / "linked-folder");
    for (const std::string& path : std::vector<std::string>{"../x.yaml", "/etc/passwd", "a/../../x.yaml", "link.yaml", "linked-folder/outside.yaml",
                                   "library/../../x.yaml", "a/./x.yaml", "notes.txt", "-x.yaml", "a/--out.yaml",
                                                           std::string("a\0b.yaml", 8)}) {
        const auto read = client_->Get("/api/file", httplib::Params{{"path", path}}, with_token());
        ASSERT_TRUE(read);
        EXPECT_EQ(read->status, 400) << path << ": " << read->body;
        EXPECT_TRUE(json::parse(read->body).contains("error"));
        const auto write = put("/api/file", {{"path", path}, {"text", "scenario: {}"}});
        EXPECT_EQ(write->status, 400) << path;
        const auto checked = post("/api/check", {{"path", path}, {"text", small_scenario}});
        EXPECT_EQ(checked->status, 400) << path;
    }
    EXPECT_EQ(read_text(root_ / "outside.yaml"), small_scenario) << "nothing outside was written";
    EXPECT_FALSE(fs::exists(root_ / "x.yaml"));
}

TEST_F(StudioServerTest, LibraryIsReadOnly) {
    const auto read = client_->Get("/api/file", httplib::Params{{"path", "library/validation/erlang-b.yaml"}}, with_token());
    ASSERT_EQ(read->status, 200);
    EXPECT_EQ(json::parse(read->body)["read_only"], true);
    EXPECT_EQ(json::parse(read->body)["text"], read_text(source_path("scenarios/validation/erlang-b.yaml")));
    const auto write = put("/api/file", {{"path", "library/validation/erlang-b.yaml"}, {"text", "x: 1"}});
    EXPECT_EQ(write->status, 400);
    EXPECT_EQ(json::parse(write->body)["hint"], "spara en kopia i arbetsmappen");
}

TEST_F(StudioServerTest, SavedFileReadsBackWithTheHashKapsimGives) {
    const auto saved = put("/api/file", {{"path", "my/small.yaml"}, {"text", small_scenario}});
    ASSERT_EQ(saved->status, 200) << saved->body;
    EXPECT_EQ(read_text(workspace_ / "my" / "small.yaml"), small_scenario);
    EXPECT_EQ(json::parse(saved->body)["content_hash"],
              models::ScenarioDocument::load((workspace_ / "my" / "small.yaml").string()).content_hash());
    const auto listed = json::parse(get("/api/scenarios")->body);
    ASSERT_EQ(listed["workspace"].size(), 1u);
    EXPECT_EQ(listed["workspace"][0]["path"], "my/small.yaml");
    EXPECT_FALSE(listed["library"].empty());
    EXPECT_FALSE(listed["templates"].empty());
    const auto bad = put("/api/file", {{"path", "my/bad.yaml"}, {"text", "scenario: ["}});
    EXPECT_EQ(bad->status, 200);
    EXPECT_TRUE(json::parse(bad->body)["content_hash"].is_null());
}

TEST_F(StudioServerTest, CheckResolvesExtendsAsBesideTheNamedFile) {
    ASSERT_EQ(put("/api/file", {{"path", "my/base.yaml"}, {"text", small_scenario}})->status, 200);
    const std::string variant = "extends: base.yaml\nunits:\n  station:\n    capacity: 4\n";
    const json result = check(variant, "my/variant.yaml");
    ASSERT_TRUE(result["ok"]) << result.dump(2);
    EXPECT_EQ(result["units"][0]["capacity"], 4);
    std::ofstream(workspace_ / "my" / "variant.yaml") << variant;
    EXPECT_EQ(result["content_hash"],
              models::ScenarioDocument::load((workspace_ / "my" / "variant.yaml").string()).content_hash());
    const json elsewhere = check(variant, "other/variant.yaml");
    EXPECT_FALSE(elsewhere["ok"]) << "no base.yaml beside other/variant.yaml";
    EXPECT_EQ(elsewhere["text"].get<std::string>().find(".kapsim-studio"), std::string::npos) << elsewhere["text"];
    EXPECT_FALSE(fs::exists(workspace_ / ".kapsim-studio" / "check") && !fs::is_empty(workspace_ / ".kapsim-studio" / "check"))
        << "each check's staging folder is removed";
}

TEST_F(StudioServerTest, ShippedVariantSavedToTheWorkspaceBringsItsBaseAndKeepsItsMeaning) {
    const std::string library_name = "library/vasternorrland/avd7-16.yaml";
    const std::string text = json::parse(client_->Get("/api/file", httplib::Params{{"path", library_name}}, with_token())->body)["text"];
    const auto saved = put("/api/file", {{"path", "mine/avd7-16.yaml"}, {"text", text}, {"from", library_name}});
    ASSERT_EQ(saved->status, 200) << saved->body;
    EXPECT_EQ(json::parse(saved->body)["bases_copied"], json::array({"mine/avd7-13.yaml"}));
    // The base comes byte for byte, comments and all, and the saved file means what the shipped one does.
    EXPECT_EQ(read_text(workspace_ / "mine" / "avd7-13.yaml"), read_text(source_path("scenarios/vasternorrland/avd7-13.yaml")));
    EXPECT_EQ(models::ScenarioDocument::load((workspace_ / "mine" / "avd7-16.yaml").string()).content_hash(),
              models::ScenarioDocument::load(source_path("scenarios/vasternorrland/avd7-16.yaml")).content_hash());
    // A base already there is the user's own: saving again does not replace it.
    std::ofstream(workspace_ / "mine" / "avd7-13.yaml", std::ios::app) << "# my note\n";
    const auto again = put("/api/file", {{"path", "mine/avd7-16.yaml"}, {"text", text}, {"from", library_name}});
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_TRUE(json::parse(again->body)["bases_copied"].empty());
    EXPECT_NE(read_text(workspace_ / "mine" / "avd7-13.yaml").find("# my note"), std::string::npos);
    // Saved without saying where it came from, nothing is copied.
    const auto plain = put("/api/file", {{"path", "other/avd7-16.yaml"}, {"text", text}});
    EXPECT_TRUE(json::parse(plain->body)["bases_copied"].empty());
    EXPECT_FALSE(fs::exists(workspace_ / "other" / "avd7-13.yaml"));
}

// --- User text stays data ---------------------------------------------------------------

TEST_F(StudioServerTest, ScriptInANameIsReturnedOnlyAsEscapedJson) {
    const std::string name = "<script>alert(1)</script>.yaml";
    const auto saved = put("/api/file", {{"path", name}, {"text", small_scenario}});
    ASSERT_EQ(saved->status, 200) << saved->body;
    const auto listed = get("/api/scenarios");
    const auto read = client_->Get("/api/file", httplib::Params{{"path", name}}, with_token());
    for (const httplib::Result* r : {&saved, &listed, &read}) {
        const httplib::Result& res = *r;
        ASSERT_TRUE(res);
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(res->body.find("<script>"), std::string::npos) << res->body;
        EXPECT_NE(res->body.find("\\u003cscript\\u003e"), std::string::npos) << res->body;
    }
    EXPECT_EQ(json::parse(get("/api/scenarios")->body)["workspace"][0]["path"], name);
    const auto missing = client_->Get("/studio/<script>.html", with_token());
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->body.find("<script>"), std::string::npos);
}

TEST_F(StudioServerTest, OnlyThePageAndTheListedPackagesAreServed) {
    EXPECT_EQ(client_->Get("/studio/app.js", with_token())->get_header_value("Content-Type"),
              "text/javascript; charset=utf-8");
    EXPECT_EQ(client_->Get("/vendor/preact/dist/preact.module.js", with_token())->status, 200);
    EXPECT_EQ(client_->Get("/vendor/left-pad/index.js", with_token())->status, 404);
    EXPECT_EQ(client_->Get("/vendor/preact/../left-pad/index.js", with_token())->status, 404);
    EXPECT_EQ(client_->Get("/studio/../node_modules/left-pad/index.js", with_token())->status, 404);
}

// --- Limits -----------------------------------------------------------------------------

TEST_F(StudioServerTest, BodyOverTheLimitIsRefused) {
    const std::string huge(app::studio::most_request_bytes + 1024, 'x');
    const auto res = client_->Post("/api/check", with_token(), huge, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(get("/api/info")->status, 200) << "the server goes on";
}

TEST_F(StudioServerTest, ThirdRunWhileTwoRunIsRefusedAndCancelStopsThem) {
    const auto a = start_run({{"text", long_scenario()}, {"command", "compare"}});
    const auto b = start_run({{"text", long_scenario()}, {"command", "compare"}});
    const auto third = post("/api/runs", {{"text", long_scenario()}, {"command", "compare"}});
    EXPECT_EQ(third->status, 429);
    for (const auto& id : {a, b}) {
        const pid_t pid = json::parse(get("/api/runs/" + id)->body)["pid"].get<pid_t>();
        const auto cancelled = client_->Delete("/api/runs/" + id, with_token());
        ASSERT_EQ(cancelled->status, 200);
        EXPECT_EQ(json::parse(cancelled->body)["state"], "cancelled");
        EXPECT_NE(::kill(pid, 0), 0) << "the child is gone";
    }
    EXPECT_EQ(post("/api/runs", {{"text", small_scenario}, {"command", "compare"}})->status, 202);
}

// --- Runs that fail ---------------------------------------------------------------------

TEST_F(StudioServerTest, RunOfABadScenarioFailsWithKapsimsError) {
    std::string bad = small_scenario;
    bad.replace(bad.find("capacity: 2"), 11, "capacity: two");
    const auto id = start_run({{"text", bad}, {"command", "compare"}, {"path", "my/bad.yaml"}});
    const json status = finished(id);
    EXPECT_EQ(status["state"], "failed");
    const std::string error = status["error"];
    EXPECT_NE(error.find("my/bad.yaml:16:"), std::string::npos) << error;
    EXPECT_NE(error.find("error:"), std::string::npos) << error;
    EXPECT_EQ(error.find(".kapsim-studio"), std::string::npos) << "no staging file names: " << error;
    EXPECT_EQ(get("/api/info")->status, 200);
}

TEST_F(StudioServerTest, RunWhoseChildIsKilledFailsAndTheServerGoesOn) {
    const auto id = start_run({{"text", long_scenario()}, {"command", "compare"}});
    const pid_t pid = json::parse(get("/api/runs/" + id)->body)["pid"].get<pid_t>();
    ASSERT_GT(pid, 0);
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    const json status = finished(id);
    EXPECT_EQ(status["state"], "failed");
    EXPECT_NE(status["error"].get<std::string>().find("signal 9"), std::string::npos) << status["error"];
    EXPECT_EQ(get("/api/info")->status, 200);
    EXPECT_EQ(post("/api/check", {{"text", small_scenario}})->status, 200);
}

// --- The same kapsim underneath ---------------------------------------------------------

TEST_F(StudioServerTest, CheckOfABadScenarioReturnsEveryErrorWithLineAndColumn) {
    // Two independent problems: a class's rate without a unit and a unit's negative capacity.
    std::string bad = small_scenario;
    bad.replace(bad.find("    first_unit: station\n"), 0,
                "    first_unit: station\n  walkins:\n    arrivals:\n      rate: fast\n");  // line 15, column 13
    bad.replace(bad.find("pathways:\n"), 0,
                "  other:\n    kind: pool\n    capacity: -1\n    queue: none\n"  // line 25, column 15
                "    service: {distribution: exponential, mean: 8h}\n");
    const json result = check(bad);
    EXPECT_FALSE(result["ok"]);
    ASSERT_EQ(result["errors"].size(), 2u) << result.dump(2);
    EXPECT_EQ(result["errors"][0]["line"], 15);
    EXPECT_EQ(result["errors"][0]["column"], 13);
    EXPECT_EQ(result["errors"][1]["line"], 25);
    EXPECT_EQ(result["errors"][1]["column"], 15);
    for (const auto& e : result["errors"]) {
        EXPECT_FALSE(e["message"].get<std::string>().empty());
        EXPECT_EQ(e["file"], "scenario");
    }
    EXPECT_TRUE(result["content_hash"].is_null());
    EXPECT_EQ(result["text"].get<std::string>().find(".kapsim-studio"), std::string::npos) << result["text"];
    // The command line says the same.
    const fs::path file = root_ / "bad.yaml";
    std::ofstream(file) << bad;
    const auto cli = run_kapsim("check " + file.string());
    EXPECT_EQ(cli.exit_code, 2);
    EXPECT_NE(cli.err.find(file.string() + ":15:13: error:"), std::string::npos) << cli.err;
    EXPECT_NE(cli.err.find(file.string() + ":25:15: error:"), std::string::npos) << cli.err;
}

TEST_F(StudioServerTest, CheckGivesEachUnitsFiguresAndTheSameJsonAsTheCommandLine) {
    const json result = check(small_scenario);
    ASSERT_TRUE(result["ok"]) << result.dump(2);
    ASSERT_EQ(result["units"].size(), 1u);
    const json& unit = result["units"][0];
    EXPECT_EQ(unit["id"], "station");
    EXPECT_EQ(unit["capacity"], 2);
    EXPECT_NEAR(unit["offered_load"].get<double>(), 700.0 / 365.25 / 3, 1e-9);
    EXPECT_NEAR(unit["implied"]["admitted_per_year"].get<double>(), 700 * (1 - testing::erlang_b(2, 700.0 / 365.25 / 3)),
                1e-6);
    EXPECT_EQ(unit["first_figure"].get<std::string>().rfind("Erlang B: ", 0), 0u) << unit["first_figure"];
    EXPECT_GT(result["estimate"]["events"].get<double>(), 0);
    EXPECT_EQ(result["estimate"]["alternatives"], 2);
    // The estimate counts what a run costs besides its events (the report, the workbook): the
    // page once said 0.005 s for a run of two seconds.
    EXPECT_GE(result["estimate"]["seconds"].get<double>(), app::estimated_seconds_besides_events);
    const fs::path file = root_ / "small.yaml";
    std::ofstream(file) << small_scenario;
    const auto cli = run_kapsim("check --json " + file.string());
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    json from_cli = json::parse(cli.out);
    json from_studio = result;
    // Only the file's name differs: the command line names the file, the studio "scenario".
    for (auto* j : {&from_cli, &from_studio}) j->erase("text");
    EXPECT_EQ(from_cli, from_studio);
}

TEST_F(StudioServerTest, EveryShippedScenarioChecksOkWithKapsimsContentHash) {
    int checked = 0;
    for (const char* group : {"vasternorrland", "jamtland", "validation"}) {
        for (const auto& entry : fs::directory_iterator(source_path("scenarios/") + group)) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() != ".yaml" || name.rfind("sensitivity-", 0) == 0 || name.rfind("sweep-", 0) == 0)
                continue;
            const std::string path = fmt::format("library/{}/{}", group, name);
            const json result = check(read_text(entry.path()), path);
            EXPECT_TRUE(result["ok"]) << path << ": " << result["text"];
            EXPECT_EQ(result["content_hash"], models::ScenarioDocument::load(entry.path().string()).content_hash())
                << path;
            const auto cli = run_kapsim("check " + entry.path().string());
            EXPECT_NE(cli.out.find("content hash " + result["content_hash"].get<std::string>()), std::string::npos)
                << path;
            ++checked;
        }
    }
    EXPECT_GE(checked, 15);
}

TEST_F(StudioServerTest, TemplateIsWhatKapsimInitWrites) {
    const auto res = client_->Get("/api/template", httplib::Params{{"name", "ward"}, {"lang", "sv"}}, with_token());
    ASSERT_EQ(res->status, 200);
    const auto cli = run_kapsim(fmt::format("init ward --lang sv --out {}", (root_ / "ward.yaml").string()));
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_EQ(json::parse(res->body)["text"], read_text(root_ / "ward.yaml"));
    EXPECT_EQ(client_->Get("/api/template", httplib::Params{{"name", "nope"}}, with_token())->status, 404);
    const json checked = check(json::parse(res->body)["text"], "ward.yaml");
    EXPECT_TRUE(checked["ok"]);
    EXPECT_FALSE(checked["undecided"].empty()) << "the template's values to decide are marked";
}

TEST_F(StudioServerTest, CompareRunGivesBitwiseTheCommandLinesCompareCsv) {
    const auto id = start_run({{"text", small_scenario}, {"command", "compare"}, {"lang", "en"}});
    const json status = finished(id);
    ASSERT_EQ(status["state"], "done") << status.dump(2);
    for (const char* name : {"compare.csv", "report-en.html", "report-en.json", "results.xlsx", "scenario.yaml"})
        EXPECT_NE(std::find(status["files"].begin(), status["files"].end(), name), status["files"].end()) << name;
    // The report's model, which the page draws its findings and table from, in the run's language.
    const auto model = get(fmt::format("/api/runs/{}/files/report-en.json", id));
    ASSERT_EQ(model->status, 200);
    EXPECT_EQ(model->get_header_value("Content-Type"), "application/json");
    const json said = json::parse(model->body);
    EXPECT_EQ(said["language"], "en");
    EXPECT_FALSE(said["summary"]["findings"].empty());
    EXPECT_EQ(status["progress"]["done"], status["progress"]["total"]);
    EXPECT_GT(status["progress"]["total"].get<int>(), 0);
    EXPECT_EQ(status["compare"]["base"], "small");
    const auto csv = get(fmt::format("/api/runs/{}/files/compare.csv", id));
    ASSERT_EQ(csv->status, 200);
    EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
    EXPECT_EQ(get(fmt::format("/api/runs/{}/files/scenario.yaml", id))->body, small_scenario);
    // The command line the report records is one the planner could type.
    const json manifest = json::parse(get(fmt::format("/api/runs/{}/files/manifest.json", id))->body);
    EXPECT_EQ(manifest["command_line"][0], "kapsim");
    EXPECT_EQ(manifest["command_line"][2], "scenario.yaml");
    EXPECT_EQ(manifest["command_line"].dump().find(".kapsim-studio"), std::string::npos) << manifest.dump();
    // The report in the page's sandboxed frame, which sends the cookie but no header.
    const auto report = client_->Get(fmt::format("/api/runs/{}/files/report-en.html?inline=1", id),
                                     {{"Cookie", fmt::format("kapsim_token={}", token)}});
    ASSERT_EQ(report->status, 200);
    EXPECT_EQ(report->headers.count("Content-Security-Policy"), 1u);
    EXPECT_EQ(report->get_header_value("Content-Security-Policy").rfind("sandbox allow-scripts;", 0), 0u);
    EXPECT_FALSE(report->has_header("Content-Disposition"));
    EXPECT_EQ(client_->Get(fmt::format("/api/runs/{}/files/compare.csv", id))->status, 401);
    EXPECT_EQ(client_->Delete(fmt::format("/api/runs/{}", id), {{"Cookie", fmt::format("kapsim_token={}", token)}})->status,
              401);
    EXPECT_EQ(get(fmt::format("/api/runs/{}/files/..%2Fstdout.txt", id))->status, 404);
    EXPECT_EQ(get(fmt::format("/api/runs/{}/files/stderr.txt", id))->status, 404);

    const fs::path file = root_ / "small.yaml";
    std::ofstream(file) << small_scenario;
    const auto cli = run_kapsim(fmt::format("compare {} --out {} --quiet", file.string(), (root_ / "cli").string()));
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_EQ(csv->body, read_text(root_ / "cli" / "compare.csv"));
}

TEST_F(StudioServerTest, CapacityAndSweepRunsWriteTheirTables) {
    const auto capacity = start_run(
        {{"text", small_scenario}, {"command", "capacity"}, {"options", {{"capacity", {{"unit", "station"}, {"from", 1}, {"to", 3}}}}}});
    const json c = finished(capacity);
    ASSERT_EQ(c["state"], "done") << c.dump(2);
    EXPECT_EQ(c["capacity"]["points"].size(), 3u);
    const json sweep_options{{"replications", 3},
                             {"sweep", {{"path", "units.station.service.mean"}, {"values", {"6h", "8h"}}}}};
    const auto sweep = start_run({{"text", small_scenario}, {"command", "sweep"}, {"options", sweep_options}});
    const json s = finished(sweep);
    ASSERT_EQ(s["state"], "done") << s.dump(2);
    EXPECT_NE(std::find(s["files"].begin(), s["files"].end(), "sweep.csv"), s["files"].end());
    EXPECT_EQ(post("/api/runs", {{"text", small_scenario}, {"command", "capacity"}, {"options", {{"capacity", {{"unit", "-x"}, {"from", 1}, {"to", 3}}}}}})->status,
              400);
}

TEST_F(StudioServerTest, FitOfAnUploadedExportAnswersWithTheFittedYaml) {
    // 300 stays over a year, two to six days each.
    std::string csv = "arrival,discharge,unit\n";
    for (int i = 0; i < 300; ++i) {
        const int day = (i * 97) % 365, hour = (i * 7) % 24, stay = 2 + i % 5;
        const auto date = [](int d, int h) {
            static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            int month = 0;
            while (d >= month_days[month % 12] && month < 11) d -= month_days[month++];
            return fmt::format("2023-{:02d}-{:02d} {:02d}:00", month + 1, d + 1, h);
        };
        csv += fmt::format("{},{},ward\n", date(day, hour), date(std::min(day + stay, 364), hour));
    }
    const httplib::MultipartFormDataItems form{{"data", csv, "stays.csv", "text/csv"},
                                               {"options", R"({"bootstrap": 0})", "", "application/json"}};
    const auto res = client_->Post("/api/fit", with_token(), form);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const json fitted = json::parse(res->body);
    EXPECT_NE(fitted["fragment"].get<std::string>().find("FITTED: stays.csv"), std::string::npos) << fitted["fragment"];
    EXPECT_EQ(fitted["text"].get<std::string>().find(".kapsim-studio"), std::string::npos) << fitted["text"];

    const httplib::MultipartFormDataItems bad{{"data", "nothing,here\n1,2\n", "bad.csv", "text/csv"}};
    const auto refused = client_->Post("/api/fit", with_token(), bad);
    EXPECT_EQ(refused->status, 400) << refused->body;
    EXPECT_EQ(refused->body.find(".kapsim-studio"), std::string::npos) << refused->body;
    EXPECT_EQ(client_->Post("/api/fit", with_token(), httplib::MultipartFormDataItems{})->status, 400);
}

TEST_F(StudioServerTest, SchemaIsThePublishedScenarioSchema) {
    const auto res = get("/api/schema");
    ASSERT_EQ(res->status, 200);
    const json schema = json::parse(res->body);
    EXPECT_EQ(schema, json::parse(app::scenario_schema_json()));
    EXPECT_TRUE(schema["properties"].contains("units")) << res->body.substr(0, 300);
}

// `kapsim studio` itself: the first line is the address with the token, and SIGTERM ends it with 0.
TEST(StudioCommandTest, PrintsTheAddressWithTokenAndStopsOnSigterm) {
    const auto dir = testing::fresh_temp_dir("studio-command");
    int out[2];
    ASSERT_EQ(::pipe(out), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::execl(KAPSIM_BINARY, KAPSIM_BINARY, "studio", "--port", "0", "--workspace", (dir / "ws").c_str(), nullptr);
        ::_exit(127);
    }
    ::close(out[1]);
    std::string first_line;
    char c = 0;
    while (::read(out[0], &c, 1) == 1 && c != '\n') first_line += c;
    const auto at = first_line.find("http://127.0.0.1:");
    ASSERT_EQ(first_line.rfind("kapsim studio: http://127.0.0.1:", 0), 0u) << first_line;
    const auto token_at = first_line.find("/?token=");
    ASSERT_NE(token_at, std::string::npos) << first_line;
    const std::string token_text = first_line.substr(token_at + 8);
    EXPECT_EQ(token_text.size(), 32u);
    const int port = std::stoi(first_line.substr(at + 17, token_at - at - 17));
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Get("/api/info", {{"X-Kapsim-Token", token_text}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_TRUE(std::filesystem::is_directory(dir / "ws")) << "the workspace is created";
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(out[0]);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapsim
