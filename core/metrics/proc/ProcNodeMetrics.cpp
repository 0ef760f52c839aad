#include "ProcNodeMetrics.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <sys/statvfs.h>
#include <sys/utsname.h>

namespace atalaia::metrics::proc {

namespace {

QByteArray readProc(const char *path)
{
    QFile f(QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// "MemTotal:  32768 kB" -> bytes
qint64 meminfoValue(const QByteArray &meminfo, const QByteArray &key)
{
    const qsizetype at = meminfo.indexOf('\n' + key + ':');
    if (at < 0 && !meminfo.startsWith(key + ':'))
        return 0;
    const qsizetype start = at < 0 ? key.size() + 1 : at + key.size() + 2;
    const qsizetype end = meminfo.indexOf('\n', start);
    return meminfo.mid(start, end - start).simplified().split(' ').value(0).toLongLong() * 1024;
}

// The traffic of the physical NICs (those with a device behind them in
// /sys/class/net, not bridges, bonds, VLANs, taps or veths), as Proxmox
// counts a node's netin/netout.
std::pair<qint64, qint64> physicalTraffic()
{
    qint64 in = 0, out = 0;
    // "  eno1: rxbytes rxpackets ... (8 receive fields) txbytes ..."
    for (const QByteArray &line : readProc("/proc/net/dev").split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray iface = line.left(colon).trimmed();
        if (iface.isEmpty() || !QFileInfo::exists(QStringLiteral("/sys/class/net/%1/device").arg(QString::fromLatin1(iface))))
            continue;
        const QList<QByteArray> fields = line.mid(colon + 1).simplified().split(' ');
        in += fields.value(0).toLongLong();
        out += fields.value(8).toLongLong();
    }
    return {in, out};
}

} // namespace

NodeStatus ProcNodeMetrics::sample()
{
    NodeStatus s;
    const QList<QByteArray> cpuLine = readProc("/proc/stat").split('\n').value(0).simplified().split(' ');
    quint64 total = 0;
    for (qsizetype i = 1; i < cpuLine.size() && i <= 8; ++i)
        total += cpuLine[i].toULongLong();
    const quint64 idle = cpuLine.value(4).toULongLong();
    const quint64 wait = cpuLine.value(5).toULongLong();
    {
        QMutexLocker lock(&m_mutex);
        if (m_lastTotal > 0 && total > m_lastTotal) {
            const double span = double(total - m_lastTotal);
            s.cpu = std::clamp(1.0 - double((idle - m_lastIdle) + (wait - m_lastWait)) / span, 0.0, 1.0);
            s.wait = std::clamp(double(wait - m_lastWait) / span, 0.0, 1.0);
        }
        m_lastTotal = total;
        m_lastIdle = idle;
        m_lastWait = wait;
    }

    QSet<QByteArray> physicalIds;
    for (const QByteArray &line : readProc("/proc/cpuinfo").split('\n')) {
        const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed();
        if (line.startsWith("processor"))
            ++s.cpus;
        else if (line.startsWith("model name") && s.cpuModel.isEmpty())
            s.cpuModel = QString::fromUtf8(value);
        else if (line.startsWith("cpu MHz") && s.mhz == 0)
            s.mhz = value.toDouble();
        else if (line.startsWith("physical id"))
            physicalIds.insert(value);
    }
    s.sockets = std::max<int>(1, int(physicalIds.size()));

    const QByteArray meminfo = readProc("/proc/meminfo");
    s.memTotal = meminfoValue(meminfo, "MemTotal");
    s.memFree = meminfoValue(meminfo, "MemAvailable");
    s.memUsed = s.memTotal - s.memFree;
    s.swapTotal = meminfoValue(meminfo, "SwapTotal");
    s.swapFree = meminfoValue(meminfo, "SwapFree");
    s.swapUsed = s.swapTotal - s.swapFree;

    struct statvfs fs{};
    if (statvfs("/", &fs) == 0) {
        s.rootfsTotal = qint64(fs.f_blocks) * qint64(fs.f_frsize);
        s.rootfsAvail = qint64(fs.f_bavail) * qint64(fs.f_frsize);
        s.rootfsUsed = s.rootfsTotal - qint64(fs.f_bfree) * qint64(fs.f_frsize);
    }
    s.uptime = qint64(readProc("/proc/uptime").split(' ').value(0).toDouble());
    const QList<QByteArray> load = readProc("/proc/loadavg").split(' ');
    for (int i = 0; i < 3; ++i)
        s.loadavg.append(QString::fromLatin1(load.value(i)));
    const auto [in, out] = physicalTraffic();
    s.netIn = in;
    s.netOut = out;
    struct utsname u{};
    if (uname(&u) == 0)
        s.kernel = QStringLiteral("%1 %2 %3").arg(QString::fromUtf8(u.sysname), QString::fromUtf8(u.release),
                                                  QString::fromUtf8(u.version));
    return s;
}

} // namespace atalaia::metrics::proc
