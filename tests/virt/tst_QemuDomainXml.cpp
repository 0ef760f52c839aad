// VM config -> libvirt domain: golden files (tests/data/virt/qemu/NAME.conf ->
// NAME.xml; ATALAIA_REGENERATE=1 rewrites them) that libvirt's own schema
// accepts (virt-xml-validate), and the refusals, each naming its key.
#include "config/GuestConfigFile.h"
#include "virt/QemuDomainXml.h"

#include "DomainGolden.h"
#include "GoldenCorpus.h"
#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace atalaia;
using namespace Qt::StringLiterals;

namespace {

// The storages of the golden cases: a directory, LVM, and a Ceph RBD pool.
class TableStorage final : public virt::StorageResolver
{
public:
    Result<virt::VolumeSource> resolve(const QString &volid) const override
    {
        const QString storage = volid.section(u':', 0, 0), volume = volid.section(u':', 1);
        if (storage == u"local") {
            const bool image = volume.contains(u'/') && !volume.startsWith(u"iso/");
            virt::VolumeSource s{virt::VolumeSource::Kind::File,
                                 (image ? u"/var/lib/vz/images/"_s : u"/var/lib/vz/template/"_s) + volume,
                                 volume.endsWith(u".qcow2") ? u"qcow2"_s : u"raw"_s, {}, {}, {}};
            return s;
        }
        if (storage == u"lvm")
            return virt::VolumeSource{virt::VolumeSource::Kind::Block, u"/dev/pve/"_s + volume, u"raw"_s, {}, {}, {}};
        if (storage == u"ceph-vm")
            return virt::VolumeSource{virt::VolumeSource::Kind::Rbd, u"vm-pool/"_s + volume, u"raw"_s,
                                      {u"10.77.0.1:6789"_s, u"10.77.0.2:6789"_s}, u"admin"_s,
                                      u"3c1d4a8e-2b6f-4c7d-9e0a-1b2c3d4e5f60"_s};
        return fail(Code::NotFound, u"storage '%1' does not exist"_s.arg(storage));
    }
};

QMap<QString, QString> mainSection(const QByteArray &text)
{
    const auto conf = config::GuestConfigFile::parse(text, u"test.conf"_s, config::GuestConfigFile::Kind::Qemu);
    QMap<QString, QString> map;
    for (const auto &e : conf.sections().first().entries)
        map.insert(e.keyString(), e.valueString());
    return map;
}

} // namespace

class tst_QemuDomainXml : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void refusals_data();
    void refusals();
    void derivedValuesAreStable();
};

void tst_QemuDomainXml::golden_data()
{
    test::addDomainGoldenRows(u"qemu"_s);
}

void tst_QemuDomainXml::golden()
{
    QFETCH(QString, name);
    const QString base = test::domainGoldenBase(u"qemu"_s, name);
    const auto domain = virt::qemuDomainXml(100, mainSection(test::readFile(base + u".conf"_s)), TableStorage());
    VERIFY_OK(domain);
    test::checkDomainGolden(base, domain->xml);
}

void tst_QemuDomainXml::refusals_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown storage") << u"scsi0"_s << u"nfs:vm-100-disk-0"_s << u"scsi0: storage 'nfs'"_s;
    QTest::newRow("none on a disk") << u"scsi0"_s << u"none"_s << u"only for a CD/DVD"_s;
    QTest::newRow("host cdrom") << u"ide2"_s << u"cdrom,media=cdrom"_s << u"physical"_s;
    QTest::newRow("nic without model") << u"net0"_s << u"bridge=vmbr0"_s << u"no NIC model"_s;
    QTest::newRow("nic without bridge") << u"net0"_s << u"virtio=BC:24:11:00:00:01"_s << u"no bridge"_s;
    QTest::newRow("bad mac") << u"net0"_s << u"virtio=zz,bridge=vmbr0"_s << u"not a MAC"_s;
    QTest::newRow("memory") << u"memory"_s << u"lots"_s << u"memory: 'lots'"_s;
    QTest::newRow("legacy boot") << u"boot"_s << u"cdn"_s << u"order="_s;
    QTest::newRow("boot of nothing") << u"boot"_s << u"order=scsi5"_s << u"'scsi5'"_s;
    QTest::newRow("machine") << u"machine"_s << u"virt"_s << u"machine: 'virt'"_s;
    QTest::newRow("serial") << u"serial0"_s << u"/dev/ttyS0"_s << u"socket"_s;
}

void tst_QemuDomainXml::refusals()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, says);
    const auto domain = virt::qemuDomainXml(100, {{u"memory"_s, u"512"_s}, {key, value}}, TableStorage());
    VERIFY_FAILS(domain, Code::InvalidArgument);
    QVERIFY2(domain.error().message.contains(says), qPrintable(domain.error().message));
}

void tst_QemuDomainXml::derivedValuesAreStable()
{
    // Without smbios1 or a MAC, the UUID and MAC derive from the VMID: the
    // same on every node and every start (migration needs that).
    const QMap<QString, QString> conf{{u"net0"_s, u"virtio,bridge=vmbr0"_s}};
    const auto a = virt::qemuDomainXml(105, conf, TableStorage());
    const auto b = virt::qemuDomainXml(105, conf, TableStorage());
    const auto c = virt::qemuDomainXml(106, conf, TableStorage());
    VERIFY_OK(a);
    QCOMPARE(a->xml, b->xml);
    QVERIFY(a->xml != c->xml);
    QVERIFY(a->xml.contains("<mac address=\"bc:24:11:"));
    QCOMPARE(a->ignoredKeys, QStringList());
    const auto d = virt::qemuDomainXml(105, {{u"onboot"_s, u"1"_s}, {u"numa"_s, u"0"_s}}, TableStorage());
    VERIFY_OK(d);
    QCOMPARE(d->ignoredKeys, (QStringList{u"numa"_s, u"onboot"_s}));
}

QTEST_GUILESS_MAIN(tst_QemuDomainXml)
#include "tst_QemuDomainXml.moc"
