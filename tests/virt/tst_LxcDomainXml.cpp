// Container config -> libvirt lxc domain: golden files (tests/data/virt/lxc/
// NAME.conf -> NAME.xml; ATALAIA_REGENERATE=1 rewrites them) that libvirt's
// own schema accepts (virt-xml-validate), and the refusals, each naming its key.
#include "config/GuestConfigFile.h"
#include "virt/LxcDomainXml.h"

#include "DomainGolden.h"
#include "GoldenCorpus.h"
#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace atalaia;
using namespace Qt::StringLiterals;

namespace {

// The storages of the golden cases: a directory storage (raw images and
// subvol directories), LVM, and a Ceph RBD pool.
class TableStorage final : public virt::StorageResolver
{
public:
    Result<virt::VolumeSource> resolve(const QString &volid) const override
    {
        const QString storage = volid.section(u':', 0, 0), volume = volid.section(u':', 1);
        virt::VolumeSource s;
        if (storage == u"local") {
            if (volume.startsWith(u"subvol-")) {
                s.kind = virt::VolumeSource::Kind::Directory;
                s.path = u"/var/lib/vz/images/"_s + volume.section(u'-', 1, 1) + u'/' + volume;
            } else {
                s.kind = virt::VolumeSource::Kind::File;
                s.path = u"/var/lib/vz/images/"_s + volume;
                s.format = volume.endsWith(u".qcow2") ? u"qcow2"_s : u"raw"_s;
            }
            return s;
        }
        if (storage == u"lvm") {
            s.kind = virt::VolumeSource::Kind::Block;
            s.path = u"/dev/pve/"_s + volume;
            return s;
        }
        if (storage == u"ceph-ct") {
            s.kind = virt::VolumeSource::Kind::Rbd;
            s.path = u"ct-pool/"_s + volume;
            return s;
        }
        return fail(Code::NotFound, u"storage '%1' does not exist"_s.arg(storage));
    }
};

QMap<QString, QString> mainSection(const QByteArray &text)
{
    const auto conf = config::GuestConfigFile::parse(text, u"test.conf"_s, config::GuestConfigFile::Kind::Lxc);
    QMap<QString, QString> map;
    for (const auto &e : conf.sections().first().entries)
        map.insert(e.keyString(), e.valueString());
    return map;
}

const QMap<QString, QString> kMinimal{{u"rootfs"_s, u"local:subvol-100-disk-0,size=8G"_s}};

} // namespace

class tst_LxcDomainXml : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void refusals_data();
    void refusals();
    void derivedValuesAreStable();
    void ignoredKeys();
    void consoles_data();
    void consoles();
};

void tst_LxcDomainXml::golden_data()
{
    test::addDomainGoldenRows(u"lxc"_s);
}

void tst_LxcDomainXml::golden()
{
    QFETCH(QString, name);
    const QString base = test::domainGoldenBase(u"lxc"_s, name);
    const auto domain = virt::lxcDomainXml(100, mainSection(test::readFile(base + u".conf"_s)), TableStorage());
    VERIFY_OK(domain);
    test::checkDomainGolden(base, domain->xml);
}

void tst_LxcDomainXml::refusals_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown storage") << u"mp0"_s << u"nfs:vm-100-disk-1,mp=/data"_s << u"mp0: storage 'nfs'"_s;
    QTest::newRow("qcow2 image") << u"mp0"_s << u"local:100/vm-100-disk-1.qcow2,mp=/data"_s << u"raw"_s;
    QTest::newRow("rbd") << u"mp0"_s << u"ceph-ct:vm-100-disk-1,mp=/data"_s << u"mp0: a container needs a block"_s;
    QTest::newRow("mount point missing") << u"mp0"_s << u"lvm:vm-100-disk-1"_s << u"mp0"_s;
    QTest::newRow("relative mount point") << u"mp0"_s << u"lvm:vm-100-disk-1,mp=data"_s << u"mp0"_s;
    QTest::newRow("nic without name") << u"net0"_s << u"bridge=vmbr0"_s << u"net0"_s;
    QTest::newRow("nic without bridge") << u"net0"_s << u"name=eth0"_s << u"no bridge"_s;
    QTest::newRow("bad mac") << u"net0"_s << u"name=eth0,bridge=vmbr0,hwaddr=zz"_s << u"net0"_s;
    QTest::newRow("vlan tag") << u"net0"_s << u"name=eth0,bridge=vmbr0,tag=5"_s << u"net0: VLAN"_s;
    QTest::newRow("memory") << u"memory"_s << u"lots"_s << u"memory:"_s;
    QTest::newRow("arch") << u"arch"_s << u"arm64"_s << u"arch: 'arm64'"_s;
    QTest::newRow("raw lxc key") << u"lxc.apparmor.profile"_s << u"unconfined"_s << u"lxc.apparmor.profile: raw"_s;
    QTest::newRow("device") << u"dev0"_s << u"/dev/ttyUSB0"_s << u"dev0: not supported"_s;
    QTest::newRow("hookscript") << u"hookscript"_s << u"local:snippets/hook.pl"_s << u"hookscript"_s;
    QTest::newRow("unknown key") << u"bogus"_s << u"1"_s << u"bogus: not a container config key"_s;
}

void tst_LxcDomainXml::refusals()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, says);
    QMap<QString, QString> conf = kMinimal;
    conf.insert(key, value);
    const auto domain = virt::lxcDomainXml(100, conf, TableStorage());
    VERIFY_FAILS(domain, Code::InvalidArgument);
    QVERIFY2(domain.error().message.contains(says), qPrintable(domain.error().message));

    // A root file system is required, and must be a volume the container can
    // mount itself.
    const auto none = virt::lxcDomainXml(100, {{u"memory"_s, u"512"_s}}, TableStorage());
    VERIFY_FAILS(none, Code::InvalidArgument);
    QVERIFY(none.error().message.startsWith(u"rootfs:"));
    const auto image = virt::lxcDomainXml(
        100, {{u"rootfs"_s, u"local:100/vm-100-disk-0.raw"_s}, {u"unprivileged"_s, u"1"_s}}, TableStorage());
    VERIFY_FAILS(image, Code::InvalidArgument);
    QVERIFY2(image.error().message.contains(u"mount it on the host"), qPrintable(image.error().message));
}

void tst_LxcDomainXml::derivedValuesAreStable()
{
    // Without hwaddr the MAC derives from the VMID and the key, the UUID from
    // the VMID: the same on every node and every start.
    QMap<QString, QString> conf = kMinimal;
    conf.insert(u"net0"_s, u"name=eth0,bridge=vmbr0"_s);
    const auto a = virt::lxcDomainXml(105, conf, TableStorage());
    const auto b = virt::lxcDomainXml(105, conf, TableStorage());
    const auto c = virt::lxcDomainXml(106, conf, TableStorage());
    VERIFY_OK(a);
    VERIFY_OK(c);
    QCOMPARE(a->xml, b->xml);
    QVERIFY(a->xml != c->xml);
    QVERIFY(a->xml.contains("<mac address=\"bc:24:11:"));
    QVERIFY(a->xml.contains("<target dev=\"veth105i0\"/>"));
    QVERIFY(a->xml.contains("<guest dev=\"eth0\"/>"));
    QVERIFY(!a->xml.contains("<privnet/>"));
}

void tst_LxcDomainXml::ignoredKeys()
{
    QMap<QString, QString> conf = kMinimal;
    conf.insert(u"onboot"_s, u"1"_s);
    conf.insert(u"features"_s, u"nesting=1"_s);
    conf.insert(u"hostname"_s, u"ct1"_s); // applied by the rootfs setup
    conf.insert(u"net0"_s, u"name=eth0,bridge=vmbr0,firewall=1,ip=dhcp"_s);
    conf.insert(u"rootfs"_s, u"local:subvol-100-disk-0,size=8G,quota=1"_s);
    const auto d = virt::lxcDomainXml(100, conf, TableStorage());
    VERIFY_OK(d);
    QCOMPARE(d->ignoredKeys, (QStringList{u"features"_s, u"net0.firewall"_s, u"onboot"_s, u"rootfs.quota"_s}));

    virt::LxcDomainOptions noSwap;
    noSwap.swapLimit = false;
    const auto e = virt::lxcDomainXml(100, kMinimal, TableStorage(), noSwap);
    VERIFY_OK(e);
    QVERIFY(!e->xml.contains("swap_hard_limit"));
}

void tst_LxcDomainXml::consoles_data()
{
    QTest::addColumn<QString>("console");
    QTest::addColumn<QString>("tty");
    QTest::addColumn<int>("count");
    QTest::newRow("defaults") << QString() << QString() << 2;
    QTest::newRow("console only") << u"1"_s << u"0"_s << 1;
    QTest::newRow("nothing") << u"0"_s << u"0"_s << 0;
    QTest::newRow("six ttys") << u"1"_s << u"6"_s << 6;
}

void tst_LxcDomainXml::consoles()
{
    QFETCH(QString, console);
    QFETCH(QString, tty);
    QFETCH(int, count);
    QMap<QString, QString> conf = kMinimal;
    if (!console.isEmpty())
        conf.insert(u"console"_s, console);
    if (!tty.isEmpty())
        conf.insert(u"tty"_s, tty);
    const auto d = virt::lxcDomainXml(100, conf, TableStorage());
    VERIFY_OK(d);
    QCOMPARE(int(d->xml.count("<console type=\"pty\">")), count);
}

QTEST_GUILESS_MAIN(tst_LxcDomainXml)
#include "tst_LxcDomainXml.moc"
