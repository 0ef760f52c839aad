// A container's root file system from a template, with the real tools (tar,
// zstd, mkfs.ext4, debugfs) on a small template made here: ext4 images and
// directories, owners shifted for unprivileged containers, root's password and
// SSH keys, the per-start setup on a stopped image, and the failures that must
// leave nothing behind.
#include "virt/ContainerRootfs.h"

#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <crypt.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <functional>
#include <memory>

using namespace atalaia;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QString tool(const QString &name)
{
    QString p = QStandardPaths::findExecutable(name);
    if (p.isEmpty())
        p = QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/sbin"_s});
    return p;
}

QByteArray run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(tool(program), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

QByteArray debugfsCat(const QString &image, const QString &path)
{
    return run(u"debugfs"_s, {u"-R"_s, u"cat "_s + path, image});
}

// "mode uid gid" of PATH in IMAGE, as debugfs reports them.
struct Inode {
    unsigned mode = 0, uid = 0, gid = 0;
    bool exists = false;
};
Inode debugfsStat(const QString &image, const QString &path)
{
    const QString out = QString::fromUtf8(run(u"debugfs"_s, {u"-R"_s, u"stat "_s + path, image}));
    static const QRegularExpression mode(u"Mode:\\s+([0-7]+)"_s), owner(u"User:\\s+(\\d+)\\s+Group:\\s+(\\d+)"_s);
    const auto m = mode.match(out), o = owner.match(out);
    if (!m.hasMatch() || !o.hasMatch())
        return {};
    return {m.captured(1).toUInt(nullptr, 8), o.captured(1).toUInt(), o.captured(2).toUInt(), true};
}

bool writeFile(const QString &path, const QByteArray &data, unsigned mode = 0644)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    f.close();
    return chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// cap_net_raw as a version 2 security.capability (what setcap writes on the
// host): permitted and effective.
bool setCapNetRaw(const QString &path)
{
    const quint32 caps[5] = {0x02000001, 1u << 13, 0, 0, 0};
    return lsetxattr(QFile::encodeName(path).constData(), "security.capability", caps, sizeof caps, 0) == 0;
}

bool hasCapability(const QString &image, const QString &path)
{
    return run(u"debugfs"_s, {u"-R"_s, u"ea_list "_s + path, image}).contains("security.capability");
}

bool passwordMatches(const QByteArray &password, const QByteArray &hash)
{
    auto state = std::make_unique<crypt_data>();
    const char *out = crypt_r(password.constData(), hash.constData(), state.get());
    return out && hash == out;
}

QByteArray rootShadowHash(const QByteArray &shadow)
{
    for (const QByteArray &line : shadow.split('\n'))
        if (line.startsWith("root:"))
            return line.split(':').value(1);
    return {};
}

virt::ContainerSetup setupFor(const QMap<QString, QString> &config)
{
    auto s = virt::ContainerSetup::fromConfig(config);
    if (!s)
        qFatal("bad setup: %s", qPrintable(s.error().message));
    return *s;
}

} // namespace

class tst_ContainerRootfs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void privilegedImage();
    void unprivilegedImage();
    void unprivilegedDirectory();
    void setupBeforeStart();
    void failuresLeaveNothing_data();
    void failuresLeaveNothing();
    void existingTargetIsKept();
    void bundledDebianTemplate();

private:
    QString makeTemplate(const QString &name, const std::function<bool(const QString &)> &extra = {});
    virt::ContainerRootfsRequest imageRequest(const QString &name, bool unprivileged) const;

    QTemporaryDir m_dir;
    QString m_template;
};

QString tst_ContainerRootfs::makeTemplate(const QString &name, const std::function<bool(const QString &)> &extra)
{
    const QString tree = m_dir.filePath(name + u"-tree"_s);
    const bool ok =
        writeFile(tree + u"/etc/os-release"_s,
                  "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\n"
                  "VERSION_CODENAME=trixie\nID=debian\n")
        && writeFile(tree + u"/etc/debian_version"_s, "13.0\n") && writeFile(tree + u"/etc/hostname"_s, "localhost\n")
        && writeFile(tree + u"/etc/hosts"_s, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        && writeFile(tree + u"/etc/shadow"_s, "root:*:20000:0:99999:7:::\ndaemon:*:20000:0:99999:7:::\n", 0640)
        && writeFile(tree + u"/etc/passwd"_s, "root:x:0:0:root:/root:/bin/bash\n")
        && writeFile(tree + u"/etc/network/interfaces"_s,
                     "# interfaces(5)\nsource /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n")
        && writeFile(tree + u"/usr/bin/ping"_s, "#!/bin/sh\n", 04755)
        && writeFile(tree + u"/home/user/notes"_s, "mine\n", 0600) && writeFile(tree + u"/dev/marker"_s, "x")
        && QDir().mkpath(tree + u"/root"_s)
        && chown(QFile::encodeName(tree + u"/home/user/notes"_s).constData(), 1000, 1000) == 0
        && link(QFile::encodeName(tree + u"/usr/bin/ping"_s).constData(),
                QFile::encodeName(tree + u"/usr/bin/ping-link"_s).constData())
               == 0
        && setCapNetRaw(tree + u"/usr/bin/ping"_s)
        && symlink("../usr/bin/ping", QFile::encodeName(tree + u"/etc/pinger"_s).constData()) == 0
        && (!extra || extra(tree));
    if (!ok)
        return {};
    const QString tarball = m_dir.filePath(name);
    QProcess tar;
    tar.start(tool(u"tar"_s), {u"--create"_s, u"--auto-compress"_s, u"--numeric-owner"_s, u"--xattrs"_s,
                               u"--xattrs-include=security.capability"_s, u"--file"_s, tarball,
                               u"--directory"_s, tree, u"."_s});
    if (!tar.waitForFinished(60000) || tar.exitCode() != 0)
        return {};
    return tarball;
}

virt::ContainerRootfsRequest tst_ContainerRootfs::imageRequest(const QString &name, bool unprivileged) const
{
    virt::ContainerRootfsRequest r;
    r.templatePath = m_template;
    r.target.kind = virt::VolumeSource::Kind::File;
    r.target.path = m_dir.filePath(name);
    r.sizeBytes = 64 * kMiB;
    r.unprivileged = unprivileged;
    return r;
}

void tst_ContainerRootfs::initTestCase()
{
    for (const char *t : {"tar", "zstd", "mkfs.ext4", "debugfs"})
        if (tool(QLatin1String(t)).isEmpty())
            QSKIP(qPrintable(u"%1 is not installed"_s.arg(QLatin1String(t))));
    if (geteuid() != 0)
        QSKIP("making container root file systems keeps the template's owners: run as root (tools/devroot)");
    QVERIFY(m_dir.isValid());
    if (qEnvironmentVariableIsSet("ATALAIA_KEEP_TEST_DIR")) { // to look at the images afterwards
        m_dir.setAutoRemove(false);
        qInfo("images in %s", qPrintable(m_dir.path()));
    }
    m_template = makeTemplate(u"debian-13-test_13.0-1_amd64.tar.zst"_s);
    QVERIFY(!m_template.isEmpty());
}

void tst_ContainerRootfs::privilegedImage()
{
    virt::ContainerRootfsRequest r = imageRequest(u"vm-100-disk-0.raw"_s, false);
    r.rootPassword = "correct horse";
    r.sshPublicKeys = {u"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample one@host"_s};
    QList<int> progress;
    virt::TaskHooks hooks;
    hooks.progress = [&](int percent, const QString &) { progress << percent; };
    VERIFY_OK(virt::createContainerRootfs(
        r, setupFor({{u"hostname"_s, u"ct1"_s}, {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=dhcp"_s}}), hooks));
    QCOMPARE(progress.last(), 100);
    QCOMPARE(QFileInfo(r.target.path).size(), 64 * kMiB);

    const QString image = r.target.path;
    QCOMPARE(debugfsCat(image, u"/etc/hostname"_s), QByteArray("ct1\n"));
    QVERIFY(debugfsCat(image, u"/etc/hosts"_s).contains("127.0.1.1\tct1\n"));
    QVERIFY(debugfsCat(image, u"/etc/hosts"_s).contains("127.0.0.1\tlocalhost\n"));
    const QByteArray interfaces = debugfsCat(image, u"/etc/network/interfaces"_s);
    QVERIFY2(interfaces.contains("auto eth0\niface eth0 inet dhcp\n"), interfaces.constData());
    QVERIFY(interfaces.contains("source /etc/network/interfaces.d/*\n"));
    QVERIFY(interfaces.contains("iface lo inet loopback\n"));

    const QByteArray hash = rootShadowHash(debugfsCat(image, u"/etc/shadow"_s));
    QVERIFY2(hash.startsWith("$6$"), hash.constData());
    QVERIFY(passwordMatches("correct horse", hash));
    QVERIFY(!passwordMatches("wrong", hash));
    QCOMPARE(debugfsStat(image, u"/etc/shadow"_s).mode, 0640u);
    QCOMPARE(debugfsCat(image, u"/root/.ssh/authorized_keys"_s),
             QByteArray("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample one@host\n"));
    QCOMPARE(debugfsStat(image, u"/root/.ssh/authorized_keys"_s).mode, 0600u);
    QCOMPARE(debugfsStat(image, u"/root/.ssh"_s).mode, 0700u);

    const Inode ping = debugfsStat(image, u"/usr/bin/ping"_s);
    QCOMPARE(ping.mode, 04755u);
    QCOMPARE(ping.uid, 0u);
    QVERIFY(hasCapability(image, u"/usr/bin/ping"_s));
    QCOMPARE(debugfsStat(image, u"/home/user/notes"_s).uid, 1000u);
    QVERIFY(!debugfsStat(image, u"/dev/marker"_s).exists); // libvirt populates /dev
    QCOMPARE(debugfsStat(image, u"/"_s).mode, 0755u);

    // The file system is consistent.
    QProcess fsck;
    fsck.start(tool(u"e2fsck"_s), {u"-fn"_s, image});
    QVERIFY(fsck.waitForFinished(60000));
    QVERIFY2(fsck.exitCode() == 0, fsck.readAll().constData());
}

void tst_ContainerRootfs::unprivilegedImage()
{
    virt::ContainerRootfsRequest r = imageRequest(u"vm-101-disk-0.raw"_s, true);
    r.sshPublicKeys = {u"ssh-rsa AAAAB3Nza two@host"_s};
    VERIFY_OK(virt::createContainerRootfs(r, setupFor({{u"hostname"_s, u"ct2"_s}})));
    const QString image = r.target.path;
    const Inode hostname = debugfsStat(image, u"/etc/hostname"_s);
    QCOMPARE(hostname.uid, 100000u);
    QCOMPARE(hostname.gid, 100000u);
    const Inode ping = debugfsStat(image, u"/usr/bin/ping"_s);
    QCOMPARE(ping.uid, 100000u);
    QCOMPARE(ping.mode, 04755u); // setuid survives the chown
    QVERIFY(hasCapability(image, u"/usr/bin/ping"_s)); // and so do file capabilities
    QCOMPARE(debugfsStat(image, u"/home/user/notes"_s).uid, 101000u);
    QCOMPARE(debugfsStat(image, u"/home/user/notes"_s).gid, 101000u);
    QCOMPARE(debugfsStat(image, u"/root/.ssh/authorized_keys"_s).uid, 100000u);
    QCOMPARE(debugfsStat(image, u"/root/.ssh"_s).uid, 100000u);
    QCOMPARE(debugfsStat(image, u"/"_s).uid, 100000u);
    QCOMPARE(rootShadowHash(debugfsCat(image, u"/etc/shadow"_s)), QByteArray("*")); // no password given
}

void tst_ContainerRootfs::unprivilegedDirectory()
{
    virt::ContainerRootfsRequest r;
    r.templatePath = m_template;
    r.target.kind = virt::VolumeSource::Kind::Directory;
    r.target.path = m_dir.filePath(u"subvol-102-disk-0"_s);
    QVERIFY(QDir().mkpath(r.target.path)); // storages make it empty beforehand
    r.unprivileged = true;
    VERIFY_OK(virt::createContainerRootfs(
        r, setupFor({{u"hostname"_s, u"web.example.org"_s},
                     {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=10.77.0.5/24,gw=10.77.0.1,ip6=fd00::5/64,gw6=fd00::1"_s}})));
    struct stat st{};
    QCOMPARE(lstat(QFile::encodeName(r.target.path + u"/home/user/notes"_s).constData(), &st), 0);
    QCOMPARE(st.st_uid, uid_t(101000));
    QCOMPARE(lstat(QFile::encodeName(r.target.path + u"/etc/pinger"_s).constData(), &st), 0);
    QVERIFY(S_ISLNK(st.st_mode));
    QCOMPARE(st.st_uid, uid_t(100000));
    QCOMPARE(lstat(QFile::encodeName(r.target.path + u"/usr/bin/ping"_s).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(04755));
    QCOMPARE(st.st_nlink, nlink_t(2));
    QCOMPARE(st.st_uid, uid_t(100000)); // a hard link is shifted once

    QFile interfaces(r.target.path + u"/etc/network/interfaces"_s);
    QVERIFY(interfaces.open(QIODevice::ReadOnly));
    const QByteArray text = interfaces.readAll();
    QVERIFY2(text.contains("auto eth0\niface eth0 inet static\n\taddress 10.77.0.5/24\n\tgateway 10.77.0.1\n"),
             text.constData());
    QVERIFY2(text.contains("iface eth0 inet6 static\n\taddress fd00::5/64\n\tgateway fd00::1\n"), text.constData());
    QFile hosts(r.target.path + u"/etc/hosts"_s);
    QVERIFY(hosts.open(QIODevice::ReadOnly));
    QVERIFY(hosts.readAll().contains("10.77.0.5\tweb.example.org web\n"));
    QVERIFY(QDir(m_dir.path()).entryList({u".atalaia-rootfs-*"_s}, QDir::AllEntries | QDir::Hidden).isEmpty());
}

void tst_ContainerRootfs::setupBeforeStart()
{
    // Created once, then set up again before a start with a changed config.
    virt::ContainerRootfsRequest r = imageRequest(u"vm-103-disk-0.raw"_s, true);
    VERIFY_OK(virt::createContainerRootfs(r, setupFor({{u"hostname"_s, u"old"_s},
                                                        {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=dhcp"_s}})));
    const QString image = r.target.path;
    VERIFY_OK(virt::setupContainerRootfs(
        r.target, true,
        setupFor({{u"hostname"_s, u"new"_s},
                  {u"nameserver"_s, u"10.77.0.1"_s},
                  {u"searchdomain"_s, u"lab.example"_s},
                  {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=192.168.7.9/24,gw=192.168.8.1,mtu=1400"_s}})));
    QCOMPARE(debugfsCat(image, u"/etc/hostname"_s), QByteArray("new\n"));
    const QByteArray hosts = debugfsCat(image, u"/etc/hosts"_s);
    QVERIFY2(hosts.contains("192.168.7.9\tnew.lab.example new\n"), hosts.constData());
    QVERIFY2(!hosts.contains("old"), hosts.constData());
    QCOMPARE(debugfsCat(image, u"/etc/resolv.conf"_s), QByteArray("search lab.example\nnameserver 10.77.0.1\n"));
    const QByteArray interfaces = debugfsCat(image, u"/etc/network/interfaces"_s);
    QVERIFY2(!interfaces.contains("inet dhcp"), interfaces.constData());
    // The gateway is outside the subnet: routes to it first, as Proxmox does.
    QVERIFY2(interfaces.contains("\tpost-up ip route add 192.168.8.1 dev eth0\n"), interfaces.constData());
    QVERIFY(interfaces.contains("\tmtu 1400\n"));
    // Owners and modes: kept for files that existed, root's (shifted) for new ones.
    QCOMPARE(debugfsStat(image, u"/etc/hostname"_s).uid, 100000u);
    QCOMPARE(debugfsStat(image, u"/etc/resolv.conf"_s).uid, 100000u);
    QCOMPARE(debugfsStat(image, u"/etc/resolv.conf"_s).mode, 0644u);

    QProcess fsck;
    fsck.start(tool(u"e2fsck"_s), {u"-fn"_s, image});
    QVERIFY(fsck.waitForFinished(60000));
    QVERIFY2(fsck.exitCode() == 0, fsck.readAll().constData());

    // "unmanaged" leaves the guest alone.
    VERIFY_OK(virt::setupContainerRootfs(r.target, true,
                                         setupFor({{u"hostname"_s, u"other"_s}, {u"ostype"_s, u"unmanaged"_s}})));
    QCOMPARE(debugfsCat(image, u"/etc/hostname"_s), QByteArray("new\n"));
}

void tst_ContainerRootfs::failuresLeaveNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("not a tarball") << u"garbage"_s << u"tar: exit code"_s;
    QTest::newRow("unknown compression") << u"extension"_s << u"not a container template"_s;
    QTest::newRow("missing template") << u"missing"_s << u"no such template"_s;
    QTest::newRow("too small") << u"small"_s << u"too small"_s;
    QTest::newRow("owner beyond the id map") << u"owner"_s << u"outside the container's id range"_s;
    QTest::newRow("cancelled") << u"cancel"_s << u"cancelled"_s;
}

void tst_ContainerRootfs::failuresLeaveNothing()
{
    QFETCH(QString, kind);
    QFETCH(QString, says);
    virt::ContainerRootfsRequest r = imageRequest(u"fail-%1.raw"_s.arg(kind), false);
    virt::TaskHooks hooks;
    if (kind == u"garbage") {
        r.templatePath = m_dir.filePath(u"garbage.tar.zst"_s);
        QVERIFY(writeFile(r.templatePath, QByteArray(4096, 'x')));
    } else if (kind == u"extension") {
        r.templatePath = m_dir.filePath(u"template.zip"_s);
        QVERIFY(writeFile(r.templatePath, "PK"));
    } else if (kind == u"missing") {
        r.templatePath = m_dir.filePath(u"nothing.tar.zst"_s);
    } else if (kind == u"small") {
        // 20 MiB that do not compress, into a 16 MiB image.
        r.templatePath = makeTemplate(u"big.tar.gz"_s, [](const QString &tree) {
            QFile random(u"/dev/urandom"_s);
            return random.open(QIODevice::ReadOnly)
                   && writeFile(tree + u"/var/big"_s, random.read(20 * kMiB));
        });
        QVERIFY(!r.templatePath.isEmpty());
        r.sizeBytes = 16 * kMiB;
    } else if (kind == u"owner") {
        r.templatePath = makeTemplate(u"foreign.tar.xz"_s, [](const QString &tree) {
            return writeFile(tree + u"/srv/foreign"_s, "x")
                   && chown(QFile::encodeName(tree + u"/srv/foreign"_s).constData(), 70000, 70000) == 0;
        });
        QVERIFY(!r.templatePath.isEmpty());
        r.unprivileged = true;
    } else if (kind == u"cancel") {
        hooks.cancelled = [] { return true; };
    }
    const auto result = virt::createContainerRootfs(r, setupFor({}), hooks);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(says), qPrintable(result.error().message));
    if (kind == u"owner")
        QVERIFY2(result.error().message.contains(u"/srv/foreign"), qPrintable(result.error().message));
    QVERIFY(!QFileInfo::exists(r.target.path));
    QVERIFY(QDir(m_dir.path()).entryList({u".atalaia-rootfs-*"_s}, QDir::AllEntries | QDir::Hidden).isEmpty());
}

void tst_ContainerRootfs::existingTargetIsKept()
{
    virt::ContainerRootfsRequest r = imageRequest(u"taken.raw"_s, false);
    QVERIFY(writeFile(r.target.path, "someone else's disk"));
    const auto result = virt::createContainerRootfs(r, setupFor({}));
    VERIFY_FAILS(result, Code::AlreadyExists);
    QFile f(r.target.path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("someone else's disk"));
}

void tst_ContainerRootfs::bundledDebianTemplate()
{
    // The template tools/images makes (docs/images.md), when it is there.
    const QString dir = qEnvironmentVariable("ATALAIA_IMAGES_DIR", u"/var/cache/atalaia/images"_s);
    const QString tpl = dir + u"/debian-13-standard_13.0-1_amd64.tar.zst"_s;
    if (!QFileInfo::exists(tpl))
        QSKIP("no bundled Debian 13 template (run tools/images)");
    virt::ContainerRootfsRequest r = imageRequest(u"vm-110-disk-0.raw"_s, true);
    r.templatePath = tpl;
    r.sizeBytes = 1024 * kMiB;
    r.rootPassword = "atalaia";
    VERIFY_OK(virt::createContainerRootfs(
        r, setupFor({{u"hostname"_s, u"deb13"_s}, {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=dhcp"_s}})));
    const QString image = r.target.path;
    QCOMPARE(debugfsCat(image, u"/etc/hostname"_s), QByteArray("deb13\n"));
    QVERIFY(passwordMatches("atalaia", rootShadowHash(debugfsCat(image, u"/etc/shadow"_s))));
    QVERIFY(debugfsStat(image, u"/sbin/init"_s).exists);
    QCOMPARE(debugfsStat(image, u"/usr/bin/passwd"_s).mode, 04755u);
    QCOMPARE(debugfsStat(image, u"/usr/bin/passwd"_s).uid, 100000u);
    QCOMPARE(debugfsStat(image, u"/etc/shadow"_s).gid, 100042u); // group shadow, shifted
    QVERIFY(debugfsCat(image, u"/etc/network/interfaces"_s).contains("iface eth0 inet dhcp"));
    QFile::remove(image);
}

QTEST_GUILESS_MAIN(tst_ContainerRootfs)
#include "tst_ContainerRootfs.moc"
