#include "xlsx_sheet.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>

#include "models/input_error.hpp"

namespace kapsim::fit {
namespace {

// Larger parts than this are refused: a sheet of a million stays is far below it.
constexpr zip_uint64_t largest_part = 512ull << 20;

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

[[noreturn]] void not_a_workbook(const std::string& file, const std::string& why) {
    throw models::InputError({file, 0, 0}, "cannot be read as an Excel workbook: " + why,
                             "save it from Excel as .xlsx (Excel Workbook), or export the sheet as CSV");
}

// The text of one part of the package, or nothing when it is absent.
std::optional<std::string> part(zip_t* zip, const std::string& file, const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(zip, name.c_str(), 0, &stat) != 0) return std::nullopt;
    if (!(stat.valid & ZIP_STAT_SIZE) || stat.size > largest_part) not_a_workbook(file, name + " is too large");
    zip_file_t* f = zip_fopen(zip, name.c_str(), 0);
    if (!f) not_a_workbook(file, name + " cannot be opened");
    std::string text(stat.size, '\0');
    const zip_int64_t got = zip_fread(f, text.data(), stat.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) not_a_workbook(file, name + " is damaged");
    return text;
}

pugi::xml_document xml(const std::string& file, const std::string& name, const std::string& text) {
    pugi::xml_document doc;
    if (!doc.load_buffer(text.data(), text.size())) not_a_workbook(file, name + " is not well-formed XML");
    return doc;
}

// All the text of a string item: plain <t>, or the runs <r><t> of rich text.
std::string item_text(const pugi::xml_node& node) {
    std::string text;
    for (const auto& t : node.select_nodes(".//*[local-name()='t']")) text += t.node().text().get();
    return text;
}

// "BC12" -> column 55 (1-based); 0 when the reference is malformed.
int column_of(std::string_view ref) {
    int column = 0;
    for (const char c : ref) {
        if (c < 'A' || c > 'Z') break;
        column = column * 26 + (c - 'A' + 1);
        if (column > 16384) return 0;
    }
    return column;
}

// The first sheet's part: workbook.xml names it, its relationships give the file.
std::string first_sheet_part(zip_t* zip, const std::string& file) {
    const auto workbook = part(zip, file, "xl/workbook.xml");
    const auto rels = part(zip, file, "xl/_rels/workbook.xml.rels");
    if (!workbook || !rels) not_a_workbook(file, "it holds no xl/workbook.xml");
    const auto w = xml(file, "xl/workbook.xml", *workbook);
    const auto r = xml(file, "xl/_rels/workbook.xml.rels", *rels);
    const auto sheet = w.select_node("//*[local-name()='sheet']").node();
    if (!sheet) not_a_workbook(file, "the workbook has no sheet");
    const std::string id = sheet.attribute("r:id").value();
    for (const auto& rel : r.select_nodes("//*[local-name()='Relationship']")) {
        if (id != rel.node().attribute("Id").value()) continue;
        std::string target = rel.node().attribute("Target").value();
        if (!target.empty() && target.front() == '/') return target.substr(1);
        return "xl/" + target;
    }
    not_a_workbook(file, "the first sheet's part is not named in xl/_rels/workbook.xml.rels");
}

}  // namespace

DataTable read_xlsx_sheet(const std::string& file) {
    int error = 0;
    Zip zip(zip_open(file.c_str(), ZIP_RDONLY, &error));
    if (!zip) {
        zip_error_t e;
        zip_error_init_with_code(&e, error);
        const std::string why = zip_error_strerror(&e);
        zip_error_fini(&e);
        not_a_workbook(file, why);
    }
    std::vector<std::string> shared;
    if (const auto strings = part(zip.get(), file, "xl/sharedStrings.xml")) {
        const auto doc = xml(file, "xl/sharedStrings.xml", *strings);
        for (const auto& si : doc.select_nodes("//*[local-name()='si']")) shared.push_back(item_text(si.node()));
    }
    bool date1904 = false;
    if (const auto workbook = part(zip.get(), file, "xl/workbook.xml")) {
        const auto w = xml(file, "xl/workbook.xml", *workbook);
        const auto pr = w.select_node("//*[local-name()='workbookPr']").node();
        const std::string flag = pr.attribute("date1904").value();
        date1904 = flag == "1" || flag == "true";
    }
    const std::string sheet_name = first_sheet_part(zip.get(), file);
    const auto sheet_text = part(zip.get(), file, sheet_name);
    if (!sheet_text) not_a_workbook(file, sheet_name + " is missing");
    const auto sheet = xml(file, sheet_name, *sheet_text);

    DataTable table;
    table.file = file;
    table.dialect = date1904 ? "xlsx (1904 dates)" : "xlsx";
    table.date1904 = date1904;
    int previous_row = 0;
    for (const auto& row_node : sheet.select_nodes("//*[local-name()='sheetData']/*[local-name()='row']")) {
        const auto row = row_node.node();
        const int number = row.attribute("r") ? row.attribute("r").as_int() : previous_row + 1;
        previous_row = number;
        std::vector<std::string> cells;
        int previous_column = 0;
        for (const auto& c : row.children()) {
            const std::string_view name = c.name();
            if (name != "c" && (name.size() < 2 || name.substr(name.size() - 2) != ":c")) continue;
            const int column = c.attribute("r") ? column_of(c.attribute("r").value()) : previous_column + 1;
            if (column <= 0) not_a_workbook(file, fmt::format("row {} has a cell with a malformed reference", number));
            previous_column = column;
            const std::string type = c.attribute("t").value();
            std::string value;
            if (type == "inlineStr") {
                value = item_text(c);
            } else {
                value = c.select_node("*[local-name()='v']").node().text().get();
                if (type == "s") {
                    const auto i = std::strtoul(value.c_str(), nullptr, 10);
                    if (i >= shared.size())
                        not_a_workbook(file, fmt::format("cell {} names a shared string that is not there",
                                                         c.attribute("r").value()));
                    value = shared[i];
                }
            }
            if (cells.size() < static_cast<std::size_t>(column)) cells.resize(static_cast<std::size_t>(column));
            cells[static_cast<std::size_t>(column) - 1] = std::move(value);
        }
        bool blank = true;
        for (const auto& v : cells) blank = blank && v.empty();
        if (blank) continue;
        if (table.header.empty()) {
            table.header = std::move(cells);
            table.header_line = number;
        } else {
            table.rows.push_back({number, std::move(cells)});
        }
    }
    if (table.header.empty())
        throw models::InputError({file, 1, 0}, "the first sheet holds no header row",
                                 "the sheet starts with a row naming its columns, e.g. arrival, admission, discharge");
    return table;
}

}  // namespace kapsim::fit
