// The Join Information blob, as Proxmox VE's GUI makes it and as admins paste
// it: built from GET /cluster/config/join, round trips, and clear errors.
#include "cluster/JoinInformation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using atalaia::cluster::JoinInformation;

namespace {

const QString kFp = QStringLiteral("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");

QJsonObject joinAnswer()
{
    return QJsonObject{
        {QStringLiteral("config_digest"), QStringLiteral("0123abcd")},
        {QStringLiteral("preferred_node"), QStringLiteral("pve1")},
        {QStringLiteral("totem"), QJsonObject{{QStringLiteral("cluster_name"), QStringLiteral("lisboa")},
                                              {QStringLiteral("config_version"), QStringLiteral("3")},
                                              {QStringLiteral("link_mode"), QStringLiteral("passive")}}},
        {QStringLiteral("nodelist"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("pve2")}, {QStringLiteral("pve_addr"), QStringLiteral("10.77.0.2")},
                                {QStringLiteral("pve_fp"), kFp}, {QStringLiteral("ring0_addr"), QStringLiteral("10.77.0.2")}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("pve1")}, {QStringLiteral("nodeid"), 1},
                                {QStringLiteral("quorum_votes"), 1}, {QStringLiteral("pve_addr"), QStringLiteral("10.77.0.1")},
                                {QStringLiteral("pve_fp"), kFp.toLower()},
                                {QStringLiteral("ring0_addr"), QStringLiteral("10.77.0.1")},
                                {QStringLiteral("ring1_addr"), QStringLiteral("address=10.77.1.1,priority=10")}}}},
    };
}

QString blobOf(const QJsonObject &o)
{
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64());
}

} // namespace

class tst_JoinInformation : public QObject
{
    Q_OBJECT
private slots:
    void fromTheJoinAnswer()
    {
        const auto info = JoinInformation::fromJoinAnswer(joinAnswer());
        QVERIFY2(info.has_value(), info ? "" : qPrintable(info.error().message));
        QCOMPARE(info->ipAddress, QStringLiteral("10.77.0.1"));
        QCOMPARE(info->fingerprint, kFp); // upper case, as Proxmox prints it
        QCOMPARE(info->clusterName(), QStringLiteral("lisboa"));
        QCOMPARE(info->linkCount(), 2);
        QCOMPARE(info->peerLinks.value(1), QStringLiteral("10.77.1.1")); // the address, without its priority
        QCOMPARE(info->ringAddresses, (QStringList{QStringLiteral("10.77.0.1"), QStringLiteral("10.77.1.1")}));
    }

    void blobRoundTripsAndToleratesLineBreaks()
    {
        const auto info = JoinInformation::fromJoinAnswer(joinAnswer());
        QVERIFY(info.has_value());
        QString blob = info->toBlob();
        blob.insert(20, QStringLiteral("\n  ")); // a pasted, wrapped copy
        const auto back = JoinInformation::fromBlob(blob);
        QVERIFY(back.has_value());
        QCOMPARE(back->toJson(), info->toJson());
    }

    // The shape Proxmox VE's GUI encodes (peerLinks keyed "0", "1").
    void readsTheProxmoxGuiBlob()
    {
        const QJsonObject gui{{QStringLiteral("ipAddress"), QStringLiteral("192.0.2.10")},
                              {QStringLiteral("fingerprint"), kFp},
                              {QStringLiteral("peerLinks"), QJsonObject{{QStringLiteral("0"), QStringLiteral("192.0.2.10")}}},
                              {QStringLiteral("ring_addr"), QJsonArray{QStringLiteral("192.0.2.10")}},
                              {QStringLiteral("totem"), QJsonObject{{QStringLiteral("cluster_name"), QStringLiteral("pvelab")}}}};
        const auto info = JoinInformation::fromBlob(blobOf(gui));
        QVERIFY(info.has_value());
        QCOMPARE(info->clusterName(), QStringLiteral("pvelab"));
        QCOMPARE(info->linkCount(), 1);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("not-base64") << QStringLiteral("%%%not base64%%%") << QStringLiteral("base64");
        QTest::newRow("cut") << blobOf(joinAnswer()).left(30) << QStringLiteral("damaged");
        QJsonObject bad{{QStringLiteral("ipAddress"), QStringLiteral("192.0.2.10")},
                        {QStringLiteral("fingerprint"), QStringLiteral("AB:CD")},
                        {QStringLiteral("peerLinks"), QJsonObject{{QStringLiteral("0"), QStringLiteral("192.0.2.10")}}},
                        {QStringLiteral("totem"), QJsonObject{{QStringLiteral("cluster_name"), QStringLiteral("x")}}}};
        QTest::newRow("fingerprint") << blobOf(bad) << QStringLiteral("fingerprint");
        bad.insert(QStringLiteral("fingerprint"), kFp);
        bad.insert(QStringLiteral("peerLinks"), QJsonObject{{QStringLiteral("9"), QStringLiteral("192.0.2.10")}});
        QTest::newRow("link-number") << blobOf(bad) << QStringLiteral("link number");
        bad.insert(QStringLiteral("peerLinks"), QJsonObject{});
        QTest::newRow("no-links") << blobOf(bad) << QStringLiteral("no corosync link");
        bad.insert(QStringLiteral("peerLinks"), QJsonObject{{QStringLiteral("0"), QStringLiteral("192.0.2.10")}});
        bad.insert(QStringLiteral("totem"), QJsonObject{});
        QTest::newRow("no-name") << blobOf(bad) << QStringLiteral("cluster name");
        bad.remove(QStringLiteral("ipAddress"));
        QTest::newRow("no-address") << blobOf(bad) << QStringLiteral("address");
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const auto info = JoinInformation::fromBlob(text);
        QVERIFY(!info.has_value());
        QVERIFY2(info.error().message.contains(says), qPrintable(info.error().message));
    }

    void noPreferredNodeEntry()
    {
        QJsonObject answer = joinAnswer();
        answer.insert(QStringLiteral("preferred_node"), QStringLiteral("nowhere"));
        QVERIFY(!JoinInformation::fromJoinAnswer(answer).has_value());
    }
};

QTEST_GUILESS_MAIN(tst_JoinInformation)
#include "tst_JoinInformation.moc"
