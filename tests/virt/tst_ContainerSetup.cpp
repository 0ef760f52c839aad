// The texts Proxmox's container setup writes (/etc/hostname, /etc/hosts,
// /etc/resolv.conf, /etc/network/interfaces, root's /etc/shadow line), from a
// container config: pure functions, no file system.
#include "virt/ContainerSetup.h"

#include "ResultChecks.h"

#include <QTest>

#include <crypt.h>

#include <memory>

using namespace atalaia;
using namespace Qt::StringLiterals;

namespace {

virt::ContainerSetup setupFor(const QMap<QString, QString> &config)
{
    auto s = virt::ContainerSetup::fromConfig(config);
    if (!s)
        qFatal("bad setup: %s", qPrintable(s.error().message));
    return *s;
}

} // namespace

class tst_ContainerSetup : public QObject
{
    Q_OBJECT

private slots:
    void fromConfig();
    void refusals_data();
    void refusals();
    void hosts_data();
    void hosts();
    void resolv();
    void interfacesReplaceOnlyManagedStanzas();
    void interfacesWithoutLoopback();
    void shadow();
    void passwordHash();
};

void tst_ContainerSetup::fromConfig()
{
    const auto s = setupFor({{u"hostname"_s, u"web.example.org"_s},
                             {u"nameserver"_s, u"10.0.0.1 10.0.0.2"_s},
                             {u"searchdomain"_s, u"example.org"_s},
                             {u"net1"_s, u"name=eth1,bridge=vmbr1,ip6=auto"_s},
                             {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=10.0.0.5/24,gw=10.0.0.1,mtu=1450"_s}});
    QCOMPARE(s.shortHostname(), u"web"_s);
    QCOMPARE(s.nameservers, (QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s}));
    QCOMPARE(s.nics.size(), 2);
    QCOMPARE(s.nics[0].name, u"eth0"_s);
    QCOMPARE(s.nics[0].mtu, 1450);
    QCOMPARE(s.primaryAddress(), u"10.0.0.5"_s);
    QCOMPARE(virt::hostnameFile(s), QByteArray("web\n"));
    QCOMPARE(setupFor({}).hostname, u"localhost"_s);
}

void tst_ContainerSetup::refusals_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("says");
    QTest::newRow("gateway without address") << u"net0"_s << u"name=eth0,bridge=vmbr0,ip=dhcp,gw=10.0.0.1"_s
                                             << u"net0: gw needs"_s;
    QTest::newRow("no name") << u"net0"_s << u"bridge=vmbr0,ip=dhcp"_s << u"net0"_s;
    QTest::newRow("bad address") << u"net0"_s << u"name=eth0,ip=10.0.0.300/24"_s << u"net0"_s;
    QTest::newRow("bad gateway") << u"net0"_s << u"name=eth0,ip=10.0.0.3/24,gw=10.0.0"_s << u"net0"_s;
    QTest::newRow("bad prefix") << u"net0"_s << u"name=eth0,ip6=fd00::3/129"_s << u"net0"_s;
    QTest::newRow("bad hostname") << u"hostname"_s << u"not a name!"_s << u"hostname"_s;
}

void tst_ContainerSetup::refusals()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, says);
    const auto s = virt::ContainerSetup::fromConfig({{key, value}});
    VERIFY_FAILS(s, Code::InvalidArgument);
    QVERIFY2(s.error().message.startsWith(says), qPrintable(s.error().message));
}

void tst_ContainerSetup::hosts_data()
{
    QTest::addColumn<QByteArray>("old");
    QTest::addColumn<QString>("oldName");
    QTest::addColumn<QString>("config"); // net0 of the container, if any
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("template") << QByteArray("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n") << u"localhost"_s
                              << QString() << QByteArray("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n"
                                                         "127.0.1.1\tct\n");
    QTest::newRow("renamed") << QByteArray("# mine\n127.0.0.1 localhost\n127.0.1.1 old\n10.1.1.1 other\n")
                             << u"old"_s << QString()
                             << QByteArray("# mine\n127.0.0.1 localhost\n127.0.1.1\tct\n10.1.1.1 other\n");
    QTest::newRow("static address") << QByteArray("127.0.0.1 localhost\n127.0.1.1 ct\n") << u"ct"_s
                                    << u"name=eth0,ip=10.0.0.7/24"_s
                                    << QByteArray("127.0.0.1 localhost\n10.0.0.7\tct.lab ct\n");
    QTest::newRow("empty") << QByteArray() << u"localhost"_s << QString()
                           << QByteArray("127.0.0.1\tlocalhost\n127.0.1.1\tct\n");
}

void tst_ContainerSetup::hosts()
{
    QFETCH(QByteArray, old);
    QFETCH(QString, oldName);
    QFETCH(QString, config);
    QFETCH(QByteArray, expected);
    QMap<QString, QString> conf{{u"hostname"_s, u"ct"_s}};
    if (!config.isEmpty()) {
        conf.insert(u"net0"_s, config);
        conf.insert(u"searchdomain"_s, u"lab"_s);
    }
    QCOMPARE(virt::hostsFile(old, oldName, setupFor(conf)), expected);
}

void tst_ContainerSetup::resolv()
{
    QCOMPARE(virt::resolvConf(setupFor({})), QByteArray()); // left alone
    QCOMPARE(virt::resolvConf(setupFor({{u"nameserver"_s, u"10.0.0.1,fd00::1"_s}})),
             QByteArray("nameserver 10.0.0.1\nnameserver fd00::1\n"));
}

void tst_ContainerSetup::interfacesReplaceOnlyManagedStanzas()
{
    const QByteArray old = "auto lo\niface lo inet loopback\n\n"
                           "allow-hotplug eth0 eth9\niface eth0 inet static\n\taddress 192.168.1.2/24\n"
                           "\tup echo old\n\n"
                           "auto eth9\niface eth9 inet manual\n";
    const auto s = setupFor({{u"net0"_s, u"name=eth0,bridge=vmbr0,ip=dhcp,ip6=auto"_s},
                             {u"net1"_s, u"name=eth1,bridge=vmbr0"_s}}); // no address: not managed
    QCOMPARE(virt::interfacesFile(old, s), QByteArray("auto lo\niface lo inet loopback\n\n"
                                                      "allow-hotplug eth9\n\n"
                                                      "auto eth9\niface eth9 inet manual\n\n"
                                                      "auto eth0\niface eth0 inet dhcp\n\n"
                                                      "iface eth0 inet6 auto\n"));
}

void tst_ContainerSetup::interfacesWithoutLoopback()
{
    const auto s = setupFor({{u"net0"_s, u"name=eth0,bridge=vmbr0,ip=manual"_s}});
    QCOMPARE(virt::interfacesFile(QByteArray(), s),
             QByteArray("auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet manual\n"));
}

void tst_ContainerSetup::shadow()
{
    const auto updated = virt::shadowWithRootHash("daemon:*:1:0:99999:7:::\nroot:*:20000:0:99999:7:::\n", "$6$s$h", 20500);
    VERIFY_OK(updated);
    QCOMPARE(*updated, QByteArray("daemon:*:1:0:99999:7:::\nroot:$6$s$h:20500:0:99999:7:::\n"));
    VERIFY_FAILS(virt::shadowWithRootHash("daemon:*:1::::::\n", "$6$s$h", 1), Code::NotFound);
    VERIFY_FAILS(virt::shadowWithRootHash("root:*:1::::::\n", "a:b", 1), Code::InvalidArgument);
}

void tst_ContainerSetup::passwordHash()
{
    const auto hash = virt::rootPasswordHash("s3cret");
    VERIFY_OK(hash);
    QVERIFY(hash->startsWith("$6$"));
    auto state = std::make_unique<crypt_data>();
    QCOMPARE(QByteArray(crypt_r("s3cret", hash->constData(), state.get())), *hash);
    QCOMPARE(*virt::rootPasswordHash("$y$already$hashed"), QByteArray("$y$already$hashed")); // as Proxmox takes it
    VERIFY_FAILS(virt::rootPasswordHash(QByteArray()), Code::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_ContainerSetup)
#include "tst_ContainerSetup.moc"
