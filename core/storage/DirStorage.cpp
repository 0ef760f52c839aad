#include "DirStorage.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QtEndian>

#include <optional>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace atalaia::storage {

namespace {

const QRegularExpression &isoName()
{
    static const QRegularExpression re(QStringLiteral(R"(^iso/([A-Za-z0-9][A-Za-z0-9_.+-]*\.(?:iso|img))\z)"));
    return re;
}

const QRegularExpression &templateName()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^vztmpl/([A-Za-z0-9][A-Za-z0-9_.+-]*\.tar\.(?:gz|xz|zst)|[A-Za-z0-9][A-Za-z0-9_.+-]*\.tgz)\z)"));
    return re;
}

const QRegularExpression &imageName()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^([1-9][0-9]{2,8})/((?:vm|base)-([1-9][0-9]{2,8})-disk-[0-9]+\.(raw|qcow2)|subvol-([1-9][0-9]{2,8})-disk-[0-9]+)\z)"));
    return re;
}

// A qcow2 image's virtual size from its header (big-endian: magic "QFI\xfb"
// at 0, the size at 24), so listing needs no qemu-img.
std::optional<qint64> qcow2VirtualSize(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray header = f.read(32);
    if (header.size() < 32 || !header.startsWith("QFI\xfb"))
        return std::nullopt;
    return qint64(qFromBigEndian<quint64>(header.constData() + 24));
}

QString templateFormat(const QString &file)
{
    if (file.endsWith(u".tar.zst"))
        return QStringLiteral("tzst");
    if (file.endsWith(u".tar.xz"))
        return QStringLiteral("txz");
    return QStringLiteral("tgz");
}

} // namespace

DirStorage::DirStorage(QString id, QString path)
    : m_id(std::move(id))
    , m_path(std::move(path))
{
}

Result<QString> DirStorage::contentOf(const QString &volname)
{
    if (isoName().match(volname).hasMatch())
        return QStringLiteral("iso");
    if (templateName().match(volname).hasMatch())
        return QStringLiteral("vztmpl");
    if (const auto m = imageName().match(volname); m.hasMatch()) {
        // Group 3: the VMID of a vm-/base- image, group 5: of a subvol.
        const QString owner = m.captured(3).isEmpty() ? m.captured(5) : m.captured(3);
        if (owner != m.captured(1))
            return fail(Code::InvalidArgument,
                        QStringLiteral("volume '%1': the image's VMID differs from its directory").arg(volname));
        return QStringLiteral("images");
    }
    return fail(Code::InvalidArgument,
                QStringLiteral("'%1' is not a volume of a directory storage (iso/NAME.iso, vztmpl/NAME.tar.zst, "
                               "VMID/vm-VMID-disk-N.raw|qcow2)")
                    .arg(volname));
}

Result<QString> DirStorage::path(const QString &volname) const
{
    Result<QString> content = contentOf(volname);
    if (!content)
        return std::unexpected(content.error());
    QString file;
    if (*content == u"iso")
        file = m_path + QStringLiteral("/template/iso/") + volname.mid(4);
    else if (*content == u"vztmpl")
        file = m_path + QStringLiteral("/template/cache/") + volname.mid(7);
    else
        file = m_path + QStringLiteral("/images/") + volname;
    return file;
}

Result<virt::VolumeSource> DirStorage::resolve(const QString &volname) const
{
    Result<QString> file = path(volname);
    if (!file)
        return std::unexpected(file.error());
    if (!QFileInfo::exists(*file))
        return fail(Code::NotFound, QStringLiteral("volume '%1:%2' does not exist (%3)").arg(m_id, volname, *file));
    virt::VolumeSource source;
    source.kind = QFileInfo(*file).isDir() ? virt::VolumeSource::Kind::Directory : virt::VolumeSource::Kind::File;
    source.path = *file;
    source.format = file->endsWith(u".qcow2") ? QStringLiteral("qcow2") : QStringLiteral("raw");
    return source;
}

QString DirStorage::imageDir(int vmid) const
{
    return m_path + QStringLiteral("/images/") + QString::number(vmid);
}

Result<QString> DirStorage::allocate(int vmid, const QString &format, qint64 sizeBytes)
{
    if (format != u"raw" && format != u"qcow2" && format != u"subvol")
        return fail(Code::InvalidArgument,
                    QStringLiteral("storage '%1' cannot hold %2 images (raw, qcow2 or subvol)").arg(m_id, format));
    // Names of other VMIDs would not be volumes (contentOf() refuses them).
    if (vmid < 100 || vmid > 999999999)
        return fail(Code::InvalidArgument, QStringLiteral("%1 is not a VMID (100 to 999999999)").arg(vmid));
    if (sizeBytes <= 0 && format != u"subvol")
        return fail(Code::InvalidArgument, QStringLiteral("a disk needs a size above 0"));
    const QString dir = imageDir(vmid);
    if (!QDir().mkpath(dir))
        return fail(Code::Io, QStringLiteral("cannot create %1").arg(dir));
    // The lowest free disk number, as Proxmox names them.
    for (int n = 0; n < 1000; ++n) {
        const QString name = format == u"subvol" ? QStringLiteral("subvol-%1-disk-%2").arg(vmid).arg(n)
                                                 : QStringLiteral("vm-%1-disk-%2.%3").arg(vmid).arg(n).arg(format);
        const QString file = dir + u'/' + name;
        // A number is taken by any image with it: a template's base-
        // images count too, as in Proxmox's find_free_diskname.
        bool taken = QFileInfo::exists(QStringLiteral("%1/subvol-%2-disk-%3").arg(dir).arg(vmid).arg(n));
        for (const char *prefix : {"vm", "base"})
            for (const char *ext : {"raw", "qcow2"})
                taken = taken || QFileInfo::exists(QStringLiteral("%1/%2-%3-disk-%4.%5")
                                                       .arg(dir, QLatin1String(prefix))
                                                       .arg(vmid)
                                                       .arg(n)
                                                       .arg(QLatin1String(ext)));
        if (taken)
            continue;
        if (format == u"subvol") {
            // A directory (Proxmox's subvol on a dir storage): no size limit
            // is enforced; unprivileged containers need one (libvirt's lxc
            // driver cannot map ids on an image it mounts itself).
            if (!QDir().mkdir(file)) {
                QDir().rmdir(dir);
                return fail(Code::Io, QStringLiteral("cannot create %1").arg(file));
            }
        } else if (format == u"raw") {
            QFile f(file);
            if (!f.open(QIODevice::NewOnly | QIODevice::WriteOnly) || !f.resize(sizeBytes)) {
                const QString why = f.errorString();
                f.remove();
                QDir().rmdir(dir); // the VM's directory, if this made it
                return fail(Code::Io, QStringLiteral("cannot create %1 (%2 bytes): %3").arg(file).arg(sizeBytes).arg(why));
            }
        } else {
            QProcess p;
            p.start(QStringLiteral("qemu-img"), {QStringLiteral("create"), QStringLiteral("-f"), QStringLiteral("qcow2"),
                                                 QStringLiteral("-o"), QStringLiteral("preallocation=metadata"), file,
                                                 QString::number(sizeBytes)});
            if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
                const QString why = p.error() == QProcess::FailedToStart
                                        ? QStringLiteral("qemu-img is not installed (package qemu-utils)")
                                        : QString::fromUtf8(p.readAllStandardError()).trimmed();
                QFile::remove(file);
                QDir().rmdir(dir); // the VM's directory, if this made it
                return fail(Code::Io, QStringLiteral("cannot create %1: %2").arg(file, why));
            }
        }
        return QString::number(vmid) + u'/' + name;
    }
    return fail(Code::Io, QStringLiteral("no free disk name for VM %1 on storage '%2'").arg(vmid).arg(m_id));
}

Result<void> DirStorage::free(const QString &volname)
{
    Result<QString> file = path(volname);
    if (!file)
        return std::unexpected(file.error());
    if (!QFileInfo::exists(*file))
        return fail(Code::NotFound, QStringLiteral("volume '%1:%2' does not exist").arg(m_id, volname));
    const QFileInfo info(*file);
    const bool removed = info.isDir() ? QDir(*file).removeRecursively() : QFile::remove(*file);
    if (!removed)
        return fail(Code::Io, QStringLiteral("cannot remove %1").arg(*file));
    if (Result<QString> kind = contentOf(volname); kind && *kind == u"images")
        QDir().rmdir(info.absolutePath()); // the VM's images/<vmid> directory, once empty
    return {};
}

QList<VolumeInfo> DirStorage::listFiles(const QString &dir, const QString &content, const QString &prefix) const
{
    QList<VolumeInfo> out;
    const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &f : files) {
        const QString volname = prefix + f.fileName();
        Result<QString> kind = contentOf(volname);
        if (!kind)
            continue;
        VolumeInfo v;
        v.volid = m_id + u':' + volname;
        v.content = content;
        v.ctime = f.birthTime().isValid() ? f.birthTime().toSecsSinceEpoch() : f.lastModified().toSecsSinceEpoch();
        v.size = f.size();
        struct stat st {};
        v.used = ::stat(QFile::encodeName(f.filePath()).constData(), &st) == 0 ? qint64(st.st_blocks) * 512 : v.size;
        if (content == u"iso") {
            v.format = QStringLiteral("iso");
        } else if (content == u"vztmpl") {
            v.format = templateFormat(f.fileName());
        } else {
            v.vmid = prefix.chopped(1).toInt();
            v.format = f.isDir() ? QStringLiteral("subvol") : f.suffix();
            if (v.format == u"qcow2")
                v.size = qcow2VirtualSize(f.filePath()).value_or(v.size);
        }
        out.append(v);
    }
    return out;
}

Result<QList<VolumeInfo>> DirStorage::list(const QString &content) const
{
    QList<VolumeInfo> out;
    if (content.isEmpty() || content == u"iso")
        out += listFiles(m_path + QStringLiteral("/template/iso"), QStringLiteral("iso"), QStringLiteral("iso/"));
    if (content.isEmpty() || content == u"vztmpl")
        out += listFiles(m_path + QStringLiteral("/template/cache"), QStringLiteral("vztmpl"), QStringLiteral("vztmpl/"));
    if (content.isEmpty() || content == u"images" || content == u"rootdir") {
        const QStringList vmids = QDir(m_path + QStringLiteral("/images")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &vmid : vmids)
            out += listFiles(imageDir(vmid.toInt()), QStringLiteral("images"), vmid + u'/');
    }
    return out;
}

Result<StorageStatus> DirStorage::status() const
{
    StorageStatus s;
    struct statvfs fs {};
    if (!QFileInfo(m_path).isDir() || ::statvfs(QFile::encodeName(m_path).constData(), &fs) != 0)
        return s; // inactive: the directory is missing here
    s.active = true;
    s.total = qint64(fs.f_blocks) * qint64(fs.f_frsize);
    s.avail = qint64(fs.f_bavail) * qint64(fs.f_frsize);
    s.used = s.total - qint64(fs.f_bfree) * qint64(fs.f_frsize);
    return s;
}

Result<QString> DirStorage::import(const QString &content, const QString &filename, const QString &source)
{
    const QString volname = (content == u"iso" ? QStringLiteral("iso/") : QStringLiteral("vztmpl/")) + filename;
    Result<QString> kind = contentOf(volname);
    if (!kind || *kind != content)
        return fail(Code::InvalidArgument,
                    QStringLiteral("'%1' is not a valid %2 file name").arg(filename, content == u"iso" ? QStringLiteral("ISO image") : QStringLiteral("container template")));
    const QString target = *path(volname);
    QDir().mkpath(QFileInfo(target).absolutePath());
    const auto exists = [&] {
        return fail(Code::AlreadyExists, QStringLiteral("%1 already exists on storage '%2': remove it first (DELETE "
                                                        "/nodes/{node}/storage/%2/content/%2:%1) or use another name")
                                             .arg(volname, m_id));
    };
    if (QFileInfo::exists(target))
        return exists();
    // Same file system: an atomic rename that never replaces a volume
    // created meanwhile; otherwise a copy, then such a rename.
    const auto renameNoReplace = [](const QString &from, const QString &to) {
        const QByteArray f = QFile::encodeName(from);
        const QByteArray t = QFile::encodeName(to);
        if (::renameat2(AT_FDCWD, f.constData(), AT_FDCWD, t.constData(), RENAME_NOREPLACE) == 0)
            return true;
        if (errno != EINVAL && errno != ENOSYS)
            return false;
        // A file system without RENAME_NOREPLACE: a hard link also refuses
        // an existing name (EEXIST).
        if (::link(f.constData(), t.constData()) != 0)
            return false;
        ::unlink(f.constData());
        return true;
    };
    if (!renameNoReplace(source, target)) {
        if (errno == EEXIST)
            return exists();
        const QString partial = target + QStringLiteral(".part");
        QFile::remove(partial);
        if (!QFile::copy(source, partial) || !renameNoReplace(partial, target)) {
            const bool raced = errno == EEXIST;
            QFile::remove(partial);
            if (raced)
                return exists();
            return fail(Code::Io, QStringLiteral("cannot store %1 on storage '%2'").arg(filename, m_id));
        }
        QFile::remove(source);
    }
    return volname;
}

Result<QString> DirStorage::stagingDirectory() const
{
    // template/: the parent of iso/ and cache/, so an import is a rename.
    const QString dir = m_path + QStringLiteral("/template");
    if (!QDir().mkpath(dir))
        return fail(Code::Io, QStringLiteral("cannot create %1 on storage '%2': check that its directory %3 exists "
                                             "and is writable").arg(dir, m_id, m_path));
    return dir;
}

} // namespace atalaia::storage
