#pragma once

#include "config/ConfigFormat.h"

#include <QByteArray>
#include <QList>

namespace atalaia::bench {

struct GeneratedFile {
    config::ConfigFormat format;
    QByteArray bytes;
};

// A deterministic cluster configuration of GUESTS guests (70 % VMs, 30 %
// containers, some with snapshots and pending changes), ha/resources.cfg with
// one entry per guest, and user.cfg with GUESTS users, groups and ACL lines.
QList<GeneratedFile> generateTree(int guests);

qsizetype totalBytes(const QList<GeneratedFile> &files);

} // namespace atalaia::bench
