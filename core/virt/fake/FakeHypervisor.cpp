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
