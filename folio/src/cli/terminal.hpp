#pragma once
// Terminal helpers for the CLI: password prompts and a progress bar.

#include <string>

namespace folio {

bool stdin_is_terminal();
bool stderr_is_terminal();

// Reads a password: from the terminal without echo, asked twice (throws
// std::runtime_error if the two differ), or as one line from stdin when it
// is not a terminal. Throws std::runtime_error when it is empty.
std::string read_new_password();

// Draws "[#####.....]  45% 450/1000" on stderr, redrawn in place; a no-op
// when stderr is not a terminal.
void draw_progress(int done, int total, const char* unit);

}  // namespace folio
