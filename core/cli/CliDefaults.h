#pragma once

#include "base/Error.h"

#include <QString>

namespace atalaia::cli {

// What `atalaiactl login` remembers for the commands after it, in FILE
// (normally ~/.config/atalaia/defaults.json): the server addresses and user
// of the last login, so `atalaiactl get /nodes` needs no --server.
//
//   {"server": "192.0.2.10:8006,192.0.2.11:8006", "user": "root@pam"}
struct CliDefaults {
    QString server;
    QString user;

    // A missing or unreadable file gives empty defaults: they are a
    // convenience, never a reason to fail.
    static CliDefaults load(const QString &file);
    Result<void> save(const QString &file) const;
};

} // namespace atalaia::cli
