#include "pathway/core/csv.hpp"

namespace pathway::core {

std::string csvField(std::string_view v) {
    std::string s;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t'))
        s.push_back('\'');
    s.append(v);
    const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string csvRow(const std::vector<std::string>& fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(',');
        out += csvField(fields[i]);
    }
    out += "\r\n";
    return out;
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
            while (i < t.size()) {
                if (t[i] == '"') {
                    if (i + 1 < t.size() && t[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (t[i] == '\n') ++line;
                field.push_back(t[i++]);
            }
            if (!closed) {
                error = "line " + std::to_string(opened) + ": a quoted field is never closed";
                return std::nullopt;
            }
            if (i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r') {
                error = "line " + std::to_string(line) + ": text after a closing quote";
                return std::nullopt;
            }
            if (field.empty()) field = std::string(); // "" is an empty field
            // Mark that this field was quoted and is complete: handled by the separators below.
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
            field.push_back(c);
            ++i;
        }
    }
    if (any) endRow();
    return table;
}

} // namespace pathway::core
