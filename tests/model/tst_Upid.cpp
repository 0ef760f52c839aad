// UPID parsing and formatting, against the format PVE::Tools::upid_encode writes.

#include "model/Upid.h"

#include <QSet>
#include <QTest>

using namespace atalaia;
using namespace atalaia::model;
using namespace Qt::StringLiterals;

class tst_Upid : public QObject {
    Q_OBJECT

private slots:
    void parsesFields_data();
    void parsesFields();
    void rejects_data();
    void rejects();
    void createFormatsLikePve();
    void createRejectsBadParts();
    void equalityAndHash();
};

void tst_Upid::parsesFields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("node");
    QTest::addColumn<quint32>("pid");
    QTest::addColumn<quint64>("pstart");
    QTest::addColumn<quint32>("starttime");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("user");

    QTest::newRow("vm start") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:"_s << u"pve1"_s
                              << 662316u << quint64(205479457) << 1732624880u << u"qmstart"_s << u"100"_s
                              << u"root@pam"_s;
    QTest::newRow("empty id, token user")
        << u"UPID:pve2:0001E240:1F2E3D4C:65A0B1C2:vzdump::automation@pve!ci:"_s << u"pve2"_s << 123456u
        << quint64(523124044) << 1705030082u << u"vzdump"_s << QString() << u"automation@pve!ci"_s;
    QTest::newRow("9-digit pstart after 497 days uptime")
        << u"UPID:pve1:00003039:1ABCDEF01:6745C2A0:srvreload:networking:root@pam:"_s << u"pve1"_s << 12345u
        << quint64(7177367297) << 1732625056u << u"srvreload"_s << u"networking"_s << u"root@pam"_s;
    QTest::newRow("hyphenated node, zero fields, id with dots and @")
        << u"UPID:node-02:00000000:00000000:00000000:imgdel:100@local-lvm.vm-100-disk-0:alice@pve:"_s
        << u"node-02"_s << 0u << quint64(0) << 0u << u"imgdel"_s << u"100@local-lvm.vm-100-disk-0"_s
        << u"alice@pve"_s;
    QTest::newRow("maximum values")
        << u"UPID:n:FFFFFFFF:FFFFFFFFF:FFFFFFFF:x:y:z:"_s << u"n"_s << 0xFFFFFFFFu << quint64(0xFFFFFFFFFull)
        << 0xFFFFFFFFu << u"x"_s << u"y"_s << u"z"_s;
}

void tst_Upid::parsesFields()
{
    QFETCH(QString, text);
    const Result<Upid> upid = Upid::parse(text);
    QVERIFY2(upid, qPrintable(upid ? QString() : upid.error().message));
    QTEST(upid->node().toString(), "node");
    QTEST(upid->pid(), "pid");
    QTEST(upid->pstart(), "pstart");
    QTEST(upid->starttime(), "starttime");
    QTEST(upid->type(), "type");
    QTEST(upid->id(), "id");
    QTEST(upid->user(), "user");
    // Exact round trip: the UPID is an identifier (PVE names the task log after it).
    QCOMPARE(upid->toString(), text);
}

void tst_Upid::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    const QString layout = u"expected UPID:node:pid:pstart:starttime:type:id:user:"_s;
    const QString hex = u"upper-case hex of 8 digits"_s;
    QTest::newRow("empty") << QString() << layout;
    QTest::newRow("lower-case prefix") << u"upid:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:"_s << layout;
    QTest::newRow("no trailing colon") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam"_s << layout;
    QTest::newRow("colon in user") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:x:"_s << layout;
    QTest::newRow("lower-case hex") << u"UPID:pve1:000a1b2c:0C3F5E21:6745C1F0:qmstart:100:root@pam:"_s << hex;
    QTest::newRow("short pid") << u"UPID:pve1:A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:"_s << hex;
    QTest::newRow("9-digit pid") << u"UPID:pve1:100A1B2C0:0C3F5E21:6745C1F0:qmstart:100:root@pam:"_s << hex;
    QTest::newRow("10-digit pstart") << u"UPID:pve1:000A1B2C:10C3F5E210:6745C1F0:qmstart:100:root@pam:"_s << hex;
    QTest::newRow("zero-padded 9-digit pstart") << u"UPID:pve1:000A1B2C:00C3F5E21:6745C1F0:qmstart:100:root@pam:"_s << hex;
    QTest::newRow("non-hex starttime") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1G0:qmstart:100:root@pam:"_s << hex;
    QTest::newRow("bad node") << u"UPID:-pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:"_s
                              << u"\"-pve1\" is not a valid node name"_s;
    QTest::newRow("empty type") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0::100:root@pam:"_s
                                << u"task type \"\" must be non-empty"_s;
    QTest::newRow("empty user") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100::"_s
                                << u"task user \"\" must be non-empty"_s;
    QTest::newRow("space in id") << u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:1 0:root@pam:"_s
                                 << u"task id \"1 0\" must not contain"_s;
}

void tst_Upid::rejects()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const Result<Upid> upid = Upid::parse(text);
    QVERIFY2(!upid, qPrintable(u"accepted "_s + text));
    QCOMPARE(upid.error().code, Code::ModelInvalidUpid);
    QVERIFY2(upid.error().message.startsWith(u"invalid UPID \""_s + text + u"\": "_s),
             qPrintable(upid.error().message));
    QVERIFY2(upid.error().message.contains(error), qPrintable(upid.error().message));
}

void tst_Upid::createFormatsLikePve()
{
    // printf("UPID:%s:%08X:%08X:%08X:%s:%s:%s:"), as PVE's upid_encode.
    const Result<Upid> upid = Upid::create(NodeId::parse(u"pve1").value(), 0xABC, 0x12, 0x6745C1F0,
                                           u"qmigrate"_s, u"101"_s, u"root@pam"_s);
    QVERIFY(upid);
    QCOMPARE(upid->toString(), u"UPID:pve1:00000ABC:00000012:6745C1F0:qmigrate:101:root@pam:"_s);

    const Result<Upid> longUptime = Upid::create(NodeId::parse(u"pve1").value(), 1, 0x100000000ull, 2,
                                                 u"t"_s, QString(), u"u@pve"_s);
    QVERIFY(longUptime);
    QCOMPARE(longUptime->toString(), u"UPID:pve1:00000001:100000000:00000002:t::u@pve:"_s);
    QCOMPARE(Upid::parse(longUptime->toString()).value(), *longUptime);
}

void tst_Upid::createRejectsBadParts()
{
    const NodeId node = NodeId::parse(u"pve1").value();
    QCOMPARE(Upid::create(NodeId(), 1, 1, 1, u"t"_s, u"i"_s, u"u@pve"_s).error().code, Code::ModelInvalidUpid);
    QVERIFY(!Upid::create(node, 1, Upid::kMaxPstart + 1, 1, u"t"_s, u"i"_s, u"u@pve"_s));
    QVERIFY(Upid::create(node, 1, Upid::kMaxPstart, 1, u"t"_s, u"i"_s, u"u@pve"_s));
    QVERIFY(!Upid::create(node, 1, 1, 1, u"a:b"_s, u"i"_s, u"u@pve"_s));
    QVERIFY(!Upid::create(node, 1, 1, 1, u"t"_s, u"i:j"_s, u"u@pve"_s));
    QVERIFY(!Upid::create(node, 1, 1, 1, u"t"_s, u"i"_s, u"u @pve"_s));
    QVERIFY(!Upid::create(node, 1, 1, 1, u"t\n"_s, u"i"_s, u"u@pve"_s));
}

void tst_Upid::equalityAndHash()
{
    const Upid a = Upid::parse(u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:").value();
    const Upid b = Upid::parse(u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:100:root@pam:").value();
    const Upid c = Upid::parse(u"UPID:pve1:000A1B2C:0C3F5E21:6745C1F0:qmstart:101:root@pam:").value();
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QCOMPARE(qHash(a, 7), qHash(b, 7));
    const QSet<Upid> set{a, b, c};
    QCOMPARE(set.size(), 2);
    QVERIFY(Upid().isEmpty());
}

QTEST_GUILESS_MAIN(tst_Upid)

#include "tst_Upid.moc"
