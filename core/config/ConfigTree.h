#pragma once

#include "ConfigFormat.h"
#include "Diagnostic.h"
#include "base/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace atalaia::config {

// A cluster configuration tree (a copy of /etc/pve, or a single file): every
// file Atalaia knows is parsed and validated on its own, then the references
// between files are checked (HA resources to groups and guests, guest ids
// unique across nodes, guest disks to storages, ACLs to users and groups).
class ConfigTree
{
public:
    struct File {
        QString relativePath;   // "ha/groups.cfg"; for a single file, its name
        QString displayPath;    // as printed in diagnostics (the path the user gave + relativePath)
        ConfigFormat format = ConfigFormat::Unknown;
        QByteArray bytes;
    };

    // Reads PATH (a directory or one file). Symlinks inside a tree are not
    // followed (/etc/pve's "local", "qemu-server" and "lxc" links would count
    // every guest twice).
    static Result<ConfigTree> load(const QString &path);

    const QList<File> &files() const { return m_files; }
    int skippedFiles() const { return m_skipped; }

    Diagnostics check() const;

    // Validation of one file's bytes in the given format.
    static Diagnostics checkFile(const QByteArray &bytes, const QString &displayPath, ConfigFormat format);

private:
    QList<File> m_files;
    int m_skipped = 0;
    bool m_isTree = false;
};

} // namespace atalaia::config
