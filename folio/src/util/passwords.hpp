#pragma once
// Password hashing with Argon2id (libsodium's crypto_pwhash_str).

#include <string>
#include <string_view>

namespace folio {

// The hash to store for `password` (a self-describing string: algorithm,
// parameters, salt, hash). Throws std::runtime_error if memory runs out.
std::string hash_password(std::string_view password);

// Whether `password` matches `stored_hash`, in time that does not depend on
// where they differ. False for a malformed hash.
bool verify_password(std::string_view password, const std::string& stored_hash);

// A hash of a random password: verifying against it takes as long as against
// a real one, so a login for a missing user is not faster than a wrong
// password (no timing oracle for which usernames exist).
const std::string& decoy_hash();

// 32 random hex characters (128 bits from libsodium), for keys that must
// not be guessed.
std::string random_token();

}  // namespace folio
