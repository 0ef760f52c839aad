#pragma once

#include "api/client/Endpoint.h"
#include "api/client/Fingerprint.h"
#include "api/client/TrustStore.h"
#include "base/Error.h"

#include <QList>
#include <QPair>
#include <QString>

namespace atalaia::cli {

// atalaiactl's pinned server certificates: FILE (normally
// ~/.config/atalaia/known_servers), one "ADDRESS FINGERPRINT" line per
// address, '#' comments, like ssh's known_hosts:
//
//   # atalaiactl: trusted TLS certificates (SHA-256), one per server address
//   192.0.2.10:8006 AA:BB:...:FF
//
// Written by `atalaiactl login` (and any command given --trust or
// --fingerprint) once a call through the pinned certificate succeeded.
class KnownServers
{
public:
    explicit KnownServers(QString file);

    // A missing file is an empty list; a malformed line is an error naming
    // file and line (edited by hand, so say where).
    Result<void> load();
    Result<void> save() const;

    const QString &file() const { return m_file; }
    api::client::Fingerprint fingerprint(const api::client::Endpoint &endpoint) const;
    // True when this changed the list.
    bool set(const api::client::Endpoint &endpoint, const api::client::Fingerprint &fingerprint);
    // Every pin, for an ApiClient.
    api::client::TrustStore trustStore() const;

private:
    QString m_file;
    QList<QPair<api::client::Endpoint, api::client::Fingerprint>> m_entries; // file order
};

} // namespace atalaia::cli
