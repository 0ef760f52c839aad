// RootfsAccess on a directory tree: every path is resolved inside the tree
// (openat2 RESOLVE_IN_ROOT: "..", absolute symlinks and magic links cannot
// leave it), and the last component is handled with *at() calls that do not
// follow symlinks.
#include "RootfsAccess.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <utility>

namespace atalaia::virt {

namespace {

// Owns a file descriptor.
class Fd
{
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    Fd(Fd &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd &operator=(Fd &&other) noexcept
    {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

std::unexpected<Error> ioError(const QString &path, int err, const char *what)
{
    return fail(Code::Io, QStringLiteral("%1: %2: %3").arg(path, QLatin1String(what), QString::fromLocal8Bit(strerror(err))));
}

class DirectoryRootfs final : public RootfsAccess
{
public:
    DirectoryRootfs(Fd root, QString rootPath, unsigned idShift)
        : m_root(std::move(root)), m_rootPath(std::move(rootPath)), m_shift(idShift)
    {
    }

    Result<std::optional<QByteArray>> read(const QString &path) override
    {
        Fd fd(openInRoot(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
        if (!fd.valid()) {
            if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
                return std::nullopt;
            return ioError(path, errno, "cannot open");
        }
        struct stat st{};
        if (fstat(fd.get(), &st) != 0)
            return ioError(path, errno, "cannot stat");
        if (!S_ISREG(st.st_mode))
            return std::nullopt;
        QByteArray data;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return ioError(path, errno, "cannot read");
            if (n == 0)
                break;
            data.append(buffer, n);
        }
        return data;
    }

    Result<void> write(const QString &path, const QByteArray &data, unsigned mode) override
    {
        Result<Fd> parent = parentOf(path);
        if (!parent)
            return std::unexpected(parent.error());
        const QByteArray name = QFileInfo(path).fileName().toUtf8();
        uid_t uid = m_shift;
        gid_t gid = m_shift;
        struct stat st{};
        if (fstatat(parent->get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
            mode = st.st_mode & 07777;
            uid = st.st_uid;
            gid = st.st_gid;
        }
        // Written beside the file and renamed over it: a reader (or a crash)
        // sees the old or the new content, never half of it.
        const QByteArray temp = "." + name + ".atalaia-new";
        unlinkat(parent->get(), temp.constData(), 0);
        Fd fd(openat(parent->get(), temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!fd.valid())
            return ioError(path, errno, "cannot create");
        auto undo = [&](int err, const char *what) {
            unlinkat(parent->get(), temp.constData(), 0);
            return ioError(path, err, what);
        };
        qsizetype done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(fd.get(), data.constData() + done, size_t(data.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return undo(errno, "cannot write");
            done += n;
        }
        if (fchown(fd.get(), uid, gid) != 0)
            return undo(errno, "cannot set the owner");
        if (fchmod(fd.get(), mode) != 0)
            return undo(errno, "cannot set the mode");
        if (renameat(parent->get(), temp.constData(), parent->get(), name.constData()) != 0)
            return undo(errno, "cannot replace");
        return {};
    }

    Result<void> makeDirectory(const QString &path, unsigned mode) override
    {
        Result<Fd> parent = parentOf(path);
        if (!parent)
            return std::unexpected(parent.error());
        const QByteArray name = QFileInfo(path).fileName().toUtf8();
        struct stat st{};
        if (fstatat(parent->get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISDIR(st.st_mode))
                return {};
            return fail(Code::Io, QStringLiteral("%1: exists and is not a directory").arg(path));
        }
        if (mkdirat(parent->get(), name.constData(), 0700) != 0)
            return ioError(path, errno, "cannot create the directory");
        if (fchownat(parent->get(), name.constData(), m_shift, m_shift, AT_SYMLINK_NOFOLLOW) != 0
            || fchmodat(parent->get(), name.constData(), mode, 0) != 0)
            return ioError(path, errno, "cannot set the owner or mode");
        return {};
    }

    Result<void> commit() override { return {}; }

private:
    int openInRoot(const QString &path, int flags) const
    {
        const QByteArray relative = QStringLiteral(".%1").arg(path).toUtf8();
        open_how how{};
        how.flags = quint64(flags);
        how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
        return int(syscall(SYS_openat2, m_root.get(), relative.constData(), &how, sizeof how));
    }

    Result<Fd> parentOf(const QString &path) const
    {
        if (!path.startsWith(u'/') || path.endsWith(u'/'))
            return fail(Code::InvalidArgument, QStringLiteral("%1: not an absolute file path").arg(path));
        const QString dir = QFileInfo(path).path();
        Fd fd(openInRoot(dir, O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!fd.valid())
            return ioError(m_rootPath + dir, errno, "cannot open the directory");
        return fd;
    }

    Fd m_root;
    QString m_rootPath;
    unsigned m_shift;
};

} // namespace

Result<std::unique_ptr<RootfsAccess>> RootfsAccess::directory(const QString &root, unsigned idShift)
{
    Fd fd(::open(QFile::encodeName(root).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        return ioError(root, errno, "cannot open the container's root directory");
    return std::unique_ptr<RootfsAccess>(new DirectoryRootfs(std::move(fd), root, idShift));
}

} // namespace atalaia::virt
