#include "CorosyncControl.h"

#include "Tr.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>

namespace atalaia::cluster {

namespace {

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Result<void> writeAtomically(const QString &file, const QByteArray &data, QFile::Permissions mode)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(file, out.errorString()));
    out.setPermissions(mode);
    out.write(data);
    if (!out.commit())
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(file, out.errorString()));
    return {};
}

} // namespace

SystemCorosyncControl::SystemCorosyncControl(QString configDirectory, QStringList serviceCommand)
    : m_directory(std::move(configDirectory)), m_serviceCommand(std::move(serviceCommand))
{
}

QByteArray SystemCorosyncControl::installedConfig() const
{
    return readAll(m_directory + QStringLiteral("/corosync.conf"));
}

QByteArray SystemCorosyncControl::installedAuthkey() const
{
    return readAll(m_directory + QStringLiteral("/authkey"));
}

Result<void> SystemCorosyncControl::install(const QByteArray &config, const QByteArray &authkey)
{
    if (!QDir().mkpath(m_directory))
        return fail(Code::Io, Tr::tr("cannot create %1").arg(m_directory));
    // The key first: a corosync.conf without its key would not start.
    if (!authkey.isEmpty())
        if (Result<void> ok = writeAtomically(m_directory + QStringLiteral("/authkey"), authkey, QFile::ReadOwner); !ok)
            return ok;
    return writeAtomically(m_directory + QStringLiteral("/corosync.conf"), config,
                           QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

Result<void> SystemCorosyncControl::uninstall()
{
    for (const char *name : {"corosync.conf", "authkey"}) {
        const QString file = m_directory + QLatin1Char('/') + QLatin1String(name);
        if (QFile::exists(file) && !QFile::remove(file))
            return fail(Code::Io, Tr::tr("cannot remove %1").arg(file));
    }
    return {};
}

Result<void> SystemCorosyncControl::run(const QStringList &argv, int timeoutMs) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(argv.first(), argv.mid(1));
    if (!p.waitForStarted(5000))
        return fail(Code::ClusterUnavailable, Tr::tr("cannot run %1: %2").arg(argv.first(), p.errorString()));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return fail(Code::ClusterUnavailable,
                    Tr::tr("'%1' did not finish within %2 s").arg(argv.join(u' ')).arg(timeoutMs / 1000));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return fail(Code::ClusterUnavailable, Tr::tr("'%1' failed (exit code %2): %3")
                                                  .arg(argv.join(u' '))
                                                  .arg(p.exitCode())
                                                  .arg(QString::fromLocal8Bit(p.readAll()).trimmed()));
    return {};
}

Result<void> SystemCorosyncControl::restart()
{
    return run(m_serviceCommand + QStringList{QStringLiteral("restart"), QStringLiteral("corosync")}, 60'000);
}

Result<void> SystemCorosyncControl::stop()
{
    return run(m_serviceCommand + QStringList{QStringLiteral("stop"), QStringLiteral("corosync")}, 60'000);
}

Result<void> SystemCorosyncControl::reload()
{
    return run({QStringLiteral("corosync-cfgtool"), QStringLiteral("-R")}, 30'000);
}

Result<void> SystemCorosyncControl::setExpectedVotes(int votes)
{
    return run({QStringLiteral("corosync-quorumtool"), QStringLiteral("-e"), QString::number(votes)}, 30'000);
}

} // namespace atalaia::cluster
