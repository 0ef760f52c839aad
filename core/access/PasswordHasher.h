#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace atalaia::access {

// Password hashes in crypt(3) form, as priv/shadow.cfg keeps them for the
// 'pve' realm. New hashes are yescrypt ("$y$", libxcrypt's default cost), or
// SHA-512 ("$6$") where libcrypt lacks yescrypt; verify() accepts yescrypt,
// SHA-512 and SHA-256 ("$5$", which older Proxmox versions wrote) and nothing
// weaker. Passwords are UTF-8 bytes; they are never logged or kept.
// Thread-safe (crypt_r with per-call state).
class PasswordHasher final
{
public:
    // Longer passwords are refused: SHA-crypt's cost grows with the length.
    static constexpr qsizetype kMaxPasswordBytes = 4096;

    // A new hash with a fresh random salt. Code::InvalidArgument for an empty
    // password, one with a NUL byte or longer than kMaxPasswordBytes;
    // Code::Crypto when libcrypt fails.
    static Result<QByteArray> hash(QByteArrayView password);
    // Whether PASSWORD matches HASH, compared in constant time. False for
    // hashes of other kinds, malformed hashes and unacceptable passwords.
    static bool verify(QByteArrayView password, QByteArrayView hash);
    // The prefix hash() uses on this system: "$y$" or "$6$".
    static QByteArray preferredPrefix();
};

} // namespace atalaia::access
