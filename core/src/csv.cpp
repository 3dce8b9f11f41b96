#include "pathway/core/csv.hpp"

#include <algorithm>

#include "swar.hpp"

namespace pathway::core {

void appendCsvField(std::string& out, std::string_view v) {
    const bool formula =
        !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t');
    // Scanned eight bytes at a time: long free text rarely holds , " CR or LF (issue 7).
    const char* p = v.data();
    const size_t n = v.size();
    size_t i = 0;
    bool special = false;
    while (i + 8 <= n) {
        const uint64_t w = swar::load(p + i);
        if (swar::eq(w, ',') | swar::eq(w, '"') | swar::eq(w, '\r') | swar::eq(w, '\n')) break;
        i += 8;
    }
    for (; i < n && !special; ++i)
        special = p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n';
    // The apostrophe comes first when there is one, so only an unprefixed value can start
    // with a space.
    const bool quote =
        special || (!v.empty() && ((!formula && v.front() == ' ') || v.back() == ' '));
    if (quote) out.push_back('"');
    if (formula) out.push_back('\'');
    if (!quote) {
        out.append(v);
        return;
    }
    size_t run = 0;
    for (size_t q = v.find('"'); q != std::string_view::npos; q = v.find('"', q + 1)) {
        out.append(p + run, q + 1 - run); // up to and including the quote
        out.push_back('"');
        run = q + 1;
    }
    out.append(p + run, n - run);
    out.push_back('"');
}

std::string csvField(std::string_view v) {
    std::string out;
    out.reserve(v.size() + 2);
    appendCsvField(out, v);
    return out;
}

std::string csvRow(const std::vector<std::string>& fields) {
    std::string out;
    appendCsvRow(out, fields);
    return out;
}

void appendCsvRow(std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(',');
        appendCsvField(out, fields[i]);
    }
    out += "\r\n";
}

std::optional<CsvTable> parseCsv(std::string_view t, std::string& error) {
    CsvTable table;
    if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
    size_t i = 0, line = 1;
    std::vector<std::string> row;
    std::string field;
    size_t rowLine = 1;
    bool any = false; // anything in the current row
    auto endRow = [&]() {
        row.push_back(std::move(field));
        field.clear();
        // A blank line is not a row.
        if (!(row.size() == 1 && row[0].empty())) {
            table.rows.push_back(std::move(row));
            table.lines.push_back(rowLine);
        }
        row.clear();
        any = false;
    };
    while (i < t.size()) {
        char c = t[i];
        if (!any) rowLine = line;
        any = true;
        if (c == '"' && field.empty()) {
            ++i;
            const size_t opened = line;
            bool closed = false;
            // Whole runs between quotes at a time: one append each, not a push_back per byte
            // (libc++'s push_back is not inlined under wasm, where it was most of the import).
            while (i < t.size()) {
                const size_t q = std::min(t.find('"', i), t.size());
                const std::string_view run = t.substr(i, q - i);
                line += static_cast<size_t>(std::count(run.begin(), run.end(), '\n'));
                field.append(run);
                i = q;
                if (i == t.size()) break;
                if (i + 1 < t.size() && t[i + 1] == '"') {
                    field.push_back('"');
                    i += 2;
                    continue;
                }
                ++i;
                closed = true;
                break;
            }
            if (!closed) {
                error = "line " + std::to_string(opened) + ": a quoted field is never closed";
                return std::nullopt;
            }
            if (i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r') {
                error = "line " + std::to_string(line) + ": text after a closing quote";
                return std::nullopt;
            }
            // The quoted field is complete; the separator after it is handled below.
            continue;
        }
        if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            ++i;
        } else if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') {
            endRow();
            i += 2;
            ++line;
        } else if (c == '\n' || c == '\r') {
            endRow();
            ++i;
            ++line;
        } else {
            // Up to the next separator or line end; a quote inside an unquoted field is text.
            const size_t end = std::min(t.find_first_of(",\r\n", i), t.size());
            field.append(t.substr(i, end - i));
            i = end;
        }
    }
    if (any) endRow();
    return table;
}

} // namespace pathway::core
