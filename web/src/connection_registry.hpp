// ConnectionRegistry: the server's open connections, counted per client, and the decision
// on each new one: admit it, refuse it (its client, or the server, is full), or admit it and
// close one that has waited longest for a request, to make room.
//
// Thread-safety: every member may be called from any thread (one mutex). admit() and add()
// are called by the accepting thread only, so that nothing is admitted between the two.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace web::detail {

class Connection;

// What the registry reads of a connection, written by the connection's own thread.
struct ConnectionActivity {
  using Clock = std::chrono::steady_clock;
  // Since when the connection has waited for a whole request (steady clock, in ticks), or
  // kBusy while its request is handled or its response written.
  static constexpr std::int64_t kBusy = 0;
  std::atomic<std::int64_t> waiting_since{kBusy};
  // Set once the registry chose the connection to make room.
  std::atomic<bool> evicted{false};

  void waiting(Clock::time_point since) noexcept {
    waiting_since.store(std::max<std::int64_t>(1, since.time_since_epoch().count()),
                        std::memory_order_relaxed);
  }
  void busy() noexcept { waiting_since.store(kBusy, std::memory_order_relaxed); }
};

struct AdmissionLimits {
  std::size_t max_connections = 0;
  std::size_t max_per_client = 0;  // 0: none
  std::chrono::milliseconds evict_after{0};
};

class ConnectionRegistry {
 public:
  // Throws std::invalid_argument naming an entry of trusted_proxies that is not an address.
  ConnectionRegistry(AdmissionLimits limits, const std::vector<std::string>& trusted_proxies);

  // The client a peer address counts as: IPv4 (IPv4-mapped IPv6 included) as is, other
  // IPv6 by its /64. Trusted proxies are not counted: "" for them.
  std::string client_of(const boost::asio::ip::address& peer) const;

  enum class Verdict { admit, client_full, server_full };
  struct Decision {
    Verdict verdict = Verdict::admit;
    // With admit at the cap: the connection to close (its evicted flag is set already);
    // null when the one chosen was closing anyway.
    std::shared_ptr<Connection> evict;
  };
  // Decides on a new connection from client (as client_of gave it).
  Decision admit(const std::string& client);

  // Registers an admitted connection (activity is the connection's own), and forgets it.
  void add(const std::shared_ptr<Connection>& connection, ConnectionActivity& activity,
           std::string client);
  void remove(Connection* connection);

  std::size_t size() const;
  // The live connections, as strong references (taken under the lock, dropped outside it).
  std::vector<std::shared_ptr<Connection>> live() const;
  // Waits until no connection is left; false when timeout passed first.
  bool wait_until_empty(std::chrono::milliseconds timeout);

 private:
  struct Entry {
    std::weak_ptr<Connection> connection;
    ConnectionActivity* activity = nullptr;
    std::string client;
  };
  // The connection that has waited longest (and at least evict_after) for a request, not
  // chosen before; nullptr when there is none.
  Entry* oldest_waiting_locked();

  const AdmissionLimits limits_;
  std::set<std::string> trusted_;  // canonical text of each trusted proxy's address

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::unordered_map<Connection*, Entry> entries_;
  std::unordered_map<std::string, std::size_t> per_client_;
  std::size_t evicting_ = 0;  // chosen to make room, not yet closed
};

}  // namespace web::detail
