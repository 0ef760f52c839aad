#include "QDeviceStatus.h"

#include "Tr.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

namespace atalaia::cluster {

QJsonObject QDeviceStatus::parse(const QString &text)
{
    // "Key:<tabs or spaces>value"; the key ends at the first colon (values such
    // as "2026-11-26T16:35:28 (cast vote)" or "10.77.0.250:5403" have their own).
    static const QRegularExpression kLine(QStringLiteral(R"(^([^\s:][^:]*?)\s*:\s*(\S.*?)\s*$)"));
    QJsonObject out;
    for (const QString &line : text.split(u'\n')) {
        const QRegularExpressionMatch m = kLine.match(line);
        if (m.hasMatch())
            out.insert(m.captured(1), m.captured(2));
    }
    return out;
}

SystemQDeviceStatus::SystemQDeviceStatus(QString socketPath, QString tool)
    : m_socketPath(std::move(socketPath)), m_tool(std::move(tool))
{
}

Result<std::optional<QString>> SystemQDeviceStatus::statusText() const
{
    // As Proxmox: no socket, no qdevice (not configured, or not running).
    if (!QFileInfo::exists(m_socketPath))
        return std::nullopt;
    QProcess p;
    p.start(m_tool, {QStringLiteral("-s"), QStringLiteral("-v"), QStringLiteral("-p"), m_socketPath});
    if (!p.waitForStarted(5000))
        return fail(Code::ClusterUnavailable, Tr::tr("cannot run %1: %2").arg(m_tool, p.errorString()));
    // The tool only asks the local daemon over its socket: an answer takes
    // milliseconds; 5 s means the daemon hangs.
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(1000);
        return fail(Code::ClusterUnavailable, Tr::tr("%1 did not answer within 5 s").arg(m_tool));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return fail(Code::ClusterUnavailable, Tr::tr("%1 failed (exit code %2): %3")
                                                  .arg(m_tool)
                                                  .arg(p.exitCode())
                                                  .arg(QString::fromLocal8Bit(p.readAllStandardError()).trimmed()));
    return QString::fromLocal8Bit(p.readAllStandardOutput());
}

} // namespace atalaia::cluster
