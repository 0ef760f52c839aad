#include "RootfsTree.h"

#include <QFile>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fts.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <memory>

namespace atalaia::virt {

namespace {

constexpr const char kCapabilityXattr[] = "security.capability";

struct FtsCloser {
    void operator()(FTS *fts) const { fts_close(fts); }
};

std::unexpected<Error> entryError(const char *path, int err, const char *what)
{
    return fail(Code::Io, QStringLiteral("%1: %2: %3")
                              .arg(QFile::decodeName(path), QLatin1String(what), QString::fromLocal8Bit(strerror(err))));
}

Result<void> shiftEntry(const FTSENT *e, unsigned shift, unsigned count)
{
    const struct stat &st = *e->fts_statp;
    if (st.st_uid >= count || st.st_gid >= count)
        return fail(Code::InvalidArgument,
                    QStringLiteral("%1: owner %2:%3 is outside the container's id range 0-%4")
                        .arg(QFile::decodeName(e->fts_path)).arg(st.st_uid).arg(st.st_gid).arg(count - 1));
    const bool link = S_ISLNK(st.st_mode);
    QByteArray caps;
    if (S_ISREG(st.st_mode)) {
        const ssize_t n = lgetxattr(e->fts_accpath, kCapabilityXattr, nullptr, 0);
        if (n > 0) {
            caps.resize(n);
            if (lgetxattr(e->fts_accpath, kCapabilityXattr, caps.data(), size_t(n)) != n)
                caps.clear();
        }
    }
    if (lchown(e->fts_accpath, st.st_uid + shift, st.st_gid + shift) != 0)
        return entryError(e->fts_path, errno, "cannot change the owner");
    // chown(2) clears setuid/setgid on executables, even for root.
    if (!link && (st.st_mode & (S_ISUID | S_ISGID)) && chmod(e->fts_accpath, st.st_mode & 07777) != 0)
        return entryError(e->fts_path, errno, "cannot restore the mode");
    // ...and drops file capabilities (ping's cap_net_raw, ...).
    if (!caps.isEmpty() && lsetxattr(e->fts_accpath, kCapabilityXattr, caps.constData(), size_t(caps.size()), 0) != 0)
        return entryError(e->fts_path, errno, "cannot restore file capabilities");
    return {};
}

} // namespace

Result<TreeUsage> walkRootfsTree(const QString &root, unsigned shift, unsigned count, const TaskHooks &hooks)
{
    QByteArray path = QFile::encodeName(root);
    char *paths[] = {path.data(), nullptr};
    std::unique_ptr<FTS, FtsCloser> fts(fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR | FTS_XDEV, nullptr));
    if (!fts)
        return entryError(path.constData(), errno, "cannot walk");
    TreeUsage usage;
    QSet<QPair<dev_t, ino_t>> linked; // inodes with several names, seen once
    while (FTSENT *e = fts_read(fts.get())) {
        switch (e->fts_info) {
        case FTS_DP: // a directory again, after its contents
            continue;
        case FTS_DNR:
        case FTS_ERR:
        case FTS_NS:
            return entryError(e->fts_path, e->fts_errno, "cannot read");
        default:
            break;
        }
        const struct stat &st = *e->fts_statp;
        if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
            const QPair<dev_t, ino_t> id(st.st_dev, st.st_ino);
            if (linked.contains(id))
                continue;
            linked.insert(id);
        }
        usage.bytes += qint64(st.st_blocks) * 512;
        ++usage.inodes;
        if (shift != 0)
            if (Result<void> ok = shiftEntry(e, shift, count); !ok)
                return std::unexpected(ok.error());
        if (usage.inodes % 1024 == 0 && hooks.isCancelled())
            return cancelledError(QStringLiteral("walking %1").arg(root));
    }
    if (errno != 0)
        return entryError(path.constData(), errno, "cannot walk");
    return usage;
}

} // namespace atalaia::virt
