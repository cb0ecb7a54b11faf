#include "connection_registry.hpp"

#include <stdexcept>

namespace web::detail {
namespace {

namespace ip = boost::asio::ip;

// One spelling per address: an IPv4-mapped IPv6 peer (a dual-stack listener's view of an
// IPv4 client) is that IPv4 address.
ip::address canonical(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

}  // namespace

ConnectionRegistry::ConnectionRegistry(AdmissionLimits limits,
                                       const std::vector<std::string>& trusted_proxies)
    : limits_(limits) {
  for (const std::string& entry : trusted_proxies) {
    boost::system::error_code ec;
    const ip::address address = ip::make_address(entry, ec);
    if (ec) {
      throw std::invalid_argument("ServerOptions::trusted_proxies: '" + entry +
                                  "' is not an IP address");
    }
    trusted_.insert(canonical(address).to_string());
  }
}

std::string ConnectionRegistry::client_of(const ip::address& peer) const {
  const ip::address address = canonical(peer);
  std::string text = address.to_string();
  if (trusted_.contains(text)) return {};
  if (address.is_v6()) {
    ip::address_v6::bytes_type bytes = address.to_v6().to_bytes();
    for (std::size_t i = 8; i < bytes.size(); ++i)
      bytes[i] = 0;
    text = ip::address_v6(bytes).to_string() + "/64";
  }
  return text;
}

ConnectionRegistry::Decision ConnectionRegistry::admit(const std::string& client) {
  std::lock_guard lock(mutex_);
  if (limits_.max_per_client != 0 && !client.empty()) {
    const auto it = per_client_.find(client);
    if (it != per_client_.end() && it->second >= limits_.max_per_client) {
      return {Verdict::client_full, nullptr};
    }
  }
  if (entries_.size() - evicting_ < limits_.max_connections) return {Verdict::admit, nullptr};
  if (Entry* oldest = oldest_waiting_locked()) {
    oldest->activity->evicted.store(true, std::memory_order_relaxed);
    ++evicting_;
    // Already closing (its destructor is on the way to remove()) is room all the same.
    return {Verdict::admit, oldest->connection.lock()};
  }
  return {Verdict::server_full, nullptr};
}

ConnectionRegistry::Entry* ConnectionRegistry::oldest_waiting_locked() {
  if (limits_.evict_after == std::chrono::milliseconds::max()) return nullptr;
  // Scans every connection, but only at the cap, and each scan admits one more.
  const auto latest = (ConnectionActivity::Clock::now() - limits_.evict_after).time_since_epoch();
  Entry* oldest = nullptr;
  std::int64_t oldest_since = latest.count() + 1;
  for (auto& [raw, entry] : entries_) {
    const std::int64_t since = entry.activity->waiting_since.load(std::memory_order_relaxed);
    if (since == ConnectionActivity::kBusy || since >= oldest_since) continue;
    if (entry.activity->evicted.load(std::memory_order_relaxed)) continue;
    oldest = &entry;
    oldest_since = since;
  }
  return oldest;
}

void ConnectionRegistry::add(const std::shared_ptr<Connection>& connection,
                             ConnectionActivity& activity, std::string client) {
  std::lock_guard lock(mutex_);
  if (!client.empty()) ++per_client_[client];
  entries_.emplace(connection.get(), Entry{connection, &activity, std::move(client)});
}

void ConnectionRegistry::remove(Connection* connection) {
  {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(connection);
    if (it == entries_.end()) return;
    if (it->second.activity->evicted.load(std::memory_order_relaxed)) --evicting_;
    if (!it->second.client.empty()) {
      const auto count = per_client_.find(it->second.client);
      if (--count->second == 0) per_client_.erase(count);
    }
    entries_.erase(it);
  }
  changed_.notify_all();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::live() const {
  std::vector<std::shared_ptr<Connection>> list;
  std::lock_guard lock(mutex_);
  for (const auto& [raw, entry] : entries_) {
    if (auto connection = entry.connection.lock()) list.push_back(std::move(connection));
  }
  return list;
}

bool ConnectionRegistry::wait_until_empty(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return entries_.empty(); });
}

}  // namespace web::detail
