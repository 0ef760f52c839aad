// The id value types against PVE's formats: pve-node, pve-vmid, pve-userid,
// pve-tokenid and pve-ha-node.

#include "model/HaNodePriority.h"
#include "model/NodeId.h"
#include "model/TokenId.h"
#include "model/UserId.h"
#include "model/VmId.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace atalaia;
using namespace atalaia::model;
using namespace Qt::StringLiterals;

class tst_Ids : public QObject {
    Q_OBJECT

private slots:
    void nodeId_data();
    void nodeId();
    void vmIdText_data();
    void vmIdText();
    void vmIdRange();
    void userId_data();
    void userId();
    void tokenId_data();
    void tokenId();
    void haNodePriority_data();
    void haNodePriority();
    void comparableAndHashable();
};

void tst_Ids::nodeId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"pve1"_s << true;
    QTest::newRow("one character") << u"a"_s << true;
    QTest::newRow("inner hyphens") << u"node-01-b"_s << true;
    QTest::newRow("leading digit") << u"1node"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("leading hyphen") << u"-pve"_s << false;
    QTest::newRow("trailing hyphen") << u"pve-"_s << false;
    QTest::newRow("underscore") << u"pve_1"_s << false;
    QTest::newRow("dot (an FQDN is not a node name)") << u"pve1.example.com"_s << false;
    QTest::newRow("non-ASCII") << u"nó1"_s << false;
}

void tst_Ids::nodeId()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const Result<NodeId> id = NodeId::parse(text);
    QCOMPARE(bool(id), valid);
    if (valid)
        QCOMPARE(id->toString(), text);
    else
        QCOMPARE(id.error().code, Code::ModelInvalidId);
}

void tst_Ids::vmIdText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("value"); // 0: rejected
    QTest::newRow("lowest") << u"100"_s << 100;
    QTest::newRow("highest") << u"999999999"_s << 999999999;
    QTest::newRow("too small") << u"99"_s << 0;
    QTest::newRow("too large") << u"1000000000"_s << 0;
    QTest::newRow("leading zero") << u"0100"_s << 0;
    QTest::newRow("sign") << u"+100"_s << 0;
    QTest::newRow("space") << u" 100"_s << 0;
    QTest::newRow("exponent") << u"1e3"_s << 0;
    QTest::newRow("empty") << QString() << 0;
}

void tst_Ids::vmIdText()
{
    QFETCH(QString, text);
    QFETCH(int, value);
    const Result<VmId> id = VmId::parse(text);
    QCOMPARE(bool(id), value != 0);
    if (!id) {
        QCOMPARE(id.error().code, Code::ModelInvalidId);
        QVERIFY2(id.error().message.contains(u"is not a valid VM ID (100..999999999)"), qPrintable(id.error().message));
        return;
    }
    QCOMPARE(id->value(), quint32(value));
    QCOMPARE(id->toString(), text);
}

void tst_Ids::vmIdRange()
{
    QCOMPARE(VmId::fromInt(100).value().value(), 100u);
    QCOMPARE(VmId::fromInt(999999999).value().value(), 999999999u);
    QVERIFY(!VmId::fromInt(99));
    QVERIFY(!VmId::fromInt(0));
    QVERIFY(!VmId::fromInt(-100));
    QVERIFY(!VmId::fromInt(1000000000));
    QVERIFY(!VmId().isValid());
    QVERIFY(VmId::fromInt(100)->isValid());
}

void tst_Ids::userId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name"); // null: rejected
    QTest::addColumn<QString>("realm");
    QTest::addColumn<QString>("error");

    QTest::newRow("root") << u"root@pam"_s << u"root"_s << u"pam"_s << QString();
    QTest::newRow("shortest") << u"a@pv"_s << u"a"_s << u"pv"_s << QString();
    QTest::newRow("realm characters") << u"svc@Corp.AD-1_x"_s << u"svc"_s << u"Corp.AD-1_x"_s << QString();
    // PVE's name part is [^\s:/]+, so '@' and '!' are allowed; the last '@' starts the realm.
    QTest::newRow("email as name") << u"jane@example.com@ldap"_s << u"jane@example.com"_s << u"ldap"_s << QString();
    QTest::newRow("bang in name") << u"a!b@pve"_s << u"a!b"_s << u"pve"_s << QString();
    QTest::newRow("unicode name") << u"joão@pve"_s << u"joão"_s << u"pve"_s << QString();
    const QString longest = QString(60, u'x') + u"@pve"_s;
    QTest::newRow("64 characters") << longest << QString(60, u'x') << u"pve"_s << QString();

    QTest::newRow("too short") << u"a@"_s << QString() << QString() << u"is too short"_s;
    QTest::newRow("65 characters") << QString(61, u'x') + u"@pve"_s << QString() << QString()
                                   << u"is too long (65 > 64 characters)"_s;
    QTest::newRow("no realm") << u"root"_s << QString() << QString() << u"has no realm"_s;
    QTest::newRow("empty name") << u"@pam"_s << QString() << QString() << u"the name must be non-empty"_s;
    QTest::newRow("space in name") << u"ro ot@pam"_s << QString() << QString() << u"no whitespace"_s;
    QTest::newRow("colon in name") << u"a:b@pam"_s << QString() << QString() << u"':'"_s;
    QTest::newRow("slash in name") << u"a/b@pam"_s << QString() << QString() << u"'/'"_s;
    QTest::newRow("one-letter realm") << u"root@p"_s << QString() << QString() << u"\"p\" is not a valid realm"_s;
    QTest::newRow("realm starts with digit") << u"root@1pam"_s << QString() << QString()
                                             << u"\"1pam\" is not a valid realm"_s;
    QTest::newRow("token id is not a user id") << u"root@pam!tok"_s << QString() << QString()
                                               << u"\"pam!tok\" is not a valid realm"_s;
}

void tst_Ids::userId()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, realm);
    QFETCH(QString, error);
    const Result<UserId> id = UserId::parse(text);
    if (name.isNull()) {
        QVERIFY2(!id, qPrintable(u"accepted "_s + text));
        QCOMPARE(id.error().code, Code::ModelInvalidId);
        QVERIFY2(id.error().message.contains(error), qPrintable(id.error().message));
        return;
    }
    QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
    QCOMPARE(id->toString(), text);
    QCOMPARE(id->name().toString(), name);
    QCOMPARE(id->realm().toString(), realm);
}

void tst_Ids::tokenId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("user"); // null: rejected
    QTest::addColumn<QString>("token");

    QTest::newRow("simple") << u"root@pam!automation"_s << u"root@pam"_s << u"automation"_s;
    QTest::newRow("token name characters") << u"a@pve!Ci.bot-1_x"_s << u"a@pve"_s << u"Ci.bot-1_x"_s;
    QTest::newRow("bang in user name") << u"a!b@pve!tok"_s << u"a!b@pve"_s << u"tok"_s;
    QTest::newRow("email user") << u"jane@example.com@ldap!ro"_s << u"jane@example.com@ldap"_s << u"ro"_s;
    QTest::newRow("plain user id") << u"root@pam"_s << QString() << QString();
    QTest::newRow("empty token name") << u"root@pam!"_s << QString() << QString();
    QTest::newRow("one-letter token name") << u"root@pam!t"_s << QString() << QString();
    QTest::newRow("token name starts with digit") << u"root@pam!1tok"_s << QString() << QString();
    QTest::newRow("no realm") << u"root!tok"_s << QString() << QString();
}

void tst_Ids::tokenId()
{
    QFETCH(QString, text);
    QFETCH(QString, user);
    QFETCH(QString, token);
    const Result<TokenId> id = TokenId::parse(text);
    if (user.isNull()) {
        QVERIFY2(!id, qPrintable(u"accepted "_s + text));
        QCOMPARE(id.error().code, Code::ModelInvalidId);
        return;
    }
    QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
    QCOMPARE(id->toString(), text);
    QCOMPARE(id->user().toString(), user);
    QCOMPARE(id->tokenName(), token);
    QCOMPARE(TokenId::create(id->user(), token).value(), *id);
}

void tst_Ids::haNodePriority_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("priority"); // -1: none
    QTest::newRow("node only") << u"pve1"_s << true << -1;
    QTest::newRow("with priority") << u"pve1:2"_s << true << 2;
    QTest::newRow("priority zero") << u"pve1:0"_s << true << 0;
    QTest::newRow("empty priority") << u"pve1:"_s << false << -1;
    QTest::newRow("word priority") << u"pve1:high"_s << false << -1;
    QTest::newRow("negative priority") << u"pve1:-1"_s << false << -1;
    QTest::newRow("bad node") << u"pve_1:1"_s << false << -1;
}

void tst_Ids::haNodePriority()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, priority);
    const Result<HaNodePriority> entry = HaNodePriority::parse(text);
    QCOMPARE(bool(entry), valid);
    if (!valid)
        return;
    QCOMPARE(entry->node, NodeId::parse(u"pve1").value());
    QCOMPARE(entry->priority, priority < 0 ? std::nullopt : std::optional<quint32>(priority));
    QCOMPARE(entry->toString(), text);
}

void tst_Ids::comparableAndHashable()
{
    const NodeId pve1 = NodeId::parse(u"pve1").value();
    const NodeId pve2 = NodeId::parse(u"pve2").value();
    QVERIFY(pve1 < pve2);
    QCOMPARE(pve1, NodeId::parse(u"pve1").value());
    QCOMPARE(qHash(pve1, 3), qHash(NodeId::parse(u"pve1").value(), 3));

    QList<VmId> ids{VmId::fromInt(300).value(), VmId::fromInt(100).value(), VmId::fromInt(200).value()};
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids.first().value(), 100u);
    QCOMPARE(QSet<VmId>(ids.cbegin(), ids.cend()).size(), 3);

    const UserId alice = UserId::parse(u"alice@pve").value();
    const UserId bob = UserId::parse(u"bob@pve").value();
    QVERIFY(alice < bob);
    QHash<UserId, int> byUser{{alice, 1}, {bob, 2}};
    QCOMPARE(byUser.value(UserId::parse(u"bob@pve").value()), 2);

    const TokenId t1 = TokenId::parse(u"alice@pve!ci").value();
    const TokenId t2 = TokenId::parse(u"alice@pve!cd").value();
    QVERIFY(t2 < t1);
    QCOMPARE(QSet<TokenId>({t1, t2, TokenId::parse(u"alice@pve!ci").value()}).size(), 2);
}

QTEST_GUILESS_MAIN(tst_Ids)

#include "tst_Ids.moc"
