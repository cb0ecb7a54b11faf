# Warnings as errors and the sanitizer switch, applied through one interface
# target that every project target links.

add_library(project_options INTERFACE)
target_compile_options(project_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  -Werror
  # GCC 12 reports false -Wrestrict overlaps inside std::string at -O2/-O3
  # (GCC bug 105651); the warning is noise there.
  -Wno-restrict)

if(FOLIO_SANITIZE)
  target_compile_options(project_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(project_options INTERFACE -fsanitize=address,undefined)
endif()
if(FOLIO_TSAN)
  if(FOLIO_SANITIZE)
    message(FATAL_ERROR "FOLIO_TSAN and FOLIO_SANITIZE cannot be combined")
  endif()
  # -Wno-tsan: GCC 12 warns (an error with -Werror) that TSan does not model the
  # std::atomic_thread_fence in Asio's std_fenced_block, in every file that includes Asio.
  target_compile_options(project_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer
    -Wno-tsan)
  target_link_options(project_options INTERFACE -fsanitize=thread)
endif()

# Code the project does not own (examples of misuse that must not compile,
# generated files) can opt out of the warnings by not linking project_options.
