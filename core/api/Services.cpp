#include "Services.h"

#include "ResourceIndex.h"
#include "cluster/Membership.h"
#include "cluster/StatusBroadcast.h"
#include "store/ConfigStore.h"
#include "virt/Hypervisor.h"

namespace atalaia::api {

Services::Services(Node node, const Clock &clock, store::ConfigStore &store, tasks::TaskManager &tasks,
                   access::TicketAuthority &tickets, access::Authenticator &authenticator, access::PamBackend &pam,
                   metrics::NodeMetrics &nodeMetrics, virt::Hypervisor &hypervisor, cluster::Membership &membership,
                   EventBus &events)
    : m_node(std::move(node))
    , m_clock(clock)
    , m_store(store)
    , m_tasks(tasks)
    , m_tickets(tickets)
    , m_authenticator(authenticator)
    , m_pam(pam)
    , m_nodeMetrics(nodeMetrics)
    , m_hypervisor(hypervisor)
    , m_membership(membership)
    , m_events(events)
    , m_resources(std::make_unique<ResourceIndex>(*this))
{
    // Direct connections: the flags must be set before the writer's call
    // returns, so the writer's next request already sees its own change.
    m_connections.append(QObject::connect(
        &m_store, &store::ConfigStore::changed, &m_store,
        [this](const QString &path, quint64) {
            if (path == QLatin1String(kUserCfg) || path == QLatin1String(kTokenCfg) || path == QLatin1String(kShadowCfg))
                m_accessStale = true;
            if (path == QLatin1String("storage.cfg") || path == QLatin1String(kUserCfg)
                || path.contains(QLatin1String("/qemu-server/")) || path.contains(QLatin1String("/lxc/")))
                m_resources->invalidate();
        },
        Qt::DirectConnection));
    m_connections.append(QObject::connect(&m_hypervisor, &virt::Hypervisor::guestChanged, &m_hypervisor,
                                          [this] { m_resources->invalidate(); }, Qt::DirectConnection));
    m_connections.append(QObject::connect(&m_membership, &cluster::Membership::changed, &m_membership,
                                          [this] { m_resources->invalidate(); }, Qt::DirectConnection));
}

std::optional<metrics::NodeStatus> Services::memberFigures(const cluster::MemberNode &member) const
{
    if (!member.online)
        return std::nullopt;
    if (member.local)
        return m_nodeMetrics.sample();
    if (const cluster::StatusBroadcast *status = m_remoteStatus.load())
        if (std::optional<cluster::NodeReport> r = status->report(member.name))
            return r->status;
    return member.figures;
}

Services::~Services()
{
    for (const auto &c : std::as_const(m_connections))
        QObject::disconnect(c);
}

access::AccessControl Services::accessControl() const
{
    QMutexLocker lock(&m_accessMutex);
    if (m_accessStale.exchange(false)) {
        auto text = [this](const char *path) {
            auto entry = m_store.read(QLatin1String(path));
            return entry ? entry->data : QByteArray();
        };
        m_access = access::AccessControl::fromText(text(kUserCfg), text(kTokenCfg), text(kShadowCfg));
    }
    return m_access;
}

} // namespace atalaia::api
