#include "DirectoryExport.h"

#include "StorePath.h"
#include "Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace atalaia::store {

using namespace Qt::StringLiterals;

namespace {

bool isPrivate(QStringView relativePath)
{
    return relativePath == u"priv" || relativePath.startsWith(u"priv/");
}

QString systemError()
{
    return QString::fromLocal8Bit(strerror(errno));
}

std::unexpected<Error> ioError(const QString &what, const QString &path)
{
    return fail(Code::StoreIo, Tr::tr("export: cannot %1 %2: %3").arg(what, path, systemError()));
}

} // namespace

DirectoryExport::DirectoryExport(QString directory) : m_directory(std::move(directory)) {}

Result<void> DirectoryExport::begin()
{
    if (!QDir().mkpath(m_directory))
        return fail(Code::StoreIo, Tr::tr("export: cannot create the directory %1").arg(m_directory));
    QFile manifest(m_directory + u'/' + kManifestName);
    if (manifest.exists()) {
        if (!manifest.open(QIODevice::ReadOnly))
            return fail(Code::StoreIo,
                        Tr::tr("export: cannot read %1: %2").arg(manifest.fileName(), manifest.errorString()));
        const QList<QByteArray> lines = manifest.readAll().split('\n');
        for (const QByteArray &line : lines) {
            const QString path = QString::fromUtf8(line);
            // Only paths the store itself could have written are trusted, so a
            // doctored manifest cannot make finish() delete "../../etc/passwd".
            if (!path.isEmpty() && StorePath::validate(path))
                m_previous.insert(path);
        }
    }
    return {};
}

Result<void> DirectoryExport::makeDirectories(const QString &relativeDir)
{
    QString current;
    for (QStringView segment : QStringView(relativeDir).split(u'/')) {
        current = current.isEmpty() ? segment.toString() : current + u'/' + segment.toString();
        if (m_checkedDirectories.contains(current))
            continue;
        const QString full = m_directory + u'/' + current;
        const QByteArray encoded = QFile::encodeName(full);
        const mode_t mode = isPrivate(current) ? 0700 : 0755;
        struct stat st {};
        bool exists = ::lstat(encoded.constData(), &st) == 0;
        if (!exists && errno != ENOENT)
            return ioError(Tr::tr("inspect"), full);
        // A file the last export wrote where a directory goes now: the store
        // replaced the file by a directory (it never holds both), so the file
        // is stale.
        if (exists && S_ISREG(st.st_mode) && m_previous.contains(current)) {
            if (::unlink(encoded.constData()) != 0)
                return ioError(Tr::tr("delete"), full);
            m_previous.remove(current); // finish() must not delete the new directory
            exists = false;
        }
        if (!exists) {
            if (::mkdir(encoded.constData(), mode) != 0 && errno != EEXIST)
                return ioError(Tr::tr("create the directory"), full);
        } else if (!S_ISDIR(st.st_mode)) {
            return fail(Code::StoreIo,
                        Tr::tr("export: %1 is in the way: it is not a directory (or is a symlink)").arg(full));
        } else if ((st.st_mode & 07777) != mode && ::chmod(encoded.constData(), mode) != 0) {
            return ioError(Tr::tr("change the mode of"), full);
        }
        m_checkedDirectories.insert(current);
    }
    return {};
}

Result<void> DirectoryExport::removeStaleDirectory(const QString &relativePath)
{
    // The store replaced a directory by a file, so every file the last export
    // wrote under it is stale. Anything else in it (an admin's file) stays,
    // and then the directory is in the way.
    const QString prefix = relativePath + u'/';
    for (auto it = m_previous.begin(); it != m_previous.end();) {
        if (!it->startsWith(prefix)) {
            ++it;
            continue;
        }
        const QString full = m_directory + u'/' + *it;
        if (::unlink(QFile::encodeName(full).constData()) != 0 && errno != ENOENT)
            return ioError(Tr::tr("delete"), full);
        removeEmptyParents(*it, relativePath.size());
        it = m_previous.erase(it);
    }
    const QString full = m_directory + u'/' + relativePath;
    if (::rmdir(QFile::encodeName(full).constData()) != 0)
        return fail(Code::StoreIo, Tr::tr("export: %1 is in the way: it is a directory with other files in it")
                                       .arg(full));
    return {};
}

void DirectoryExport::removeEmptyParents(const QString &relativePath, qsizetype stopAt)
{
    // rmdir fails harmlessly on a directory that still holds something.
    for (qsizetype slash = relativePath.lastIndexOf(u'/'); slash > stopAt;
         slash = relativePath.lastIndexOf(u'/', slash - 1)) {
        if (::rmdir(QFile::encodeName(m_directory + u'/' + relativePath.left(slash)).constData()) != 0)
            break;
    }
}

Result<void> DirectoryExport::writeAtomically(const QString &relativePath, const QByteArray &data, int mode,
                                              qint64 mtime)
{
    const QString target = m_directory + u'/' + relativePath;
    const qsizetype slash = target.lastIndexOf(u'/');
    // The temporary name is reserved (StorePath refuses ".atalaia-"), so it
    // never collides with a store file.
    const QString temp = target.left(slash + 1) + StorePath::kReservedPrefix + u"tmp-"_s
        + QString::number(::getpid()) + u'-' + target.mid(slash + 1);
    const QByteArray tempName = QFile::encodeName(temp);
    ::unlink(tempName.constData()); // a leftover of a crashed export
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          mode_t(mode));
    if (fd < 0)
        return ioError(Tr::tr("create"), temp);
    const auto cleanup = [&] {
        ::close(fd);
        ::unlink(tempName.constData());
    };
    const char *bytes = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, bytes, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const auto error = ioError(Tr::tr("write"), temp);
            cleanup();
            return error;
        }
        bytes += n;
        left -= n;
    }
    // The mode given to open() is filtered by the umask; set it exactly.
    // mtime < 0: now (the manifest).
    const struct timespec when = mtime >= 0 ? timespec{mtime, 0} : timespec{0, UTIME_NOW};
    const struct timespec times[2] = {when, when};
    if (::fchmod(fd, mode_t(mode)) != 0 || ::futimens(fd, times) != 0 || ::fsync(fd) != 0) {
        const auto error = ioError(Tr::tr("finish"), temp);
        cleanup();
        return error;
    }
    if (::close(fd) != 0) {
        const auto error = ioError(Tr::tr("close"), temp);
        ::unlink(tempName.constData());
        return error;
    }
    if (::rename(tempName.constData(), QFile::encodeName(target).constData()) != 0) {
        const auto error = ioError(Tr::tr("replace"), target);
        ::unlink(tempName.constData());
        return error;
    }
    return {};
}

Result<void> DirectoryExport::add(const StoreEntry &entry)
{
    if (Result<void> ok = StorePath::validate(entry.path); !ok)
        return ok;
    const qsizetype slash = entry.path.lastIndexOf(u'/');
    if (slash > 0) {
        if (Result<void> ok = makeDirectories(entry.path.left(slash)); !ok)
            return ok;
    }
    // A directory where the file goes, left by the last export.
    struct stat st {};
    const QString target = m_directory + u'/' + entry.path;
    if (::lstat(QFile::encodeName(target).constData(), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (Result<void> ok = removeStaleDirectory(entry.path); !ok)
            return ok;
    }
    const int mode = isPrivate(entry.path) ? 0400 : 0444;
    if (Result<void> ok = writeAtomically(entry.path, entry.data, mode, entry.mtime); !ok)
        return ok;
    m_written.insert(entry.path);
    return {};
}

Result<qsizetype> DirectoryExport::finish()
{
    for (const QString &path : std::as_const(m_previous)) {
        if (m_written.contains(path))
            continue;
        const QString full = m_directory + u'/' + path;
        if (::unlink(QFile::encodeName(full).constData()) != 0 && errno != ENOENT)
            return ioError(Tr::tr("delete"), full);
        removeEmptyParents(path, 0);
    }
    QStringList written(m_written.cbegin(), m_written.cend());
    written.sort();
    QByteArray manifest;
    for (const QString &path : std::as_const(written))
        manifest += path.toUtf8() + '\n';
    if (Result<void> ok = writeAtomically(kManifestName.toString(), manifest, 0400, -1); !ok)
        return std::unexpected(ok.error());
    return written.size();
}

} // namespace atalaia::store
