// relate's :name placeholder rewrite (Session::execute): any text either
// binds or throws relate::InvalidRequestError (nothing else), and a bound
// statement has one placeholder per parameter, in order, on both dialects.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "relate/error.hpp"
#include "relate/sql/dialect.hpp"
#include "sql/named_params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<relate::NamedValue> values{{"a", 1}, {"b", "two"}};
  for (const relate::sql::Dialect* dialect :
       {&relate::sql::sqlite_dialect(), &relate::sql::postgres_dialect()}) {
    // Every value must be used: try with both, with a alone, and with none.
    for (std::size_t n = 0; n <= values.size(); ++n) {
      try {
        const auto bound = relate::sql::bind_named(
            text, std::span<const relate::NamedValue>(values.data(), n), *dialect);
        FUZZ_CHECK(bound.params.size() >= n);
        if (dialect->name() == "postgresql" && !bound.params.empty()) {
          const std::string last = "$" + std::to_string(bound.params.size());
          FUZZ_CHECK(bound.text.find(last) != std::string::npos);
        }
      } catch (const relate::InvalidRequestError&) {
      }
    }
    (void)relate::sql::reads_only(text);
  }
  return 0;
}
