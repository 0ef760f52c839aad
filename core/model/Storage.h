#pragma once

#include "NodeId.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::model {

// A storage: its storage.cfg entry (GET /storage, /storage/{storage}) and, in
// GET /nodes/{node}/storage, its status on that node. Plugin-specific options
// not listed here (krbd, options, prune-backups, ...) travel in `extra`.
struct Storage {
    QString storage; // the storage id
    QString type; // dir, lvmthin, rbd, nfs, ...
    std::optional<QStringList> content; // images, rootdir, iso, vztmpl, backup, snippets, import
    std::optional<QList<NodeId>> nodes; // unset: all nodes
    std::optional<bool> shared;
    std::optional<bool> disable;
    std::optional<QString> path;
    std::optional<QString> server;
    std::optional<QString> exportPath; // "export"
    std::optional<QString> pool;
    std::optional<QString> vgname;
    std::optional<QString> thinpool;
    std::optional<QString> monhost;
    std::optional<QString> digest;
    // Status, from /nodes/{node}/storage only.
    std::optional<bool> active;
    std::optional<bool> enabled;
    std::optional<qint64> total; // bytes
    std::optional<qint64> used;
    std::optional<qint64> avail;
    std::optional<double> usedFraction; // "used_fraction"
    QJsonObject extra;

    static Result<Storage> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Storage &, const Storage &) = default;
};

} // namespace atalaia::model
