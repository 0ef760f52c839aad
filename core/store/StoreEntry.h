#pragma once

#include <QByteArray>
#include <QString>

namespace atalaia::store {

// One file of the configuration store, as read.
struct StoreEntry {
    QString path;       // "nodes/node1/qemu-server/100.conf"
    QByteArray data;
    quint64 version = 0; // > 0; grows with every change of this path, never reused
    qint64 mtime = 0;    // seconds since the epoch, from the store's Clock at commit

    friend bool operator==(const StoreEntry &, const StoreEntry &) = default;
};

} // namespace atalaia::store
