#pragma once

#include "base/Error.h"

#include <QByteArrayView>
#include <QString>

namespace atalaia::access {

// The Linux accounts behind the 'pam' realm: "name@pam" is Linux user "name".
// The real one (pam::LinuxPam) uses libpam and the system's user database;
// the fake (fake::FakePam) keeps users in memory. Every call may block (PAM
// modules read files, ask network services, or sleep after a failure): call
// them from a worker thread, never the GUI thread.
class PamBackend
{
public:
    virtual ~PamBackend() = default;

    // Checks PASSWORD (UTF-8 bytes) for Linux user USER and that the account
    // may log in now. Errors: Code::NoSuchUser when there is no such Linux
    // account on this node (say so: it is created with createAccount());
    // Code::AuthenticationFailed for a wrong password or an account that may
    // not log in (locked, expired), with the reason. These messages are for
    // the log; a client only learns that authentication failed.
    virtual Result<void> authenticate(const QString &user, QByteArrayView password) = 0;
    // Whether Linux user USER exists on this node.
    virtual bool accountExists(const QString &user) = 0;
    // Creates Linux user USER without a home directory, a login shell or a
    // password (Code::AlreadyExists when it exists, Code::InvalidArgument for
    // a name Linux does not accept).
    virtual Result<void> createAccount(const QString &user) = 0;

    // Whether USER is a name createAccount() accepts: POSIX's portable user
    // names as useradd takes them (letters, digits, '.', '_', '-', not
    // starting with '-', not only digits, not "." or "..", at most 32
    // characters). Empty when valid, otherwise what is wrong.
    static QString newUserNameProblem(const QString &user);
    // Whether USER can be a Linux user name at all (authenticate() and
    // accountExists() refuse others without asking the system): non-empty, at
    // most 256 bytes, no '/', ':', whitespace or control characters, not
    // starting with '-'.
    static bool isPlausibleUserName(const QString &user);
};

} // namespace atalaia::access
