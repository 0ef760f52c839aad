// RootfsAccess on an ext4 image (or block device) through debugfs: reads are
// one "stat" and one "cat" each; writes are queued as debugfs commands and run
// in one "debugfs -w -f" call by commit(), so a setup costs a handful of short
// processes and the image is opened for writing once.
#include "RootfsAccess.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace atalaia::virt {

namespace {

struct InodeInfo {
    bool exists = false;
    bool regular = false;
    bool directory = false;
    unsigned mode = 0; // permission bits
    unsigned uid = 0;
    unsigned gid = 0;
};

// debugfs reports most command errors on stderr with exit code 0: anything
// there but its version banner is a failure.
QString debugfsErrors(const QByteArray &err)
{
    static const QRegularExpression banner(QStringLiteral("^debugfs \\d+\\.\\d+"));
    QStringList problems;
    for (const QString &line : QString::fromUtf8(err).split(u'\n', Qt::SkipEmptyParts))
        if (!banner.match(line).hasMatch())
            problems << line.trimmed();
    return problems.join(QStringLiteral(" | "));
}

// debugfs splits its arguments at blanks and takes double quotes; the paths we
// write are our own (/etc/hosts, ...), but a quote keeps a space safe.
QString quoted(const QString &path)
{
    return u'"' + path + u'"';
}

class Ext4ImageRootfs final : public RootfsAccess
{
public:
    Ext4ImageRootfs(QString image, unsigned idShift, TaskHooks hooks)
        : m_image(std::move(image)), m_shift(idShift), m_hooks(std::move(hooks))
    {
    }

    Result<std::optional<QByteArray>> read(const QString &path) override
    {
        Result<InodeInfo> info = stat(path);
        if (!info)
            return std::unexpected(info.error());
        if (!info->regular)
            return std::nullopt;
        Result<CommandOutput> out = debugfs({QStringLiteral("-R"), QStringLiteral("cat ") + quoted(path)});
        if (!out)
            return std::unexpected(out.error());
        if (const QString e = debugfsErrors(out->err); !e.isEmpty())
            return fail(Code::Io, QStringLiteral("%1 in %2: %3").arg(path, m_image, e));
        return std::optional<QByteArray>(out->out);
    }

    Result<void> write(const QString &path, const QByteArray &data, unsigned mode) override
    {
        Result<InodeInfo> info = stat(path);
        if (!info)
            return std::unexpected(info.error());
        unsigned uid = m_shift, gid = m_shift;
        if (info->regular) {
            mode = info->mode;
            uid = info->uid;
            gid = info->gid;
        } else if (info->directory) {
            return fail(Code::Io, QStringLiteral("%1 in %2: is a directory").arg(path, m_image));
        }
        Result<QString> source = stage(data);
        if (!source)
            return std::unexpected(source.error());
        const QString dir = QFileInfo(path).path(), name = QFileInfo(path).fileName();
        m_commands << QStringLiteral("cd ") + quoted(dir);
        if (info->exists)
            m_commands << QStringLiteral("rm ") + quoted(name);
        m_commands << QStringLiteral("write %1 %2").arg(quoted(*source), quoted(name));
        setInode(name, 0100000 | mode, uid, gid);
        m_commands << QStringLiteral("cd /");
        return {};
    }

    Result<void> makeDirectory(const QString &path, unsigned mode) override
    {
        Result<InodeInfo> info = stat(path);
        if (!info)
            return std::unexpected(info.error());
        if (info->directory)
            return {};
        if (info->exists)
            return fail(Code::Io, QStringLiteral("%1 in %2: exists and is not a directory").arg(path, m_image));
        m_commands << QStringLiteral("mkdir ") + quoted(path);
        setInode(path, 040000 | mode, m_shift, m_shift);
        return {};
    }

    Result<void> commit() override
    {
        if (m_commands.isEmpty())
            return {};
        QFile script(m_staging.filePath(QStringLiteral("commands")));
        if (!script.open(QIODevice::WriteOnly) || script.write((m_commands.join(u'\n') + u'\n').toUtf8()) < 0)
            return fail(Code::Io, QStringLiteral("%1: cannot write debugfs commands").arg(script.fileName()));
        script.close();
        Result<CommandOutput> out = debugfs({QStringLiteral("-w"), QStringLiteral("-f"), script.fileName()});
        if (!out)
            return std::unexpected(out.error());
        if (const QString e = debugfsErrors(out->err); !e.isEmpty())
            return fail(Code::Io, QStringLiteral("%1: debugfs could not write: %2").arg(m_image, e));
        m_commands.clear();
        return {};
    }

    bool stagingReady() const { return m_staging.isValid(); }

private:
    Result<CommandOutput> debugfs(QStringList args) const
    {
        args << m_image;
        return runCommand(QStringLiteral("debugfs"), args, m_hooks);
    }

    Result<InodeInfo> stat(const QString &path) const
    {
        Result<CommandOutput> out = debugfs({QStringLiteral("-R"), QStringLiteral("stat ") + quoted(path)});
        if (!out)
            return std::unexpected(out.error());
        InodeInfo info;
        const QString text = QString::fromUtf8(out->out);
        static const QRegularExpression typeMode(QStringLiteral("Type:\\s+(\\S+)\\s+Mode:\\s+([0-7]+)"));
        static const QRegularExpression owner(QStringLiteral("User:\\s+(\\d+)\\s+Group:\\s+(\\d+)"));
        const auto tm = typeMode.match(text);
        const auto ow = owner.match(text);
        if (!tm.hasMatch() || !ow.hasMatch()) {
            const QString e = debugfsErrors(out->err);
            if (e.contains(QStringLiteral("not found"), Qt::CaseInsensitive))
                return info;
            return fail(Code::Io, QStringLiteral("%1 in %2: cannot read its inode: %3")
                                      .arg(path, m_image, e.isEmpty() ? QStringLiteral("no answer") : e));
        }
        info.exists = true;
        info.regular = tm.captured(1) == u"regular";
        info.directory = tm.captured(1) == u"directory";
        info.mode = tm.captured(2).toUInt(nullptr, 8) & 07777;
        info.uid = ow.captured(1).toUInt();
        info.gid = ow.captured(2).toUInt();
        return info;
    }

    // DATA in a host file that "write" can copy into the image.
    Result<QString> stage(const QByteArray &data)
    {
        QFile f(m_staging.filePath(QStringLiteral("file-%1").arg(m_staged++)));
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return fail(Code::Io, QStringLiteral("%1: cannot stage a file for debugfs").arg(f.fileName()));
        return f.fileName();
    }

    void setInode(const QString &path, unsigned mode, unsigned uid, unsigned gid)
    {
        m_commands << QStringLiteral("sif %1 mode 0%2").arg(quoted(path)).arg(mode, 0, 8)
                   << QStringLiteral("sif %1 uid %2").arg(quoted(path)).arg(uid)
                   << QStringLiteral("sif %1 gid %2").arg(quoted(path)).arg(gid);
    }

    QString m_image;
    unsigned m_shift;
    TaskHooks m_hooks;
    QTemporaryDir m_staging; // staged file contents and the command file
    int m_staged = 0;
    QStringList m_commands;
};

} // namespace

Result<std::unique_ptr<RootfsAccess>> RootfsAccess::ext4(const QString &image, unsigned idShift, TaskHooks hooks)
{
    if (!QFileInfo::exists(image))
        return fail(Code::NotFound, QStringLiteral("%1: no such image or device").arg(image));
    auto access = std::make_unique<Ext4ImageRootfs>(image, idShift, std::move(hooks));
    if (!access->stagingReady())
        return fail(Code::Io, QStringLiteral("cannot make a temporary directory for debugfs"));
    return std::unique_ptr<RootfsAccess>(std::move(access));
}

} // namespace atalaia::virt
