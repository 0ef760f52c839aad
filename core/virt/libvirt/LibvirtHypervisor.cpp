#include "LibvirtHypervisor.h"

#include "DriverConnection.h"
#include "LibvirtHandles.h"
#include "LibvirtMigration.h"

#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>

#include <unistd.h>

#include <chrono>

namespace atalaia::virt::libvirt {

namespace {

QString label(model::GuestType type)
{
    return type == model::GuestType::Qemu ? QStringLiteral("VM") : QStringLiteral("container");
}

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Seconds since PID started, from /proc (its start time in clock ticks after
// boot, and the time since boot); -1 when unknown.
qint64 processUptime(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return -1;
    // Fields after "pid (comm)": state is field 3, starttime field 22.
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startSeconds = fields.at(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    const double sinceBoot = uptime.readAll().split(' ').value(0).toDouble();
    return std::max<qint64>(0, qint64(sinceBoot - startSeconds));
}

qint64 readPid(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().trimmed().toLongLong();
}

struct Sample {
    int vmid = 0;
    int state = VIR_DOMAIN_NOSTATE;
    qint64 cpuTimeNs = 0;
    int vcpus = 1;
    qint64 memKiB = 0;
    qint64 maxMemKiB = 0;
    qint64 netin = 0, netout = 0, diskread = 0, diskwrite = 0;
};

// Every running domain of a connection with its figures: one call where the
// driver has virConnectGetAllDomainStats (qemu), per-domain info otherwise (lxc).
QList<Sample> sampleDomains(virConnectPtr c)
{
    QList<Sample> out;
    virDomainStatsRecordPtr *records = nullptr;
    const unsigned stats = VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON
                           | VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_INTERFACE | VIR_DOMAIN_STATS_BLOCK;
    const int n = virConnectGetAllDomainStats(c, stats, &records, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
    if (n >= 0) {
        for (int i = 0; i < n; ++i) {
            Sample s;
            bool ok = false;
            s.vmid = QString::fromUtf8(virDomainGetName(records[i]->dom)).toInt(&ok);
            if (!ok)
                continue;
            const virTypedParameterPtr p = records[i]->params;
            const int np = records[i]->nparams;
            auto number = [&](const char *name) -> qint64 {
                unsigned long long u = 0;
                if (virTypedParamsGetULLong(p, np, name, &u) == 1)
                    return qint64(u);
                int v = 0;
                if (virTypedParamsGetInt(p, np, name, &v) == 1)
                    return v;
                unsigned int uv = 0;
                if (virTypedParamsGetUInt(p, np, name, &uv) == 1)
                    return uv;
                return 0;
            };
            s.state = int(number("state.state"));
            s.cpuTimeNs = number("cpu.time");
            s.vcpus = std::max<int>(1, int(number("vcpu.current")));
            const qint64 rss = number("balloon.rss");
            s.memKiB = rss > 0 ? rss : number("balloon.current");
            s.maxMemKiB = number("balloon.maximum");
            for (int k = 0, nets = int(number("net.count")); k < nets; ++k) {
                s.netin += number(QByteArray("net." + QByteArray::number(k) + ".rx.bytes").constData());
                s.netout += number(QByteArray("net." + QByteArray::number(k) + ".tx.bytes").constData());
            }
            for (int k = 0, blocks = int(number("block.count")); k < blocks; ++k) {
                s.diskread += number(QByteArray("block." + QByteArray::number(k) + ".rd.bytes").constData());
                s.diskwrite += number(QByteArray("block." + QByteArray::number(k) + ".wr.bytes").constData());
            }
            out.append(s);
        }
        virDomainStatsRecordListFree(records);
        return out;
    }
    virDomainPtr *domains = nullptr;
    const int count = virConnectListAllDomains(c, &domains, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    for (int i = 0; i < count; ++i) {
        DomainHandle d(domains[i]);
        Sample s;
        bool ok = false;
        s.vmid = QString::fromUtf8(virDomainGetName(d.get())).toInt(&ok);
        virDomainInfo info{};
        if (!ok || virDomainGetInfo(d.get(), &info) < 0)
            continue;
        s.state = info.state;
        s.cpuTimeNs = qint64(info.cpuTime);
        s.vcpus = std::max<int>(1, info.nrVirtCpu);
        s.memKiB = qint64(info.memory);
        s.maxMemKiB = qint64(info.maxMem);
        out.append(s);
    }
    free(domains); // NOLINT: libvirt allocates the array with malloc
    return out;
}

QString statusName(int state)
{
    switch (state) {
    case VIR_DOMAIN_PAUSED:
    case VIR_DOMAIN_PMSUSPENDED:
        return QStringLiteral("paused");
    case VIR_DOMAIN_SHUTOFF:
    case VIR_DOMAIN_CRASHED:
        return QStringLiteral("stopped");
    default:
        return QStringLiteral("running");
    }
}

} // namespace

LibvirtHypervisor::LibvirtHypervisor(Options options)
    : m_options(std::move(options))
{
    auto onEvent = [this](int vmid) {
        wake();
        if (vmid > 0)
            emit guestChanged(vmid);
    };
    m_qemu = std::make_unique<DriverConnection>(m_options.qemuUri, label(model::GuestType::Qemu), onEvent);
    m_lxc = std::make_unique<DriverConnection>(m_options.lxcUri, label(model::GuestType::Lxc), onEvent);
    m_poller = std::jthread([this] {
        std::unique_lock lock(m_wakeMutex);
        while (!m_stopping) {
            lock.unlock();
            poll();
            lock.lock();
            m_wakeCondition.wait_for(lock, std::chrono::milliseconds(m_options.pollMs),
                                     [this] { return m_stopping || m_wakeRequested; });
            m_wakeRequested = false;
        }
    });
}

LibvirtHypervisor::~LibvirtHypervisor()
{
    {
        const std::lock_guard lock(m_wakeMutex);
        m_stopping = true;
    }
    m_wakeCondition.notify_all();
    if (m_poller.joinable())
        m_poller.join();
}

void LibvirtHypervisor::wake()
{
    {
        const std::lock_guard lock(m_wakeMutex);
        m_wakeRequested = true;
    }
    m_wakeCondition.notify_all();
}

DriverConnection &LibvirtHypervisor::driver(model::GuestType type) const
{
    return type == model::GuestType::Qemu ? *m_qemu : *m_lxc;
}

void LibvirtHypervisor::poll()
{
    QList<model::ClusterResource> guests;
    QHash<QString, Previous> previous;
    {
        const QMutexLocker lock(&m_mutex);
        previous = m_previous;
    }
    QHash<QString, Previous> next;
    const qint64 now = monotonicNs();
    for (model::GuestType type : {model::GuestType::Qemu, model::GuestType::Lxc}) {
        Result<ConnectionHandle> c = driver(type).connection();
        if (!c)
            continue;
        const QString typeName = QString(model::enumName(type));
        for (const Sample &s : sampleDomains(c->get())) {
            model::ClusterResource g;
            g.id = typeName + u'/' + QString::number(s.vmid);
            g.type = type == model::GuestType::Qemu ? model::ResourceType::Qemu : model::ResourceType::Lxc;
            g.vmid = model::VmId::fromInt(s.vmid).value_or(model::VmId());
            if (!m_options.node.isEmpty())
                g.node = model::NodeId::parse(m_options.node).value_or(model::NodeId());
            g.status = statusName(s.state);
            g.maxcpu = s.vcpus;
            double cpu = 0;
            if (const auto it = previous.constFind(g.id); it != previous.cend() && now > it->atNs)
                cpu = double(s.cpuTimeNs - it->cpuTimeNs) / double(now - it->atNs) / s.vcpus;
            g.cpu = std::clamp(cpu, 0.0, 1.0);
            next.insert(g.id, {s.cpuTimeNs, now});
            g.mem = s.memKiB * 1024;
            g.maxmem = s.maxMemKiB * 1024;
            g.netin = s.netin;
            g.netout = s.netout;
            g.diskread = s.diskread;
            g.diskwrite = s.diskwrite;
            const QString driverDir = type == model::GuestType::Qemu ? QStringLiteral("qemu") : QStringLiteral("lxc");
            if (const qint64 pid = readPid(QStringLiteral("%1/%2/%3.pid").arg(m_options.runDir, driverDir).arg(s.vmid))) {
                if (const qint64 up = processUptime(pid); up >= 0)
                    g.uptime = up;
            }
            guests.append(std::move(g));
        }
    }
    QSet<int> changed;
    {
        const QMutexLocker lock(&m_mutex);
        QHash<QString, QString> before;
        for (const model::ClusterResource &g : std::as_const(m_guests))
            before.insert(g.id, g.status.value_or(QString()));
        for (const model::ClusterResource &g : std::as_const(guests)) {
            const auto it = before.constFind(g.id);
            if (it == before.cend() || *it != g.status.value_or(QString()))
                changed.insert(int(g.vmid->value()));
            before.remove(g.id);
        }
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            changed.insert(it.key().section(u'/', 1).toInt());
        m_guests = std::move(guests);
        m_previous = std::move(next);
    }
    for (int vmid : std::as_const(changed))
        emit guestChanged(vmid);
}

QList<model::ClusterResource> LibvirtHypervisor::guests() const
{
    const QMutexLocker lock(&m_mutex);
    return m_guests;
}

Result<void> LibvirtHypervisor::supports(model::GuestType type) const
{
    Result<ConnectionHandle> c = driver(type).connection();
    if (!c)
        return std::unexpected(c.error());
    return {};
}

bool LibvirtHypervisor::hasKvm() const
{
    // ATALAIA_KVM=0 forces TCG (where /dev/kvm exists but cannot run the
    // guests, as in nested setups); 1 or unset: KVM when /dev/kvm exists.
    return qEnvironmentVariable("ATALAIA_KVM") != u"0" && QFileInfo::exists(QStringLiteral("/dev/kvm"));
}

QStringList LibvirtHypervisor::cpuModels() const
{
    const QMutexLocker lock(&m_cpuModelsMutex);
    if (m_cpuModels)
        return *m_cpuModels;
    Result<ConnectionHandle> c = driver(model::GuestType::Qemu).connection();
    if (!c)
        return {}; // asked again next time
    char *xml = virConnectGetDomainCapabilities(c->get(), nullptr, "x86_64", nullptr, hasKvm() ? "kvm" : "qemu", 0);
    if (!xml)
        return {};
    const QByteArray capabilities(xml);
    free(xml);
    // <domainCapabilities><cpu><mode name='custom' supported='yes'><model usable='yes'>Skylake-Server</model>...
    QStringList models;
    QXmlStreamReader reader(capabilities);
    bool inCustom = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == u"mode")
            inCustom = reader.attributes().value(u"name") == u"custom";
        else if (reader.isEndElement() && reader.name() == u"mode")
            inCustom = false;
        else if (inCustom && reader.isStartElement() && reader.name() == u"model"
                 && reader.attributes().value(u"usable") != u"no")
            models.append(reader.readElementText());
    }
    if (reader.hasError())
        return {};
    m_cpuModels = models;
    return models;
}

Result<void> LibvirtHypervisor::start(model::GuestType type, int vmid, const QByteArray &domainXml)
{
    DriverConnection &d = driver(type);
    if (Result<DomainHandle> running = d.domain(vmid))
        return fail(Code::GuestRunning, QStringLiteral("%1 %2 is already running").arg(label(type)).arg(vmid));
    Result<ConnectionHandle> c = d.connection();
    if (!c)
        return std::unexpected(c.error());
    DomainHandle domain(virDomainCreateXML(c->get(), domainXml.constData(), VIR_DOMAIN_NONE));
    if (!domain) {
        const QString why = lastLibvirtError();
        d.checkAlive();
        return fail(Code::Internal, QStringLiteral("cannot start %1 %2: %3").arg(label(type)).arg(vmid).arg(why));
    }
    wake();
    return {};
}

namespace {

template<typename Action>
Result<void> onDomain(DriverConnection &d, model::GuestType type, int vmid, const char *what, Action action)
{
    Result<DomainHandle> domain = d.domain(vmid);
    if (!domain)
        return std::unexpected(domain.error());
    if (action(domain->get()) < 0) {
        const QString why = lastLibvirtError();
        d.checkAlive();
        return fail(Code::Internal, QStringLiteral("cannot %1 %2 %3: %4").arg(QLatin1String(what), label(type)).arg(vmid).arg(why));
    }
    return {};
}

} // namespace

Result<void> LibvirtHypervisor::stop(model::GuestType type, int vmid)
{
    Result<void> r = onDomain(driver(type), type, vmid, "stop", [](virDomainPtr d) { return virDomainDestroy(d); });
    wake();
    return r;
}

Result<void> LibvirtHypervisor::shutdown(model::GuestType type, int vmid)
{
    return onDomain(driver(type), type, vmid, "shut down", [](virDomainPtr d) { return virDomainShutdown(d); });
}

Result<void> LibvirtHypervisor::reboot(model::GuestType type, int vmid)
{
    return onDomain(driver(type), type, vmid, "reboot", [](virDomainPtr d) { return virDomainReboot(d, 0); });
}

Result<void> LibvirtHypervisor::suspend(model::GuestType type, int vmid)
{
    Result<void> r = onDomain(driver(type), type, vmid, "suspend", [](virDomainPtr d) { return virDomainSuspend(d); });
    wake();
    return r;
}

Result<void> LibvirtHypervisor::resume(model::GuestType type, int vmid)
{
    Result<void> r = onDomain(driver(type), type, vmid, "resume", [](virDomainPtr d) { return virDomainResume(d); });
    wake();
    return r;
}

Result<void> LibvirtHypervisor::migrate(int vmid, const MigrationRequest &request, const MigrationObserver &progress,
                                        const CancelCheck &cancelled)
{
    Result<DomainHandle> domain = m_qemu->domain(vmid);
    if (!domain)
        return std::unexpected(domain.error());
    Result<void> r = migrateDomain(domain->get(), vmid, request, progress, cancelled);
    wake();
    return r;
}

} // namespace atalaia::virt::libvirt
