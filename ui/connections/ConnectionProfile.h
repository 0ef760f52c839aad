#pragma once

#include "api/client/Endpoint.h"
#include "api/client/TrustStore.h"

#include <QList>
#include <QString>

class QSettings;

namespace atalaia::ui {

// What the console remembers about one cluster it connects to: its addresses
// (one per node; the client fails over between them), who logs in, and the
// certificates the user trusted. Never a password or token secret: those live
// in the OS keychain only (core/secrets).
struct ConnectionProfile {
    QString id;                              // stable, generated once
    QString name;                            // shown as the datacenter's name
    QList<api::client::Endpoint> endpoints;
    QString userid;                          // "root@pam", "roma@pve"
    QString tokenName;                       // set: log in with API token userid!tokenName
    api::client::TrustStore trust;           // pinned certificate fingerprints
    bool rememberSecret = false;             // keep the password/secret in the keychain

    bool isValid() const { return !id.isEmpty() && !endpoints.isEmpty() && !userid.isEmpty(); }
    QString addressesText() const;           // "node1:8006, node2:8006"

    static QString newId();
    void save(QSettings &settings) const;    // into the current group
    static ConnectionProfile load(const QSettings &settings, const QString &id);
};

} // namespace atalaia::ui
