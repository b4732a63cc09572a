#include "aws/timestamps.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace eec::aws {
namespace {

using std::chrono::system_clock;

// Reads exactly `width` decimal digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool expect(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// The instant `since_epoch` after 1970, or nullopt when the system clock cannot hold it:
// libstdc++ counts nanoseconds in 64 bits, about 292 years either side of 1970, and converting a
// later date would overflow (found by fuzz/xml_response_fuzzer: an Expiration in year 4048).
std::optional<system_clock::time_point> on_system_clock(std::chrono::microseconds since_epoch) {
  constexpr auto kLimit =
      std::chrono::duration_cast<std::chrono::microseconds>(system_clock::duration::max());
  if (since_epoch > kLimit || since_epoch < -kLimit) return std::nullopt;
  return system_clock::time_point(std::chrono::duration_cast<system_clock::duration>(since_epoch));
}

}  // namespace

std::optional<system_clock::time_point> time_from_epoch_seconds(double seconds) {
  // Within +-1e11 s the microseconds fit in 64 bits; on_system_clock() then checks the range.
  if (!std::isfinite(seconds) || std::fabs(seconds) > 1e11) return std::nullopt;
  const auto micros = static_cast<std::int64_t>(std::llround(seconds * 1e6));
  return on_system_clock(std::chrono::microseconds(micros));
}

std::optional<system_clock::time_point> parse_iso8601(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || !expect(text, 4, '-') ||
      !expect(text, 7, '-') || !(expect(text, 10, 'T') || expect(text, 10, 't')) ||
      !expect(text, 13, ':') || !expect(text, 16, ':')) {
    return std::nullopt;
  }
  if (*hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                        std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;

  std::size_t pos = 19;
  std::chrono::microseconds fraction{0};
  if (expect(text, pos, '.')) {
    ++pos;
    const std::size_t start = pos;
    std::int64_t micros = 0;
    int scale = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (scale < 6) {
        micros = micros * 10 + (text[pos] - '0');
        ++scale;
      }
      ++pos;
    }
    if (pos == start) return std::nullopt;
    for (; scale < 6; ++scale) micros *= 10;
    fraction = std::chrono::microseconds(micros);
  }

  std::chrono::minutes offset{0};
  if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    ++pos;
  } else if (expect(text, pos, '+') || expect(text, pos, '-')) {
    const bool negative = text[pos] == '-';
    const auto off_hour = digits(text, pos + 1, 2);
    const auto off_minute = digits(text, pos + 4, 2);
    if (!off_hour || !off_minute || !expect(text, pos + 3, ':') || *off_hour > 23 ||
        *off_minute > 59) {
      return std::nullopt;
    }
    offset = std::chrono::hours(*off_hour) + std::chrono::minutes(*off_minute);
    if (negative) offset = -offset;
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  const auto local = std::chrono::sys_days(ymd) + std::chrono::hours(*hour) +
                     std::chrono::minutes(*minute) + std::chrono::seconds(*second) + fraction;
  // Years 0000-9999 in microseconds fit in 64 bits; the system clock's range is narrower.
  return on_system_clock((local - offset).time_since_epoch());
}

}  // namespace eec::aws
