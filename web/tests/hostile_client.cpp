// hostile_client: a hostile-but-fair HTTP/1.1 client for the reliability tests
// (folio/tests/hostile_test.sh). Loopback only: it refuses any server or source address
// outside 127.0.0.0/8. Every mode is bounded in time (--deadline-s) and exits by itself:
// 0 when the server behaved, 1 (with the reason on stderr) when it did not, 2 on bad usage.
//
//   flood    --port P --kind headers|body --from A[,B...] --connections N
//            --probe-from C --probes M [--path /1/] [--max-p99-ms 100] [--hold-ms 1500]
//       Holds N slow connections (slowloris: a header that never ends, or a body that never
//       ends), spread over the --from addresses and trickled a byte at a time (each one the
//       server ends is opened again, unless --reopen no), while a normal client from C makes
//       M requests, each on a new connection. Passes when every probe is
//       answered 200 and their p99 latency is under the bound. Prints what it measured.
//   battery  --port P
//       Sends malformed requests, one per connection; each must be answered with a 4xx
//       (an unknown method: 501, as RFC 9110 says) within the deadline, and the server must
//       still answer a normal request after each.
//   hold     --port P --from A --count N --expect-200 K
//       Opens N keep-alive connections from A, one GET on each, all kept open: passes when
//       exactly K are answered 200 and the rest 503 (a per-client limit at work, or not).
//   inflight --port P [--path /1/] [--loops 4]
//       Keeps parallel keep-alive GETs going and one POST whose body is half sent; prints
//       "ready" once requests are flowing, then waits until the server stops accepting
//       (the caller sends SIGTERM), sends the rest of the body, and passes when that POST is
//       answered in full and no response of the GETs was cut off.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

Clock::time_point g_deadline;

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr, "hostile_client: %s (see the comment at the top of hostile_client.cpp)\n",
               why.c_str());
  std::exit(2);
}

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "FAIL: %s\n", why.c_str());
  std::exit(1);
}

void check_deadline(std::string_view doing) {
  if (Clock::now() > g_deadline) fail("deadline passed while " + std::string(doing));
}

in_addr loopback(const std::string& text) {
  in_addr address{};
  if (::inet_pton(AF_INET, text.c_str(), &address) != 1) usage("not an IPv4 address: " + text);
  if ((ntohl(address.s_addr) >> 24) != 127) usage("not a loopback address: " + text);
  return address;
}

// A blocking TCP connection from `from` to 127.0.0.1:port; -1 when refused.
int connect_from(const std::string& from, std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in source{};
  source.sin_family = AF_INET;
  source.sin_addr = loopback(from);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
    fail("bind " + from + ": " + std::strerror(errno));
  }
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(port);
  server.sin_addr = loopback("127.0.0.1");
  if (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads what is available within `wait`; "" at EOF or error, nullopt when nothing came.
std::optional<std::string> read_some(int fd, std::chrono::milliseconds wait) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return std::nullopt;
  char buffer[16384];
  const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  if (n <= 0) return std::string();
  return std::string(buffer, static_cast<std::size_t>(n));
}

struct Response {
  int status = 0;
  bool complete = false;  // the whole head and Content-Length body arrived
  std::string head;
};

// The length of a complete response at the front of data, or 0 when it is not all there.
std::size_t complete_length(std::string_view data, Response& out) {
  const std::size_t end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) return 0;
  out.head = std::string(data.substr(0, end));
  if (data.size() >= 12 && data.starts_with("HTTP/1.")) out.status = std::atoi(data.data() + 9);
  std::size_t length = 0;
  std::string lower = out.head;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
    length = std::strtoul(lower.c_str() + at + 17, nullptr, 10);
  }
  if (data.size() < end + 4 + length) return 0;
  return end + 4 + length;
}

// Reads one response (skipping 1xx ones) from fd; `pending` keeps bytes of the next one.
Response read_response(int fd, std::string& pending, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (true) {
    Response response;
    if (const std::size_t n = complete_length(pending, response); n != 0) {
      pending.erase(0, n);
      if (response.status >= 100 && response.status < 200) continue;
      response.complete = true;
      return response;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left <= 0ms) return response;  // status 0 when nothing came
    const auto bytes = read_some(fd, left);
    if (!bytes) return response;
    if (bytes->empty()) {
      Response partial;
      complete_length(pending + "\r\n\r\n", partial);  // the status of a cut-off head, if any
      partial.complete = false;
      return partial;
    }
    pending += *bytes;
  }
}

std::map<std::string, std::string> parse_flags(int argc, char** argv, int first) {
  std::map<std::string, std::string> flags;
  for (int i = first; i < argc; i += 2) {
    const std::string name = argv[i];
    if (!name.starts_with("--") || i + 1 >= argc) usage("expected --name value, got " + name);
    flags[name.substr(2)] = argv[i + 1];
  }
  return flags;
}

std::string flag(const std::map<std::string, std::string>& flags, const std::string& name,
                 const std::optional<std::string>& fallback = std::nullopt) {
  if (const auto it = flags.find(name); it != flags.end()) return it->second;
  if (!fallback) usage("--" + name + " is required");
  return *fallback;
}

long number(const std::map<std::string, std::string>& flags, const std::string& name,
            const std::optional<long>& fallback = std::nullopt) {
  const auto text = flag(
      flags, name, fallback ? std::optional<std::string>(std::to_string(*fallback)) : std::nullopt);
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || value < 0) usage("--" + name + " must be a number");
  return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

// One GET on a new connection from `from`: its status (0 when unanswered) and latency.
std::pair<int, double> probe(const std::string& from, std::uint16_t port, const std::string& path) {
  const auto start = Clock::now();
  const int fd = connect_from(from, port);
  int status = 0;
  if (fd >= 0) {
    std::string pending;
    if (send_all(fd, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
      const Response r = read_response(fd, pending, 10s);
      status = r.complete ? r.status : 0;
    }
    ::close(fd);
  }
  return {status, std::chrono::duration<double, std::milli>(Clock::now() - start).count()};
}

// --- flood
int flood(const std::map<std::string, std::string>& flags) {
  const auto port = static_cast<std::uint16_t>(number(flags, "port"));
  const std::string kind = flag(flags, "kind");
  if (kind != "headers" && kind != "body") usage("--kind is headers or body");
  const auto sources = split(flag(flags, "from"), ',');
  const long connections = number(flags, "connections");
  const std::string probe_from = flag(flags, "probe-from");
  const long probes = number(flags, "probes");
  const std::string path = flag(flags, "path", "/1/");
  const double max_p99 = static_cast<double>(number(flags, "max-p99-ms", 100));
  const auto hold = std::chrono::milliseconds(number(flags, "hold-ms", 1500));
  const auto trickle = std::chrono::milliseconds(number(flags, "trickle-ms", 250));
  // Like a real attacker, open a new slow connection for each one the server ends.
  const bool reopen = flag(flags, "reopen", "yes") == "yes";
  // At most this many a second, as slowloris tools pace themselves (slowhttptest: 50/s by
  // default): slow connections, not a connection-rate flood.
  const long reopen_per_s = number(flags, "reopen-per-s", 400);
  if (sources.empty()) usage("--from needs an address");
  for (const auto& s : sources)
    loopback(s);
  loopback(probe_from);

  // The server's answers to the flood: 503 (refused), closed unanswered (timed out or
  // evicted to make room), or still open at the end.
  const std::string start =
      kind == "headers"
          ? "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\n"
          : "POST " + path +
                " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                "application/x-www-form-urlencoded\r\n"
                "Content-Length: 500000\r\n\r\ncontent=";
  const std::string_view drip = kind == "headers" ? "X-a: b\r\n" : "aaaaaaaa";
  std::vector<int> fds;
  long refused_at_connect = 0;
  for (long i = 0; i < connections; ++i) {
    check_deadline("opening the flood");
    const int fd = connect_from(sources[static_cast<std::size_t>(i) % sources.size()], port);
    if (fd < 0 || !send_all(fd, start)) {
      ++refused_at_connect;
      if (fd >= 0) ::close(fd);
      continue;
    }
    fds.push_back(fd);
  }
  std::atomic<bool> done{false};
  std::atomic<long> answered_503{0}, answered_other{0}, closed_unanswered{0}, reopened{0};
  const auto flood_opened = Clock::now();
  std::atomic<long> rounds{0};
  // Trickles a byte to each open connection per round, and notices the ones the server ends.
  std::thread dripper([&] {
    std::vector<std::size_t> offset(fds.size(), 0);
    std::vector<bool> open(fds.size(), true);
    const long reopen_per_round =
        std::max(1L, reopen_per_s * static_cast<long>(trickle.count()) / 1000);
    while (!done.load()) {
      const auto round_start = Clock::now();
      long reopen_budget = reopen_per_round;
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if (!open[i] && reopen && reopen_budget > 0) {
          --reopen_budget;
          const int fd = connect_from(sources[i % sources.size()], port);
          if (fd >= 0 && send_all(fd, start)) {
            ::close(fds[i]);
            fds[i] = fd;
            open[i] = true;
            offset[i] = 0;
            ++reopened;
          } else if (fd >= 0) {
            ::close(fd);
          }
          continue;
        }
        if (!open[i]) continue;
        if (const auto bytes = read_some(fds[i], 0ms)) {
          open[i] = false;
          if (bytes->starts_with("HTTP/1.1 503")) {
            ++answered_503;
          } else if (bytes->empty()) {
            ++closed_unanswered;
          } else {
            ++answered_other;
          }
          continue;
        }
        const char c = drip[offset[i]++ % drip.size()];
        if (::send(fds[i], &c, 1, MSG_NOSIGNAL) != 1) {
          open[i] = false;
          ++closed_unanswered;
        }
      }
      ++rounds;
      std::this_thread::sleep_until(round_start + trickle);  // the flood's pace, not a check
    }
  });
  // Let the flood settle (slow connections are old enough to be considered slow) before the
  // normal client comes.
  while (Clock::now() - flood_opened < hold || rounds.load() < 2) {
    check_deadline("holding the flood");
    std::this_thread::sleep_for(20ms);
  }
  std::vector<double> latencies;
  std::map<int, long> statuses;
  for (long i = 0; i < probes; ++i) {
    check_deadline("probing");
    const auto [status, ms] = probe(probe_from, port, path);
    ++statuses[status];
    latencies.push_back(ms);
  }
  done = true;
  dripper.join();
  long still_open = 0;
  for (const int fd : fds) {
    const auto bytes = read_some(fd, 0ms);
    if (!bytes) ++still_open;
    ::close(fd);
  }
  const double p50 = percentile(latencies, 0.50), p99 = percentile(latencies, 0.99);
  const double worst =
      latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
  std::printf(
      "flood kind=%s connections=%ld sources=%zu refused_at_connect=%ld answered_503=%ld "
      "answered_other=%ld closed_unanswered=%ld reopened=%ld still_open=%ld | probes=%ld",
      kind.c_str(), connections, sources.size(), refused_at_connect, answered_503.load(),
      answered_other.load(), closed_unanswered.load(), reopened.load(), still_open, probes);
  for (const auto& [status, count] : statuses)
    std::printf(" status_%d=%ld", status, count);
  std::printf(" p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", p50, p99, worst);
  std::fflush(stdout);
  if (statuses[200] != probes) fail("not every probe was answered 200");
  if (p99 >= max_p99) fail("probe p99 " + std::to_string(p99) + " ms is over the bound");
  return 0;
}

// --- battery
struct Case {
  std::string name;
  std::string bytes;
  int expect_min = 400, expect_max = 499;
};

std::vector<Case> battery_cases() {
  const std::string h = "Host: 127.0.0.1\r\n";
  std::vector<Case> c = {
      // The request line.
      {"garbage line", "GARBAGE\r\n\r\n"},
      {"binary (TLS hello)",
       std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n"},
      {"method only", "GET\r\n\r\n"},
      {"no version", "GET /\r\n" + h + "\r\n"},
      {"unknown version", "GET / HTTP/9.9\r\n" + h + "\r\n"},
      {"two spaces", "GET  / HTTP/1.1\r\n" + h + "\r\n"},
      {"absolute-form target", "GET http://evil.example/ HTTP/1.1\r\n" + h + "\r\n"},
      {"asterisk target", "GET * HTTP/1.1\r\n" + h + "\r\n"},
      {"target without slash", "GET index.html HTTP/1.1\r\n" + h + "\r\n"},
      {"raw NUL in target", std::string("GET /a\0b HTTP/1.1\r\n", 19) + h + "\r\n"},
      {"raw space in target", "GET /a b/ HTTP/1.1\r\n" + h + "\r\n"},
      {"control byte in target", "GET /a\x01/ HTTP/1.1\r\n" + h + "\r\n"},
      {"very long target", "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n" + h + "\r\n"},
      {"unknown method", "BREW /pot HTTP/1.1\r\n" + h + "\r\n", 501, 501},
      {"lower-case method", "get / HTTP/1.1\r\n" + h + "\r\n", 501, 501},
      // Header fields.
      {"field without colon", "GET / HTTP/1.1\r\n" + h + "NoColon\r\n\r\n"},
      {"space in field name", "GET / HTTP/1.1\r\n" + h + "Bad Name: x\r\n\r\n"},
      {"space before colon", "GET / HTTP/1.1\r\n" + h + "X-A : x\r\n\r\n"},
      {"obsolete line folding", "GET / HTTP/1.1\r\n" + h + "X-A: a\r\n b\r\n\r\n"},
      {"raw NUL in field value",
       "GET / HTTP/1.1\r\n" + h + std::string("X-A: a\0b\r\n", 10) + "\r\n"},
      {"bare LF line ends", "GET / HTTP/1.1\n" + h + "\n"},
      {"huge header field",
       "GET / HTTP/1.1\r\n" + h + "X-Big: " + std::string(70000, 'b') + "\r\n\r\n"},
      {"many header fields",
       [&] {
         std::string s = "GET / HTTP/1.1\r\n" + h;
         for (int i = 0; i < 2000; ++i)
           s += "X-" + std::to_string(i) + ": v\r\n";
         return s + "\r\n";
       }()},
      // Host (RFC 9112 section 3.2).
      {"HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n"},
      {"two Host headers", "GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n"},
      {"two Host headers, HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"},
      // Framing: Content-Length.
      {"two different Content-Lengths",
       "POST /1/ HTTP/1.1\r\n" + h + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"},
      {"Content-Length list", "POST /1/ HTTP/1.1\r\n" + h + "Content-Length: 5, 6\r\n\r\nhello!"},
      {"negative Content-Length", "POST /1/ HTTP/1.1\r\n" + h + "Content-Length: -1\r\n\r\n"},
      {"non-numeric Content-Length", "POST /1/ HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n"},
      {"overflowing Content-Length",
       "POST /1/ HTTP/1.1\r\n" + h + "Content-Length: 99999999999999999999999\r\n\r\n"},
      {"oversized Content-Length",
       "POST /1/ HTTP/1.1\r\n" + h + "Content-Length: 10000000\r\n\r\n"},
      {"Content-Length with chunked",
       "POST /1/ HTTP/1.1\r\n" + h +
           "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      // Framing: chunked.
      {"unknown Transfer-Encoding",
       "POST /1/ HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\n\r\nxx"},
      {"chunked not last",
       "POST /1/ HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"},
      {"bad chunk size",
       "POST /1/ HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhi\r\n0\r\n\r\n"},
      {"overflowing chunk size",
       "POST /1/ HTTP/1.1\r\n" + h +
           "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\nx\r\n"},
      {"chunk without CRLF",
       "POST /1/ HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n2\r\nhiXX0\r\n\r\n"},
      {"chunks over the body limit",
       [&] {
         std::string s = "POST /1/ HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n";
         for (int i = 0; i < 20; ++i)
           s += "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
         return s + "0\r\n\r\n";
       }()},
      // Percent-encoding and NUL in the URL.
      {"bad escape", "GET /%zz/ HTTP/1.1\r\n" + h + "\r\n"},
      {"truncated escape", "GET /1/% HTTP/1.1\r\n" + h + "\r\n"},
      {"escape of invalid UTF-8", "GET /%ff%fe/ HTTP/1.1\r\n" + h + "\r\n"},
      {"overlong UTF-8", "GET /%c0%af/ HTTP/1.1\r\n" + h + "\r\n"},
      {"encoded NUL", "GET /%00/ HTTP/1.1\r\n" + h + "\r\n"},
      {"encoded NUL in the query", "GET /?q=%00 HTTP/1.1\r\n" + h + "\r\n"},
      {"bad escape in the query", "GET /?q=%2 HTTP/1.1\r\n" + h + "\r\n"},
      // Traversal and static files.
      {"dot-dot", "GET /../../etc/passwd HTTP/1.1\r\n" + h + "\r\n"},
      {"static dot-dot", "GET /static/../../etc/passwd HTTP/1.1\r\n" + h + "\r\n"},
      {"static encoded dot-dot", "GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + h + "\r\n"},
      {"static encoded slash", "GET /static/..%2f..%2fetc%2fpasswd HTTP/1.1\r\n" + h + "\r\n"},
      {"static backslash", "GET /static/..%5c..%5cetc%5cpasswd HTTP/1.1\r\n" + h + "\r\n"},
      {"static hidden file", "GET /static/.secret HTTP/1.1\r\n" + h + "\r\n"},
      {"static absolute", "GET /static//etc/passwd HTTP/1.1\r\n" + h + "\r\n"},
      // Numbers in routes: one spelling per post.
      {"overflowing post id", "GET /99999999999999999999999/ HTTP/1.1\r\n" + h + "\r\n"},
      {"post id past int64", "GET /9223372036854775808/ HTTP/1.1\r\n" + h + "\r\n"},
      {"negative post id", "GET /-1/ HTTP/1.1\r\n" + h + "\r\n"},
      {"leading zeros", "GET /00001/ HTTP/1.1\r\n" + h + "\r\n"},
      {"encoded digit", "GET /%31/ HTTP/1.1\r\n" + h + "\r\n"},
      {"comment id overflow", "POST /comments/99999999999999999999999/delete HTTP/1.1\r\n" + h +
                                  "Content-Length: 0\r\n\r\n"},
  };
  return c;
}

int battery(const std::map<std::string, std::string>& flags) {
  const auto port = static_cast<std::uint16_t>(number(flags, "port"));
  const std::string path = flag(flags, "path", "/1/");
  const auto cases = battery_cases();
  int failures = 0;
  for (const Case& c : cases) {
    check_deadline("running the battery");
    const int fd = connect_from("127.0.0.1", port);
    if (fd < 0) fail("the server refused a connection before case '" + c.name + "'");
    std::string pending;
    send_all(fd, c.bytes);  // the server may answer and close before reading it all
    const Response r = read_response(fd, pending, 5s);
    ::close(fd);
    const bool ok = r.status >= c.expect_min && r.status <= c.expect_max;
    std::printf("%-4s %-32s -> %d%s\n", ok ? "ok" : "BAD", c.name.c_str(), r.status,
                r.status == 0 ? " (no answer)" : "");
    if (!ok) ++failures;
    const auto [after, ms] = probe("127.0.0.1", port, path);
    if (after != 200) {
      std::printf("BAD  the server did not answer a normal request after '%s' (%d, %.1f ms)\n",
                  c.name.c_str(), after, ms);
      ++failures;
    }
  }
  std::printf("battery: %zu cases, %d failures\n", cases.size(), failures);
  std::fflush(stdout);
  return failures == 0 ? 0 : 1;
}

// --- inflight
int inflight(const std::map<std::string, std::string>& flags) {
  const auto port = static_cast<std::uint16_t>(number(flags, "port"));
  const std::string path = flag(flags, "path", "/1/");
  const long loops = number(flags, "loops", 4);

  // The POST that will be in flight when the server is told to stop: half its body now.
  const std::string body = "content=" + std::string(2000, 'x');
  const int post = connect_from("127.0.0.1", port);
  if (post < 0) fail("cannot connect");
  const std::string head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n";
  if (!send_all(post, head + body.substr(0, body.size() / 2))) fail("cannot send the POST");

  std::atomic<bool> stop{false};
  std::atomic<long> complete{0}, cut_off{0}, unanswered{0}, refused{0};
  std::vector<std::thread> threads;
  for (long i = 0; i < loops; ++i) {
    threads.emplace_back([&] {
      while (!stop.load() && Clock::now() < g_deadline) {
        const int fd = connect_from("127.0.0.1", port);
        if (fd < 0) {
          ++refused;  // the server stopped listening: that is the end
          return;
        }
        std::string pending;
        // Keep-alive until the server says close; a request sent on an idle connection as
        // the server closes it is unanswered (clients retry those), not cut off.
        while (Clock::now() < g_deadline) {
          if (!send_all(fd, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            ++unanswered;
            break;
          }
          const Response r = read_response(fd, pending, 15s);
          if (r.complete && r.status == 200) {
            ++complete;
            if (r.head.find("Connection: close") != std::string::npos) break;
            continue;
          }
          if (r.status == 0 && pending.empty()) {
            ++unanswered;
          } else {
            ++cut_off;
            std::fprintf(stderr, "cut off or bad: status %d, %zu bytes\n", r.status,
                         pending.size());
          }
          break;
        }
        ::close(fd);
      }
    });
  }
  while (complete.load() < 20) {
    check_deadline("waiting for requests to flow");
    std::this_thread::sleep_for(5ms);
  }
  std::printf("ready\n");
  std::fflush(stdout);
  // Wait for the stop: new connections are refused once the server no longer listens.
  while (true) {
    check_deadline("waiting for the server to stop accepting");
    const int fd = connect_from("127.0.0.1", port);
    if (fd < 0) break;
    ::close(fd);
    std::this_thread::sleep_for(5ms);
  }
  if (!send_all(post, body.substr(body.size() / 2)))
    fail("the in-flight POST's connection was closed");
  std::string pending;
  const Response r = read_response(post, pending, 15s);
  ::close(post);
  stop = true;
  for (auto& t : threads)
    t.join();
  std::printf(
      "inflight: post_status=%d post_complete=%d gets_complete=%ld cut_off=%ld unanswered=%ld "
      "refused=%ld\n",
      r.status, r.complete ? 1 : 0, complete.load(), cut_off.load(), unanswered.load(),
      refused.load());
  std::fflush(stdout);
  if (!r.complete || r.status == 0 || r.status >= 500)
    fail("the in-flight POST was not answered in full");
  if (r.head.find("Connection: close") == std::string::npos)
    fail("the POST's answer did not say close");
  if (cut_off.load() != 0) fail("responses were cut off");
  return 0;
}

// --- hold
int hold(const std::map<std::string, std::string>& flags) {
  const auto port = static_cast<std::uint16_t>(number(flags, "port"));
  const std::string from = flag(flags, "from");
  const long count = number(flags, "count");
  const long expect_ok = number(flags, "expect-200");
  const std::string path = flag(flags, "path", "/1/");
  std::vector<int> fds;
  std::map<int, long> statuses;
  for (long i = 0; i < count; ++i) {
    check_deadline("opening connections");
    const int fd = connect_from(from, port);
    if (fd < 0) fail("connection refused");
    std::string pending;
    int status = 0;
    if (send_all(fd, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
      const Response r = read_response(fd, pending, 10s);
      status = r.complete ? r.status : 0;
    }
    ++statuses[status];
    fds.push_back(fd);  // kept open (keep-alive): it counts against its client
  }
  for (const int fd : fds)
    ::close(fd);
  std::printf("hold from=%s count=%ld", from.c_str(), count);
  for (const auto& [status, n] : statuses)
    std::printf(" status_%d=%ld", status, n);
  std::printf("\n");
  std::fflush(stdout);
  if (statuses[200] != expect_ok) fail("expected " + std::to_string(expect_ok) + " answered 200");
  if (statuses[200] + statuses[503] != count) fail("answers other than 200 and 503");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) usage("expected a mode: flood, battery, hold or inflight");
  const std::string mode = argv[1];
  const auto flags = parse_flags(argc, argv, 2);
  g_deadline = Clock::now() + std::chrono::seconds(number(flags, "deadline-s", 60));
  // Thousands of connections: take every descriptor the hard limit allows.
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (mode == "flood") return flood(flags);
  if (mode == "battery") return battery(flags);
  if (mode == "inflight") return inflight(flags);
  if (mode == "hold") return hold(flags);
  usage("unknown mode " + mode);
}
