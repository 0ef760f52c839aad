#pragma once

#include "access/AccessControl.h"

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace atalaia::api {

class Services;

// The entries of GET /cluster/resources, kept pre-serialised: each entry's
// JSON text is built once when the inventory changes, and a request only
// filters by the caller's privileges and concatenates. With 10,000 guests a
// request then costs a copy of the bytes, not 10,000 JSON serialisations.
class ResourceIndex
{
public:
    explicit ResourceIndex(Services &services);

    // The JSON array text for WHO, optionally only entries of TYPE
    // ("vm", "storage", "node", "sdn"; empty: all).
    QByteArray json(const access::AccessControl &acl, const access::Identity &who, const QString &type);

    // Marks the index stale; the next request rebuilds it.
    void invalidate() { m_stale = true; }

private:
    struct Entry {
        QString kind;          // the API's type filter value: vm, storage, node, pool
        QString aclPath;       // who may see it ...
        QStringList privileges; // ... with any of these
        QByteArray json;
    };
    struct Snapshot {
        QList<Entry> entries;
        qint64 builtMs = 0;
    };
    std::shared_ptr<const Snapshot> snapshot();
    std::shared_ptr<const Snapshot> build() const;

    Services &m_services;
    QMutex m_mutex;                          // guards m_snapshot
    std::shared_ptr<const Snapshot> m_snapshot;
    std::atomic<bool> m_stale{true};
};

} // namespace atalaia::api
