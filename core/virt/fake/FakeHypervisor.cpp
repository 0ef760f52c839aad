#include "FakeHypervisor.h"

#include <QJsonObject>
#include <QThread>
#include <QXmlStreamReader>

namespace atalaia::virt::fake {

namespace {

// The fake hypervisors of this process by node, so a fake migration can hand
// its guest over.
QMutex registryMutex;
QHash<QString, FakeHypervisor *> &registry()
{
    static QHash<QString, FakeHypervisor *> hypervisors;
    return hypervisors;
}

struct DomainFacts {
    QString title;
    qint64 memoryBytes = 0;
    int vcpus = 1;
};

DomainFacts readDomain(const QByteArray &xml)
{
    DomainFacts facts;
    QXmlStreamReader reader(xml);
    while (reader.readNextStartElement() || !reader.atEnd()) {
        if (!reader.isStartElement()) {
            reader.readNext();
            continue;
        }
        const auto name = reader.name();
        if (name == u"domain" || name == u"devices")
            continue;
        if (name == u"title") {
            facts.title = reader.readElementText();
        } else if (name == u"memory") {
            const QString unit = reader.attributes().value(u"unit").toString();
            const qint64 value = reader.readElementText().toLongLong();
            facts.memoryBytes = unit == u"MiB" ? value << 20 : unit == u"GiB" ? value << 30 : value << 10;
        } else if (name == u"vcpu") {
            facts.vcpus = std::max(1, reader.readElementText().toInt());
        } else {
            reader.skipCurrentElement();
        }
    }
    return facts;
}

} // namespace

FakeHypervisor::FakeHypervisor(QString node)
    : m_node(std::move(node))
{
    if (!m_node.isEmpty()) {
        const QMutexLocker lock(&registryMutex);
        registry().insert(m_node, this);
    }
}

FakeHypervisor::~FakeHypervisor()
{
    const QMutexLocker lock(&registryMutex);
    if (registry().value(m_node) == this)
        registry().remove(m_node);
}

QString FakeHypervisor::guestId(model::GuestType type, int vmid)
{
    return QString(model::enumName(type)) + u'/' + QString::number(vmid);
}

Result<std::unique_ptr<FakeHypervisor>> FakeHypervisor::fromJson(const QJsonArray &guests, const QString &node)
{
    auto hypervisor = std::make_unique<FakeHypervisor>(node);
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

Result<void> FakeHypervisor::supports(model::GuestType type) const
{
    const QMutexLocker lock(&m_mutex);
    if (const auto it = m_unsupported.constFind(type); it != m_unsupported.cend())
        return fail(Code::HypervisorUnavailable, *it);
    return {};
}

void FakeHypervisor::setUnsupported(model::GuestType type, const QString &reason)
{
    const QMutexLocker lock(&m_mutex);
    m_unsupported.insert(type, reason);
}

QByteArray FakeHypervisor::lastDomainXml(model::GuestType type, int vmid) const
{
    const QMutexLocker lock(&m_mutex);
    return m_domainXml.value(guestId(type, vmid));
}

Result<void> FakeHypervisor::start(model::GuestType type, int vmid, const QByteArray &domainXml)
{
    if (Result<void> ok = supports(type); !ok)
        return ok;
    if (const auto current = guest(type, vmid); current && current->status != u"stopped")
        return fail(Code::GuestRunning, QStringLiteral("%1 %2 is already running").arg(model::enumName(type)).arg(vmid));
    const DomainFacts facts = readDomain(domainXml);
    model::ClusterResource g;
    g.id = guestId(type, vmid);
    g.type = type == model::GuestType::Qemu ? model::ResourceType::Qemu : model::ResourceType::Lxc;
    g.status = QStringLiteral("running");
    if (m_node.isEmpty() == false)
        g.node = model::NodeId::parse(m_node).value_or(model::NodeId());
    g.vmid = model::VmId::fromInt(vmid).value_or(model::VmId());
    if (!facts.title.isEmpty())
        g.name = facts.title;
    g.maxcpu = facts.vcpus;
    g.cpu = 0.01;
    g.maxmem = facts.memoryBytes;
    g.mem = facts.memoryBytes / 4;
    g.uptime = 0;
    g.netin = 0;
    g.netout = 0;
    g.diskread = 0;
    g.diskwrite = 0;
    {
        const QMutexLocker lock(&m_mutex);
        m_domainXml.insert(g.id, domainXml);
        m_transient.insert(g.id);
    }
    setGuest(std::move(g));
    return {};
}

Result<void> FakeHypervisor::setStatus(model::GuestType type, int vmid, const QString &from, const QString &to)
{
    std::optional<model::ClusterResource> g = guest(type, vmid);
    if (!g || g->status == u"stopped")
        return fail(Code::GuestNotRunning, QStringLiteral("%1 %2 is not running").arg(model::enumName(type)).arg(vmid));
    if (!from.isEmpty() && g->status != from)
        return fail(Code::InvalidArgument,
                    QStringLiteral("%1 %2 is %3, not %4").arg(model::enumName(type)).arg(vmid).arg(*g->status, from));
    if (to == u"stopped") {
        bool transient = false;
        {
            const QMutexLocker lock(&m_mutex);
            transient = m_transient.remove(guestId(type, vmid));
        }
        if (transient) {
            removeGuest(vmid);
            return {};
        }
    }
    g->status = to;
    if (to == u"stopped") {
        g->cpu = 0.0;
        g->mem = 0;
        g->uptime = 0;
    }
    setGuest(std::move(*g));
    return {};
}

Result<void> FakeHypervisor::stop(model::GuestType type, int vmid)
{
    return setStatus(type, vmid, {}, QStringLiteral("stopped"));
}

QStringList FakeHypervisor::cpuModels() const
{
    return {QStringLiteral("qemu64"), QStringLiteral("qemu32"), QStringLiteral("kvm64"), QStringLiteral("Nehalem"),
            QStringLiteral("Westmere"), QStringLiteral("SandyBridge"), QStringLiteral("Opteron_G3")};
}

Result<void> FakeHypervisor::shutdown(model::GuestType type, int vmid)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (m_shutdownRefusals > 0) {
            --m_shutdownRefusals;
            return fail(Code::HypervisorUnavailable,
                        QStringLiteral("cannot shut down %1: Init process ID is not yet known").arg(vmid));
        }
        if (m_shutdownIgnored)
            return {};
    }
    return setStatus(type, vmid, {}, QStringLiteral("stopped"));
}

void FakeHypervisor::setShutdownBehaviour(int refusals, bool ignored)
{
    const QMutexLocker lock(&m_mutex);
    m_shutdownRefusals = refusals;
    m_shutdownIgnored = ignored;
}

Result<void> FakeHypervisor::reboot(model::GuestType type, int vmid)
{
    return setStatus(type, vmid, QStringLiteral("running"), QStringLiteral("running"));
}

Result<void> FakeHypervisor::suspend(model::GuestType type, int vmid)
{
    return setStatus(type, vmid, QStringLiteral("running"), QStringLiteral("paused"));
}

Result<void> FakeHypervisor::resume(model::GuestType type, int vmid)
{
    return setStatus(type, vmid, QStringLiteral("paused"), QStringLiteral("running"));
}

Result<void> FakeHypervisor::migrate(int vmid, const MigrationRequest &request, const MigrationObserver &progress,
                                     const CancelCheck &cancelled)
{
    std::optional<model::ClusterResource> g = guest(model::GuestType::Qemu, vmid);
    if (!g || g->status != u"running")
        return fail(Code::GuestNotRunning, QStringLiteral("VM %1 is not running").arg(vmid));
    const qint64 total = g->maxmem.value_or(512 << 20);
    // Scripted: deterministic figures, so UI tests see the same every time.
    const int steps[] = {25, 60, 100};
    qint64 elapsed = 0;
    for (int percent : steps) {
        if (cancelled && cancelled()) {
            MigrationProgress p;
            p.phase = MigrationProgress::Phase::Cancelled;
            p.elapsedMs = elapsed;
            if (progress)
                progress(p);
            return fail(Code::MigrationCancelled, QStringLiteral("migration of VM %1 cancelled").arg(vmid));
        }
        elapsed += 1000;
        MigrationProgress p;
        p.phase = percent == 100 ? MigrationProgress::Phase::Completed : MigrationProgress::Phase::Active;
        p.elapsedMs = elapsed;
        p.dataTotal = p.memoryTotal = total;
        p.dataProcessed = p.memoryProcessed = total * percent / 100;
        p.dataRemaining = p.memoryRemaining = total - p.dataProcessed;
        p.memoryBps = total / 4;
        p.dirtyRate = 1000 * (100 - percent) / 10;
        p.iteration = percent / 30 + 1;
        p.expectedDowntimeMs = 30;
        if (percent == 100)
            p.downtimeMs = 42;
        if (progress)
            progress(p);
        QThread::msleep(20);
    }
    {
        const QMutexLocker lock(&m_mutex);
        m_transient.remove(guestId(model::GuestType::Qemu, vmid));
    }
    removeGuest(vmid);
    const QMutexLocker lock(&registryMutex);
    if (FakeHypervisor *target = registry().value(request.targetNode)) {
        g->node = model::NodeId::parse(request.targetNode).value_or(model::NodeId());
        {
            const QMutexLocker targetLock(&target->m_mutex);
            target->m_transient.insert(g->id); // an incoming domain is transient there too
        }
        target->setGuest(std::move(*g));
    }
    return {};
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
