#pragma once

#include "access/PamBackend.h"

#include <QString>

namespace atalaia::access::pam {

// PamBackend on libpam and the system's user database.
//
// Passwords are checked by the PAM service "atalaia" (/etc/pam.d/atalaia,
// shipped as resources/pam/atalaia: pam_unix for auth and account), with
// pam_authenticate then pam_acct_mgmt, the password handed over by a
// conversation function that answers only the hidden prompt. Accounts are
// looked up with getpwnam_r and created by running
// "useradd --no-create-home --shell /usr/sbin/nologin NAME" (no shell
// involved), which needs root.
//
// PAM transactions are serialized: not every PAM module is thread-safe.
class LinuxPam final : public PamBackend
{
public:
    static constexpr const char *kService = "atalaia";

    // CONFIG_DIR: where PAM reads the service file from (pam_start_confdir);
    // empty for the system's (/etc/pam.d). Tests point it at resources/pam.
    explicit LinuxPam(QString configDir = {});

    Result<void> authenticate(const QString &user, QByteArrayView password) override;
    bool accountExists(const QString &user) override;
    Result<void> createAccount(const QString &user) override;

private:
    QString m_configDir;
};

} // namespace atalaia::access::pam
