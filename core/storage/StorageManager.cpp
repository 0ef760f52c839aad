#include "StorageManager.h"

#include "DirStorage.h"
#include "config/SectionConfigFile.h"
#include "store/ConfigStore.h"

#include <QRegularExpression>

namespace atalaia::storage {

StorageManager::StorageManager(store::ConfigStore &store, QString node, QString defaultPath, QString pathRoot)
    : m_store(store)
    , m_node(std::move(node))
    , m_defaultPath(std::move(defaultPath))
    , m_pathRoot(std::move(pathRoot))
{
}

Result<QList<StorageDefinition>> StorageManager::definitions() const
{
    Result<store::StoreEntry> entry = m_store.read(QLatin1String(kStorageCfg));
    if (!entry) {
        if (entry.error().code != Code::NotFound)
            return std::unexpected(entry.error());
        StorageDefinition local;
        local.id = QStringLiteral("local");
        local.type = QStringLiteral("dir");
        local.path = m_defaultPath;
        local.content = {QStringLiteral("iso"), QStringLiteral("vztmpl"), QStringLiteral("backup"),
                         QStringLiteral("images"), QStringLiteral("rootdir")};
        return QList<StorageDefinition>{local};
    }
    const config::SectionConfigFile file = config::SectionConfigFile::parse(entry->data, QLatin1String(kStorageCfg));
    QList<StorageDefinition> out;
    for (const config::SectionConfigFile::Section &section : file.sections()) {
        StorageDefinition d;
        d.id = section.idString();
        d.type = section.typeString();
        auto value = [&](const char *key) {
            const config::SectionConfigFile::Property *p = section.find(key);
            return p ? QString::fromUtf8(p->value).trimmed() : QString();
        };
        d.path = value("path");
        d.content = value("content").split(u',', Qt::SkipEmptyParts);
        // Without a content line a storage holds its plugin's default
        // content: for "dir", disk images and container volumes.
        if (!section.find("content") && d.type == u"dir")
            d.content = {QStringLiteral("images"), QStringLiteral("rootdir")};
        d.nodes = value("nodes").split(u',', Qt::SkipEmptyParts);
        // Proxmox's booleans: 1/on/yes/true, and a bare key ("\tdisable") is 1.
        auto flag = [&](const char *key) {
            if (!section.find(key))
                return false;
            const QString v = value(key).toLower();
            return v.isEmpty() || v == u"1" || v == u"on" || v == u"yes" || v == u"true";
        };
        d.shared = flag("shared");
        d.disabled = flag("disable");
        out.append(d);
    }
    return out;
}

Result<StorageDefinition> StorageManager::definition(const QString &storage) const
{
    Result<QList<StorageDefinition>> all = definitions();
    if (!all)
        return std::unexpected(all.error());
    for (const StorageDefinition &d : std::as_const(*all))
        if (d.id == storage)
            return d;
    return fail(Code::NotFound, QStringLiteral("storage '%1' does not exist").arg(storage));
}

Result<std::unique_ptr<StorageBackend>> StorageManager::backend(const QString &storage) const
{
    Result<StorageDefinition> d = definition(storage);
    if (!d)
        return std::unexpected(d.error());
    if (!d->availableOn(m_node))
        return fail(Code::InvalidArgument,
                    QStringLiteral("storage '%1' is not available on node '%2'").arg(storage, m_node));
    if (d->type == u"dir") {
        if (d->path.isEmpty())
            return fail(Code::InvalidArgument, QStringLiteral("storage '%1' has no path").arg(storage));
        // A fake node's /var/lib/vz is a directory of its own; other paths
        // (tests' temporary directories) are used as they are.
        const QString path = !m_pathRoot.isEmpty() && d->path == m_defaultPath ? m_pathRoot + d->path : d->path;
        return std::make_unique<DirStorage>(d->id, path);
    }
    return fail(Code::InvalidArgument,
                QStringLiteral("storage '%1' is of type '%2', which this node cannot use yet").arg(storage, d->type));
}

Result<std::pair<QString, QString>> StorageManager::splitVolumeId(const QString &volid)
{
    static const QRegularExpression kVolid(QStringLiteral(R"(^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$)"),
                                           QRegularExpression::CaseInsensitiveOption);
    const auto m = kVolid.match(volid);
    if (!m.hasMatch())
        return fail(Code::InvalidArgument, QStringLiteral("'%1' is not a volume ID (STORAGE:VOLUME)").arg(volid));
    return std::pair{m.captured(1), m.captured(2)};
}

Result<StorageManager::Volume> StorageManager::volume(const QString &volumeId) const
{
    Result<std::pair<QString, QString>> parts = splitVolumeId(volumeId);
    if (!parts)
        return std::unexpected(parts.error());
    Result<std::unique_ptr<StorageBackend>> b = backend(parts->first);
    if (!b)
        return std::unexpected(b.error());
    return Volume{std::move(*b), parts->second};
}

Result<virt::VolumeSource> StorageManager::resolve(const QString &volumeId) const
{
    return volume(volumeId).and_then([](const Volume &v) { return v.backend->resolve(v.name); });
}

Result<QString> StorageManager::localPath(const QString &volumeId) const
{
    return volume(volumeId).and_then([](const Volume &v) { return v.backend->path(v.name); });
}

Result<void> StorageManager::free(const QString &volumeId) const
{
    return volume(volumeId).and_then([](const Volume &v) { return v.backend->free(v.name); });
}

} // namespace atalaia::storage
