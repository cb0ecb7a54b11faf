#pragma once
// `folio token create USER [--name N]`, `folio token list [USER]` and
// `folio token revoke ID`: API bearer tokens (docs/api.md). A token is
// printed once, when it is made; the database keeps only its hash.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "settings.hpp"

namespace folio {

class TokenCommands {
 public:
  // Adds the `token` command and its subcommands to `cli`.
  // The options write into this object while `cli` parses: it must stay put.
  explicit TokenCommands(CLI::App& cli);
  TokenCommands(const TokenCommands&) = delete;
  TokenCommands& operator=(const TokenCommands&) = delete;
  // The exit status of the token command that was parsed (each runs SQL,
  // and throws what BlogStore throws), or nullopt when none was.
  std::optional<int> run(const Settings& settings) const;

 private:
  CLI::App* create_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* revoke_ = nullptr;
  std::string username_{};
  std::string name_{};
  std::int64_t token_id_ = 0;
};

}  // namespace folio
