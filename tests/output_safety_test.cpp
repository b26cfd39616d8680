// What kapsim writes and reads back stays safe whatever it is given: long scenario lines in
// the report, damaged results files, output folders that cannot be written, runs killed
// half-way, a disk that fills up during a sweep, CSV text a spreadsheet would run, and
// names that are not UTF-8. Each bad case exits with code 2 and a message, in bounded time.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/csv_text.hpp"
#include "app/report/scenario_sources.hpp"
#include "test_support.hpp"

extern char** environ;

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_kapsim;
using testing::source_path;
using Clock = std::chrono::steady_clock;

// Runs kapsim as run_kapsim does, with `prefix` before it in the shell ("cd X &&", "VAR=x").
testing::CommandResult run_after(const std::string& prefix, const std::string& args) {
    const auto dir = testing::fresh_temp_dir("cmd-after");
    const std::string command = prefix + " " + KAPSIM_BINARY + " " + args + " >" + (dir / "out").string() + " 2>" +
                                (dir / "err").string();
    const int status = std::system(command.c_str());
    testing::CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(dir / "out"), read_text(dir / "err")};
    fs::remove_all(dir);
    return r;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string bad_input(const std::string& name) { return source_path("tests/bad-inputs/" + name); }

class OutputSafetyTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = testing::fresh_temp_dir("output-safety");
        // Stand-in chart libraries, so the report needs no npm.
        for (const auto* lib : {"vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"}) {
            fs::create_directories((dir_ / "web/node_modules" / lib).parent_path());
            std::ofstream(dir_ / "web/node_modules" / lib) << "/* stand-in */";
        }
    }
    void TearDown() override { fs::remove_all(dir_); }

    testing::CommandResult kapsim(const std::string& args) const {
        return run_after("KAPSIM_WEB_DIR=" + (dir_ / "web").string(), args);
    }
    // Entries beside `folder` named like its temporary folders.
    std::size_t temporaries_beside(const fs::path& folder) const {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(folder.parent_path()))
            n += e.path().filename().string().rfind("." + folder.filename().string() + ".tmp-", 0) == 0;
        return n;
    }

    fs::path dir_;
};

const std::string erlang_b = source_path("scenarios/validation/erlang-b.yaml");

// --- 1. Long lines in the scenario's source ---------------------------------------------

TEST(ScenarioSourcesTest, LongLinesAreReadWithoutRecursion) {
    for (const char* name : {"long-line-empirical.yaml", "long-description-30000.yaml", "long-comment-line.yaml"}) {
        const auto start = Clock::now();
        const auto sources = app::report::parse_scenario_comments(name, read_text(bad_input(name)));
        EXPECT_LT(seconds_since(start), 5.0) << name;
        EXPECT_FALSE(sources.rows.empty()) << name;
    }
    // The long comment is an assumption whose range runs to the end of the line.
    std::string comment = "# ASSUMPTION: range " + std::string(200000, 'a') + "\nbeds: 3\n";
    const auto f = app::report::parse_scenario_comments("s.yaml", comment);
    ASSERT_EQ(f.file_notes.size(), 1u);
    EXPECT_EQ(f.file_notes[0].range.size(), 200000u);
    // A long value keeps its key.
    const auto v = app::report::parse_scenario_comments("s.yaml", "values: [" + std::string(300000, '1') + "]  # seed a.txt:1\n");
    ASSERT_EQ(v.rows.size(), 1u);
    EXPECT_EQ(v.rows[0].path, "values");
    EXPECT_EQ(v.rows[0].notes.at(0).kind, app::report::SourceNote::Kind::source);
}

TEST_F(OutputSafetyTest, RunReportAndReportOfScenariosWithLongLinesAreWritten) {
    for (const char* name : {"long-line-empirical.yaml", "long-description-30000.yaml", "long-comment-line.yaml"}) {
        const fs::path out = dir_ / name;
        const auto start = Clock::now();
        const auto r = kapsim(fmt::format("run {} --reps 2 --set scenario.run_length=60d --quiet --report --out {}",
                                          bad_input(name), out.string()));
        ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
        EXPECT_TRUE(fs::exists(out / "report-sv.html")) << name;
        const auto again = kapsim("report " + out.string() + " --lang en");
        EXPECT_EQ(again.exit_code, 0) << name << ": " << again.err;
        EXPECT_TRUE(fs::exists(out / "report-en.html")) << name;
        EXPECT_LT(seconds_since(start), 120.0) << name;
    }
}

// --- 2. Results files that are damaged or not what kapsim writes --------------------------

TEST_F(OutputSafetyTest, TamperedResultsAreRefusedNamingTheFileAndWhatIsWrong) {
    const std::vector<std::tuple<std::string, std::string, std::string>> cases{
        {"tampered-run-summary-array", "summary.json", "the whole file is an array, expected an object"},
        {"tampered-run-summary-wrong-types", "summary.json", "'/seed' is an object, expected a number or null"},
        {"tampered-cmp-metrics-wrong-type", "compare.json", "'/variance_reduction_median' is a string, expected a number or null"},
    };
    for (const auto& [folder, file, what] : cases) {
        const auto r = kapsim("report " + bad_input(folder));
        EXPECT_EQ(r.exit_code, 2) << folder << ": " << r.err;
        EXPECT_NE(r.err.find(bad_input(folder) + "/" + file + ": error: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    }
}

TEST_F(OutputSafetyTest, DeeplyNestedSummaryIsRefusedWithoutRecursion) {
    const fs::path results = dir_ / "deep";
    fs::create_directories(results);
    std::ofstream(results / "summary.json") << std::string(200000, '[') << std::string(200000, ']');
    const auto start = Clock::now();
    const auto r = kapsim("report " + results.string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find((results / "summary.json").string() + ":1:65: error: JSON nested more than 64 levels deep"),
              std::string::npos)
        << r.err;
    EXPECT_LT(seconds_since(start), 10.0);

    // Not JSON at all: the place where it stops being JSON.
    std::ofstream(results / "summary.json") << "{\n  \"units\": {,\n}";
    const auto bad = kapsim("report " + results.string());
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    EXPECT_NE(bad.err.find((results / "summary.json").string() + ":2:13: error: not valid JSON"), std::string::npos)
        << bad.err;
}

TEST_F(OutputSafetyTest, ResultsFileThatIsNoRegularFileIsRefused) {
    const fs::path results = dir_ / "device";
    fs::create_directories(results);
    fs::create_symlink("/dev/zero", results / "summary.json");
    const auto start = Clock::now();
    const auto r = kapsim("report " + results.string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
    EXPECT_LT(seconds_since(start), 10.0);
}

// --- 3. The output folder is checked before anything is simulated --------------------------

TEST_F(OutputSafetyTest, OutputFolderThatCannotBeWrittenIsRefusedBeforeSimulating) {
    std::ofstream(dir_ / "a-file") << "not a folder";
    fs::create_directories(dir_ / "someone-elses");
    std::ofstream(dir_ / "someone-elses" / "notes.txt") << "keep me";
    const std::vector<std::pair<std::string, std::string>> cases{
        {"/dev/null", "is not a folder"},
        {(dir_ / "a-file").string(), "is a file, not a folder"},
        {(dir_ / "a-file" / "below").string(), "a-file"},
        {(dir_ / std::string(300, 'x')).string(), "bytes; at most"},
        {(dir_ / "someone-elses").string(), "not kapsim results"},
    };
    for (const auto& [out, what] : cases) {
        const auto start = Clock::now();
        // 20 000 replications would take minutes: the refusal comes first.
        const auto r = run_kapsim(fmt::format("run {} --reps 20000 --quiet --out '{}'", erlang_b, out));
        EXPECT_EQ(r.exit_code, 2) << out << ": " << r.err;
        EXPECT_NE(r.err.find("--out " + out.substr(0, 40)), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
        EXPECT_LT(seconds_since(start), 10.0) << out;
    }
    EXPECT_EQ(read_text(dir_ / "someone-elses" / "notes.txt"), "keep me");
    EXPECT_EQ(read_text(dir_ / "a-file"), "not a folder");
}

TEST_F(OutputSafetyTest, ScenarioNameTooLongForAFolderIsRefusedBeforeSimulating) {
    const std::string name(300, 'n');
    // The default folder results/<name>-<time>, made in the folder kapsim runs in.
    const auto start = Clock::now();
    const auto r = run_after("cd " + dir_.string() + " &&",
                             fmt::format("run {} --reps 20000 --quiet --set scenario.name={}", erlang_b, name));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("bytes; at most"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "results")) << "nothing is made for a refused run";
    // compare writes one folder per alternative, named after its scenario. (Two alternatives of
    // 20 years, each simulated twice for the results by year, at 10000 replications stay within
    // the work limits, so it is the name that is refused.)
    const auto c = run_kapsim(fmt::format("compare {0} {0} --reps 10000 --quiet --set scenario.name={1} --out {2}", erlang_b,
                                          name, (dir_ / "cmp").string()));
    EXPECT_EQ(c.exit_code, 2) << c.err;
    EXPECT_NE(c.err.find("bytes; at most"), std::string::npos) << c.err;
    EXPECT_FALSE(fs::exists(dir_ / "cmp"));
    EXPECT_LT(seconds_since(start), 20.0);
}

// --- 7. Names that are not UTF-8 -------------------------------------------------------------

TEST_F(OutputSafetyTest, OutputFolderNameInLatin1IsRefusedBeforeSimulating) {
    const std::string latin1 = (dir_ / "caf\xe9").string();
    const auto r = run_kapsim(fmt::format("run {} --reps 20000 --quiet --out '{}'", erlang_b, latin1));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("not valid UTF-8"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(latin1));
}

// A scenario file whose name is not UTF-8 cannot be recorded in the results as it is: it is
// refused when loaded, before anything is simulated or written, rather than failing at the end.
TEST_F(OutputSafetyTest, ScenarioFileNameInLatin1IsRefusedBeforeAnythingIsWritten) {
    const fs::path file = dir_ / "sc\xe9nario.yaml";
    fs::copy_file(erlang_b, file);
    const auto r = run_kapsim(fmt::format("run '{}' --reps 2 --quiet --out {}", file.string(), (dir_ / "out").string()));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("UTF-8"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// --- 4. The results folder appears whole ----------------------------------------------------

pid_t spawn(const std::vector<std::string>& args, const std::function<void()>& in_child = {}) {
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    if (in_child) in_child();
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    std::vector<std::string> text{KAPSIM_BINARY};
    text.insert(text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : text) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(KAPSIM_BINARY, argv.data());
    ::_exit(127);
}

TEST_F(OutputSafetyTest, RunReplacesAnOlderResultsFolderWhole) {
    const fs::path out = dir_ / "out";
    ASSERT_EQ(run_kapsim(fmt::format("run {} --reps 2 --quiet --out {}", erlang_b, out.string())).exit_code, 0);
    std::ofstream(out / "left-from-before.txt") << "old";
    ASSERT_EQ(run_kapsim(fmt::format("run {} --reps 3 --quiet --out {}", erlang_b, out.string())).exit_code, 0);
    EXPECT_FALSE(fs::exists(out / "left-from-before.txt")) << "the older folder is replaced whole";
    EXPECT_EQ(nlohmann::json::parse(read_text(out / "summary.json"))["replications"], 3);
    EXPECT_EQ(temporaries_beside(out), 0u);
}

TEST_F(OutputSafetyTest, KilledRunLeavesTheOlderResultsIntactAndTheNextRunCleansUp) {
    const fs::path out = dir_ / "out";
    ASSERT_EQ(run_kapsim(fmt::format("run {} --reps 2 --quiet --out {}", erlang_b, out.string())).exit_code, 0);
    const std::string old_summary = read_text(out / "summary.json");
    const std::string old_manifest = read_text(out / "manifest.json");

    const pid_t pid = spawn({"run", erlang_b, "--reps", "100000", "--threads", "1", "--quiet", "--allow-large", "--out", out.string()});
    ASSERT_GT(pid, 0);
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (temporaries_beside(out) == 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(temporaries_beside(out), 1u) << "the run writes into a temporary folder beside --out";
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(read_text(out / "summary.json"), old_summary) << "the older results are untouched";
    EXPECT_EQ(read_text(out / "manifest.json"), old_manifest);
    EXPECT_EQ(temporaries_beside(out), 1u);

    ASSERT_EQ(run_kapsim(fmt::format("run {} --reps 3 --quiet --out {}", erlang_b, out.string())).exit_code, 0);
    EXPECT_EQ(temporaries_beside(out), 0u) << "the killed run's temporary folder is removed";
    EXPECT_EQ(nlohmann::json::parse(read_text(out / "summary.json"))["replications"], 3);
}

TEST_F(OutputSafetyTest, TemporaryFolderOfAProcessThatIsNoKapsimIsRemoved) {
    const fs::path out = dir_ / "out";
    // This test is alive, but it is no kapsim: its pid was reused, the folder is stale.
    const fs::path reused = dir_ / fmt::format(".out.tmp-{}-0", ::getpid());
    fs::create_directories(reused);
    std::ofstream(dir_ / ".out.tmp-notes") << "not a temporary folder's name";
    ASSERT_EQ(run_kapsim(fmt::format("run {} --reps 2 --quiet --out {}", erlang_b, out.string())).exit_code, 0);
    EXPECT_FALSE(fs::exists(reused));
    EXPECT_TRUE(fs::exists(dir_ / ".out.tmp-notes"));
}

// --- 5. A sweep whose journal can no longer be written -------------------------------------

TEST_F(OutputSafetyTest, SweepStopsAtTheFirstJournalWriteThatFails) {
    fs::copy_file(source_path("scenarios/validation/erlang-c.yaml"), dir_ / "erlang-c.yaml");
    std::ofstream(dir_ / "long.yaml") << "scenario: erlang-c.yaml\n"
                                         "replications: 10\n"
                                         "seed: 7\n"
                                         "parameters:\n"
                                         "  scenario.run_length: 20y\n"
                                         "  units.ward.capacity: {from: 15, to: 20, step: 1}\n"
                                         "  classes.patients.arrivals.rate: {from: 1.2, to: 1.65, steps: 10, unit: /day}\n"
                                         "metrics: [units.ward.*]\n";
    const fs::path out = dir_ / "sweep";
    const fs::path err = dir_ / "sweep-err.txt";
    // A disk that is full after the journal's first lines: files may not grow beyond 24 KB.
    const auto start = Clock::now();
    const pid_t pid = spawn({"sweep", (dir_ / "long.yaml").string(), "--threads", "2", "--quiet", "--out", out.string()}, [&] {
        const rlimit limit{24 * 1024, 24 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, SIG_IGN);
        const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, STDERR_FILENO);
    });
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    const std::string message = read_text(err);
    EXPECT_NE(message.find((out / "sweep.journal").string() + ": error: cannot write the sweep journal"), std::string::npos)
        << message;
    EXPECT_NE(message.find("--resume"), std::string::npos) << message;
    const std::string journal = read_text(out / "sweep.journal");
    const auto lines = static_cast<std::size_t>(std::count(journal.begin(), journal.end(), '\n'));
    EXPECT_LT(lines, 30u) << "stopped soon after the failed write, not after all 60 points";
    for (const char* f : {"sweep.csv", "points.csv", "replications.csv"}) EXPECT_FALSE(fs::exists(out / f)) << f;
    EXPECT_LT(seconds_since(start), 120.0);
}

// --- 6. CSV text ----------------------------------------------------------------------------

TEST(CsvTextTest, FormulasAreQuotedAsTextAndNumbersStayPlain) {
    using app::csv_text;
    EXPECT_EQ(csv_text("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(csv_text("+cmd"), "\"'+cmd\"");
    EXPECT_EQ(csv_text("-2+3"), "\"'-2+3\"");
    EXPECT_EQ(csv_text("@SUM(A1)"), "\"'@SUM(A1)\"");
    EXPECT_EQ(csv_text("\tx"), "\"'\tx\"");
    EXPECT_EQ(csv_text("-1.5"), "-1.5");
    EXPECT_EQ(csv_text("+3"), "+3");
    EXPECT_EQ(csv_text("-1e-3"), "-1e-3");
    EXPECT_EQ(csv_text("ward"), "ward");
    EXPECT_EQ(csv_text("region, county"), "\"region, county\"");
    EXPECT_EQ(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_text("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_text("'quoted"), "\"''quoted\"");
    EXPECT_EQ(csv_text(""), "");
    for (const std::string text : {"=1+1", "-1.5", "a,b", "say \"hi\"", "'x", "''", "@", "plain", ""}) {
        const auto fields = app::csv_fields(csv_text(text) + "," + csv_text(text));
        ASSERT_EQ(fields.size(), 2u) << text;
        EXPECT_EQ(fields[0], text);
        EXPECT_EQ(fields[1], text);
    }
}

TEST_F(OutputSafetyTest, SweepValuesThatLookLikeFormulasAreWrittenAsText) {
    fs::copy_file(source_path("scenarios/validation/erlang-c.yaml"), dir_ / "erlang-c.yaml");
    std::ofstream(dir_ / "s.yaml") << "scenario: erlang-c.yaml\n"
                                      "replications: 2\n"
                                      "seed: 7\n"
                                      "parameters:\n"
                                      "  scenario.run_length: 60d\n"
                                      "  scenario.description: ['=HYPERLINK(\"http://x\",\"y\")', 'a, b']\n"
                                      "metrics: [units.ward.p_wait]\n";
    const auto r = run_kapsim("sweep " + (dir_ / "s.yaml").string() + " --quiet --out " + (dir_ / "out").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* f : {"points.csv", "sweep.csv", "replications.csv"}) {
        const std::string text = read_text(dir_ / "out" / f);
        EXPECT_NE(text.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), std::string::npos) << f << "\n" << text;
        EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos) << f;
        EXPECT_NE(text.find(",\"a, b\","), std::string::npos) << f;
    }
}

}  // namespace
}  // namespace kapsim
