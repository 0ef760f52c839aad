#include "Backends.h"

#include "cluster/StandaloneMembership.h"
#include "cluster/fake/FakeMembership.h"
#ifdef ATALAIA_WITH_COROSYNC
#include "cluster/corosync/CorosyncMembership.h"
#endif

#include "access/PamBackend.h"
#include "access/fake/FakePam.h"
#include "access/pam/LinuxPam.h"
#include "metrics/fake/FakeNetworkInterfaces.h"
#include "metrics/fake/FakeNodeMetrics.h"
#include "metrics/proc/ProcNodeMetrics.h"
#include "metrics/proc/SystemNetworkInterfaces.h"
#include "virt/fake/FakeHypervisor.h"
#include "virt/libvirt/LibvirtHypervisor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace atalaia::agent {

Backends::Backends() = default;
Backends::Backends(Backends &&) noexcept = default;
Backends &Backends::operator=(Backends &&) noexcept = default;
Backends::~Backends() = default;

namespace {

Result<QJsonObject> readFixture(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Io, QStringLiteral("cannot read the fake backend's fixture %1: %2").arg(path, file.errorString()));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                                               .arg(path, error.errorString()).arg(error.offset));
    return doc.object();
}

} // namespace

Result<Backends> Backends::create(const QString &spec, const QString &nodeName)
{
    Backends b;
    if (spec == QLatin1String("real")) {
        b.pam = std::make_unique<access::pam::LinuxPam>();
        b.nodeMetrics = std::make_unique<metrics::proc::ProcNodeMetrics>();
        b.networkInterfaces = std::make_unique<metrics::proc::SystemNetworkInterfaces>();
        // This node's libvirtd (qemu and lxc drivers), connected in the
        // background: the agent starts even while libvirtd is down.
        virt::libvirt::LibvirtHypervisor::Options hv;
        hv.node = nodeName;
        hv.qemuUri = qEnvironmentVariable("ATALAIA_LIBVIRT_QEMU_URI", hv.qemuUri);
        hv.lxcUri = qEnvironmentVariable("ATALAIA_LIBVIRT_LXC_URI", hv.lxcUri);
        b.hypervisor = std::make_unique<virt::libvirt::LibvirtHypervisor>(hv);
#ifdef ATALAIA_WITH_COROSYNC
        // Standalone until a corosync.conf appears (create/join); tests point
        // it elsewhere with ATALAIA_COROSYNC_CONF.
        const QString corosyncConf = qEnvironmentVariable("ATALAIA_COROSYNC_CONF",
                                                          cluster::corosync::CorosyncMembership::defaultConfigPath());
        b.membership = std::make_unique<cluster::corosync::CorosyncMembership>(nodeName, corosyncConf);
#else
        b.membership = std::make_unique<cluster::StandaloneMembership>(nodeName);
#endif
        return b;
    }
    if (!spec.startsWith(QLatin1String("fake:")))
        return fail(Code::InvalidArgument,
                    QStringLiteral("unknown backend '%1': use 'real' or 'fake:FIXTURE.json'").arg(spec));
    auto fixture = readFixture(spec.mid(5));
    if (!fixture)
        return std::unexpected(fixture.error());
    b.fixture = *fixture;
    auto pam = access::fake::FakePam::fromJson(fixture->value(QLatin1String("pam")).toObject());
    if (!pam)
        return std::unexpected(pam.error());
    b.pam = std::move(*pam);
    b.nodeMetrics = std::make_unique<metrics::fake::FakeNodeMetrics>(fixture->value(QLatin1String("node")).toObject());
    auto network = metrics::fake::FakeNetworkInterfaces::fromJson(fixture->value(QLatin1String("network")));
    if (!network)
        return std::unexpected(network.error());
    b.networkInterfaces = std::move(*network);
    auto hypervisor = virt::fake::FakeHypervisor::fromJson(fixture->value(QLatin1String("guests")).toArray(), nodeName);
    if (!hypervisor)
        return std::unexpected(hypervisor.error());
    const QJsonObject generate = fixture->value(QLatin1String("generate")).toObject();
    if (const int count = generate.value(QLatin1String("guests")).toInt(); count > 0)
        (*hypervisor)->generate(count, generate.value(QLatin1String("first_vmid")).toInt(1000), nodeName);
    b.hypervisor = std::move(*hypervisor);
    if (fixture->contains(QLatin1String("cluster"))) {
        auto membership = cluster::fake::FakeMembership::fromJson(fixture->value(QLatin1String("cluster")).toObject(),
                                                                  nodeName);
        if (!membership)
            return std::unexpected(membership.error());
        b.membership = std::move(*membership);
    } else {
        b.membership = std::make_unique<cluster::StandaloneMembership>(nodeName);
    }
    return b;
}

} // namespace atalaia::agent
