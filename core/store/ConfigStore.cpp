#include "ConfigStore.h"

#include "StorePath.h"
#include "Tr.h"

#include <QCryptographicHash>
#include <QSet>

namespace atalaia::store {

ConfigStore::~ConfigStore() = default;

Result<quint64> ConfigStore::write(const QString &path, const QByteArray &data,
                                   std::optional<quint64> expectedVersion)
{
    return apply({StoreChange::write(path, data, expectedVersion)});
}

Result<void> ConfigStore::remove(const QString &path, std::optional<quint64> expectedVersion)
{
    Result<quint64> version = apply({StoreChange::remove(path, expectedVersion)});
    if (!version)
        return std::unexpected(version.error());
    return {};
}

QString ConfigStore::contentDigest(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex());
}

Result<QString> ConfigStore::digest(const QString &path) const
{
    Result<StoreEntry> entry = read(path);
    if (!entry)
        return std::unexpected(entry.error());
    return contentDigest(entry->data);
}

Result<void> ConfigStore::checkBatch(const QList<StoreChange> &changes)
{
    QSet<QString> seen;
    for (const StoreChange &change : changes) {
        if (Result<void> ok = StorePath::validate(change.path); !ok)
            return ok;
        if (change.kind == StoreChange::Kind::Write && change.data.size() > kMaxFileSize)
            return fail(Code::InvalidArgument, Tr::tr("%1: %2 bytes is more than the limit of %3 bytes per file")
                                                   .arg(change.path)
                                                   .arg(change.data.size())
                                                   .arg(kMaxFileSize));
        if (change.kind == StoreChange::Kind::Remove && change.expectedVersion == 0u)
            return fail(Code::InvalidArgument,
                        Tr::tr("%1: a removal cannot expect the file not to exist").arg(change.path));
        if (seen.contains(change.path))
            return fail(Code::InvalidArgument, Tr::tr("%1: changed twice in one batch").arg(change.path));
        seen.insert(change.path);
    }
    return {};
}

Result<void> ConfigStore::checkCurrent(const StoreChange &change, std::optional<quint64> current)
{
    if (change.expectedVersion) {
        const quint64 expected = *change.expectedVersion;
        if (expected == 0 && current)
            return fail(Code::StoreConflict,
                        Tr::tr("%1: expected it not to exist, but it exists at version %2")
                            .arg(change.path)
                            .arg(*current));
        if (expected != 0 && !current)
            return fail(Code::StoreConflict, Tr::tr("%1: expected version %2, but it does not exist")
                                                 .arg(change.path)
                                                 .arg(expected));
        if (expected != 0 && *current != expected)
            return fail(Code::StoreConflict, Tr::tr("%1: expected version %2, but the store has version %3")
                                                 .arg(change.path)
                                                 .arg(expected)
                                                 .arg(*current));
    }
    if (change.kind == StoreChange::Kind::Remove && !current)
        return notFoundError(change.path);
    return {};
}

Result<void> ConfigStore::checkTree(const QList<StoreChange> &changes,
                                    const std::function<Result<bool>(const QString &)> &isFile,
                                    const std::function<Result<bool>(const QString &)> &hasFilesUnder)
{
    for (const StoreChange &change : changes) {
        if (change.kind != StoreChange::Kind::Write)
            continue;
        for (const QString &ancestor : StorePath::ancestors(change.path)) {
            Result<bool> file = isFile(ancestor);
            if (!file)
                return std::unexpected(file.error());
            if (*file)
                return fail(Code::InvalidArgument,
                            Tr::tr("cannot write %1: %2 is a file, not a directory").arg(change.path, ancestor));
        }
        Result<bool> children = hasFilesUnder(change.path + u'/');
        if (!children)
            return std::unexpected(children.error());
        if (*children)
            return fail(Code::InvalidArgument,
                        Tr::tr("cannot write %1: it is a directory with files in it").arg(change.path));
    }
    return {};
}

std::unexpected<Error> ConfigStore::readOnlyError(const QString &reason)
{
    return fail(Code::StoreReadOnly, Tr::tr("the configuration store is read-only: %1").arg(reason));
}

std::unexpected<Error> ConfigStore::notFoundError(const QString &path)
{
    return fail(Code::NotFound, Tr::tr("%1: no such file in the configuration store").arg(path));
}

void ConfigStore::emitChanged(const QList<StoreChange> &changes, quint64 version)
{
    for (const StoreChange &change : changes)
        emit changed(change.path, version);
}

} // namespace atalaia::store
