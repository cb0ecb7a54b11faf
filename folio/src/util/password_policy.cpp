#include "util/password_policy.hpp"

#include <string>
#include <unordered_set>

#include "util/common_passwords.hpp"

namespace folio {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    std::string_view text = common_passwords_text();
    while (!text.empty()) {
      const auto end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.starts_with("# ")) continue;
      out.insert(lower(line));
    }
    return out;
  }();
  return set;
}

bool is_digit_or_symbol(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

// "abcabcabc" -> "abc"; nullopt when `s` is not a repetition.
std::optional<std::string_view> repeated_unit(std::string_view s) {
  for (std::size_t unit = 1; unit <= s.size() / 2; ++unit) {
    if (s.size() % unit != 0) continue;
    bool repeats = true;
    for (std::size_t i = unit; i < s.size() && repeats; ++i)
      repeats = s[i] == s[i % unit];
    if (repeats) return s.substr(0, unit);
  }
  return std::nullopt;
}

}  // namespace

std::size_t common_password_count() {
  return common_passwords().size();
}

std::optional<std::string> password_weakness(std::string_view password) {
  if (characters(password) < kPasswordMin) {
    return "a password must be at least " + std::to_string(kPasswordMin) +
           " characters long (OWASP ASVS 2.1.1): this one has " +
           std::to_string(characters(password));
  }
  const std::string candidate = lower(password);
  std::string_view stem = candidate;
  while (!stem.empty() && is_digit_or_symbol(stem.back()))
    stem.remove_suffix(1);
  if (stem.empty()) {
    return "a password of only digits and symbols is among the first an attacker tries: "
           "use words or letters too";
  }
  const auto& common = common_passwords();
  const auto unit = repeated_unit(candidate);
  if (common.contains(candidate) || common.contains(std::string(stem)) ||
      (unit && common.contains(std::string(*unit)))) {
    return "this password is, or is made from, one of the " + std::to_string(common.size()) +
           " most common passwords, which attackers try first: choose another";
  }
  if (unit && unit->size() <= 3) {
    return "a password that repeats a few characters is among the first an attacker tries";
  }
  return std::nullopt;
}

}  // namespace folio
