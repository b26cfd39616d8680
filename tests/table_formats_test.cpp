// The output tables for Excel: the Swedish CSV dialect and the XLSX workbook beside the CSV.
#include <gtest/gtest.h>

#include <fstream>

#include "app/table_formats.hpp"
#include "models/input_error.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::read_text;
using testing::run_kapsim;

TEST(TableFormats, ReadsKapsimCsvWithCommentsQuotesAndEmptyCells) {
    const auto t = app::read_csv_table("# kapsim 1 scenario x\nname,value,note\n\"a, b\",1.5,\n\"say \"\"hi\"\"\",-2e-05,x\n");
    ASSERT_EQ(t.comments.size(), 1u);
    EXPECT_EQ(t.comments[0], "kapsim 1 scenario x");
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[1], (std::vector<std::string>{"a, b", "1.5", ""}));
    EXPECT_EQ(t.rows[2], (std::vector<std::string>{"say \"hi\"", "-2e-05", "x"}));
}

TEST(TableFormats, SwedishCsvHasSemicolonsAndDecimalCommasOnlyInNumbers) {
    const auto t = app::read_csv_table("id,date,mean,label\navd7,2024-01-01,165.25,\"13; 16 beds\"\nv1.2,12,-0.5,1.5 days\n");
    const std::string sv = app::swedish_csv(t);
    EXPECT_EQ(sv.substr(0, 3), "\xEF\xBB\xBF") << "Excel needs the byte-order mark to read UTF-8";
    EXPECT_NE(sv.find("id;date;mean;label\n"), std::string::npos) << sv;
    EXPECT_NE(sv.find("avd7;2024-01-01;165,25;\"13; 16 beds\"\n"), std::string::npos) << sv;
    EXPECT_NE(sv.find("v1.2;12;-0,5;1.5 days\n"), std::string::npos) << "names and text keep their points: " << sv;
}

TEST(TableFormats, AnUnknownFormatIsAnInputErrorNamingTheFormats) {
    EXPECT_TRUE(app::parse_table_formats({"csv"}).empty());
    EXPECT_EQ(app::parse_table_formats({"xlsx", "csv-sv", "xlsx"}).size(), 2u);
    try {
        app::parse_table_formats({"xls"});
        FAIL() << "xls accepted";
    } catch (const models::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("csv-sv"), std::string::npos) << e.what();
    }
}

TEST(TableFormats, CompareWritesAWorkbookAndSwedishCsvBesideEveryTable) {
    const auto dir = testing::fresh_temp_dir("table_formats_test");
    const auto r = run_kapsim("compare " + testing::source_path("scenarios/validation/erlang-b.yaml") + " " +
                              testing::source_path("scenarios/validation/erlang-c.yaml") +
                              " --reps 3 --format xlsx --format csv-sv --quiet --out " + (dir / "cmp").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* table : {"compare", "variants/erlang-b/summary", "variants/erlang-b/replications",
                              "variants/erlang-c/summary", "variants/erlang-c/replications"}) {
        const auto csv = read_text(dir / "cmp" / (std::string(table) + ".csv"));
        const auto sv = read_text(dir / "cmp" / (std::string(table) + "-sv.csv"));
        EXPECT_EQ(app::read_csv_table(csv).rows.size(), std::count(sv.begin(), sv.end(), '\n') -
                                                              static_cast<long>(app::read_csv_table(csv).comments.size()))
            << table << ": one Swedish row for every row";
    }
    const auto book = read_text(dir / "cmp" / "results.xlsx");
    EXPECT_EQ(book.substr(0, 2), "PK") << "an XLSX file is a zip archive";

    const auto bad = run_kapsim("run " + testing::source_path("scenarios/validation/erlang-b.yaml") +
                                " --reps 3 --format xls --out " + (dir / "bad").string());
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("'xls' is not an output format"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace kapsim
