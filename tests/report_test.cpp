// kapsim report: the sentences carry the results' own numbers, Swedish and English show the
// same figures, text from scenarios can never become markup or script, the sources and
// assumptions are read from the scenario files, and the command line says what to do when the
// chart libraries are missing. The browser test (tests/browser/) checks that the charts draw.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "app/report/charts.hpp"
#include "app/report/findings.hpp"
#include "app/report/html_report.hpp"
#include "app/report/markdown.hpp"
#include "app/report/markup.hpp"
#include "app/report/references.hpp"
#include "app/report/report_model.hpp"
#include "app/report/results_table.hpp"
#include "app/report/results_bundle.hpp"
#include "app/report/scenario_sources.hpp"
#include "app/report/translations.hpp"
#include "models/input_error.hpp"
#include "models/unit_kinds.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace app::report;
using testing::read_text;
using testing::source_path;

// The binary under test; KAPSIM_TEST_BINARY may name another build of it.
std::string kapsim_binary() {
    const char* other = std::getenv("KAPSIM_TEST_BINARY");
    return other && *other ? other : KAPSIM_BINARY;
}

testing::CommandResult kapsim(const std::string& args, const std::string& env = "") {
    const auto dir = testing::fresh_temp_dir("report-cmd");
    const std::string command = env + " " + kapsim_binary() + " " + args + " >" + (dir / "out").string() + " 2>" +
                                (dir / "err").string();
    const int status = std::system(command.c_str());
    testing::CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(dir / "out"), read_text(dir / "err")};
    fs::remove_all(dir);
    return r;
}

std::string ward(const std::string& name) { return source_path("tests/browser/fixtures/" + name); }

// Stand-ins for the chart libraries: what the report says does not depend on them.
const WebAssets no_libraries{"/* vega */", "/* vega-lite */", "/* vega-embed */", "test stand-ins"};

struct ShownNumber {
    std::string source;
    double value;
    double scale;
    int decimals;
    std::string text;
};

std::string unescape(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    }
    return s;
}

std::vector<ShownNumber> numbers_in(const std::string& html) {
    static const std::regex span(
        R"re(<span class="num" data-source="([^"]*)" data-value="([^"]*)" data-scale="([^"]*)" data-decimals="(\d+)">([^<]*)</span>)re");
    std::vector<ShownNumber> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), span); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out.push_back({unescape(m[1].str()), std::stod(m[2].str()), std::stod(m[3].str()), std::stoi(m[4].str()), unescape(m[5].str())});
    }
    return out;
}

// A number as the report writes it, read back: "1 234,5" (sv) or "1,234.5" (en), "−" for minus.
double read_shown(std::string text, Language lang) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\u00a0") == 0) {
            ++i;
            continue;
        }
        if (text.compare(i, 3, "\u2212") == 0) {
            out += '-';
            i += 2;
            continue;
        }
        const char c = text[i];
        if (c == ',') out += lang == Language::sv ? "." : "";
        else out += c;
    }
    return std::stod(out);
}

// The value a report's number names: "compare.json#/metrics/.../mean", "summary.json#/...", or
// "capacity.csv#/<capacity>/<section.id.metric>/<field>".
double value_at(const fs::path& dir, const std::string& source) {
    const auto hash = source.find('#');
    const std::string file = source.substr(0, hash), pointer = source.substr(hash + 1);
    if (file == "capacity.csv") {
        std::smatch m;
        static const std::regex parts(R"(^/(\d+)/([^/]+)/(\w+)$)");
        if (!std::regex_match(pointer, m, parts)) throw std::runtime_error("bad capacity source " + source);
        const std::vector<std::string> fields{"mean", "sd", "ci_low", "ci_high", "n"};
        const auto field = std::find(fields.begin(), fields.end(), m[3].str()) - fields.begin();
        std::istringstream in(read_text(dir / "capacity.csv"));
        for (std::string line; std::getline(in, line);) {
            std::vector<std::string> cells;
            std::istringstream row(line);
            for (std::string c; std::getline(row, c, ',');) cells.push_back(c);
            if (cells.size() == 9 && cells[0] == m[1].str() && cells[1] + "." + cells[2] + "." + cells[3] == m[2].str())
                return std::stod(cells[4 + static_cast<std::size_t>(field)]);
        }
        throw std::runtime_error("no such row: " + source);
    }
    return json::parse(read_text(dir / file)).at(json::json_pointer(pointer)).get<double>();
}

// Every number in the report is the results' own, and is shown rounded to its decimals.
void expect_numbers_from_results(const fs::path& dir, const std::string& html, Language lang, const std::string& file) {
    const auto numbers = numbers_in(html);
    ASSERT_GT(numbers.size(), 5u);
    for (const auto& n : numbers) {
        SCOPED_TRACE(n.source + " shown as " + n.text);
        EXPECT_EQ(n.source.substr(0, n.source.find('#')), file);
        EXPECT_EQ(n.value, value_at(dir, n.source));
        EXPECT_NEAR(read_shown(n.text, lang), n.value * n.scale, 0.5 * std::pow(10.0, -n.decimals) + 1e-9);
    }
}

// Results made once for all tests: a comparison of 13 and 16 beds, a run, a capacity curve.
class ReportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(testing::fresh_temp_dir("report"));
        compare_exit_ = kapsim("compare " + ward("ward-13.yaml") + " " + ward("ward-16.yaml") + " --reps 4 --by-year --out " +
                               (*dir_ / "compare").string())
                            .exit_code;
        run_exit_ = kapsim("run " + ward("ward-13.yaml") + " --reps 3 --by-year --out " + (*dir_ / "run").string()).exit_code;
        capacity_exit_ = kapsim("capacity " + ward("ward-13.yaml") + " --unit avd7 --range 12..14 --reps 3 --out " +
                                (*dir_ / "capacity").string())
                             .exit_code;
    }
    static void TearDownTestSuite() {
        fs::remove_all(*dir_);
        delete dir_;
    }
    void SetUp() override {
        ASSERT_EQ(compare_exit_, 0);
        ASSERT_EQ(run_exit_, 0);
        ASSERT_EQ(capacity_exit_, 0);
    }
    static fs::path results(const std::string& name) { return *dir_ / name; }
    static std::string report(const std::string& name, Language lang) {
        return render_report(load_results(results(name)), lang, no_libraries);
    }
    static inline fs::path* dir_ = nullptr;
    static inline int compare_exit_ = -1, run_exit_ = -1, capacity_exit_ = -1;
};

TEST_F(ReportTest, CompareSentencesCarryTheNumbersOfCompareJson) {
    const auto html = report("compare", Language::sv);
    expect_numbers_from_results(results("compare"), html, Language::sv, "compare.json");
    // The headline: days over capacity with 16 beds against 13, as compare.json has them.
    const json c = json::parse(read_text(results("compare") / "compare.json"));
    const double with16 = c["metrics"]["ward-16"]["units"]["avd7"]["days_above_capacity_per_year"]["mean"].get<double>();
    const double with13 = c["metrics"]["ward-13"]["units"]["avd7"]["days_above_capacity_per_year"]["mean"].get<double>();
    const auto findings = key_findings(load_results(results("compare")), Language::sv);
    const std::string first = plain_text(findings.groups.at(0).sentences.at(0));
    EXPECT_EQ(first.rfind("Med 16 vårdplatser beräknas avdelning 7 vara överbelagd ", 0), 0u) << first;
    EXPECT_NE(first.find(format_number(with16, decimals_for(with16, 0, 0), Language::sv) + " dagar per år (95 % KI "),
              std::string::npos)
        << first;
    EXPECT_NE(first.find(", mot " + format_number(with13, 0, Language::sv) + " dagar med 13 vårdplatser."), std::string::npos)
        << first;
    EXPECT_NE(first.find("dagar färre (95 % KI"), std::string::npos) << first;
}

TEST_F(ReportTest, RunReportTakesItsNumbersFromSummaryJson) {
    expect_numbers_from_results(results("run"), report("run", Language::sv), Language::sv, "summary.json");
    expect_numbers_from_results(results("run"), report("run", Language::en), Language::en, "summary.json");
}

TEST_F(ReportTest, CapacityReportTakesItsNumbersFromCapacityCsv) {
    const auto html = report("capacity", Language::sv);
    expect_numbers_from_results(results("capacity"), html, Language::sv, "capacity.csv");
    EXPECT_NE(html.find("Med 14 vårdplatser beräknas avdelning 7 vara överbelagd"), std::string::npos);
    const auto charts = build_charts(load_results(results("capacity")), Language::sv);
    EXPECT_GE(charts.size(), 4u);
}

TEST_F(ReportTest, SwedishAndEnglishShowTheSameFigures) {
    for (const auto* name : {"compare", "run", "capacity"}) {
        SCOPED_TRACE(name);
        const auto figures = [&](Language lang) {
            std::vector<std::tuple<std::string, double, double, int, double>> out;
            for (const auto& n : numbers_in(report(name, lang)))
                out.emplace_back(n.source, n.value, n.scale, n.decimals, read_shown(n.text, lang));
            std::sort(out.begin(), out.end());
            return out;
        };
        const auto sv = figures(Language::sv), en = figures(Language::en);
        EXPECT_FALSE(sv.empty());
        EXPECT_EQ(sv, en);
        // The same charts, with the same data, in both.
        EXPECT_EQ(build_charts(load_results(results(name)), Language::sv).size(),
                  build_charts(load_results(results(name)), Language::en).size());
    }
    const auto en = report("compare", Language::en);
    EXPECT_NE(en.find("With 16 beds, ward 7 is expected to be over capacity on "), std::string::npos);
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(report("compare", Language::sv).find("<html lang=\"sv\">"), std::string::npos);
}

TEST_F(ReportTest, ScenarioTextIsShownAsTextAndNeverRuns) {
    const fs::path dir = results("hostile");
    ASSERT_EQ(kapsim("run " + ward("ward-13.yaml") + " --reps 2 --out " + dir.string() +
                     " --set 'scenario.description=</script><script>window.kapsimInjected = 1</script> \u2028'")
                  .exit_code,
              0);
    // A results file edited by hand, or from another tool, may name the scenario anything.
    json summary = json::parse(read_text(dir / "summary.json"));
    summary["scenario"]["name"] = "<script>alert('kapsim')</script>";
    {
        std::ofstream out(dir / "summary.json");
        out << summary.dump(2);
    }
    // The report names the alternative by its label; the method appendix lists the names run.
    json manifest = json::parse(read_text(dir / "manifest.json"));
    for (auto& s : manifest["scenarios"]) s["name"] = "<script>alert('kapsim')</script>";
    {
        std::ofstream out(dir / "manifest.json");
        out << manifest.dump(2);
    }
    const auto html = render_report(load_results(dir), Language::sv, no_libraries);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_EQ(html.find("<script>window.kapsimInjected"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;kapsim&#39;)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;window.kapsimInjected = 1&lt;/script&gt;"), std::string::npos);
    // Only the report's own scripts: the chart data, three libraries and the code that draws.
    std::size_t scripts = 0, closings = 0;
    for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
    for (auto at = html.find("</script"); at != std::string::npos; at = html.find("</script", at + 1)) ++closings;
    EXPECT_EQ(scripts, 5u);
    EXPECT_EQ(closings, 5u);
    // The chart data names the scenario too, escaped for a script element.
    const auto start = html.find("<script type=\"application/json\" id=\"kapsim-charts\">");
    ASSERT_NE(start, std::string::npos);
    const auto body_start = html.find('>', start) + 1;
    const std::string data = html.substr(body_start, html.find("</script>", body_start) - body_start);
    EXPECT_EQ(data.find('<'), std::string::npos);
    EXPECT_TRUE(json::accept(data));
}

// The appendices show what the scenario's files say, from the scenario, its comments, the
// reference list and ASSUMPTIONS.md: all of it as text, none of it as markup.
TEST_F(ReportTest, ScenarioTextsInTheAppendicesAreShownEscapedAndNeverAsMarkup) {
    const std::string hostile = "<script>alert(1)</script> & <b>bold</b>";
    const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;";
    const fs::path dir = results("hostile-appendix");
    fs::create_directories(dir);
    const auto replace = [](std::string text, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return at == std::string::npos ? text : text.replace(at, from.size(), to);
    };
    std::string scenario = read_text(ward("ward-13.yaml"));
    // A unit's description, an assumption note with its range, and one without (its range from ASSUMPTIONS.md).
    scenario = replace(scenario, "    label: {sv: avdelning 7, en: ward 7}\n",
                       "    label: {sv: avdelning 7, en: ward 7}\n    description: '" + hostile + " unit'\n");
    scenario = replace(scenario, "# ASSUMPTION: two thirds of the implied", "# ASSUMPTION: " + hostile + " note; two thirds of the implied");
    // A range ends at ')', ',' or ';', so this one has none of them.
    scenario = replace(scenario, "(range 0.9-1.3/day)", "(range 0.9-1.3/day <b>& more</b>)");
    std::string references = replace(read_text(ward("references.yaml")), "title: Missbruks- och beroendeutredningen",
                                     "title: \"" + hostile + " title\"");
    {
        std::ofstream(dir / "ward.yaml") << scenario;
        std::ofstream(dir / "references.yaml") << references;
        std::ofstream(dir / "ASSUMPTIONS.md") << "# Assumptions\n\n## ward.yaml\n\n" + hostile + " document\n\n"
                                                 "| path | value | plausible range | reason | sweep |\n|---|---|---|---|---|\n"
                                                 "| `classes.acute_detox.arrivals.month` | more in summer | " + hostile +
                                                     " range | none | `" + hostile + "` |\n";
    }
    ASSERT_EQ(kapsim("run " + (dir / "ward.yaml").string() + " --reps 2 --out " + (dir / "out").string()).exit_code, 0);
    for (const auto lang : {Language::sv, Language::en}) {
        SCOPED_TRACE(language_code(lang));
        const auto html = render_report(load_results(dir / "out"), lang, no_libraries);
        // Nothing of it became an element: only the report's own five scripts, and no <b> at all.
        EXPECT_EQ(html.find("<script>alert"), std::string::npos);
        EXPECT_EQ(html.find("<b>"), std::string::npos);
        std::size_t scripts = 0;
        for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
        EXPECT_EQ(scripts, 5u);
        const auto section = [&](const std::string& id) {
            const auto start = html.find("<section id=\"" + id + "\"");
            return start == std::string::npos ? std::string() : html.substr(start, html.find("</section>", start) - start);
        };
        const std::string inputs = section("inputs"), method = section("method"), yaml = section("scenario-text");
        ASSERT_FALSE(inputs.empty());
        ASSERT_FALSE(method.empty());
        ASSERT_FALSE(yaml.empty());
        // Appendix A: the note in the inputs and the assumptions, the range written beside it, the
        // range and sweep from ASSUMPTIONS.md (through its Markdown), the document and its title.
        EXPECT_NE(inputs.find(escaped + " note; two thirds"), std::string::npos);
        EXPECT_NE(inputs.find("<td>0.9-1.3/day &lt;b&gt;&amp; more&lt;/b&gt;</td>"), std::string::npos);
        EXPECT_NE(inputs.find("<td>" + escaped + " range</td><td><code>" + escaped + "</code></td>"), std::string::npos);
        EXPECT_NE(inputs.find("<p>" + escaped + " document</p>"), std::string::npos);
        EXPECT_NE(inputs.find(escaped + " title, 2021-11-17"), std::string::npos);  // the citation, shown as its document
        EXPECT_NE(inputs.find("<li id=\"ref-vn-utredning-2021\">"), std::string::npos);
        // Appendices B and C: the model's listing and the scenario's YAML, with the unit's description.
        EXPECT_NE(yaml.find(escaped + " unit"), std::string::npos);
        EXPECT_NE(method.find("<pre>"), std::string::npos);

        // report-<lang>.json carries the appendix of inputs as text, for its reader to escape.
        const json appendix = to_json(report_model(load_results(dir / "out"), lang)).at("appendix").at("inputs");
        const auto has = [](const json& list, const char* key, const std::string& part) {
            return std::any_of(list.begin(), list.end(),
                               [&](const json& e) { return e.at(key).get<std::string>().find(part) != std::string::npos; });
        };
        EXPECT_TRUE(has(appendix.at("assumed"), "note", hostile + " note"));
        EXPECT_TRUE(has(appendix.at("assumed"), "range_markdown", hostile + " range"));
        EXPECT_TRUE(has(appendix.at("references"), "text", hostile + " title"));
        EXPECT_NE(appendix.at("assumptions_document").at("markdown").get<std::string>().find(hostile + " document"), std::string::npos);
        ASSERT_EQ(appendix.at("files").size(), 1u);
        EXPECT_EQ(appendix.at("files")[0].at("file"), "…/hostile-appendix/ward.yaml") << "no folder of this machine";
    }
}

// The page's text between two markers, without its tags and with its escapes undone.
std::string text_between(const std::string& html, const std::string& from, const std::string& to) {
    const auto start = html.find(from);
    if (start == std::string::npos) return "";
    const std::string part = html.substr(start, html.find(to, start) - start);
    std::string text;
    bool in_tag = false;
    for (char c : part) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (!in_tag) text += c;
    }
    return unescape(text);
}

// report-<lang>.json says what the page says: the same sentences with the same numbers, each
// from the results where its source points, and the same table.
TEST_F(ReportTest, ModelJsonCarriesTheSentencesNumbersAndTableOfTheHtml) {
    for (const auto* name : {"compare", "run"}) {
        for (const auto lang : {Language::sv, Language::en}) {
            SCOPED_TRACE(std::string(name) + " " + std::string(language_code(lang)));
            const fs::path dir = results(name);
            const auto bundle = load_results(dir);
            const ReportModel model = report_model(bundle, lang);
            const std::string html = render_report(bundle, model, no_libraries);
            const json j = json::parse(to_json(model).dump());
            const std::string summary = text_between(html, "<section id=\"summary\">", "</section>");
            ASSERT_FALSE(summary.empty());

            // Every sentence reads in the page's summary, and its numbers are the page's, in order.
            std::vector<std::tuple<std::string, double, std::string>> in_model;
            std::size_t sentences = 0;
            for (const auto& group : j.at("summary").at("findings"))
                for (const auto& sentence : group.at("sentences")) {
                    ++sentences;
                    const std::string text = sentence.at("text").get<std::string>();
                    EXPECT_NE(summary.find(text), std::string::npos) << text;
                    std::string joined;
                    for (const auto& seg : sentence.at("segments")) {
                        joined += seg.at("text").get<std::string>();
                        if (!seg.contains("number")) continue;
                        const auto& n = seg.at("number");
                        const std::string source = n.at("source").get<std::string>();
                        // The source resolves in the results, to the very value the model holds.
                        EXPECT_EQ(value_at(dir, source), n.at("value").get<double>()) << source;
                        in_model.emplace_back(source, n.at("value").get<double>(), seg.at("text").get<std::string>());
                    }
                    EXPECT_EQ(joined, text);
                }
            EXPECT_GT(sentences, 2u);
            std::vector<std::tuple<std::string, double, std::string>> in_page;
            for (const auto& n : numbers_in(html)) in_page.emplace_back(n.source, n.value, n.text);
            EXPECT_EQ(in_model, in_page);
            EXPECT_NE(summary.find(j.at("summary").at("caveat").get<std::string>()), std::string::npos);

            // The table: each cell's text is in the page's table, its mean where its source points.
            const std::string table = text_between(html, "<section id=\"results\">", "</section>");
            const auto& rows = j.at("results").at("rows");
            ASSERT_FALSE(rows.empty());
            EXPECT_EQ(j.at("results").at("alternatives").size(), bundle.variants.size());
            std::size_t cells = 0;
            for (const auto& row : rows) {
                EXPECT_NE(table.find(row.at("measure").get<std::string>()), std::string::npos);
                for (const auto& c : row.at("cells")) {
                    EXPECT_NE(html.find("<td class=\"figure\">" + html_escape(c.at("text").get<std::string>()) + "</td>"),
                              std::string::npos);
                    if (!c.contains("source")) continue;
                    ++cells;
                    // The source is the estimate's object: its mean and interval are the cell's.
                    const std::string source = c.at("source").get<std::string>();
                    EXPECT_EQ(value_at(dir, source + "/mean"), c.at("mean").get<double>()) << source;
                    ASSERT_TRUE(c.at("low").is_number() && c.at("high").is_number()) << source;
                    EXPECT_EQ(value_at(dir, source + "/ci_low"), c.at("low").get<double>()) << source;
                    EXPECT_EQ(value_at(dir, source + "/ci_high"), c.at("high").get<double>()) << source;
                }
            }
            EXPECT_GT(cells, 3u);
            // The charts are the page's.
            EXPECT_EQ(j.at("charts").size(), model.charts.size());
            for (const auto& c : j.at("charts"))
                EXPECT_NE(html.find("id=\"" + c.at("id").get<std::string>() + "\""), std::string::npos);
        }
    }
}

TEST(ReportSafety, MarkupEscapesTextAndAttributeValues) {
    Markup m = element("p", {{"title", "\"><script>x</script>"}}, "<b>&</b>");
    m += "<i>";
    EXPECT_EQ(m.html(), "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;&amp;&lt;/b&gt;</p>&lt;i&gt;");
    EXPECT_EQ(element("li", element("span", "a<b")).html(), "<li><span>a&lt;b</span></li>");
}

TEST(ReportSafety, InlinedJsonCannotCloseItsScriptOrBreakALine) {
    const json j = {{"name", "</script><script>alert(1)</script><!-- & \u2028 \u2029"}};
    const std::string safe = script_safe_json(j);
    EXPECT_EQ(safe.find("</"), std::string::npos);
    EXPECT_EQ(safe.find("<!--"), std::string::npos);
    EXPECT_EQ(safe.find("\u2028"), std::string::npos);
    EXPECT_EQ(safe.find("\u2029"), std::string::npos);
    EXPECT_EQ(json::parse(safe), j);
}

TEST(ReportSafety, InlinedLibrariesCannotCloseTheirScript) {
    const std::string code = script_safe_code("var a = '</script>', b = '</SCRIPT >', c = '<!--';\n//# sourceMappingURL=x.map\n");
    EXPECT_EQ(code.find("</script"), std::string::npos);
    EXPECT_EQ(code.find("</SCRIPT"), std::string::npos);
    EXPECT_EQ(code.find("<!--"), std::string::npos);
    EXPECT_EQ(code.find("sourceMappingURL"), std::string::npos);
    EXPECT_NE(code.find("'\\x3C/script>'"), std::string::npos);
}

TEST(ReportSafety, MarkdownIsEscapedAndLinksAreNeverFollowed) {
    const auto html = markdown_to_html("# Title <b>\n\n| path | range |\n|---|---|\n| `a<b` | **1-2** <script>x</script> |\n\n"
                                       "- item [site](http://example.invalid)\n");
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_EQ(html.find("href"), std::string::npos);
    EXPECT_NE(html.find("<code>a&lt;b</code>"), std::string::npos);
    EXPECT_NE(html.find("<strong>1-2</strong> &lt;script&gt;x&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("<th>range</th>"), std::string::npos);
}

TEST(ReportTranslations, EveryKeyHasSwedishAndEnglishWithTheSameBlanks) {
    static const std::regex blank(R"(\{[a-z_]+\})");
    const auto blanks = [](const std::string& text) {
        std::set<std::string> out;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), blank); it != std::sregex_iterator(); ++it) out.insert(it->str());
        return out;
    };
    const auto keys = translation_keys();
    EXPECT_EQ(std::set<std::string_view>(keys.begin(), keys.end()).size(), keys.size()) << "a key is listed twice";
    for (const auto key : keys) {
        SCOPED_TRACE(std::string(key));
        EXPECT_FALSE(tr(Language::sv, key).empty());
        EXPECT_FALSE(tr(Language::en, key).empty());
        EXPECT_EQ(blanks(tr(Language::sv, key)), blanks(tr(Language::en, key)));
    }
    EXPECT_THROW((void)tr(Language::sv, "no.such.key"), std::out_of_range);
    EXPECT_THROW((void)parse_language("de"), models::InputError);
}

TEST(ReportNumbers, SwedishAndEnglishNumberFormats) {
    EXPECT_EQ(format_number(1234567.891, 1, Language::sv), "1\u00a0234\u00a0567,9");
    EXPECT_EQ(format_number(1234567.891, 1, Language::en), "1,234,567.9");
    EXPECT_EQ(format_number(1234.4, 0, Language::sv), "1234");
    EXPECT_EQ(format_number(-3.25, 1, Language::sv), "\u22123,2");
    EXPECT_EQ(format_number(-0.01, 1, Language::en), "0.0");
    EXPECT_EQ(decimals_for(41.2, 35, 47), 0);
    EXPECT_EQ(decimals_for(3.4, 2.9, 3.9), 1);
    EXPECT_EQ(decimals_for(0.42, 0.3, 0.5), 2);
    EXPECT_EQ(decimals_for(41.2, 41.21, 41.29), 1);  // "41–41" would say nothing
}

TEST(ReportSources, CommentsGiveEachValueItsSourceOrAssumption) {
    const auto f = parse_scenario_comments("s.yaml", R"(# Header about the whole file,
# seed 004_x.txt:10 for everything.
scenario:
  name: x
  warmup: 90d   # run control: the ward fills in a month
units:
  avd7:
    beds: 13    # seed 004_x.txt:2540
    # ASSUMPTION: lognormal; the documents give only the mean
    #   (range 4d-9d)
    length_of_stay: {distribution: lognormal, mean: 9d, sd: 6d}
classes:
  a:
    arrivals:
      rate: 1.39/day  # CALIBRATED: 114 % occupancy in spring, seed 004_x.txt:2548
costs:
  - name: hvb_day
    per_day: 3747  # seed 004_x.txt:2442; ASSUMPTION: 180 days a placement (range 120-240 days)
  - {name: beds, unit: avd7, per_day: 4000, payer: region}
  - {unit: ed, per_admission: 3000}
)");
    ASSERT_EQ(f.file_notes.size(), 1u);
    EXPECT_EQ(f.file_notes[0].kind, SourceNote::Kind::source);
    const auto row = [&](const std::string& path) -> const InputRow& {
        const auto it = std::find_if(f.rows.begin(), f.rows.end(), [&](const InputRow& r) { return r.path == path; });
        if (it == f.rows.end()) throw std::runtime_error("no row " + path);
        return *it;
    };
    EXPECT_EQ(row("scenario.warmup").notes.at(0).kind, SourceNote::Kind::run_control);
    EXPECT_EQ(row("units.avd7.beds").notes.at(0).text, "seed 004_x.txt:2540");
    EXPECT_EQ(row("units.avd7.beds").line, 8);
    const auto& stay = row("units.avd7.length_of_stay");
    ASSERT_EQ(stay.notes.size(), 1u);
    EXPECT_EQ(stay.notes[0].kind, SourceNote::Kind::assumption);
    EXPECT_EQ(stay.notes[0].range, "4d-9d");
    EXPECT_EQ(stay.value, "{distribution: lognormal, mean: 9d, sd: 6d}");
    EXPECT_EQ(row("classes.a.arrivals.rate").notes.at(0).kind, SourceNote::Kind::calibrated);
    const auto& price = row("costs.hvb_day.per_day");
    ASSERT_EQ(price.notes.size(), 2u);
    EXPECT_EQ(price.notes[0].kind, SourceNote::Kind::source);
    EXPECT_EQ(price.notes[1].kind, SourceNote::Kind::assumption);
    EXPECT_EQ(price.notes[1].range, "120-240 days");
    EXPECT_EQ(row("costs.beds").value, "{name: beds, unit: avd7, per_day: 4000, payer: region}");
    EXPECT_EQ(row("costs[2]").value, "{unit: ed, per_admission: 3000}");
    EXPECT_TRUE(row("costs[2]").notes.empty());
}

TEST(ReportSources, AValueFittedByKapsimFitShowsItsExportAsItsSource) {
    const auto f = parse_scenario_comments("s.yaml", R"(classes:
  a:
    arrivals:
      rate: 1.2/day  # FITTED: stays.csv, 2345 arrivals, 2021-01-01..2025-12-31, Poisson regression
)");
    ASSERT_EQ(f.rows.size(), 1u);  // the one value; mappings are its path
    const auto& rate = f.rows.back();
    EXPECT_EQ(rate.path, "classes.a.arrivals.rate");
    ASSERT_EQ(rate.notes.size(), 1u);
    EXPECT_EQ(rate.notes[0].kind, SourceNote::Kind::source);
    EXPECT_EQ(rate.notes[0].text, "FITTED: stays.csv, 2345 arrivals, 2021-01-01..2025-12-31, Poisson regression");
}

// The Swedish report's appendix shows the notes of the shipped scenario files: each one that says
// more than its citations and the documents' own (Swedish) words must give its Swedish after " | sv: ".
TEST(ReportSources, EveryNoteOfTheShippedRegionalScenariosHasItsSwedish) {
    // What a note says beyond its citations and its quotations.
    const auto own_words = [](std::string text) {
        static const std::regex cited(R"(\[källa:[^\]]*\]|"[^"]*"|”[^”]*”)");
        text = std::regex_replace(text, cited, "");
        return std::any_of(text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    };
    std::size_t checked = 0;
    for (const char* region : {"scenarios/vasternorrland", "scenarios/jamtland"}) {
        for (const auto& entry : fs::directory_iterator(source_path(region))) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() != ".yaml" || name.rfind("sensitivity-", 0) == 0) continue;
            const auto f = parse_scenario_comments(name, read_text(entry.path()));
            std::vector<std::pair<std::string, const SourceNote*>> notes;
            for (const auto& n : f.file_notes) notes.push_back({"(whole file)", &n});
            for (const auto& row : f.rows)
                for (const auto& n : row.notes) notes.push_back({"line " + std::to_string(row.line), &n});
            for (const auto& [where, note] : notes) {
                ++checked;
                if (own_words(note->text)) {
                    EXPECT_FALSE(note->text_sv.empty()) << region << "/" << name << " " << where << ": no Swedish for: " << note->text;
                }
            }
        }
    }
    EXPECT_GE(checked, 100u);
}

TEST(ReportSources, AssumptionsMarkdownKeepsOnlyTheseScenariosAndGivesRanges) {
    const auto doc = read_assumptions_markdown("ASSUMPTIONS.md", R"(# Assumptions
General words.

## Structural assumptions
- the ward admits planned patients into free beds only

## vasternorrland/avd7-13.yaml

| path | value | plausible range | reason | sweep |
|---|---|---|---|---|
| `units.avd7.length_of_stay.sd` | 7 days | 4-12 days | only the mean is given | `sensitivity-avd7.yaml` |
| `costs.a.per_day`, `costs.b.per_day` | 1 | 1-2 | x | - |

## jamtland/tne-2016.yaml

| path | value | plausible range | reason | sweep |
|---|---|---|---|---|
| `units.tne.stay.mean` | 8h | 4-12h | none | - |
)",
                                               {"/somewhere/scenarios/vasternorrland/avd7-13.yaml"});
    EXPECT_NE(doc.markdown.find("Structural assumptions"), std::string::npos);
    EXPECT_NE(doc.markdown.find("avd7-13.yaml"), std::string::npos);
    EXPECT_EQ(doc.markdown.find("tne-2016"), std::string::npos);
    const auto* sd = doc.find("/somewhere/scenarios/vasternorrland/avd7-13.yaml", "units.avd7.length_of_stay.sd");
    ASSERT_NE(sd, nullptr);
    EXPECT_EQ(sd->range, "4-12 days");
    EXPECT_EQ(sd->sweep, "`sensitivity-avd7.yaml`");
    ASSERT_NE(doc.find("x.yaml", "costs.b.per_day"), nullptr);
    EXPECT_EQ(doc.find("x.yaml", "units.tne.stay.mean"), nullptr);
}

TEST_F(ReportTest, SourcesAndAssumptionsOfTheScenarioFilesAreListed) {
    const auto html = report("compare", Language::sv);
    // A citation is shown as the document it names, from the reference list beside the scenarios.
    EXPECT_NE(html.find("Missbruks- och beroendeutredningen, 2021-11-17, avsnitt ”Utvecklingen av insatser – Beroendeplatser”) "
                        "(13 county-wide beds since 2021)"),
              std::string::npos);
    EXPECT_NE(html.find("id=\"references\""), std::string::npos);
    EXPECT_NE(html.find("lognormal with sd 6 days; the documents give only the mean (range 4d-9d)"), std::string::npos);
    EXPECT_NE(html.find("<td>4d-9d</td>"), std::string::npos);
    EXPECT_NE(html.find("Bygger på ward-13.yaml"), std::string::npos);
    EXPECT_EQ(html.find("id=\"no-sources\""), std::string::npos);
}

// ASSUMPTIONS.sv.md beside ASSUMPTIONS.md is the same document in Swedish: the Swedish report
// shows it, and takes the ranges and sweeps of its tables; the English report keeps the English.
TEST_F(ReportTest, SwedishReportShowsTheSwedishAssumptionsDocumentAndTheEnglishReportTheEnglish) {
    const fs::path dir = results("assumptions-sv");
    fs::create_directories(dir / "region");
    for (const char* f : {"ward-13.yaml", "ward-16.yaml"}) fs::copy_file(ward(f), dir / "region" / f);
    fs::copy_file(ward("references.yaml"), dir / "references.yaml");
    {
        std::ofstream en(dir / "ASSUMPTIONS.md");
        en << "# Assumptions\n\n## region/ward-13.yaml\n\n| path | value | plausible range | reason | sweep |\n"
              "|---|---|---|---|---|\n| `classes.acute_detox.arrivals.month` | more in summer | flat to twice | "
              "no monthly counts | `sensitivity-ward.yaml` |\n";
        std::ofstream sv(dir / "ASSUMPTIONS.sv.md");
        sv << "# Antaganden\n\n## region/ward-13.yaml\n\n| sökväg | värde | rimligt intervall | skäl | prövas i |\n"
              "|---|---|---|---|---|\n| `classes.acute_detox.arrivals.month` | fler på sommaren | jämnt till dubbelt | "
              "inga antal per månad | `sensitivity-ward.yaml` (tre nivåer) |\n";
    }
    ASSERT_EQ(kapsim("compare " + (dir / "region" / "ward-13.yaml").string() + " " + (dir / "region" / "ward-16.yaml").string() +
                     " --reps 2 --out " + (dir / "out").string())
                  .exit_code,
              0);
    const auto r = load_results(dir / "out");
    const auto sv = render_report(r, Language::sv, no_libraries);
    const auto en = render_report(r, Language::en, no_libraries);
    EXPECT_NE(sv.find("<h4>Antaganden</h4>"), std::string::npos);
    EXPECT_NE(sv.find("inga antal per månad"), std::string::npos);
    EXPECT_NE(sv.find("<td>jämnt till dubbelt</td><td><code>sensitivity-ward.yaml</code> (tre nivåer)</td>"), std::string::npos);
    EXPECT_NE(sv.find("ASSUMPTIONS.sv.md"), std::string::npos);
    EXPECT_EQ(sv.find("no monthly counts"), std::string::npos);
    EXPECT_NE(en.find("<h4>Assumptions</h4>"), std::string::npos);
    EXPECT_NE(en.find("<td>flat to twice</td><td><code>sensitivity-ward.yaml</code></td>"), std::string::npos);
    EXPECT_EQ(en.find("inga antal per månad"), std::string::npos);
    EXPECT_EQ(en.find("ASSUMPTIONS.sv.md"), std::string::npos);
}

TEST_F(ReportTest, ScenarioWithoutCommentsSaysNoSourcesRecorded) {
    const fs::path dir = results("bare");
    fs::create_directories(dir);
    // The fixture without a single comment.
    std::istringstream in(read_text(ward("ward-13.yaml")));
    std::string bare;
    for (std::string line; std::getline(in, line);) {
        const auto hash = line.find(" #");
        if (line.rfind("#", 0) == 0) continue;
        bare += (hash == std::string::npos ? line : line.substr(0, hash)) + "\n";
    }
    {
        std::ofstream out(dir / "bare.yaml");
        out << bare;
    }
    ASSERT_EQ(kapsim("run " + (dir / "bare.yaml").string() + " --reps 2 --out " + (dir / "out").string()).exit_code, 0);
    for (const auto lang : {Language::sv, Language::en}) {
        const auto html = render_report(load_results(dir / "out"), lang, no_libraries);
        EXPECT_NE(html.find("id=\"no-sources\""), std::string::npos);
        EXPECT_NE(html.find("no sources recorded"), std::string::npos);
    }
}

TEST_F(ReportTest, MethodAppendixHasWhatAReviewerNeedsToReproduce) {
    const auto html = report("compare", Language::en);
    const json m = json::parse(read_text(results("compare") / "manifest.json"));
    for (const auto& s : m["scenarios"]) {
        EXPECT_NE(html.find(s["content_hash"].get<std::string>()), std::string::npos);
        // The file by name, never by the folders of the machine it was run on.
        const std::string file = s["file"].get<std::string>();
        EXPECT_NE(html.find(fs::path(file).filename().string()), std::string::npos);
        if (file.front() == '/') {
            EXPECT_EQ(html.find(file), std::string::npos) << file;
        }
    }
    for (const auto* item : {"STRESS-DES", "1.1 Purpose", "2.2 Base model logic", "3.4 Assumptions", "4.1 Initialisation",
                             "4.2 Run length", "4.3 Estimation approach", "5.2 Random sampling", "6 Code access",
                             "Reproduce the results", "Model listing", "The scenario as run", "common random numbers"})
        EXPECT_NE(html.find(item), std::string::npos) << item;
    EXPECT_NE(html.find("kapsim compare "), std::string::npos);
    // The print stylesheet: A4 pages, charts and table rows not split across them.
    EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("break-inside: avoid"), std::string::npos);
}

TEST_F(ReportTest, EveryChartIsAVegaLiteSpecWithItsOwnContainer) {
    const auto r = load_results(results("compare"));
    const auto charts = build_charts(r, Language::sv);
    // The comparison, occupancy by month and its distribution for the ward, costs per payer.
    ASSERT_GE(charts.size(), 4u);
    const auto html = render_report(r, Language::sv, no_libraries);
    for (const auto& c : charts) {
        EXPECT_EQ(c.spec["$schema"], "https://vega.github.io/schema/vega-lite/v6.json");
        EXPECT_NE(html.find("<div class=\"chart\" id=\"" + c.id + "\""), std::string::npos);
    }
    // Occupancy month by month: twelve months for each alternative, January first.
    const auto month = std::find_if(charts.begin(), charts.end(), [](const Chart& c) {
        return c.title.rfind("Beläggning månad för månad", 0) == 0;
    });
    ASSERT_NE(month, charts.end());
    EXPECT_EQ(month->spec["data"]["values"].size(), 24u);
    EXPECT_EQ(month->spec["data"]["values"][0]["month"], "jan");
    const json summary = json::parse(read_text(results("compare") / "variants" / "ward-13" / "summary.json"));
    EXPECT_EQ(month->spec["data"]["values"][0]["mean"], summary["units"]["avd7"]["occupancy_by_month"][0]["mean"]);
}

// A run of three years (from April 2021 to March 2024): each measure the report leads with is
// drawn year by year, as a fan of the replications' spread around the yearly mean and its
// interval, with the years written as years.
TEST_F(ReportTest, RunLongerThanAYearDrawsItsDecisionMetricsYearByYear) {
    for (const std::string name : {"run", "compare"}) {
        SCOPED_TRACE(name);
        const auto r = load_results(results(name));
        const auto charts = build_charts(r, Language::sv);
        const auto years = std::find_if(charts.begin(), charts.end(),
                                        [](const Chart& c) { return c.title.rfind("År för år", 0) == 0; });
        ASSERT_NE(years, charts.end());
        EXPECT_NE(years->caption.find("95-procentiga konfidensintervall"), std::string::npos);
        const auto& panels = years->spec["vconcat"];
        ASSERT_GE(panels.size(), 2u);
        const json summary = json::parse(read_text(results(name) / (name == "run" ? "" : "variants/ward-13") / "summary.json"));
        for (const auto& panel : panels) {
            const auto& layers = panel["layer"];
            ASSERT_EQ(layers.size(), 4u);
            EXPECT_EQ(layers[0]["mark"]["type"], "area");  // 90 % of the replications
            EXPECT_EQ(layers[0]["encoding"]["y"]["field"], "p05");
            EXPECT_EQ(layers[1]["mark"]["type"], "area");  // the middle 50 %
            EXPECT_EQ(layers[1]["encoding"]["y"]["field"], "p25");
            EXPECT_EQ(layers[2]["encoding"]["y"]["field"], "ci_low");  // the interval of the mean
            EXPECT_EQ(layers[3]["mark"]["type"], "line");
            EXPECT_EQ(layers[3]["encoding"]["x"]["field"], "year");
            EXPECT_EQ(layers[3]["encoding"]["x"]["axis"]["format"], "d");  // 2025, not "2 025"
            EXPECT_EQ(layers[3]["encoding"]["x"]["title"], "År");
        }
        // 2021 to 2024 for each alternative, the years as integers, the means those of summary.json.
        const auto& rows = panels[0]["data"]["values"];
        ASSERT_EQ(rows.size(), (name == "run" ? 1u : 2u) * 4u);
        EXPECT_EQ(rows[0]["year"], 2021);
        EXPECT_TRUE(rows[0]["year"].is_number_integer());
        EXPECT_EQ(rows[0]["mean"], summary["units"]["avd7"]["occupancy_mean"]["by_year"][0]["mean"]);
        EXPECT_EQ(rows[3]["year"], 2024);
        EXPECT_EQ(build_charts(r, Language::en).size(), charts.size());
    }
    // A run of a year or less has no years to draw.
    const auto dir = testing::fresh_temp_dir("report-one-year");
    ASSERT_EQ(kapsim("run " + ward("ward-13.yaml") + " --set scenario.run_length=1y --reps 2 --out " + (dir / "one").string())
                  .exit_code,
              0);
    const auto one = build_charts(load_results(dir / "one"), Language::sv);
    EXPECT_TRUE(std::none_of(one.begin(), one.end(), [](const Chart& c) { return c.title.rfind("År för år", 0) == 0; }));
    fs::remove_all(dir);
}

TEST_F(ReportTest, CommandLineWritesTheReportAndExplainsMissingLibraries) {
    // Stand-in libraries, so the test needs no npm.
    const fs::path web = results("web");
    for (const auto* lib : {"vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"}) {
        fs::create_directories((web / "node_modules" / lib).parent_path());
        std::ofstream(web / "node_modules" / lib) << "/* stand-in */";
    }
    const std::string env = "KAPSIM_WEB_DIR=" + web.string();
    const auto sv = kapsim("report " + results("compare").string(), env);
    ASSERT_EQ(sv.exit_code, 0) << sv.err;
    EXPECT_TRUE(fs::exists(results("compare") / "report-sv.html"));
    // It names both files it wrote, as other commands do.
    EXPECT_EQ(sv.out, "wrote " + (results("compare") / "report-sv.html").string() + " and report-sv.json\n");
    // The report's model beside it, in its language, with nothing left behind half-written.
    const json model = json::parse(read_text(results("compare") / "report-sv.json"));
    EXPECT_EQ(model.at("language"), "sv");
    EXPECT_EQ(model.at("heading"), report_model(load_results(results("compare")), Language::sv).heading);
    EXPECT_FALSE(model.at("summary").at("findings").empty());
    for (const auto& e : fs::directory_iterator(results("compare")))
        EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
    const auto en = kapsim("report " + results("compare").string() + " --lang en --out " + (results("compare") / "x.html").string(), env);
    ASSERT_EQ(en.exit_code, 0) << en.err;
    EXPECT_EQ(en.out, "wrote " + (results("compare") / "x.html").string() + " and x.json\n");
    EXPECT_NE(read_text(results("compare") / "x.html").find("<html lang=\"en\">"), std::string::npos);
    EXPECT_EQ(json::parse(read_text(results("compare") / "x.json")).at("language"), "en");

    EXPECT_EQ(kapsim("report " + results("compare").string() + " --lang de", env).exit_code, 2);
    const auto nothing = kapsim("report " + results("nowhere").string(), env);
    EXPECT_EQ(nothing.exit_code, 2);
    EXPECT_NE(nothing.err.find("hint:"), std::string::npos);

    const auto missing = kapsim("report " + results("compare").string(), "KAPSIM_WEB_DIR=" + results("no-web").string());
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("run npm ci --prefix web"), std::string::npos) << missing.err;
    EXPECT_THROW((void)load_web_assets(results("no-web")), models::InputError);
}

TEST_F(ReportTest, RunCompareAndCapacityWriteTheReportWhenAsked) {
    const fs::path web = results("web-stand-in");
    for (const auto* lib : {"vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"}) {
        fs::create_directories((web / "node_modules" / lib).parent_path());
        std::ofstream(web / "node_modules" / lib) << "/* stand-in */";
    }
    const std::string env = "KAPSIM_WEB_DIR=" + web.string();
    const fs::path run = results("with-report-run"), compare = results("with-report-compare"),
                   capacity = results("with-report-capacity");
    const auto ran = kapsim("run " + ward("ward-13.yaml") + " --reps 2 --report --out " + run.string(), env);
    ASSERT_EQ(ran.exit_code, 0);
    EXPECT_TRUE(fs::exists(run / "report-sv.html"));
    EXPECT_NE(ran.out.find("wrote the report " + (run / "report-sv.html").string() + " and report-sv.json\n"), std::string::npos)
        << ran.out;
    ASSERT_EQ(kapsim("compare " + ward("ward-13.yaml") + " " + ward("ward-16.yaml") + " --reps 2 --report-lang en --out " +
                         compare.string(),
                     env)
                  .exit_code,
              0);
    EXPECT_NE(read_text(compare / "report-en.html").find("With 16 beds, ward 7"), std::string::npos);
    EXPECT_TRUE(fs::exists(compare / "report-en.json"));
    ASSERT_EQ(kapsim("capacity " + ward("ward-13.yaml") + " --unit avd7 --range 13..14 --reps 2 --report --out " +
                         capacity.string(),
                     env)
                  .exit_code,
              0);
    EXPECT_NE(read_text(capacity / "report-sv.html").find("Med 14 vårdplatser"), std::string::npos);
}


// A kind the report has no words of its own for still reports: each registered kind's example
// scenario is run, and its findings told only by the generic sentences built from its metrics'
// labels, as a new kind's would be, name each metric by the label its kind declares.
TEST(ReportRegistry, EveryKindReportsByItsMetricSpecsWithoutWordsOfItsOwn) {
    const fs::path dir = testing::fresh_temp_dir("report-kinds");
    for (const auto& kind : models::unit_kinds()) {
        SCOPED_TRACE(std::string(kind.name));
        const fs::path file = dir / (std::string(kind.name) + ".yaml");
        std::ofstream(file) << kind.example;
        const fs::path out = dir / std::string(kind.name);
        ASSERT_EQ(kapsim("run " + file.string() + " --reps 2 --out " + out.string()).exit_code, 0);
        const auto results = load_results(out);
        ASSERT_FALSE(finding_measures(results, kind.name, false).empty()) << "a kind marks at least one metric as a finding";
        // The example may hold units of other kinds too (where the turned away go).
        std::vector<Measure> measures;
        for (const auto& unit : units_in_report_order(results))
            for (auto& m : finding_measures(results, unit, false)) measures.push_back(std::move(m));
        for (const auto& m : measures) EXPECT_TRUE(m.generic());
        for (const auto lang : {Language::sv, Language::en}) {
            const auto findings = key_findings(results, lang, false);
            std::size_t told = 0;
            for (const auto& group : findings.groups) {
                if (group.heading == tr(lang, "summary.costs")) continue;
                for (const auto& sentence : group.sentences) {
                    const auto text = plain_text(sentence);
                    const bool labelled = std::any_of(measures.begin(), measures.end(), [&](const Measure& m) {
                        return text.find(lang == Language::sv ? m.spec.label_sv : m.spec.label_en) != std::string::npos;
                    });
                    EXPECT_TRUE(labelled) << text;
                    EXPECT_EQ(text.find('{'), std::string::npos) << text;
                    ++told;
                }
            }
            EXPECT_GT(told, 0u);
            // The whole report, with the report's own sentences where it has them, renders too.
            EXPECT_NO_THROW((void)render_report(results, lang, no_libraries));
            EXPECT_NO_THROW((void)build_charts(results, lang));
        }
        // Its words come from its descriptor: a unit is named by the kind's noun.
        if (!kind.sv.noun.empty()) {
            EXPECT_EQ(unit_label(Language::sv, &kind, "x"), std::string(kind.sv.noun) + " x");
        }
        EXPECT_FALSE(capacity_word(Language::en, &kind, 2).empty());
    }
    fs::remove_all(dir);
}

// The registry is the one place that knows the unit kinds: no source of app/ spells a kind's
// name (so nothing there can branch on it), and no report translation is keyed by one.
TEST(ReportRegistry, NoSourceOfAppNamesAUnitKind) {
    std::vector<fs::path> sources;
    for (const auto& e : fs::recursive_directory_iterator(source_path("app")))
        if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".hpp")) sources.push_back(e.path());
    ASSERT_GT(sources.size(), 10u);
    for (const auto& kind : models::unit_kinds()) {
        const std::string quoted = "\"" + std::string(kind.name) + "\"";
        for (const auto& file : sources)
            EXPECT_EQ(read_text(file).find(quoted), std::string::npos) << file.string() << " names the kind " << quoted;
        for (const auto key : translation_keys()) {
            const std::string k(key);
            EXPECT_EQ(("." + k + ".").find("." + std::string(kind.name) + "."), std::string::npos)
                << "translation key " << k << " is keyed by the kind " << kind.name;
        }
    }
}


// --- The report for a committee: Swedish before the appendices, sources as documents ---------

// The shipped files a reader or a report sees: the scenario library and the manual.
std::vector<fs::path> shipped_files() {
    std::vector<fs::path> files{source_path("README.md")};
    for (const auto& e : fs::recursive_directory_iterator(source_path("scenarios")))
        if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".md")) files.push_back(e.path());
    return files;
}

TEST(ReportReferences, EveryCitationInTheShippedFilesNamesAListedDocumentAndPlace) {
    const ReferenceList list = read_reference_list(source_path("scenarios/references.yaml"));
    ASSERT_TRUE(list.error.empty()) << list.error;
    ASSERT_GE(list.references.size(), 5u);
    for (const auto& r : list.references) {
        EXPECT_FALSE(r.organisation.empty()) << r.id;
        EXPECT_FALSE(r.title.empty()) << r.id;
        EXPECT_FALSE(r.date.empty()) << r.id;
        for (const auto& p : r.places) EXPECT_FALSE(p.section.empty() && p.page.empty()) << r.id << " §" << p.key;
    }
    std::size_t citations = 0;
    for (const auto& file : shipped_files()) {
        if (file.filename() == "references.yaml") continue;
        const std::string text = read_text(file);
        for (const auto& c : find_citations(text)) {
            ++citations;
            const Reference* r = list.find(c.id);
            ASSERT_NE(r, nullptr) << file.string() << ": " << text.substr(c.begin, c.end - c.begin) << " names no listed document";
            EXPECT_FALSE(c.place.empty()) << file.string() << ": " << c.id << " cites no section or page";
            EXPECT_NE(r->place(c.place), nullptr) << file.string() << ": " << c.id << " has no place " << c.place;
        }
        // A citation written so that it would not be recognised (a typo, a line break) would
        // silently be no citation: every "[källa: " followed by an id is one.
        std::size_t written = 0;
        const std::string marker = "[k\u00e4lla: ";
        for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1))
            written += at + marker.size() < text.size() && std::islower(static_cast<unsigned char>(text[at + marker.size()]));
        EXPECT_EQ(written, find_citations(text).size()) << file.string();
    }
    EXPECT_GE(citations, 100u);
    // The report resolves a citation to the document, and says when one is not listed.
    const auto c = find_citations("beds: 13  # [k\u00e4lla: vn-utredning-2021 \u00a7beroendeplatser]");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(citation_text(&list, c[0], Language::sv),
              "Social ReKo Västernorrland (Region Västernorrland och länets sju kommuner): Missbruks- och "
              "beroendeutredningen, 2021-11-17, avsnitt ”Utvecklingen av insatser – Beroendeplatser”");
    const auto unknown = find_citations("[k\u00e4lla: no-such-document \u00a7x]");
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_NE(citation_text(&list, unknown[0], Language::sv).find("saknas i källförteckningen"), std::string::npos);
}

TEST(ReportReferences, NoShippedFileNamesAMachinePathOrALineOfASourceFile) {
    for (const auto& file : shipped_files()) {
        const std::string text = read_text(file);
        for (const auto* bad : {"/work/", "seeds/", ".txt:"})
            EXPECT_EQ(text.find(bad), std::string::npos) << file.string() << " contains " << bad;
    }
}

TEST(ReportText, DescriptionsAndLabelsAreGivenInBothLanguagesOrOnce) {
    const auto s = testing::scenario_from_text(R"(scenario:
  name: x
  label: {sv: 13 vårdplatser, en: 13 beds}
  description:
    sv: Avdelning 7 med 13 vårdplatser
    en: Ward 7 with 13 beds
  start: 2024-01-01
  run_length: 1y
classes:
  a: {label: {sv: akut avgiftning, en: acute detox}, description: once, arrivals: {rate: 1/day}, first_unit: w}
units:
  w: {kind: ward, label: {sv: avdelning 7}, beds: 2, length_of_stay: {distribution: exponential, mean: 2d}}
)");
    EXPECT_EQ(s.label.in("sv"), "13 vårdplatser");
    EXPECT_EQ(s.description.in("en"), "Ward 7 with 13 beds");
    EXPECT_EQ(s.description.plain, "Ward 7 with 13 beds");  // what the command line and summary.json show
    EXPECT_EQ(s.classes[0].label.in("sv"), "akut avgiftning");
    EXPECT_EQ(s.classes[0].description.in("sv"), "once");
    EXPECT_EQ(s.units[0].label.in("en"), "avdelning 7");  // a language not given falls back to the text given
    try {
        testing::scenario_from_text("scenario: {name: x, description: {sv: a, de: b}, start: 2024-01-01, run_length: 1y}\n"
                                    "classes: {a: {arrivals: {rate: 1/day}, first_unit: w}}\n"
                                    "units: {w: {kind: ward, beds: 2, length_of_stay: {distribution: exponential, mean: 2d}}}\n");
        ADD_FAILURE() << "a language other than sv and en is accepted";
    } catch (const models::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown key 'de'"), std::string::npos) << e.what();
    }
}

TEST(ReportNumbers, AnEstimateStaysInsideItsRoundedIntervalAndACountNeverBelowZero) {
    EXPECT_EQ(value_with_interval(41.2, 35.4, 47.9, 1, 0, true, Language::sv), "41 (35–48)");
    EXPECT_EQ(value_with_interval(0.4, -0.3, 1.1, 1, 0, true, Language::sv), "0,40 (0,00–1,10)");
    EXPECT_EQ(value_with_interval(-0.4, -1.1, 0.3, 1, 0, false, Language::sv), "\u22120,40 (\u22121,10–0,30)");
    for (const auto& [mean, low, high] : std::vector<std::tuple<double, double, double>>{
             {99.96, 99.51, 100.4}, {8.249, 7.51, 8.97}, {0.049, 0.001, 0.097}, {1234.5, 1200.2, 1268.8}}) {
        const std::string shown = value_with_interval(mean, low, high, 1, 0, true, Language::en);
        const double m = std::stod(shown.substr(0, shown.find(' ')));
        const double lo = std::stod(shown.substr(shown.find('(') + 1));
        const double hi = std::stod(shown.substr(shown.find("\u2013") + 3));
        EXPECT_LE(lo, m) << shown;
        EXPECT_LE(m, hi) << shown;
    }
}

// The text a reader sees before the appendices, without markup.
std::string text_before_appendix(const std::string& html) {
    const auto body = html.find("<body>");
    auto end = html.find("class=\"appendix\"");
    if (end == std::string::npos) end = html.size();
    std::string text = std::regex_replace(html.substr(body, end - body), std::regex("<[^>]*>"), " ");
    return unescape(text);
}

// Words that would only stand in an English sentence.
const std::vector<std::string> english_words{"the", "and", "with", "beds", "ward", "which", "placements", "detox", "summer",
                                             "closed", "planned", "expected", "is", "are", "of"};

void expect_swedish_for_a_committee(const std::string& html, const std::vector<std::string>& unit_ids) {
    const std::string text = text_before_appendix(html);
    ASSERT_GT(text.size(), 1000u);
    for (const auto& id : unit_ids)
        EXPECT_FALSE(std::regex_search(text, std::regex("(^|[^A-Za-z0-9_-])" + id + "($|[^A-Za-z0-9_-])")))
            << "the unit id " << id << " stands in the summary";
    std::smatch path;
    EXPECT_FALSE(std::regex_search(text, path, std::regex(R"([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)"))) << path.str();
    for (const auto& word : english_words) {
        std::smatch m;
        EXPECT_FALSE(std::regex_search(text, m, std::regex("(^|[^A-Za-zåäöÅÄÖ])" + word + "($|[^A-Za-zåäöÅÄÖ])", std::regex::icase)))
            << "English word '" << word << "' before the appendices: ..." << m.prefix().str().substr(std::max<std::ptrdiff_t>(0, m.prefix().length() - 80))
            << m.str() << "...";
    }
    for (const auto* bad : {"/work/", "seeds/", ".txt:", KAPSIM_SOURCE_DIR}) EXPECT_EQ(html.find(bad), std::string::npos) << bad;
}

TEST_F(ReportTest, SwedishSummaryNamesUnitsAndAlternativesInSwedishWithoutPathsOrEnglish) {
    const auto html = report("compare", Language::sv);
    expect_swedish_for_a_committee(html, {"avd7"});
    EXPECT_NE(html.find("<li><strong>13 vårdplatser</strong>"), std::string::npos);
    // The appendices come after the committee's pages, marked as such.
    const auto appendix = html.find("class=\"appendix\"");
    ASSERT_NE(appendix, std::string::npos);
    EXPECT_LT(html.find("id=\"results\""), appendix);
    EXPECT_LT(html.find("id=\"charts\""), appendix);
    EXPECT_NE(html.find("Bilaga A. Indata, källor och antaganden", appendix), std::string::npos);
    EXPECT_GT(html.find("id=\"method\""), appendix);
    // The printed page's header carries the date as Swedish writes it.
    EXPECT_TRUE(std::regex_search(html, std::regex("@top-right \\{ content: \"[0-9]{1,2} (januari|februari|mars|april|maj|juni|juli|"
                                                   "augusti|september|oktober|november|december) [0-9]{4}\"")));
}

// The default report of the README, as the committee gets it: 13, 15 and 16 beds.
TEST(ReportForACommittee, DefaultComparisonTellsEveryAlternativeItsAdmissionsAndAddedCostInSwedish) {
    const auto dir = testing::fresh_temp_dir("report-default");
    const std::string scenarios = source_path("scenarios/vasternorrland/");
    ASSERT_EQ(kapsim("compare " + scenarios + "avd7-13.yaml " + scenarios + "avd7-15.yaml " + scenarios +
                     "avd7-16.yaml --reps 4 --out " + (dir / "out").string() + " --report")
                  .exit_code,
              0);
    const std::string html = read_text(dir / "out" / "report-sv.html");
    fs::remove_all(dir);
    expect_swedish_for_a_committee(html, {"avd7", "hvb", "summer_hvb", "acute_detox", "planned_detox", "summer_detox", "placements"});
    const std::string summary = text_before_appendix(html);
    for (const auto* alternative : {"13 vårdplatser", "15 vårdplatser", "16 vårdplatser"})
        EXPECT_NE(summary.find(alternative), std::string::npos) << alternative;
    // What more beds change for patients: planned admissions and those who give up waiting.
    EXPECT_NE(summary.find("planerade patienter per år"), std::string::npos);
    EXPECT_NE(summary.find("lämna väntelistan"), std::string::npos);
    // The ward's running cost is not modelled: the staff added is an added cost, never "against 0".
    EXPECT_NE(summary.find("merkostnad"), std::string::npos);
    EXPECT_FALSE(std::regex_search(summary, std::regex("mot 0(,0)? Mkr")));
    // The unchanged placements are said once, not compared.
    EXPECT_NE(summary.find("är desamma i alla alternativ"), std::string::npos);
    // The table of results: every alternative a column.
    const auto table = html.find("<table class=\"results\">");
    ASSERT_NE(table, std::string::npos);
    const std::string head = html.substr(table, html.find("</thead>", table) - table);
    for (const auto* alternative : {"13 vårdplatser", "15 vårdplatser", "16 vårdplatser"})
        EXPECT_NE(head.find(alternative), std::string::npos) << alternative;
    // The sources are documents, listed once.
    EXPECT_NE(html.find("Missbruks- och beroendeutredningen"), std::string::npos);
    EXPECT_FALSE(std::regex_search(html, std::regex("\\[k\u00e4lla: [a-z]"))) << "a citation left as written";
}

TEST_F(ReportTest, NoChartIsEmptyAndCostsShowWhatTheAlternativesChange) {
    const auto charts = build_charts(load_results(results("compare")), Language::sv);
    for (const auto& c : charts) {
        const auto& spec = c.spec;
        bool data = spec.contains("data") && !spec["data"]["values"].empty();
        if (spec.contains("vconcat"))
            data = std::all_of(spec["vconcat"].begin(), spec["vconcat"].end(), [](const json& p) { return !p["data"]["values"].empty(); });
        EXPECT_TRUE(data) << c.title;
        // Axis labels are thinned out rather than drawn into each other.
        EXPECT_EQ(spec["config"]["axis"]["labelOverlap"], "greedy") << c.title;
    }
    const auto cost = std::find_if(charts.begin(), charts.end(), [](const Chart& c) { return c.title.rfind("Vad alternativen ändrar", 0) == 0; });
    ASSERT_NE(cost, charts.end());
    for (const auto& row : cost->spec["data"]["values"]) EXPECT_NE(row["variant"], "13 vårdplatser");
}

}  // namespace
}  // namespace kapsim
