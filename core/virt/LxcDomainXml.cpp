#include "LxcDomainXml.h"

#include "LxcConfigValue.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUuid>
#include <QXmlStreamWriter>

#include <cmath>
#include <optional>

namespace atalaia::virt {

namespace {

// Keys that shape the domain, or that the rootfs setup applies at start
// (ContainerSetup); everything else is reported as ignored.
const QStringList kUsedKeys = {
    QStringLiteral("hostname"), QStringLiteral("memory"),     QStringLiteral("swap"),
    QStringLiteral("cores"),    QStringLiteral("cpulimit"),   QStringLiteral("cpuunits"),
    QStringLiteral("arch"),     QStringLiteral("entrypoint"), QStringLiteral("unprivileged"),
    QStringLiteral("rootfs"),   QStringLiteral("tty"),        QStringLiteral("nameserver"),
    QStringLiteral("searchdomain"), QStringLiteral("ostype")};

// Keys whose effect libvirt's lxc driver cannot give: starting without it
// would run something else than what the config says.
bool refused(const QString &key)
{
    static const QRegularExpression devKey(QStringLiteral("^dev\\d+$"));
    return key == u"hookscript" || devKey.match(key).hasMatch();
}

// Property-string options that only matter to storage, backup or replication,
// not to a running container: not worth a warning.
const QStringList kQuietOptions = {QStringLiteral("size"), QStringLiteral("backup"), QStringLiteral("replicate"),
                                   QStringLiteral("shared"), QStringLiteral("type")};

struct Mount {
    QString key;
    QString target;   // path inside the container
    VolumeSource source;
    bool readOnly = false;
};

struct Nic {
    int index = 0;
    QString key;
    QString guestName;
    QString mac;
    QString bridge;
    bool linkDown = false;
    std::optional<double> rateMbps;
};

// Same scheme as QemuDomainXml (a vmid is a VM or a container, never both):
// stable for (vmid, key), locally administered, Proxmox's BC:24:11 prefix.
QString derivedMac(int vmid, const QString &key)
{
    const QByteArray h = QCryptographicHash::hash(QStringLiteral("%1/%2").arg(vmid).arg(key).toUtf8(),
                                                  QCryptographicHash::Sha256);
    return QStringLiteral("bc:24:11:%1:%2:%3")
        .arg(quint8(h[0]), 2, 16, QLatin1Char('0'))
        .arg(quint8(h[1]), 2, 16, QLatin1Char('0'))
        .arg(quint8(h[2]), 2, 16, QLatin1Char('0'));
}

// A mount point's source: a storage volume, or (as Proxmox allows for mpN) a
// host directory or device given by its absolute path.
Result<VolumeSource> mountSource(const QString &key, const QString &volume, const StorageResolver &storage,
                                 bool unprivileged)
{
    VolumeSource s;
    if (volume.startsWith(u'/')) {
        if (key == u"rootfs")
            return lxcBad(key, QStringLiteral("the root file system must be a storage volume, not a host path"));
        s.kind = volume.startsWith(u"/dev/") ? VolumeSource::Kind::Block : VolumeSource::Kind::Directory;
        s.path = volume;
    } else {
        Result<VolumeSource> r = storage.resolve(volume);
        if (!r)
            return lxcBad(key, r.error().message);
        s = *r;
    }
    switch (s.kind) {
    case VolumeSource::Kind::Rbd:
        return lxcBad(key, QStringLiteral("a container needs a block device: map the RBD image first and "
                                          "resolve it as a block volume"));
    case VolumeSource::Kind::File:
        if (s.format != u"raw")
            return lxcBad(key, QStringLiteral("a container image must be raw, not %1 (the loop driver reads "
                                              "raw images only)").arg(s.format));
        [[fallthrough]];
    case VolumeSource::Kind::Block:
        // libvirt mounts a container's file systems inside its user namespace,
        // where the kernel refuses to mount ext4 from a device.
        if (unprivileged)
            return lxcBad(key, QStringLiteral("an unprivileged container cannot mount an image or a block "
                                              "device itself: mount it on the host and resolve it as a "
                                              "directory"));
        break;
    case VolumeSource::Kind::Directory:
        break;
    }
    return s;
}

void writeFilesystem(QXmlStreamWriter &x, const Mount &m)
{
    x.writeStartElement(QStringLiteral("filesystem"));
    switch (m.source.kind) {
    case VolumeSource::Kind::File:
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("file"));
        x.writeAttribute(QStringLiteral("accessmode"), QStringLiteral("passthrough"));
        x.writeEmptyElement(QStringLiteral("driver"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("loop"));
        x.writeAttribute(QStringLiteral("format"), QStringLiteral("raw"));
        x.writeEmptyElement(QStringLiteral("source"));
        x.writeAttribute(QStringLiteral("file"), m.source.path);
        break;
    case VolumeSource::Kind::Block:
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("block"));
        x.writeAttribute(QStringLiteral("accessmode"), QStringLiteral("passthrough"));
        x.writeEmptyElement(QStringLiteral("source"));
        x.writeAttribute(QStringLiteral("dev"), m.source.path);
        break;
    case VolumeSource::Kind::Directory:
    case VolumeSource::Kind::Rbd: // refused in mountSource
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("mount"));
        x.writeAttribute(QStringLiteral("accessmode"), QStringLiteral("passthrough"));
        x.writeEmptyElement(QStringLiteral("source"));
        x.writeAttribute(QStringLiteral("dir"), m.source.path);
        break;
    }
    x.writeEmptyElement(QStringLiteral("target"));
    x.writeAttribute(QStringLiteral("dir"), m.target);
    if (m.readOnly)
        x.writeEmptyElement(QStringLiteral("readonly"));
    x.writeEmptyElement(QStringLiteral("alias"));
    x.writeAttribute(QStringLiteral("name"), QStringLiteral("ua-") + m.key);
    x.writeEndElement();
}

void writeSized(QXmlStreamWriter &x, const QString &element, qint64 mib)
{
    x.writeStartElement(element);
    x.writeAttribute(QStringLiteral("unit"), QStringLiteral("MiB"));
    x.writeCharacters(QString::number(mib));
    x.writeEndElement();
}

} // namespace

Result<LxcDomain> lxcDomainXml(int vmid, const QMap<QString, QString> &config, const StorageResolver &storage,
                               const LxcDomainOptions &options)
{
    LxcDomain out;
    QStringList used = kUsedKeys;

    for (auto it = config.cbegin(); it != config.cend(); ++it) {
        if (it.key().startsWith(u"lxc."))
            return lxcBad(it.key(), QStringLiteral("raw LXC keys cannot be given to libvirt's lxc driver"));
        if (refused(it.key()))
            return lxcBad(it.key(), QStringLiteral("not supported for containers on libvirt"));
    }

    // Every value is checked against the lxc config schema first, so a
    // malformed one fails here with the schema's message.
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        if (Result<void> ok = lxcCheckValue(it.key(), it.value()); !ok)
            return std::unexpected(ok.error());

    auto number = [&](const QString &key, double fallback) {
        return config.contains(key) ? config.value(key).toDouble() : fallback;
    };
    const qint64 memory = qint64(number(QStringLiteral("memory"), 512));
    const qint64 swap = qint64(number(QStringLiteral("swap"), 512));
    const int cores = int(number(QStringLiteral("cores"), 0));
    const double cpulimit = number(QStringLiteral("cpulimit"), 0);
    const qint64 cpuunits = qint64(number(QStringLiteral("cpuunits"), 0));
    const bool unprivileged = lxcBool(config.value(QStringLiteral("unprivileged")));
    const QString arch = config.value(QStringLiteral("arch"), QStringLiteral("amd64"));
    if (arch != u"amd64")
        return lxcBad(QStringLiteral("arch"), QStringLiteral("'%1' containers cannot run on this amd64 host").arg(arch));

    auto noteIgnoredOptions = [&](const QString &key, const LxcProps &p, const QStringList &handled) {
        for (auto it = p.values.cbegin(); it != p.values.cend(); ++it)
            if (!handled.contains(it.key()) && !kQuietOptions.contains(it.key()))
                out.ignoredKeys.append(key + u'.' + it.key());
    };

    // The root file system, then mount points in index order (Proxmox mounts
    // them sorted by path, so a nested one comes after its parent).
    QList<Mount> mounts;
    if (!config.contains(QStringLiteral("rootfs")))
        return lxcBad(QStringLiteral("rootfs"), QStringLiteral("a container needs a root file system"));
    for (int i = -1; i <= 255; ++i) {
        const QString key = i < 0 ? QStringLiteral("rootfs") : QStringLiteral("mp%1").arg(i);
        if (!config.contains(key))
            continue;
        used.append(key);
        Result<LxcProps> p = lxcProps(key, config.value(key));
        if (!p)
            return std::unexpected(p.error());
        const QString volume = p->values.value(QStringLiteral("volume"));
        Result<VolumeSource> source = mountSource(key, volume, storage, unprivileged);
        if (!source)
            return std::unexpected(source.error());
        Mount m{key, i < 0 ? QStringLiteral("/") : p->values.value(QStringLiteral("mp")), *source,
                lxcBool(p->values.value(QStringLiteral("ro")))};
        if (!m.target.startsWith(u'/'))
            return lxcBad(key, QStringLiteral("the mount point '%1' is not an absolute path").arg(m.target));
        noteIgnoredOptions(key, *p, {QStringLiteral("volume"), QStringLiteral("mp"), QStringLiteral("ro")});
        mounts.append(m);
    }
    std::stable_sort(mounts.begin() + 1, mounts.end(),
                     [](const Mount &a, const Mount &b) { return a.target < b.target; });

    QList<Nic> nics;
    for (int i = 0; i <= 31; ++i) {
        const QString key = QStringLiteral("net%1").arg(i);
        if (!config.contains(key))
            continue;
        used.append(key);
        Result<LxcProps> p = lxcProps(key, config.value(key));
        if (!p)
            return std::unexpected(p.error());
        const auto &v = p->values;
        Nic n{i, key, v.value(QStringLiteral("name")), v.value(QStringLiteral("hwaddr")).toLower(),
              v.value(QStringLiteral("bridge")), lxcBool(v.value(QStringLiteral("link_down"))), std::nullopt};
        if (n.guestName.isEmpty())
            return lxcBad(key, QStringLiteral("no name: a container NIC needs name=IFNAME (eth0)"));
        if (n.bridge.isEmpty())
            return lxcBad(key, QStringLiteral("no bridge: a NIC needs bridge=NAME"));
        if (v.contains(QStringLiteral("tag")) || v.contains(QStringLiteral("trunks")))
            return lxcBad(key, QStringLiteral("VLAN tags and trunks are not supported on libvirt's lxc bridges"));
        if (lxcBool(v.value(QStringLiteral("host-managed"))))
            return lxcBad(key, QStringLiteral("host-managed NICs are not supported"));
        if (n.mac.isEmpty())
            n.mac = derivedMac(vmid, key);
        if (v.contains(QStringLiteral("rate")))
            n.rateMbps = v.value(QStringLiteral("rate")).toDouble();
        // ip/gw/ip6/gw6/mtu are the guest's own network settings: the rootfs
        // setup writes them (ContainerSetup), libvirt does not.
        noteIgnoredOptions(key, *p,
                           {QStringLiteral("name"), QStringLiteral("hwaddr"), QStringLiteral("bridge"),
                            QStringLiteral("link_down"), QStringLiteral("rate"), QStringLiteral("ip"),
                            QStringLiteral("gw"), QStringLiteral("ip6"), QStringLiteral("gw6"),
                            QStringLiteral("mtu")});
        nics.append(n);
    }

    // libvirt's lxc driver binds its first console to /dev/console and
    // /dev/tty1, the next ones to /dev/tty2...: Proxmox's "console" (a
    // /dev/console) and "tty" (getty terminals) collapse into one count.
    const bool console = !config.contains(QStringLiteral("console")) || lxcBool(config.value(QStringLiteral("console")));
    const int ttys = int(number(QStringLiteral("tty"), 2));
    const int consoles = std::max(ttys, console ? 1 : 0);
    if (config.contains(QStringLiteral("console")) && (console || ttys == 0))
        used.append(QStringLiteral("console"));

    for (auto it = config.cbegin(); it != config.cend(); ++it)
        if (!used.contains(it.key()))
            out.ignoredKeys.append(it.key());
    out.ignoredKeys.sort();

    QXmlStreamWriter x(&out.xml);
    x.setAutoFormatting(true);
    x.setAutoFormattingIndent(2);
    x.writeStartElement(QStringLiteral("domain"));
    x.writeAttribute(QStringLiteral("type"), QStringLiteral("lxc"));
    x.writeTextElement(QStringLiteral("name"), QString::number(vmid));
    x.writeTextElement(QStringLiteral("uuid"),
                       QUuid::createUuidV5(QUuid(QStringLiteral("{6d0a6b9e-6f0f-4f53-9c4a-7a1a1a7a1a7a}")),
                                           QStringLiteral("lxc/%1").arg(vmid))
                           .toString(QUuid::WithoutBraces));
    if (config.contains(QStringLiteral("hostname")))
        x.writeTextElement(QStringLiteral("title"), config.value(QStringLiteral("hostname")));
    writeSized(x, QStringLiteral("memory"), memory);
    if (options.swapLimit) {
        // cgroup v1's memsw limit counts memory and swap together.
        x.writeStartElement(QStringLiteral("memtune"));
        writeSized(x, QStringLiteral("hard_limit"), memory);
        writeSized(x, QStringLiteral("swap_hard_limit"), memory + swap);
        x.writeEndElement();
    }
    // The lxc driver does not confine a container to this many CPUs (it is
    // what statistics divide by); cpulimit is the enforced limit. Without
    // "cores" Proxmox gives a container every host CPU: 1 stands in.
    x.writeStartElement(QStringLiteral("vcpu"));
    x.writeAttribute(QStringLiteral("placement"), QStringLiteral("static"));
    x.writeCharacters(QString::number(cores > 0 ? cores : 1));
    x.writeEndElement();
    if (cpulimit > 0 || cpuunits > 0) {
        x.writeStartElement(QStringLiteral("cputune"));
        if (cpuunits > 0)
            x.writeTextElement(QStringLiteral("shares"), QString::number(cpuunits));
        if (cpulimit > 0) {
            // Proxmox's cpulimit is a number of CPUs: quota/period of CFS.
            constexpr qint64 kPeriodUs = 100000;
            x.writeTextElement(QStringLiteral("period"), QString::number(kPeriodUs));
            x.writeTextElement(QStringLiteral("quota"), QString::number(qint64(std::llround(cpulimit * kPeriodUs))));
        }
        x.writeEndElement();
    }

    x.writeStartElement(QStringLiteral("os"));
    x.writeStartElement(QStringLiteral("type"));
    x.writeAttribute(QStringLiteral("arch"), QStringLiteral("x86_64"));
    x.writeCharacters(QStringLiteral("exe"));
    x.writeEndElement();
    x.writeTextElement(QStringLiteral("init"), config.value(QStringLiteral("entrypoint"), QStringLiteral("/sbin/init")));
    x.writeEndElement(); // os

    if (unprivileged) {
        x.writeStartElement(QStringLiteral("idmap"));
        for (const char *kind : {"uid", "gid"}) {
            x.writeEmptyElement(QLatin1String(kind));
            x.writeAttribute(QStringLiteral("start"), QStringLiteral("0"));
            x.writeAttribute(QStringLiteral("target"), QString::number(kUnprivilegedIdShift));
            x.writeAttribute(QStringLiteral("count"), QString::number(kUnprivilegedIdCount));
        }
        x.writeEndElement();
    }
    if (nics.isEmpty()) {
        // Without a NIC libvirt would share the host's network namespace;
        // privnet gives the container its own, with only "lo".
        x.writeStartElement(QStringLiteral("features"));
        x.writeEmptyElement(QStringLiteral("privnet"));
        x.writeEndElement();
    }
    x.writeEmptyElement(QStringLiteral("clock"));
    x.writeAttribute(QStringLiteral("offset"), QStringLiteral("utc"));
    x.writeTextElement(QStringLiteral("on_poweroff"), QStringLiteral("destroy"));
    x.writeTextElement(QStringLiteral("on_reboot"), QStringLiteral("restart"));
    x.writeTextElement(QStringLiteral("on_crash"), QStringLiteral("destroy"));

    x.writeStartElement(QStringLiteral("devices"));
    x.writeTextElement(QStringLiteral("emulator"), options.emulator);
    for (const Mount &m : std::as_const(mounts))
        writeFilesystem(x, m);
    for (const Nic &n : std::as_const(nics)) {
        x.writeStartElement(QStringLiteral("interface"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("bridge"));
        x.writeEmptyElement(QStringLiteral("mac"));
        x.writeAttribute(QStringLiteral("address"), n.mac);
        x.writeEmptyElement(QStringLiteral("source"));
        x.writeAttribute(QStringLiteral("bridge"), n.bridge);
        // Proxmox's host-side name, so firewall rules and link_down can find it.
        x.writeEmptyElement(QStringLiteral("target"));
        x.writeAttribute(QStringLiteral("dev"), QStringLiteral("veth%1i%2").arg(vmid).arg(n.index));
        x.writeEmptyElement(QStringLiteral("guest"));
        x.writeAttribute(QStringLiteral("dev"), n.guestName);
        if (n.rateMbps) {
            // Proxmox's rate is MB/s; libvirt's average is KiB/s.
            const QString kib = QString::number(qint64(std::llround(*n.rateMbps * 1024)));
            x.writeStartElement(QStringLiteral("bandwidth"));
            for (const char *dir : {"inbound", "outbound"}) {
                x.writeEmptyElement(QLatin1String(dir));
                x.writeAttribute(QStringLiteral("average"), kib);
            }
            x.writeEndElement();
        }
        // The lxc driver keeps the host side up whatever this says: the
        // caller takes veth<vmid>i<N> down after start for link_down.
        if (n.linkDown) {
            x.writeEmptyElement(QStringLiteral("link"));
            x.writeAttribute(QStringLiteral("state"), QStringLiteral("down"));
        }
        x.writeEmptyElement(QStringLiteral("alias"));
        x.writeAttribute(QStringLiteral("name"), QStringLiteral("ua-") + n.key);
        x.writeEndElement();
    }
    for (int i = 0; i < consoles; ++i) {
        x.writeStartElement(QStringLiteral("console"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("pty"));
        x.writeEmptyElement(QStringLiteral("target"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("lxc"));
        x.writeAttribute(QStringLiteral("port"), QString::number(i));
        x.writeEndElement();
    }
    x.writeEndElement(); // devices
    x.writeEndElement(); // domain
    x.writeEndDocument();
    out.xml = out.xml.trimmed() + '\n'; // the writer starts with a line break
    return out;
}

} // namespace atalaia::virt
