#include "FakeHypervisor.h"

#include <QJsonObject>

namespace atalaia::virt::fake {

Result<std::unique_ptr<FakeHypervisor>> FakeHypervisor::fromJson(const QJsonArray &guests, const QString &node)
{
    auto hypervisor = std::make_unique<FakeHypervisor>();
    for (qsizetype i = 0; i < guests.size(); ++i) {
        QJsonObject json = guests.at(i).toObject();
        // Fixtures may leave out what is implied: this node and the id.
        if (!json.contains(QLatin1String("node")))
            json.insert(QStringLiteral("node"), node);
        if (!json.contains(QLatin1String("id")))
            json.insert(QStringLiteral("id"), json.value(QLatin1String("type")).toString() + QLatin1Char('/')
                                                  + QString::number(json.value(QLatin1String("vmid")).toInteger()));
        auto guest = model::ClusterResource::fromJson(json);
        if (!guest)
            return fail(Code::InvalidArgument,
                        QStringLiteral("fixture guest #%1: %2").arg(i).arg(guest.error().message));
        hypervisor->m_guests.append(*guest);
    }
    return hypervisor;
}

void FakeHypervisor::generate(int count, int firstVmid, const QString &node)
{
    QMutexLocker lock(&m_mutex);
    m_guests.reserve(m_guests.size() + count);
    for (int i = 0; i < count; ++i) {
        const int vmid = firstVmid + i;
        const bool vm = i % 10 < 7;
        const bool running = i % 4 != 0;
        QJsonObject json{
            {QStringLiteral("id"), QStringLiteral("%1/%2").arg(vm ? QStringLiteral("qemu") : QStringLiteral("lxc")).arg(vmid)},
            {QStringLiteral("type"), vm ? QStringLiteral("qemu") : QStringLiteral("lxc")},
            {QStringLiteral("vmid"), vmid},
            {QStringLiteral("node"), node},
            {QStringLiteral("name"), QStringLiteral("%1%2").arg(vm ? QStringLiteral("vm") : QStringLiteral("ct")).arg(vmid)},
            {QStringLiteral("status"), running ? QStringLiteral("running") : QStringLiteral("stopped")},
            {QStringLiteral("maxcpu"), 1 + i % 8},
            {QStringLiteral("cpu"), running ? (i % 100) / 1000.0 : 0.0},
            {QStringLiteral("maxmem"), qint64(512 + 512 * (i % 16)) << 20},
            {QStringLiteral("mem"), running ? qint64(256 + 128 * (i % 8)) << 20 : 0},
            {QStringLiteral("maxdisk"), qint64(8 + 8 * (i % 4)) << 30},
            {QStringLiteral("disk"), 0},
            {QStringLiteral("uptime"), running ? 3600 + i : 0},
            {QStringLiteral("netin"), running ? qint64(i) * 1000 : 0},
            {QStringLiteral("netout"), running ? qint64(i) * 700 : 0},
            {QStringLiteral("diskread"), 0},
            {QStringLiteral("diskwrite"), 0},
            {QStringLiteral("template"), 0},
        };
        if (auto guest = model::ClusterResource::fromJson(json))
            m_guests.append(*guest);
    }
}

QList<model::ClusterResource> FakeHypervisor::guests() const
{
    QMutexLocker lock(&m_mutex);
    return m_guests;
}

void FakeHypervisor::setGuest(model::ClusterResource guest)
{
    const int vmid = guest.vmid ? int(guest.vmid->value()) : 0;
    {
        QMutexLocker lock(&m_mutex);
        auto it = std::find_if(m_guests.begin(), m_guests.end(), [&](const auto &g) { return g.id == guest.id; });
        if (it != m_guests.end())
            *it = std::move(guest);
        else
            m_guests.append(std::move(guest));
    }
    emit guestChanged(vmid);
}

void FakeHypervisor::removeGuest(int vmid)
{
    {
        QMutexLocker lock(&m_mutex);
        m_guests.removeIf([vmid](const auto &g) { return g.vmid && int(g.vmid->value()) == vmid; });
    }
    emit guestChanged(vmid);
}

} // namespace atalaia::virt::fake
