#include "QemuDomainXml.h"

#include "schema/PropertyString.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUuid>
#include <QXmlStreamWriter>

#include <algorithm>
#include <optional>

namespace atalaia::virt {

namespace {

// Keys that shape the domain; everything else is reported as ignored.
const QStringList kDomainKeys = {QStringLiteral("name"),   QStringLiteral("memory"), QStringLiteral("cores"),
                                 QStringLiteral("sockets"), QStringLiteral("cpu"),    QStringLiteral("machine"),
                                 QStringLiteral("bios"),   QStringLiteral("ostype"), QStringLiteral("boot"),
                                 QStringLiteral("scsihw"), QStringLiteral("vga"),    QStringLiteral("agent"),
                                 QStringLiteral("smbios1")};

struct Bus {
    const char *prefix; // config key prefix
    const char *bus;    // libvirt bus
    const char *dev;    // target device prefix
    int max;            // highest index
    int devOffset;      // where this bus's letters start (scsi and sata share "sd")
};
constexpr Bus kBuses[] = {{"ide", "ide", "hd", 3, 0},
                          {"sata", "sata", "sd", 5, 31},
                          {"scsi", "scsi", "sd", 30, 0},
                          {"virtio", "virtio", "vd", 15, 0}};

std::unexpected<Error> bad(const QString &key, const QString &why)
{
    return fail(Code::InvalidArgument, QStringLiteral("%1: %2").arg(key, why));
}

// "a".."z", "aa".. as the kernel names disks.
QString diskLetters(int index)
{
    QString s;
    ++index;
    while (index > 0) {
        --index;
        s.prepend(QChar(u'a' + index % 26));
        index /= 26;
    }
    return s;
}

struct Props {
    QString first;                 // the bare (default key) value
    QMap<QString, QString> values; // key=value items
};

Result<Props> props(const QString &key, const QString &value)
{
    const schema::PropertyStringParse parsed = schema::parsePropertyString(value);
    if (!parsed.error.isEmpty())
        return bad(key, parsed.error);
    Props p;
    for (const auto &item : parsed.items) {
        if (item.key.isEmpty())
            p.first = item.value;
        else
            p.values.insert(item.key, item.value);
    }
    return p;
}

Result<int> number(const QMap<QString, QString> &config, const QString &key, int fallback, int min, int max)
{
    if (!config.contains(key))
        return fallback;
    bool ok = false;
    const int v = config.value(key).toInt(&ok);
    if (!ok || v < min || v > max)
        return bad(key, QStringLiteral("'%1' is not a number from %2 to %3").arg(config.value(key)).arg(min).arg(max));
    return v;
}

// Proxmox's x86-64 micro-architecture levels (its default CPU type is
// x86-64-v2-AES) are QEMU's qemu64 plus CPU flags; libvirt has no model of
// that name, so the flags are spelled out.
const QStringList *proxmoxCpuLevel(const QString &type)
{
    static const QStringList v2{QStringLiteral("cx16"),   QStringLiteral("lahf_lm"), QStringLiteral("popcnt"),
                                QStringLiteral("pni"),    QStringLiteral("sse4.1"),  QStringLiteral("sse4.2"),
                                QStringLiteral("ssse3")};
    static const QStringList v2Aes = v2 + QStringList{QStringLiteral("aes")};
    static const QStringList v3 = v2Aes + QStringList{QStringLiteral("avx"),  QStringLiteral("avx2"), QStringLiteral("bmi1"),
                                                      QStringLiteral("bmi2"), QStringLiteral("f16c"), QStringLiteral("fma"),
                                                      QStringLiteral("movbe"), QStringLiteral("xsave"), QStringLiteral("abm")};
    if (type == u"x86-64-v2")
        return &v2;
    if (type == u"x86-64-v2-AES")
        return &v2Aes;
    if (type == u"x86-64-v3")
        return &v3;
    return nullptr;
}

struct Disk {
    QString key;
    const Bus *bus;
    int index;
    bool cdrom;
    std::optional<VolumeSource> source; // none: an empty cdrom drive
    QString cache;
    bool discard;
};

struct Nic {
    QString key;
    QString model;
    QString mac;
    QString bridge;
    bool linkDown;
};

// A MAC for a NIC given without one: stable for (vmid, key), locally administered.
QString derivedMac(int vmid, const QString &key)
{
    const QByteArray h = QCryptographicHash::hash(QStringLiteral("%1/%2").arg(vmid).arg(key).toUtf8(),
                                                  QCryptographicHash::Sha256);
    return QStringLiteral("BC:24:11:%1:%2:%3")
        .arg(quint8(h[0]), 2, 16, QLatin1Char('0'))
        .arg(quint8(h[1]), 2, 16, QLatin1Char('0'))
        .arg(quint8(h[2]), 2, 16, QLatin1Char('0'))
        .toUpper();
}

} // namespace

QemuCpu qemuCpu(const QMap<QString, QString> &config, bool kvm)
{
    QemuCpu cpu;
    cpu.type = config.value(QStringLiteral("cpu")).section(u',', 0, 0).remove(QStringLiteral("cputype="));
    cpu.passthrough = kvm && cpu.type == u"host";
    if (!cpu.passthrough)
        cpu.model = cpu.type.isEmpty() || cpu.type == u"host" || cpu.type == u"kvm64" || proxmoxCpuLevel(cpu.type)
                        ? QStringLiteral("qemu64")
                        : cpu.type;
    return cpu;
}

Result<QemuDomain> qemuDomainXml(int vmid, const QMap<QString, QString> &config, const StorageResolver &storage,
                                 const QemuDomainOptions &options)
{
    QemuDomain out;
    QStringList used = kDomainKeys;

    Result<int> memory = number(config, QStringLiteral("memory"), 512, 16, 4 * 1024 * 1024);
    Result<int> cores = number(config, QStringLiteral("cores"), 1, 1, 1024);
    Result<int> sockets = number(config, QStringLiteral("sockets"), 1, 1, 16);
    for (const auto *r : {&memory, &cores, &sockets})
        if (!*r)
            return std::unexpected(r->error());

    // A device key's property string, if the config has the key (it then
    // counts as used).
    auto take = [&](const QString &key) -> Result<std::optional<Props>> {
        if (!config.contains(key))
            return std::nullopt;
        used.append(key);
        Result<Props> p = props(key, config.value(key));
        if (!p)
            return std::unexpected(p.error());
        return std::optional<Props>(std::move(*p));
    };

    // Disks, in bus order, each bus by index.
    QList<Disk> disks;
    for (const Bus &bus : kBuses) {
        for (int i = 0; i <= bus.max; ++i) {
            const QString key = QLatin1String(bus.prefix) + QString::number(i);
            Result<std::optional<Props>> taken = take(key);
            if (!taken)
                return std::unexpected(taken.error());
            if (!*taken)
                continue;
            const Props &p = **taken;
            Disk d{key, &bus, i, p.values.value(QStringLiteral("media")) == u"cdrom", std::nullopt,
                   p.values.value(QStringLiteral("cache")), p.values.value(QStringLiteral("discard")) == u"on"};
            const QString volume = p.first.isEmpty() ? p.values.value(QStringLiteral("file")) : p.first;
            if (volume.isEmpty())
                return bad(key, QStringLiteral("no volume given"));
            if (volume == u"none") {
                if (!d.cdrom)
                    return bad(key, QStringLiteral("'none' is only for a CD/DVD drive (media=cdrom)"));
            } else if (volume == u"cdrom") {
                return bad(key, QStringLiteral("the host's physical CD/DVD drive is not supported"));
            } else {
                Result<VolumeSource> source = storage.resolve(volume);
                if (!source)
                    return bad(key, source.error().message);
                if (source->kind == VolumeSource::Kind::Directory)
                    return bad(key, QStringLiteral("'%1' is a directory: only containers can use it").arg(volume));
                d.source = *source;
            }
            disks.append(d);
        }
    }

    QList<Nic> nics;
    for (int i = 0; i <= 31; ++i) {
        const QString key = QStringLiteral("net%1").arg(i);
        Result<std::optional<Props>> taken = take(key);
        if (!taken)
            return std::unexpected(taken.error());
        if (!*taken)
            continue;
        const Props *p = &**taken;
        Nic n{key, QString(), QString(), p->values.value(QStringLiteral("bridge")),
              p->values.value(QStringLiteral("link_down")) == u"1"};
        // The model is the key whose value is the MAC ("virtio=BC:24:...").
        for (const char *model : {"virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"}) {
            const QString m = QLatin1String(model);
            if (p->values.contains(m) || p->first == m) {
                n.model = m;
                n.mac = p->values.value(m);
            }
        }
        if (n.model.isEmpty())
            return bad(key, QStringLiteral("no NIC model (virtio=, e1000=, e1000e=, rtl8139= or vmxnet3=)"));
        if (n.mac.isEmpty())
            n.mac = derivedMac(vmid, key);
        static const QRegularExpression macRe(QStringLiteral("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$"));
        if (!macRe.match(n.mac).hasMatch())
            return bad(key, QStringLiteral("'%1' is not a MAC address").arg(n.mac));
        if (n.bridge.isEmpty())
            return bad(key, QStringLiteral("no bridge: a NIC needs bridge=NAME"));
        nics.append(n);
    }

    QStringList serials;
    for (int i = 0; i <= 3; ++i) {
        const QString key = QStringLiteral("serial%1").arg(i);
        if (!config.contains(key))
            continue;
        used.append(key);
        if (config.value(key) != u"socket")
            return bad(key, QStringLiteral("only 'socket' serial ports are supported"));
        serials.append(key);
    }

    // Boot order: "order=scsi0;ide2;net0"; without it, Proxmox's default.
    QStringList bootOrder;
    if (config.contains(QStringLiteral("boot"))) {
        Result<Props> p = props(QStringLiteral("boot"), config.value(QStringLiteral("boot")));
        if (!p)
            return std::unexpected(p.error());
        if (!p->values.contains(QStringLiteral("order")))
            return bad(QStringLiteral("boot"), QStringLiteral("use order=DEVICE;DEVICE... (the legacy letter form is not supported)"));
        bootOrder = p->values.value(QStringLiteral("order")).split(u';', Qt::SkipEmptyParts);
        for (const QString &dev : std::as_const(bootOrder))
            if (!config.contains(dev))
                return bad(QStringLiteral("boot"), QStringLiteral("'%1' is not a device of this VM").arg(dev));
    } else {
        // Proxmox's default ("cdn" before order= existed): disks, then
        // cdroms, then NICs. libvirt boots only from devices with an order,
        // so every candidate gets one, and an empty disk falls through to
        // the installer ISO.
        for (const Disk &d : std::as_const(disks))
            if (!d.cdrom)
                bootOrder.append(d.key);
        for (const Disk &d : std::as_const(disks))
            if (d.cdrom && d.source)
                bootOrder.append(d.key);
        for (const Nic &n : std::as_const(nics))
            bootOrder.append(n.key);
    }
    auto bootIndex = [&](const QString &key) { return int(bootOrder.indexOf(key)) + 1; };

    QUuid uuid;
    if (config.contains(QStringLiteral("smbios1"))) {
        Result<Props> p = props(QStringLiteral("smbios1"), config.value(QStringLiteral("smbios1")));
        if (!p)
            return std::unexpected(p.error());
        uuid = QUuid::fromString(p->values.value(QStringLiteral("uuid")));
    }
    if (uuid.isNull())
        uuid = QUuid::createUuidV5(QUuid(QStringLiteral("{6d0a6b9e-6f0f-4f53-9c4a-7a1a1a7a1a7a}")),
                                   QStringLiteral("qemu/%1").arg(vmid));

    const QString machine = config.value(QStringLiteral("machine"), QStringLiteral("pc")).section(u'+', 0, 0);
    if (!machine.startsWith(u"pc") && !machine.startsWith(u"q35"))
        return bad(QStringLiteral("machine"), QStringLiteral("'%1' is not a pc or q35 machine type").arg(machine));
    const QString bios = config.value(QStringLiteral("bios"), QStringLiteral("seabios"));
    if (bios != u"seabios" && bios != u"ovmf")
        return bad(QStringLiteral("bios"), QStringLiteral("'%1' is not seabios or ovmf").arg(bios));
    const QemuCpu cpu = qemuCpu(config, options.kvm);
    const QString vga = config.value(QStringLiteral("vga")).section(u',', 0, 0);
    const QString scsihw = config.value(QStringLiteral("scsihw"), QStringLiteral("lsi"));

    for (auto it = config.cbegin(); it != config.cend(); ++it)
        if (!used.contains(it.key()))
            out.ignoredKeys.append(it.key());

    QXmlStreamWriter x(&out.xml);
    x.setAutoFormatting(true);
    x.setAutoFormattingIndent(2);
    x.writeStartElement(QStringLiteral("domain"));
    x.writeAttribute(QStringLiteral("type"), options.kvm ? QStringLiteral("kvm") : QStringLiteral("qemu"));
    x.writeTextElement(QStringLiteral("name"), QString::number(vmid));
    x.writeTextElement(QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces));
    if (config.contains(QStringLiteral("name")))
        x.writeTextElement(QStringLiteral("title"), config.value(QStringLiteral("name")));
    x.writeStartElement(QStringLiteral("memory"));
    x.writeAttribute(QStringLiteral("unit"), QStringLiteral("MiB"));
    x.writeCharacters(QString::number(*memory));
    x.writeEndElement();
    x.writeStartElement(QStringLiteral("vcpu"));
    x.writeAttribute(QStringLiteral("placement"), QStringLiteral("static"));
    x.writeCharacters(QString::number(*cores * *sockets));
    x.writeEndElement();

    x.writeStartElement(QStringLiteral("os"));
    if (bios == u"ovmf")
        x.writeAttribute(QStringLiteral("firmware"), QStringLiteral("efi"));
    x.writeStartElement(QStringLiteral("type"));
    x.writeAttribute(QStringLiteral("arch"), QStringLiteral("x86_64"));
    x.writeAttribute(QStringLiteral("machine"), machine);
    x.writeCharacters(QStringLiteral("hvm"));
    x.writeEndElement();
    x.writeEndElement(); // os

    x.writeStartElement(QStringLiteral("features"));
    x.writeEmptyElement(QStringLiteral("acpi"));
    x.writeEmptyElement(QStringLiteral("apic"));
    x.writeEndElement();

    x.writeStartElement(QStringLiteral("cpu"));
    const QStringList *cpuFeatures = nullptr;
    if (cpu.passthrough) {
        x.writeAttribute(QStringLiteral("mode"), QStringLiteral("host-passthrough"));
    } else {
        // Under TCG "host" cannot be honoured: QEMU's own model stands in.
        x.writeAttribute(QStringLiteral("mode"), QStringLiteral("custom"));
        x.writeAttribute(QStringLiteral("match"), QStringLiteral("exact"));
        x.writeStartElement(QStringLiteral("model"));
        x.writeAttribute(QStringLiteral("fallback"), QStringLiteral("allow"));
        x.writeCharacters(cpu.model);
        x.writeEndElement();
        cpuFeatures = proxmoxCpuLevel(cpu.type);
    }
    x.writeEmptyElement(QStringLiteral("topology"));
    x.writeAttribute(QStringLiteral("sockets"), QString::number(*sockets));
    x.writeAttribute(QStringLiteral("dies"), QStringLiteral("1"));
    x.writeAttribute(QStringLiteral("cores"), QString::number(*cores));
    x.writeAttribute(QStringLiteral("threads"), QStringLiteral("1"));
    for (const QString &feature : cpuFeatures ? *cpuFeatures : QStringList()) {
        x.writeEmptyElement(QStringLiteral("feature"));
        x.writeAttribute(QStringLiteral("policy"), QStringLiteral("require"));
        x.writeAttribute(QStringLiteral("name"), feature);
    }
    x.writeEndElement(); // cpu

    x.writeEmptyElement(QStringLiteral("clock"));
    x.writeAttribute(QStringLiteral("offset"),
                     config.value(QStringLiteral("ostype")).startsWith(u'w') ? QStringLiteral("localtime")
                                                                            : QStringLiteral("utc"));
    x.writeTextElement(QStringLiteral("on_poweroff"), QStringLiteral("destroy"));
    x.writeTextElement(QStringLiteral("on_reboot"), QStringLiteral("restart"));
    x.writeTextElement(QStringLiteral("on_crash"), QStringLiteral("destroy"));

    x.writeStartElement(QStringLiteral("devices"));
    x.writeTextElement(QStringLiteral("emulator"), options.emulator);
    for (const Disk &d : std::as_const(disks)) {
        x.writeStartElement(QStringLiteral("disk"));
        const VolumeSource::Kind kind = d.source ? d.source->kind : VolumeSource::Kind::File;
        x.writeAttribute(QStringLiteral("type"), kind == VolumeSource::Kind::Rbd     ? QStringLiteral("network")
                                                 : kind == VolumeSource::Kind::Block ? QStringLiteral("block")
                                                                                     : QStringLiteral("file"));
        x.writeAttribute(QStringLiteral("device"), d.cdrom ? QStringLiteral("cdrom") : QStringLiteral("disk"));
        x.writeEmptyElement(QStringLiteral("driver"));
        x.writeAttribute(QStringLiteral("name"), QStringLiteral("qemu"));
        x.writeAttribute(QStringLiteral("type"), d.source ? d.source->format : QStringLiteral("raw"));
        if (!d.cdrom) {
            x.writeAttribute(QStringLiteral("cache"), d.cache.isEmpty() ? QStringLiteral("none") : d.cache);
            if (d.discard)
                x.writeAttribute(QStringLiteral("discard"), QStringLiteral("unmap"));
        }
        if (d.source) {
            const VolumeSource &s = *d.source;
            if (s.kind == VolumeSource::Kind::Rbd) {
                if (!s.user.isEmpty()) {
                    x.writeStartElement(QStringLiteral("auth"));
                    x.writeAttribute(QStringLiteral("username"), s.user);
                    x.writeEmptyElement(QStringLiteral("secret"));
                    x.writeAttribute(QStringLiteral("type"), QStringLiteral("ceph"));
                    x.writeAttribute(QStringLiteral("uuid"), s.secretUuid);
                    x.writeEndElement();
                }
                x.writeStartElement(QStringLiteral("source"));
                x.writeAttribute(QStringLiteral("protocol"), QStringLiteral("rbd"));
                x.writeAttribute(QStringLiteral("name"), s.path);
                for (const QString &mon : s.monitors) {
                    x.writeEmptyElement(QStringLiteral("host"));
                    x.writeAttribute(QStringLiteral("name"), mon.section(u':', 0, -2));
                    x.writeAttribute(QStringLiteral("port"), mon.section(u':', -1));
                }
                x.writeEndElement();
            } else {
                x.writeEmptyElement(QStringLiteral("source"));
                x.writeAttribute(s.kind == VolumeSource::Kind::Block ? QStringLiteral("dev") : QStringLiteral("file"),
                                 s.path);
            }
        }
        x.writeEmptyElement(QStringLiteral("target"));
        x.writeAttribute(QStringLiteral("dev"),
                         QLatin1String(d.bus->dev) + diskLetters(d.bus->devOffset + d.index));
        x.writeAttribute(QStringLiteral("bus"), QLatin1String(d.bus->bus));
        if (d.cdrom)
            x.writeEmptyElement(QStringLiteral("readonly"));
        if (const int order = bootIndex(d.key); order > 0) {
            x.writeEmptyElement(QStringLiteral("boot"));
            x.writeAttribute(QStringLiteral("order"), QString::number(order));
        }
        x.writeEmptyElement(QStringLiteral("alias"));
        x.writeAttribute(QStringLiteral("name"), QStringLiteral("ua-") + d.key);
        x.writeEndElement(); // disk
    }
    if (std::any_of(disks.cbegin(), disks.cend(), [](const Disk &d) { return QLatin1String(d.bus->bus) == u"scsi"; })) {
        x.writeEmptyElement(QStringLiteral("controller"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("scsi"));
        x.writeAttribute(QStringLiteral("index"), QStringLiteral("0"));
        x.writeAttribute(QStringLiteral("model"), scsihw.startsWith(u"virtio-scsi") ? QStringLiteral("virtio-scsi")
                                                                                   : QStringLiteral("lsilogic"));
    }
    for (const Nic &n : std::as_const(nics)) {
        x.writeStartElement(QStringLiteral("interface"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("bridge"));
        x.writeEmptyElement(QStringLiteral("mac"));
        x.writeAttribute(QStringLiteral("address"), n.mac.toLower());
        x.writeEmptyElement(QStringLiteral("source"));
        x.writeAttribute(QStringLiteral("bridge"), n.bridge);
        x.writeEmptyElement(QStringLiteral("model"));
        x.writeAttribute(QStringLiteral("type"), n.model);
        if (n.linkDown) {
            x.writeEmptyElement(QStringLiteral("link"));
            x.writeAttribute(QStringLiteral("state"), QStringLiteral("down"));
        }
        if (const int order = bootIndex(n.key); order > 0) {
            x.writeEmptyElement(QStringLiteral("boot"));
            x.writeAttribute(QStringLiteral("order"), QString::number(order));
        }
        x.writeEmptyElement(QStringLiteral("alias"));
        x.writeAttribute(QStringLiteral("name"), QStringLiteral("ua-") + n.key);
        x.writeEndElement();
    }
    for (const QString &serial : std::as_const(serials)) {
        x.writeStartElement(QStringLiteral("serial"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("pty"));
        // A copy of the console's output on the node: what the guest said
        // even when nobody was attached (boot messages, panics).
        if (!options.serialLogDir.isEmpty()) {
            x.writeEmptyElement(QStringLiteral("log"));
            x.writeAttribute(QStringLiteral("file"), QStringLiteral("%1/%2-%3.log").arg(options.serialLogDir).arg(vmid).arg(serial));
            x.writeAttribute(QStringLiteral("append"), QStringLiteral("on"));
        }
        x.writeEmptyElement(QStringLiteral("target"));
        x.writeAttribute(QStringLiteral("port"), serial.mid(6));
        x.writeEndElement();
    }
    if (!serials.isEmpty()) {
        x.writeStartElement(QStringLiteral("console"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("pty"));
        x.writeEmptyElement(QStringLiteral("target"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("serial"));
        x.writeAttribute(QStringLiteral("port"), QStringLiteral("0"));
        x.writeEndElement();
    }
    if (config.value(QStringLiteral("agent")).section(u',', 0, 0).remove(QStringLiteral("enabled=")) == u"1") {
        x.writeStartElement(QStringLiteral("channel"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("unix"));
        x.writeEmptyElement(QStringLiteral("target"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("virtio"));
        x.writeAttribute(QStringLiteral("name"), QStringLiteral("org.qemu.guest_agent.0"));
        x.writeEndElement();
    }
    if (vga == u"none" || vga.startsWith(u"serial")) {
        x.writeStartElement(QStringLiteral("video"));
        x.writeEmptyElement(QStringLiteral("model"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("none"));
        x.writeEndElement();
    } else {
        x.writeEmptyElement(QStringLiteral("graphics"));
        x.writeAttribute(QStringLiteral("type"), QStringLiteral("vnc"));
        x.writeAttribute(QStringLiteral("autoport"), QStringLiteral("yes"));
        x.writeAttribute(QStringLiteral("listen"), QStringLiteral("127.0.0.1"));
        x.writeStartElement(QStringLiteral("video"));
        x.writeEmptyElement(QStringLiteral("model"));
        x.writeAttribute(QStringLiteral("type"), vga == u"qxl" ? QStringLiteral("qxl")
                                                 : vga == u"virtio" ? QStringLiteral("virtio")
                                                                    : QStringLiteral("vga"));
        x.writeEndElement();
    }
    x.writeEmptyElement(QStringLiteral("memballoon"));
    x.writeAttribute(QStringLiteral("model"), QStringLiteral("virtio"));
    x.writeEndElement(); // devices
    x.writeEndElement(); // domain
    x.writeEndDocument();
    out.xml = out.xml.trimmed() + '\n'; // the writer starts with a line break
    return out;
}

} // namespace atalaia::virt
