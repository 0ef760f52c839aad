#pragma once

#include "model/ClusterResource.h"

#include <QList>
#include <QString>

// Fixture snapshots for the tree model tests: tests/ui/models/data/<name>.json
// holds one /cluster/resources answer; tests change it in code.
class ResourceFixture
{
public:
    static QList<atalaia::model::ClusterResource> load(const QString &name = QStringLiteral("cluster-lab"));

    // The resource with that id; fails the test (and aborts) if missing.
    static atalaia::model::ClusterResource &find(QList<atalaia::model::ClusterResource> &snapshot, const QString &id);
    static void remove(QList<atalaia::model::ClusterResource> &snapshot, const QString &id);
    // A new guest like the fixture's, on `node`.
    static atalaia::model::ClusterResource guest(const QString &type, quint32 vmid, const QString &node,
                                                 const QString &name, const QString &status = QStringLiteral("running"));
    static atalaia::model::NodeId node(const QString &name);
};
