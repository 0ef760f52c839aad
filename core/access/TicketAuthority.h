#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <memory>

namespace atalaia {
class Clock;
}

namespace atalaia::access {

// Proxmox VE's authentication tickets and CSRF prevention tokens.
//
//   ticket  "PVE:<userid>:<8 upper-case hex digits of Unix time>::<base64 signature>"
//           the signature is RSA (PKCS #1 v1.5) with SHA-256 over the text
//           before "::", as PVE::Ticket::assemble_rsa_ticket makes it. In the
//           user id '%' and ':' are percent-encoded (Proxmox encodes only ':'
//           but decodes every %XX, which would turn "a%41@pve" into "aA@pve").
//   CSRF    "<8 hex digits of Unix time>:<base64 HMAC-SHA256 of "<time>:<userid>">"
//           (unpadded base64, as Digest::SHA's *_base64 writes it)
//
// Both are valid while -300 < age < 7200 seconds: two hours, and five minutes
// of clock skew between the node that made it and the one checking it.
//
// The keys live in DIRECTORY (created 0700 on first use): authkey.key (RSA
// 2048 private key, PKCS #8 PEM), authkey.pub (its public key) and csrf.key
// (the HMAC secret), each 0600 and created exclusively, so two processes
// starting together end up with the same keys. A private key or secret file
// that others may read is refused. No key rotation yet.
//
// Thread-safe.
class TicketAuthority
{
public:
    static constexpr qint64 kLifetimeSeconds = 2 * 3600;
    static constexpr qint64 kClockSkewSeconds = 5 * 60;

    struct Ticket {
        QString userid;
        qint64 ageSeconds = 0; // now - creation; the API renews a ticket past some age
    };

    TicketAuthority(QString directory, const Clock &clock);
    ~TicketAuthority();
    TicketAuthority(const TicketAuthority &) = delete;
    TicketAuthority &operator=(const TicketAuthority &) = delete;

    // Loads the keys, creating them when missing. Every other call does this
    // first; call it at startup to report a problem early. Code::Crypto or Io.
    Result<void> ensureKeys();

    // A ticket for USERID ("name@realm"; API tokens get no tickets).
    Result<QString> create(const QString &userid);
    // The ticket's user and age. Code::TicketInvalid for malformed, forged
    // or tampered tickets and ones dated more than the skew in the future;
    // Code::TicketExpired when it is (validly signed but) too old.
    Result<Ticket> verify(QStringView ticket);

    Result<QString> csrfToken(const QString &userid);
    // Code::TicketInvalid "Permission denied - invalid csrf token" when TOKEN is
    // malformed, not USERID's, or out of its validity.
    Result<void> verifyCsrfToken(const QString &userid, QStringView token);

    // The PEM public key, for other nodes that verify this node's tickets.
    Result<QByteArray> publicKeyPem();

    // The key files' contents (authkey.key PEM, csrf.key text), to share
    // them with the cluster: every node of a cluster signs and checks
    // tickets with the same keys, as Proxmox keeps them in /etc/pve/priv.
    struct KeyFiles {
        QByteArray privateKeyPem;
        QByteArray csrfKey;
    };
    Result<KeyFiles> keyFiles();
    // Replaces this node's keys by FILES (checked first; written atomically,
    // 0600). Tickets and CSRF tokens made with the keys it had before stay
    // valid on this node until they expire (a client that just joined the
    // node to a cluster keeps its session); new ones use FILES.
    Result<void> adopt(const KeyFiles &files);
    const QString &directory() const { return m_directory; }

private:
    struct Keys;
    Result<std::shared_ptr<const Keys>> keys();
    static Result<std::shared_ptr<const Keys>> parseKeys(const QString &origin, QByteArray privatePem,
                                                          QByteArray csrfText);

    const QString m_directory;
    const Clock &m_clock;
    QMutex m_mutex; // guards m_keys (callers keep their own reference)
    std::shared_ptr<const Keys> m_keys;
    std::shared_ptr<const Keys> m_previous; // before adopt(); verify() still accepts them
    std::shared_ptr<const Keys> previousKeys();
};

} // namespace atalaia::access
