// GuestKeys: the small readings of guest config values (sizes, disk keys,
// disk values) that the guest actions share.

#include "guests/GuestKeys.h"

#include <QTest>

using namespace atalaia::guests;
using namespace Qt::StringLiterals;

class tst_GuestKeys : public QObject
{
    Q_OBJECT

private slots:
    void parseSize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("GiB") << u"8G"_s << (qint64(8) << 30);
        QTest::newRow("lower case") << u"8g"_s << (qint64(8) << 30);
        QTest::newRow("MiB") << u"512M"_s << (qint64(512) << 20);
        QTest::newRow("KiB") << u"4K"_s << qint64(4096);
        QTest::newRow("TiB fraction") << u"1.5T"_s << (qint64(3) << 39);
        QTest::newRow("bare bytes") << u"4096"_s << qint64(4096);
        QTest::newRow("empty") << QString() << qint64(0);
        QTest::newRow("garbage") << u"lots"_s << qint64(0);
    }
    void parseSize()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QCOMPARE(atalaia::guests::parseSize(text), bytes);
    }

    void sizeText_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("GiB") << (qint64(32) << 30) << u"32G"_s;
        QTest::newRow("MiB") << (qint64(1536) << 20) << u"1536M"_s;
        QTest::newRow("TiB as GiB") << (qint64(2) << 40) << u"2048G"_s;
    }
    void sizeText()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(atalaia::guests::sizeText(bytes), text);
        QCOMPARE(atalaia::guests::parseSize(text), bytes); // and back
    }

    void diskKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("qemu");
        QTest::addColumn<bool>("lxc");
        QTest::newRow("scsi0") << u"scsi0"_s << true << false;
        QTest::newRow("virtio15") << u"virtio15"_s << true << false;
        QTest::newRow("ide2") << u"ide2"_s << true << false;
        QTest::newRow("sata5") << u"sata5"_s << true << false;
        QTest::newRow("efidisk0") << u"efidisk0"_s << true << false;
        QTest::newRow("tpmstate0") << u"tpmstate0"_s << true << false;
        QTest::newRow("unused3") << u"unused3"_s << true << true;
        QTest::newRow("rootfs") << u"rootfs"_s << false << true;
        QTest::newRow("mp0") << u"mp0"_s << false << true;
        QTest::newRow("net0") << u"net0"_s << false << false;
        QTest::newRow("scsihw") << u"scsihw"_s << false << false;
        QTest::newRow("no number") << u"scsi"_s << false << false;
        QTest::newRow("mp without number") << u"mp"_s << false << false;
        QTest::newRow("prefix") << u"xscsi0"_s << false << false;
    }
    void diskKeys()
    {
        QFETCH(QString, key);
        QFETCH(bool, qemu);
        QFETCH(bool, lxc);
        QCOMPARE(isQemuDiskKey(key), qemu);
        QCOMPARE(isLxcVolumeKey(key), lxc);
    }

    void splitDisk_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("volume");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("plain") << u"local:8,format=qcow2,cache=none"_s << u"local:8"_s
                               << QStringList{u"format=qcow2"_s, u"cache=none"_s};
        QTest::newRow("file=") << u"file=local:iso/x.iso,media=cdrom"_s << u"local:iso/x.iso"_s
                               << QStringList{u"media=cdrom"_s};
        QTest::newRow("volume=") << u"volume=local:200/subvol-200-disk-0,size=8G"_s << u"local:200/subvol-200-disk-0"_s
                                 << QStringList{u"size=8G"_s};
        QTest::newRow("alone") << u"none"_s << u"none"_s << QStringList();
        QTest::newRow("empty") << QString() << QString() << QStringList();
    }
    void splitDisk()
    {
        QFETCH(QString, value);
        QFETCH(QString, volume);
        QFETCH(QStringList, options);
        const auto [v, o] = atalaia::guests::splitDisk(value);
        QCOMPARE(v, volume);
        QCOMPARE(o, options);
    }

    void optionValue()
    {
        const QStringList options{u"format=qcow2"_s, u"size=8G"_s, u"sizes=1"_s};
        QCOMPARE(atalaia::guests::optionValue(options, u"format"_s), u"qcow2"_s);
        QCOMPARE(atalaia::guests::optionValue(options, u"size"_s), u"8G"_s);
        QCOMPARE(atalaia::guests::optionValue(options, u"cache"_s), QString());
        QCOMPARE(atalaia::guests::optionValue(options, u"form"_s), QString());
    }
};

QTEST_GUILESS_MAIN(tst_GuestKeys)
#include "tst_GuestKeys.moc"
