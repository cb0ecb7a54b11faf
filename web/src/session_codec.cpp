#include "session_codec.hpp"

#include <stdexcept>

#include "web/session.hpp"

namespace web {

Session::Session() : data_(nlohmann::json::object()) {}

const nlohmann::json* Session::get(std::string_view key) const {
  const auto it = data_.find(key);
  return it == data_.end() ? nullptr : &*it;
}

void Session::set(const std::string& key, nlohmann::json value) {
  data_[key] = std::move(value);
  modified_ = true;
}

void Session::erase(std::string_view key) {
  const auto it = data_.find(key);
  if (it == data_.end()) return;
  data_.erase(it);
  modified_ = true;
}

void Session::clear() {
  data_ = nlohmann::json::object();
  modified_ = true;
}

void Session::rotate() {
  id_ = detail::base64url_encode(detail::random_bytes(16));
  csrf_secret_ = detail::random_bytes(32);
  modified_ = true;
}

Session SessionAccess::make_new() {
  Session session;
  session.rotate();
  return session;
}

Session SessionAccess::restore(std::string id, std::string csrf_secret, nlohmann::json data) {
  Session session;
  session.id_ = std::move(id);
  session.csrf_secret_ = std::move(csrf_secret);
  session.data_ = std::move(data);
  return session;
}

namespace detail {

SessionCodec::SessionCodec(std::string_view secret_key) : key_(derive_key(secret_key, "session")) {}

std::string SessionCodec::encode(const Session& session) const {
  const nlohmann::json payload = {
      {"i", session.id()},
      {"c", base64url_encode(SessionAccess::csrf_secret(session))},
      {"t", std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count()},
      {"d", session.data()},
  };
  std::string value = base64url_encode(payload.dump());
  const std::string mac = base64url_encode(hmac(key_, value));
  value.reserve(value.size() + 1 + mac.size());
  value += '.';
  value += mac;
  if (value.size() > kMaxSessionCookieBytes) {
    throw std::length_error("the session is too large for its cookie (" +
                            std::to_string(value.size()) + " bytes)");
  }
  return value;
}

std::optional<Session> SessionCodec::decode(std::string_view value, std::chrono::seconds max_age,
                                            std::int64_t now) const {
  if (value.size() > kMaxSessionCookieBytes) return std::nullopt;
  const std::size_t dot = value.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string_view signed_part = value.substr(0, dot);
  const auto mac = base64url_decode(value.substr(dot + 1));
  if (!mac || !verify_hmac(key_, signed_part, *mac)) return std::nullopt;

  // Signed by us, so well-formed unless the format changed: still check every field.
  const auto text = base64url_decode(signed_part);
  if (!text) return std::nullopt;
  const nlohmann::json payload = nlohmann::json::parse(*text, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  const auto id = payload.find("i");
  const auto csrf = payload.find("c");
  const auto issued = payload.find("t");
  const auto data = payload.find("d");
  if (id == payload.end() || !id->is_string() || csrf == payload.end() || !csrf->is_string() ||
      issued == payload.end() || !issued->is_number_integer() || data == payload.end() ||
      !data->is_object()) {
    return std::nullopt;
  }
  const auto secret = base64url_decode(csrf->get_ref<const std::string&>());
  const auto issued_at = issued->get<std::int64_t>();
  if (!secret || secret->size() != 32) return std::nullopt;
  if (issued_at > now + 60 || now - issued_at > max_age.count()) return std::nullopt;

  return SessionAccess::restore(id->get<std::string>(), *secret, *data);
}

}  // namespace detail
}  // namespace web
