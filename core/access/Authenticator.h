#pragma once

#include "Identity.h"
#include "base/Error.h"

#include <QByteArrayView>
#include <QString>

namespace atalaia {
class Clock;
}

namespace atalaia::access {

class AccessControl;
class LoginThrottle;
class PamBackend;

// Logins and API-token authentication, as Proxmox's authenticate_user and
// verify_token, with throttling:
//
//   1. the throttle first: a locked-out user or address is refused
//      (Code::RateLimited, saying how long to wait) without a password check;
//   2. the user id's syntax, its realm ('pam' or 'pve'), the user defined in
//      user.cfg, enabled and not expired;
//   3. the password: realm pam through the PamBackend (the Linux account
//      "name" of "name@pam"), realm pve against the crypt hash in
//      priv/shadow.cfg.
//
// Any failure after step 1 is Code::AuthenticationFailed "authentication
// failure", whatever went wrong, so a client cannot learn which user ids
// exist or whether the password was the problem; it is counted by the
// throttle. The precise reason goes to the log (category "atalaia.access",
// never with the password) and to *DETAIL for the caller's own log.
//
// Blocking (PAM, password hashing): call from a worker thread. Thread-safe.
class Authenticator
{
public:
    Authenticator(PamBackend &pam, LoginThrottle &throttle, const Clock &clock);

    // USERID "name@realm", PASSWORD its UTF-8 bytes, SOURCE the client
    // address (throttled separately; may be empty).
    Result<Identity> login(const AccessControl &acl, const QString &userid, QByteArrayView password,
                           const QString &source, QString *detail = nullptr);

    // CREDENTIALS as sent in "Authorization: PVEAPIToken=USER@REALM!TOKEN=SECRET"
    // (the "PVEAPIToken=" prefix optional).
    Result<Identity> authenticateToken(const AccessControl &acl, QStringView credentials, const QString &source,
                                       QString *detail = nullptr);

    static Error genericFailure();

    // TEXT for a log line: control characters (CR, LF, ESC, ...) and
    // backslashes escaped as \xHH and \\, so a user id or address a client
    // sent can neither start a forged log line nor drive a terminal.
    static QString loggable(QStringView text);

private:
    Result<void> checkPassword(const AccessControl &acl, const QString &userid, QByteArrayView password);
    Result<Identity> refused(const QString &userid, const QString &source, const Error &why, QString *detail);
    Result<void> throttled(const QString &key, const QString &source, QString *detail);

    PamBackend &m_pam;
    LoginThrottle &m_throttle;
    const Clock &m_clock;
};

} // namespace atalaia::access
