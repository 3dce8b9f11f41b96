// Calendar dates without time zones: what a practitioner means by "the 3rd of May".
// Day arithmetic uses the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pathway::core {

struct Date {
    int32_t year = 1970;
    int32_t month = 1; ///< 1..12
    int32_t day = 1;   ///< 1..31

    /// Parses exactly "YYYY-MM-DD" and rejects impossible days (2026-02-30).
    static std::optional<Date> parse(std::string_view text);
    /// Day 0 is 1970-01-01.
    static Date fromDays(int64_t days);

    int64_t toDays() const;
    std::string toString() const; ///< "YYYY-MM-DD"
    /// 0 = Monday ... 6 = Sunday.
    int weekday() const;
    bool isWeekend() const { return weekday() >= 5; }

    Date addDays(int64_t n) const { return fromDays(toDays() + n); }
    /// Adds calendar months; the day is clamped to the month's length (31 Jan + 1 month = 28/29 Feb).
    Date addMonths(int32_t n) const;

    friend auto operator<=>(const Date&, const Date&) = default;
    friend bool operator==(const Date&, const Date&) = default;
};

bool isLeapYear(int32_t year);
int32_t daysInMonth(int32_t year, int32_t month);
/// Whole days from a to b (positive when b is later).
inline int64_t daysBetween(Date a, Date b) { return b.toDays() - a.toDays(); }

/// Where "today" and "now" come from; tests pass a fixed clock.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Date today() const = 0;
    /// Milliseconds since the Unix epoch, UTC.
    virtual int64_t nowMs() const = 0;
};

/// The machine's clock (local calendar date).
class SystemClock final : public Clock {
  public:
    Date today() const override;
    int64_t nowMs() const override;
};

/// A clock that says what it is told; for tests and the CLI's --on.
class FixedClock final : public Clock {
  public:
    explicit FixedClock(Date today, int64_t nowMs = 0) : m_today(today), m_nowMs(nowMs) {}
    Date today() const override { return m_today; }
    int64_t nowMs() const override { return m_nowMs; }
    void set(Date today) { m_today = today; }
    void advanceMs(int64_t ms) { m_nowMs += ms; }

  private:
    Date m_today;
    int64_t m_nowMs;
};

/// "2026-11-23T14:03:00Z" from milliseconds since the epoch.
std::string formatTimestamp(int64_t ms);
std::optional<int64_t> parseTimestamp(std::string_view text);
/// An Atom/RFC 3339 date-time as other systems write it: what parseTimestamp reads, plus
/// fractional seconds and an offset ("2026-10-05T16:00:00+01:00", Mahara's PHP 'c' format;
/// "...16:00:00.250Z"), as milliseconds since the epoch in UTC.
std::optional<int64_t> parseRfc3339(std::string_view text);

} // namespace pathway::core
