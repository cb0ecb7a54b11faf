#include "cli/terminal.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace folio {

bool stdin_is_terminal() {
  return isatty(STDIN_FILENO) == 1;
}
bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

namespace {

std::string prompt_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios hidden = old;
  hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << '\n';
  return line;
}

}  // namespace

std::string read_new_password() {
  std::string password;
  if (stdin_is_terminal()) {
    password = prompt_hidden("Password: ");
    if (prompt_hidden("Repeat password: ") != password) {
      throw std::runtime_error("the passwords do not match");
    }
  } else {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  }
  if (password.empty()) throw std::runtime_error("the password is empty");
  return password;
}

void draw_progress(int done, int total, const char* unit) {
  if (!stderr_is_terminal() || total <= 0) return;
  constexpr int kWidth = 30;
  const int filled = done * kWidth / total;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r[%s] %3d%% %d/%d %s", bar.c_str(), done * 100 / total, done, total, unit);
  if (done >= total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace folio
