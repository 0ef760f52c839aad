#pragma once

#include "model/ClusterResource.h"

#include <QList>
#include <QMetaType>

namespace atalaia::ui {

// One GET /cluster/resources answer made ready for
// ResourceTreeModel::applyResources(): the resources, plus a 64-bit
// fingerprint of each resource and of its id.
//
// Why: a refresh must look at every resource, and nearly all are unchanged.
// Comparing two ClusterResource values reads both, the stored one's strings
// scattered over the heap; comparing fingerprints reads two numbers. Build the
// snapshot where the answer is parsed (a worker thread is fine: it is plain
// data, implicitly shared, cheap to pass through a queued signal), and the
// GUI thread's share of a refresh becomes one 64-bit comparison per
// unchanged resource.
//
// Equal values always have equal fingerprints. Different values with equal
// fingerprints (odds 2^-64 per resource and refresh) would make the model
// miss that one change until the resource changes again.
class ResourceSnapshot
{
public:
    ResourceSnapshot() = default;
    explicit ResourceSnapshot(QList<model::ClusterResource> resources);

    // Building while parsing is cheapest: a resource appended right after
    // it was parsed is still in the cache when its fingerprint is taken.
    void reserve(qsizetype size);
    void append(model::ClusterResource resource);

    const QList<model::ClusterResource> &resources() const { return m_resources; }
    qsizetype size() const { return m_resources.size(); }
    const model::ClusterResource &at(qsizetype i) const { return m_resources.at(i); }
    quint64 fingerprint(qsizetype i) const { return m_fingerprints.at(i); }
    quint64 idHash(qsizetype i) const { return m_idHashes.at(i); }

    // A hash of every field of the resource.
    static quint64 fingerprintOf(const model::ClusterResource &resource);
    static quint64 idHashOf(const QString &id);

private:
    QList<model::ClusterResource> m_resources;
    QList<quint64> m_fingerprints;
    QList<quint64> m_idHashes;
};

} // namespace atalaia::ui

Q_DECLARE_METATYPE(atalaia::ui::ResourceSnapshot)
