#include "aws/credential_time.h"

#include <cctype>
#include <cstdio>
#include <optional>

namespace eec::aws {
namespace {

std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

core::Result<std::chrono::system_clock::time_point> parse_credential_time(std::string_view text) {
  auto fail = [&] {
    return core::make_error(core::ErrorKind::parse,
                            "'" + std::string(text) + "' is not an ISO 8601 timestamp");
  };
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  std::size_t pos = 0;
  auto year = digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) return fail();
  auto month = digits(text, pos, 2);
  if (!month || !expect(text, pos, '-')) return fail();
  auto day = digits(text, pos, 2);
  if (!day) return fail();
  if (!expect(text, pos, 'T') && !expect(text, pos, 't') && !expect(text, pos, ' ')) return fail();
  auto hour = digits(text, pos, 2);
  if (!hour || !expect(text, pos, ':')) return fail();
  auto minute = digits(text, pos, 2);
  if (!minute || !expect(text, pos, ':')) return fail();
  auto second = digits(text, pos, 2);
  if (!second) return fail();
  std::chrono::microseconds fraction{0};
  if (expect(text, pos, '.') || expect(text, pos, ',')) {
    long long micros = 0;
    int count = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (count < 6) micros = micros * 10 + (text[pos] - '0');
      ++count;
      ++pos;
    }
    if (count == 0) return fail();
    for (int i = count; i < 6; ++i) micros *= 10;
    fraction = std::chrono::microseconds(micros);
  }
  std::chrono::minutes offset{0};
  std::string_view zone = text.substr(pos);
  if (zone.empty() || zone == "Z" || zone == "z" || zone == "UTC" || zone == "GMT" ||
      zone == "+00:00" || zone == "-00:00") {
    // UTC
  } else if (zone[0] == '+' || zone[0] == '-') {
    std::size_t zpos = 1;
    auto zh = digits(zone, zpos, 2);
    if (!zh) return fail();
    expect(zone, zpos, ':');
    int zm = 0;
    if (zpos < zone.size()) {
      auto parsed = digits(zone, zpos, 2);
      if (!parsed) return fail();
      zm = *parsed;
    }
    if (zpos != zone.size()) return fail();
    offset = std::chrono::minutes(*zh * 60 + zm);
    if (zone[0] == '-') offset = -offset;
  } else {
    return fail();
  }
  std::chrono::year_month_day date{std::chrono::year(*year),
                                   std::chrono::month(static_cast<unsigned>(*month)),
                                   std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return fail();
  auto time = std::chrono::sys_days(date) + std::chrono::hours(*hour) +
              std::chrono::minutes(*minute) + std::chrono::seconds(*second) + fraction - offset;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(time);
}

std::string format_rfc3339(std::chrono::system_clock::time_point time) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  auto days = std::chrono::floor<std::chrono::days>(seconds);
  std::chrono::year_month_day date{days};
  std::chrono::hh_mm_ss clock{seconds - days};
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

}  // namespace eec::aws
