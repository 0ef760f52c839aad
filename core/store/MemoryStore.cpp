#include "MemoryStore.h"

#include "DirectoryExport.h"
#include "StorePath.h"

namespace atalaia::store {

MemoryStore::MemoryStore(const Clock &clock, QObject *parent) : LocalStore(parent), m_clock(clock) {}

MemoryStore::~MemoryStore() = default;

Result<StoreEntry> MemoryStore::read(const QString &path) const
{
    if (Result<void> ok = StorePath::validate(path); !ok)
        return std::unexpected(ok.error());
    const QMutexLocker locker(&mutex());
    const auto it = m_files.constFind(path);
    if (it == m_files.cend())
        return notFoundError(path);
    return StoreEntry{path, it->data, it->version, it->mtime};
}

QStringList MemoryStore::list(const QString &prefix) const
{
    const Result<QString> dir = StorePath::normalizePrefix(prefix);
    if (!dir)
        return {};
    const QMutexLocker locker(&mutex());
    QStringList paths;
    auto it = dir->isEmpty() ? m_files.cbegin() : m_files.lowerBound(*dir);
    const QString end = dir->isEmpty() ? QString() : StorePath::prefixEnd(*dir);
    for (; it != m_files.cend() && (end.isEmpty() || it.key() < end); ++it)
        paths.append(it.key());
    return paths;
}

Result<quint64> MemoryStore::storeVersionLocked() const
{
    return m_version;
}

Result<quint64> MemoryStore::commitLocked(const QList<StoreChange> &changes, std::optional<qint64> mtime)
{
    for (const StoreChange &change : changes) {
        const auto it = m_files.constFind(change.path);
        const std::optional<quint64> current =
            it == m_files.cend() ? std::nullopt : std::optional<quint64>(it->version);
        if (Result<void> ok = checkCurrent(change, current); !ok)
            return std::unexpected(ok.error());
    }
    // Apply with an undo log, check the resulting tree, undo on failure:
    // the same "change, verify, commit or roll back" shape as SqliteStore.
    const quint64 version = m_version + 1;
    const qint64 now = mtime.value_or(m_clock.nowSeconds());
    QList<std::pair<QString, std::optional<File>>> undo;
    for (const StoreChange &change : changes) {
        const auto it = m_files.constFind(change.path);
        undo.append({change.path, it == m_files.cend() ? std::nullopt : std::optional<File>(*it)});
        if (change.kind == StoreChange::Kind::Write)
            m_files.insert(change.path, File{change.data, version, now});
        else
            m_files.remove(change.path);
    }
    const Result<void> tree = checkTree(
        changes, [this](const QString &path) -> Result<bool> { return m_files.contains(path); },
        [this](const QString &dir) -> Result<bool> {
            const auto it = std::as_const(m_files).lowerBound(dir);
            return it != m_files.cend() && it.key().startsWith(dir);
        });
    if (!tree) {
        for (auto it = undo.crbegin(); it != undo.crend(); ++it) {
            if (it->second)
                m_files.insert(it->first, *it->second);
            else
                m_files.remove(it->first);
        }
        return std::unexpected(tree.error());
    }
    m_version = version;
    return version;
}

Result<LocalStore::Snapshot> MemoryStore::snapshotLocked() const
{
    Snapshot snapshot{m_version, {}};
    snapshot.entries.reserve(m_files.size());
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
        snapshot.entries.append(StoreEntry{it.key(), it->data, it->version, it->mtime});
    return snapshot;
}

Result<void> MemoryStore::replaceLocked(const Snapshot &snapshot)
{
    QMap<QString, File> files;
    for (const StoreEntry &e : snapshot.entries)
        files.insert(e.path, File{e.data, e.version, e.mtime});
    m_files = std::move(files);
    m_version = snapshot.version;
    return {};
}

quint64 MemoryStore::storeVersion() const
{
    const QMutexLocker locker(&mutex());
    return m_version;
}

Result<qsizetype> MemoryStore::exportTo(const QString &directory) const
{
    QMap<QString, File> snapshot;
    {
        const QMutexLocker locker(&mutex());
        snapshot = m_files; // implicitly shared: the copy is taken outside the lock
    }
    DirectoryExport out(directory);
    if (Result<void> ok = out.begin(); !ok)
        return std::unexpected(ok.error());
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        if (Result<void> ok = out.add(StoreEntry{it.key(), it->data, it->version, it->mtime}); !ok)
            return std::unexpected(ok.error());
    }
    return out.finish();
}

} // namespace atalaia::store
