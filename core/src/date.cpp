#include "pathway/core/date.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace pathway::core {

namespace {

bool parseDigits(std::string_view s, int32_t& out) {
    if (s.empty()) return false;
    int32_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// days_from_civil / civil_from_days: http-free citation, H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms".
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

bool isLeapYear(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int32_t daysInMonth(int32_t y, int32_t m) {
    static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return (m == 2 && isLeapYear(y)) ? 29 : kDays[m - 1];
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    Date d;
    if (!parseDigits(t.substr(0, 4), d.year) || !parseDigits(t.substr(5, 2), d.month) ||
        !parseDigits(t.substr(8, 2), d.day))
        return std::nullopt;
    if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > daysInMonth(d.year, d.month))
        return std::nullopt;
    return d;
}

Date Date::fromDays(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp + (mp < 10 ? 3 : -9);
    const int64_t y = yoe + era * 400 + (m <= 2);
    return Date{static_cast<int32_t>(y), static_cast<int32_t>(m), static_cast<int32_t>(d)};
}

int64_t Date::toDays() const { return daysFromCivil(year, month, day); }

namespace {
void put2(char* p, int32_t v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}
} // namespace

std::string Date::toString() const {
    // Without printf when every part fits its width (always, for dates a portfolio holds):
    // exports and saves format tens of thousands of dates (issue 7). Same text either way.
    if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
        char out[10];
        put2(out, year / 100);
        put2(out + 2, year % 100);
        out[4] = '-';
        put2(out + 5, month);
        out[7] = '-';
        put2(out + 8, day);
        return std::string(out, 10);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(year),
                  static_cast<int>(month), static_cast<int>(day));
    return buf;
}

int Date::weekday() const {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const int64_t d = toDays();
    return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

Date Date::addMonths(int32_t n) const {
    int64_t total = static_cast<int64_t>(year) * 12 + (month - 1) + n;
    Date r;
    r.year = static_cast<int32_t>(total >= 0 ? total / 12 : (total - 11) / 12);
    r.month = static_cast<int32_t>(total - static_cast<int64_t>(r.year) * 12 + 1);
    r.day = std::min(day, daysInMonth(r.year, r.month));
    return r;
}

Date SystemClock::today() const {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
#if defined(_WIN32)
    localtime_s(&tm, &t);
#else
    localtime_r(&t, &tm);
#endif
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int64_t SystemClock::nowMs() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatTimestamp(int64_t ms) {
    int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int64_t rem = secs - days * 86400;
    Date d = Date::fromDays(days);
    // rem is 0..86399, so each part has two digits.
    std::string out = d.toString();
    char t[10] = {'T', 0, 0, ':', 0, 0, ':', 0, 0, 'Z'};
    put2(t + 1, static_cast<int32_t>(rem / 3600));
    put2(t + 4, static_cast<int32_t>((rem / 60) % 60));
    put2(t + 7, static_cast<int32_t>(rem % 60));
    out.append(t, 10);
    return out;
}

std::optional<int64_t> parseTimestamp(std::string_view t) {
    // Accepts "YYYY-MM-DDTHH:MM:SSZ" (what formatTimestamp writes) and a plain date.
    auto date = Date::parse(t.substr(0, 10));
    if (!date) return std::nullopt;
    if (t.size() == 10) return date->toDays() * 86400000;
    if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')
        return std::nullopt;
    int32_t h = 0, m = 0, s = 0;
    if (!parseDigits(t.substr(11, 2), h) || !parseDigits(t.substr(14, 2), m) ||
        !parseDigits(t.substr(17, 2), s) || h > 23 || m > 59 || s > 60)
        return std::nullopt;
    return ((date->toDays() * 86400) + h * 3600 + m * 60 + s) * 1000;
}

std::optional<int64_t> parseRfc3339(std::string_view t) {
    if (auto plain = parseTimestamp(t)) return plain;
    if (t.size() < 20 || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':' || t[16] != ':')
        return std::nullopt;
    auto date = Date::parse(t.substr(0, 10));
    int32_t h = 0, m = 0, s = 0;
    if (!date || !parseDigits(t.substr(11, 2), h) || !parseDigits(t.substr(14, 2), m) ||
        !parseDigits(t.substr(17, 2), s) || h > 23 || m > 59 || s > 60)
        return std::nullopt;
    size_t i = 19;
    int32_t millis = 0;
    if (t[i] == '.') {
        // Fractional seconds: milliseconds kept, finer digits dropped.
        size_t digits = 0;
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits)
            if (digits < 3) millis = millis * 10 + (t[i] - '0');
        if (digits == 0) return std::nullopt;
        for (size_t k = digits; k < 3; ++k) millis *= 10;
    }
    int32_t offsetMinutes = 0;
    const std::string_view zone = t.substr(i);
    if (zone == "Z" || zone == "z") {
        offsetMinutes = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int32_t oh = 0, om = 0;
        if (!parseDigits(zone.substr(1, 2), oh) || !parseDigits(zone.substr(4, 2), om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetMinutes = (oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    const int64_t local = (date->toDays() * 86400) + h * 3600 + m * 60 + s;
    return (local - int64_t{offsetMinutes} * 60) * 1000 + millis;
}

} // namespace pathway::core
