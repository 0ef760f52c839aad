#include "ContainerRootfs.h"

#include "LxcDomainXml.h"
#include "RootfsAccess.h"
#include "RootfsTree.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace atalaia::virt {

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// Guests whose network Proxmox configures through /etc/network/interfaces
// (ifupdown, or ifupdown-ng on Alpine).
const QStringList kIfupdownGuests = {QStringLiteral("debian"), QStringLiteral("ubuntu"), QStringLiteral("devuan"),
                                     QStringLiteral("alpine")};

// Removes a file we are making unless the work got to the end.
class RemoveUnlessKept
{
public:
    explicit RemoveUnlessKept(QString path) : m_path(std::move(path)) {}
    RemoveUnlessKept(const RemoveUnlessKept &) = delete;
    RemoveUnlessKept &operator=(const RemoveUnlessKept &) = delete;
    ~RemoveUnlessKept()
    {
        if (!m_kept)
            QFile::remove(m_path);
    }
    void keep() { m_kept = true; }

private:
    QString m_path;
    bool m_kept = false;
};

Result<QString> tarCompression(const QString &templatePath)
{
    const QString name = QFileInfo(templatePath).fileName();
    if (name.endsWith(u".tar.zst"))
        return QStringLiteral("--zstd");
    if (name.endsWith(u".tar.gz") || name.endsWith(u".tgz"))
        return QStringLiteral("--gzip");
    if (name.endsWith(u".tar.xz"))
        return QStringLiteral("--xz");
    return fail(Code::InvalidArgument,
                QStringLiteral("%1: not a container template (.tar.zst, .tar.gz or .tar.xz)").arg(templatePath));
}

QString ostypeOf(RootfsAccess &fs, const QString &configured)
{
    if (!configured.isEmpty())
        return configured;
    if (auto v = fs.read(QStringLiteral("/etc/debian_version")); v && *v)
        return QStringLiteral("debian");
    if (auto v = fs.read(QStringLiteral("/etc/alpine-release")); v && *v)
        return QStringLiteral("alpine");
    return QStringLiteral("unknown");
}

// Proxmox's pre-start setup: host name, /etc/hosts, DNS, network.
Result<void> applySetup(RootfsAccess &fs, const ContainerSetup &setup)
{
    const QString ostype = ostypeOf(fs, setup.ostype);
    if (ostype == u"unmanaged")
        return {};

    Result<std::optional<QByteArray>> oldHostname = fs.read(QStringLiteral("/etc/hostname"));
    if (!oldHostname)
        return std::unexpected(oldHostname.error());
    QString oldName = *oldHostname ? QString::fromUtf8(**oldHostname).section(u'\n', 0, 0).trimmed() : QString();
    if (oldName.isEmpty())
        oldName = QStringLiteral("localhost");
    if (Result<void> ok = fs.write(QStringLiteral("/etc/hostname"), hostnameFile(setup), 0644); !ok)
        return ok;

    Result<std::optional<QByteArray>> hosts = fs.read(QStringLiteral("/etc/hosts"));
    if (!hosts)
        return std::unexpected(hosts.error());
    if (Result<void> ok = fs.write(QStringLiteral("/etc/hosts"), hostsFile(hosts->value_or(QByteArray()), oldName, setup), 0644);
        !ok)
        return ok;

    if (const QByteArray resolv = resolvConf(setup); !resolv.isEmpty())
        if (Result<void> ok = fs.write(QStringLiteral("/etc/resolv.conf"), resolv, 0644); !ok)
            return ok;

    if (kIfupdownGuests.contains(ostype) && !setup.nics.isEmpty()) {
        Result<std::optional<QByteArray>> old = fs.read(QStringLiteral("/etc/network/interfaces"));
        if (!old)
            return std::unexpected(old.error());
        if (Result<void> ok = fs.makeDirectory(QStringLiteral("/etc/network"), 0755); !ok)
            return ok;
        if (Result<void> ok = fs.write(QStringLiteral("/etc/network/interfaces"),
                                       interfacesFile(old->value_or(QByteArray()), setup), 0644);
            !ok)
            return ok;
    }
    return {};
}

// What only creation sets: root's password and SSH keys.
Result<void> applyCredentials(RootfsAccess &fs, const ContainerRootfsRequest &request)
{
    if (!request.rootPassword.isEmpty()) {
        Result<QByteArray> hash = rootPasswordHash(request.rootPassword);
        if (!hash)
            return std::unexpected(hash.error());
        Result<std::optional<QByteArray>> shadow = fs.read(QStringLiteral("/etc/shadow"));
        if (!shadow)
            return std::unexpected(shadow.error());
        if (!*shadow)
            return fail(Code::NotFound, QStringLiteral("%1: the template has no /etc/shadow for the root password")
                                            .arg(request.templatePath));
        const qint64 days = QDateTime::currentSecsSinceEpoch() / 86400;
        Result<QByteArray> updated = shadowWithRootHash(**shadow, *hash, days);
        if (!updated)
            return std::unexpected(updated.error());
        if (Result<void> ok = fs.write(QStringLiteral("/etc/shadow"), *updated, 0640); !ok)
            return ok;
    }
    if (!request.sshPublicKeys.isEmpty()) {
        if (Result<void> ok = fs.makeDirectory(QStringLiteral("/root/.ssh"), 0700); !ok)
            return ok;
        const QByteArray keys = (request.sshPublicKeys.join(u'\n').trimmed() + u'\n').toUtf8();
        if (Result<void> ok = fs.write(QStringLiteral("/root/.ssh/authorized_keys"), keys, 0600); !ok)
            return ok;
    }
    return {};
}

Result<void> checkTarget(const ContainerRootfsRequest &r)
{
    const QString &path = r.target.path;
    switch (r.target.kind) {
    case VolumeSource::Kind::File:
        if (r.target.format != u"raw")
            return fail(Code::InvalidArgument, QStringLiteral("%1: a container image must be raw").arg(path));
        if (r.sizeBytes < 16 * kMiB)
            return fail(Code::InvalidArgument, QStringLiteral("%1: %2 bytes is too small for a root file system")
                                                   .arg(path).arg(r.sizeBytes));
        if (QFileInfo::exists(path))
            return fail(Code::AlreadyExists, QStringLiteral("%1: exists already").arg(path));
        return {};
    case VolumeSource::Kind::Block:
        if (!QFileInfo(path).exists())
            return fail(Code::NotFound, QStringLiteral("%1: no such device").arg(path));
        return {};
    case VolumeSource::Kind::Directory:
        if (QFileInfo::exists(path) && !QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return fail(Code::AlreadyExists, QStringLiteral("%1: exists and is not empty").arg(path));
        return {};
    case VolumeSource::Kind::Rbd:
        break;
    }
    return fail(Code::InvalidArgument,
                QStringLiteral("%1: map the RBD image to a block device before making a file system").arg(path));
}

// Where to unpack: beside the target (same file system, so a directory can be
// renamed into place and /tmp's size does not matter).
QString workspaceParent(const ContainerRootfsRequest &r)
{
    if (r.target.kind == VolumeSource::Kind::Block)
        return QDir::tempPath();
    return QFileInfo(r.target.path).absolutePath();
}

Result<void> makeExt4(const ContainerRootfsRequest &r, const QString &tree, const TreeUsage &usage,
                      const TaskHooks &hooks)
{
    const unsigned shift = r.unprivileged ? kUnprivilegedIdShift : 0;
    QStringList args{QStringLiteral("-q"), QStringLiteral("-F"), QStringLiteral("-t"), QStringLiteral("ext4"),
                     QStringLiteral("-d"), tree, QStringLiteral("-E"),
                     QStringLiteral("root_owner=%1:%1").arg(shift), r.target.path};
    if (r.target.kind != VolumeSource::Kind::File)
        return runCommand(QStringLiteral("mkfs.ext4"), args, hooks).transform([](auto &&) {});

    // An ext4 file system spends about 1/64 of itself on inode tables and a
    // journal of up to 64 MiB besides the data: a clear message beats
    // mkfs's "Could not allocate block" halfway through.
    const qint64 needed = usage.bytes + usage.inodes * 256 + usage.bytes / 20 + 8 * kMiB;
    if (r.sizeBytes < needed)
        return fail(Code::InvalidArgument,
                    QStringLiteral("%1: %2 MiB is too small: the template needs about %3 MiB")
                        .arg(r.target.path).arg(r.sizeBytes / kMiB).arg((needed + kMiB - 1) / kMiB));
    QFile image(r.target.path);
    if (!image.open(QIODevice::NewOnly | QIODevice::WriteOnly) || !image.resize(r.sizeBytes))
        return fail(Code::Io, QStringLiteral("%1: cannot create the image: %2").arg(r.target.path, image.errorString()));
    image.close();
    args << QStringLiteral("%1k").arg(r.sizeBytes / 1024);
    return runCommand(QStringLiteral("mkfs.ext4"), args, hooks).transform([](auto &&) {});
}

} // namespace

Result<void> createContainerRootfs(const ContainerRootfsRequest &request, const ContainerSetup &setup,
                                   const TaskHooks &hooks)
{
    if (!QFileInfo(request.templatePath).isFile())
        return fail(Code::NotFound, QStringLiteral("%1: no such template").arg(request.templatePath));
    Result<QString> compression = tarCompression(request.templatePath);
    if (!compression)
        return std::unexpected(compression.error());
    if (Result<void> ok = checkTarget(request); !ok)
        return ok;

    // The image is removed on every way out but success; the workspace always.
    RemoveUnlessKept image(request.target.kind == VolumeSource::Kind::File ? request.target.path : QString());
    QTemporaryDir workspace(workspaceParent(request) + QStringLiteral("/.atalaia-rootfs-XXXXXX"));
    if (!workspace.isValid())
        return fail(Code::Io, QStringLiteral("%1: cannot make a work directory: %2")
                                  .arg(workspaceParent(request), workspace.errorString()));
    const QString tree = workspace.filePath(QStringLiteral("rootfs"));
    if (!QDir().mkdir(tree) || chmod(QFile::encodeName(tree).constData(), 0755) != 0)
        return fail(Code::Io, QStringLiteral("%1: cannot make the directory").arg(tree));

    hooks.report(0, QStringLiteral("extracting %1").arg(QFileInfo(request.templatePath).fileName()));
    // As root tar keeps owners and modes; numeric ids, because the names are
    // the guest's, not this host's. /dev is libvirt's to populate.
    const QStringList tarArgs{QStringLiteral("--extract"), *compression,
                              QStringLiteral("--file"), request.templatePath,
                              QStringLiteral("--directory"), tree,
                              QStringLiteral("--numeric-owner"), QStringLiteral("--same-permissions"),
                              QStringLiteral("--xattrs"), QStringLiteral("--xattrs-include=security.capability"),
                              QStringLiteral("--xattrs-include=user.*"), QStringLiteral("--warning=no-timestamp"),
                              QStringLiteral("--exclude=./dev/*")};
    if (Result<CommandOutput> ok = runCommand(QStringLiteral("tar"), tarArgs, hooks); !ok)
        return std::unexpected(ok.error());

    hooks.report(50, request.unprivileged ? QStringLiteral("shifting owners to the container's id range")
                                          : QStringLiteral("measuring the root file system"));
    Result<TreeUsage> usage = walkRootfsTree(tree, request.unprivileged ? kUnprivilegedIdShift : 0,
                                             kUnprivilegedIdCount, hooks);
    if (!usage)
        return std::unexpected(usage.error());

    hooks.report(60, QStringLiteral("setting up the container"));
    {
        Result<std::unique_ptr<RootfsAccess>> fs =
            RootfsAccess::directory(tree, request.unprivileged ? kUnprivilegedIdShift : 0);
        if (!fs)
            return std::unexpected(fs.error());
        if (Result<void> ok = applyCredentials(**fs, request); !ok)
            return ok;
        if (Result<void> ok = applySetup(**fs, setup); !ok)
            return ok;
    }
    if (hooks.isCancelled())
        return cancelledError(QStringLiteral("creating %1").arg(request.target.path));

    if (request.target.kind == VolumeSource::Kind::Directory) {
        QDir().rmdir(request.target.path); // an empty directory the storage made for us
        if (::rename(QFile::encodeName(tree).constData(), QFile::encodeName(request.target.path).constData()) != 0)
            return fail(Code::Io, QStringLiteral("%1: cannot move the root file system into place: %2")
                                      .arg(request.target.path, QString::fromLocal8Bit(strerror(errno))));
    } else {
        hooks.report(70, QStringLiteral("making the ext4 file system"));
        if (Result<void> ok = makeExt4(request, tree, *usage, hooks); !ok)
            return ok;
    }
    image.keep();
    hooks.report(100, QStringLiteral("root file system ready"));
    return {};
}

Result<void> setupContainerRootfs(const VolumeSource &rootfs, bool unprivileged, const ContainerSetup &setup,
                                  const TaskHooks &hooks)
{
    const unsigned shift = unprivileged ? kUnprivilegedIdShift : 0;
    Result<std::unique_ptr<RootfsAccess>> fs = fail(Code::InvalidArgument, QString());
    switch (rootfs.kind) {
    case VolumeSource::Kind::File:
    case VolumeSource::Kind::Block:
        fs = RootfsAccess::ext4(rootfs.path, shift, hooks);
        break;
    case VolumeSource::Kind::Directory:
        fs = RootfsAccess::directory(rootfs.path, shift);
        break;
    case VolumeSource::Kind::Rbd:
        return fail(Code::InvalidArgument,
                    QStringLiteral("%1: map the RBD image to a block device first").arg(rootfs.path));
    }
    if (!fs)
        return std::unexpected(fs.error());
    if (Result<void> ok = applySetup(**fs, setup); !ok)
        return ok;
    return (*fs)->commit();
}

} // namespace atalaia::virt
