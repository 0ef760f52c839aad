#pragma once

#include "access/AccessControl.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace atalaia::api {

class Services;

// The entries of GET /cluster/resources, kept pre-serialised: each entry's
// JSON text is built once when the inventory changes, and a request only
// filters by the caller's privileges and concatenates. With 10,000 guests a
// request then costs a copy of the bytes, not 10,000 JSON serialisations.
//
// Whole answers are cached too, per caller and type filter, for as long as
// both the inventory and the access-control snapshot they were made from
// stand (at most kRefreshMs): a client polling every few seconds then gets
// shared bytes, and a gzip copy made once, instead of a fresh filter pass.
class ResourceIndex
{
public:
    explicit ResourceIndex(Services &services);

    struct Answer {
        QByteArray body; // {"data":[...]}
        QByteArray gzip; // the same, gzip-compressed; only when asked for
    };
    // The answer for WHO, optionally only entries of TYPE ("vm", "storage",
    // "node", "sdn"; empty: all).
    Answer answer(const access::AccessControl &acl, const access::Identity &who, const QString &type, bool gzip);

    // Marks the index stale: the next request rebuilds it and waits for that,
    // so a client reads its own writes.
    void invalidate() { ++m_generation; }

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
        quint64 generation = 0; // of the inventory it was built from
    };
    // Answers made from one inventory snapshot and one access-control snapshot.
    struct AnswerCache {
        std::shared_ptr<const Snapshot> inventory;
        std::optional<access::AccessControl> acl;
        QHash<QString, Answer> answers; // "authid type" -> answer
        qsizetype bytes = 0;
    };
    static constexpr qsizetype kCacheBytes = 16 * 1024 * 1024;

    QByteArray filtered(const Snapshot &snap, const access::AccessControl &acl, const access::Identity &who,
                        const QString &type) const;
    std::shared_ptr<const Snapshot> snapshot();
    std::shared_ptr<const Snapshot> build(quint64 generation) const;
    bool fresh(qint64 now) const; // with m_mutex held

    Services &m_services;
    QMutex m_mutex;       // guards m_snapshot, m_refreshing and m_cache
    QMutex m_buildMutex;  // one build at a time, without holding m_mutex
    std::shared_ptr<const Snapshot> m_snapshot;
    bool m_refreshing = false;
    AnswerCache m_cache;
    std::atomic<quint64> m_generation{1};
};

} // namespace atalaia::api
