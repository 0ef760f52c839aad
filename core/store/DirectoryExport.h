#pragma once

#include "StoreEntry.h"
#include "base/Error.h"

#include <QSet>
#include <QString>

namespace atalaia::store {

// Writes store files under a directory for admins and tools (the read-only
// export of ConfigStore::exportTo).
//
// Each file is written to a temporary file next to it, synced and renamed
// over the old one, so a reader sees the old or the new contents, never a
// mix. Modes: 0444 for files, 0400 under priv/ (whose directories get 0700).
// A manifest (".atalaia-export") records what was written, so finish() can
// delete files that left the store without ever touching anything else in
// the directory. Intermediate directories that are symlinks are refused, so an
// export cannot be redirected out of the directory.
//
//     DirectoryExport out(dir);
//     if (auto ok = out.begin(); !ok) ...
//     for (entry : snapshot) if (auto ok = out.add(entry); !ok) ...
//     return out.finish();
class DirectoryExport
{
public:
    static constexpr QLatin1StringView kManifestName{".atalaia-export"};

    explicit DirectoryExport(QString directory);

    Result<void> begin();
    Result<void> add(const StoreEntry &entry);
    // Deletes stale files and writes the new manifest; returns the file count.
    Result<qsizetype> finish();

private:
    Result<void> makeDirectories(const QString &relativeDir);
    Result<void> removeStaleDirectory(const QString &relativePath);
    // Removes the now empty directories of relativePath, deepest first, but
    // none at or above the first stopAt characters.
    void removeEmptyParents(const QString &relativePath, qsizetype stopAt);
    Result<void> writeAtomically(const QString &relativePath, const QByteArray &data, int mode, qint64 mtime);

    QString m_directory;
    QSet<QString> m_previous; // paths the last export wrote
    QSet<QString> m_written;
    QSet<QString> m_checkedDirectories;
};

} // namespace atalaia::store
