// The client's value types: addresses, fingerprints, tokens, form encoding,
// trust verdicts and how answers become errors.
#include "api/client/ApiToken.h"
#include "api/client/Endpoint.h"
#include "api/client/Fingerprint.h"
#include "api/client/FormEncoder.h"
#include "api/client/Response.h"
#include "api/client/TrustStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace atalaia;
using namespace atalaia::api::client;
using namespace Qt::StringLiterals;

class tst_ClientTypes : public QObject
{
    Q_OBJECT

private slots:
    void endpoint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // toString(), or empty when invalid

        QTest::newRow("host") << u"node1"_s << u"node1:8006"_s;
        QTest::newRow("host and port") << u"Node1.Example.COM:8007"_s << u"node1.example.com:8007"_s;
        QTest::newRow("ipv4") << u"192.0.2.10"_s << u"192.0.2.10:8006"_s;
        QTest::newRow("ipv4 and port") << u" 192.0.2.10:443 "_s << u"192.0.2.10:443"_s;
        QTest::newRow("bracketed ipv6") << u"[2001:db8::1]:8443"_s << u"[2001:db8::1]:8443"_s;
        QTest::newRow("bracketed ipv6 without port") << u"[::1]"_s << u"[::1]:8006"_s;
        QTest::newRow("bare ipv6") << u"2001:db8::1"_s << u"[2001:db8::1]:8006"_s;
        QTest::newRow("pasted url") << u"https://node1:8006/#v1:0:18:4"_s << u"node1:8006"_s;
        QTest::newRow("empty") << u""_s << QString();
        QTest::newRow("port zero") << u"node1:0"_s << QString();
        QTest::newRow("port too big") << u"node1:65536"_s << QString();
        QTest::newRow("port not a number") << u"node1:web"_s << QString();
        QTest::newRow("space in host") << u"no de"_s << QString();
        QTest::newRow("user in host") << u"root@node1"_s << QString();
        QTest::newRow("unclosed bracket") << u"[::1:8006"_s << QString();
        QTest::newRow("ipv4 in brackets") << u"[192.0.2.1]:8006"_s << QString();
    }

    void endpoint()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto parsed = Endpoint::parse(text);
        QCOMPARE(parsed.has_value(), !expected.isEmpty());
        if (!parsed) {
            QCOMPARE(parsed.error().code, Code::InvalidArgument);
            return;
        }
        QCOMPARE(parsed->toString(), expected);
        QCOMPARE(Endpoint::parse(parsed->toString()).value(), *parsed);
    }

    void endpointList()
    {
        const auto list = Endpoint::parseList(u"node1, node2:8007,node1"_s);
        QVERIFY(list.has_value());
        QCOMPARE(list->size(), 2); // duplicates dropped
        QCOMPARE(list->at(1), Endpoint(u"node2"_s, 8007));
        QVERIFY(!Endpoint::parseList(u" , "_s).has_value());
        QCOMPARE(Endpoint(u"node1"_s).apiUrl(u"/nodes/node1/tasks/UPID:node1:0001:02:03:x::root@pam:"_s).toString(),
                 u"https://node1:8006/api2/json/nodes/node1/tasks/UPID:node1:0001:02:03:x::root@pam:"_s);
    }

    void fingerprint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString canonical = u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                                  "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s;
        QTest::newRow("canonical") << canonical << true;
        QTest::newRow("lower case") << canonical.toLower() << true;
        QTest::newRow("no separators") << QString(canonical).remove(u':') << true;
        QTest::newRow("openssl output") << u"SHA256 Fingerprint="_s + canonical << true;
        QTest::newRow("too short") << canonical.left(20) << false;
        QTest::newRow("too long") << canonical + u":00"_s << false;
        QTest::newRow("not hex") << QString(canonical).replace(u'A', u'Z') << false;
        QTest::newRow("sha1") << u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01"_s << false;
    }

    void fingerprint()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto parsed = Fingerprint::parse(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(parsed->digest().size(), Fingerprint::kSize);
            QCOMPARE(parsed->toString(), u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                                         "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s);
        }
    }

    void apiToken_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tokenId"); // empty: invalid
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("plain") << u"root@pam!ci=5ad7f3f4-1111-2222-3333-444455556666"_s << u"root@pam!ci"_s
                               << QByteArray("5ad7f3f4-1111-2222-3333-444455556666");
        QTest::newRow("header form") << u"PVEAPIToken=roma@pve!ro=s=e"_s << u"roma@pve!ro"_s << QByteArray("s=e");
        QTest::newRow("no secret") << u"root@pam!ci"_s << QString() << QByteArray();
        QTest::newRow("empty secret") << u"root@pam!ci="_s << QString() << QByteArray();
        QTest::newRow("no token name") << u"root@pam=x"_s << QString() << QByteArray();
        QTest::newRow("no realm") << u"root!ci=x"_s << QString() << QByteArray();
    }

    void apiToken()
    {
        QFETCH(QString, text);
        QFETCH(QString, tokenId);
        QFETCH(QByteArray, secret);
        const auto parsed = ApiToken::parse(text);
        QCOMPARE(parsed.has_value(), !tokenId.isEmpty());
        if (!parsed) {
            QVERIFY(!parsed.error().message.contains(u"=x"_s)); // never echo the secret
            return;
        }
        QCOMPARE(parsed->tokenId, tokenId);
        QCOMPARE(parsed->secret, secret);
        QCOMPARE(parsed->authorizationHeader(), "PVEAPIToken=" + tokenId.toUtf8() + '=' + secret);
    }

    void formEncoding_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("empty") << QJsonObject{} << QByteArray();
        QTest::newRow("string, sorted keys") << QJsonObject{{u"type"_s, u"vm"_s}, {u"full"_s, u"1"_s}}
                                             << QByteArray("full=1&type=vm");
        QTest::newRow("reserved characters") << QJsonObject{{u"comment"_s, u"a b+c&d=e/é"_s}}
                                             << QByteArray("comment=a%20b%2Bc%26d%3De%2F%C3%A9");
        QTest::newRow("integer booleans") << QJsonObject{{u"enable"_s, true}, {u"propagate"_s, false}}
                                          << QByteArray("enable=1&propagate=0");
        QTest::newRow("numbers") << QJsonObject{{u"memory"_s, 4294967296.0}, {u"cpu"_s, 0.5}, {u"neg"_s, -3}}
                                 << QByteArray("cpu=0.5&memory=4294967296&neg=-3");
        QTest::newRow("array repeats the key") << QJsonObject{{u"delete"_s, QJsonArray{u"net0"_s, u"ide2"_s}}}
                                               << QByteArray("delete=net0&delete=ide2");
        QTest::newRow("null is left out") << QJsonObject{{u"a"_s, QJsonValue()}, {u"b"_s, u"x"_s}}
                                          << QByteArray("b=x");
        QTest::newRow("object as JSON") << QJsonObject{{u"o"_s, QJsonObject{{u"k"_s, 1}}}}
                                        << QByteArray("o=%7B%22k%22%3A1%7D");
    }

    void formEncoding()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QByteArray, encoded);
        QCOMPARE(FormEncoder::encode(params), encoded);
    }

    void trustVerdicts()
    {
        const Endpoint node1(u"node1"_s);
        const Endpoint node2(u"node2"_s);
        const Fingerprint a = Fingerprint::fromDigest(QByteArray(32, '\x0a'));
        const Fingerprint b = Fingerprint::fromDigest(QByteArray(32, '\x0b'));
        TrustStore trust;
        trust.pin(node1, a);
        QCOMPARE(trust.check(node1, a, false), TrustStore::Verdict::Trusted);
        QCOMPARE(trust.check(node1, b, false), TrustStore::Verdict::Changed);
        QCOMPARE(trust.check(node1, b, true), TrustStore::Verdict::Changed); // a pin beats the CAs
        QCOMPARE(trust.check(node2, a, false), TrustStore::Verdict::Unknown); // pins are per address
        QCOMPARE(trust.check(node2, a, true), TrustStore::Verdict::Unknown);  // CAs only when asked
        QVERIFY(trust.sslConfiguration().caCertificates().isEmpty());
        QCOMPARE(trust.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyPeer);
        trust.setSystemCasAccepted(true);
        QCOMPARE(trust.check(node2, a, true), TrustStore::Verdict::Trusted);
        QCOMPARE(trust.check(node2, a, false), TrustStore::Verdict::Unknown);
        trust.unpin(node1);
        QCOMPARE(trust.pinned(node1), Fingerprint());
    }

    void responseErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("400") << 400 << int(Code::ApiBadRequest);
        QTest::newRow("401") << 401 << int(Code::ApiUnauthorized);
        QTest::newRow("403") << 403 << int(Code::ApiForbidden);
        QTest::newRow("404") << 404 << int(Code::ApiNotFound);
        QTest::newRow("429") << 429 << int(Code::RateLimited);
        QTest::newRow("500") << 500 << int(Code::Internal);
        QTest::newRow("501") << 501 << int(Code::ApiMethodNotAllowed);
    }

    void responseErrors()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        Response r;
        r.failure = Response::Failure::Http;
        r.httpStatus = status;
        r.message = u"Parameter verification failed."_s;
        r.parameterErrors.insert(u"vmid"_s, u"value must be at least 100"_s);
        r.parameterErrors.insert(u"name"_s, u"invalid format"_s);
        const Error e = r.error();
        QCOMPARE(int(e.code), code);
        QCOMPARE(e.message, u"Parameter verification failed.\nname: invalid format\nvmid: value must be at least 100"_s);
        QVERIFY(!r.toResult().has_value());
    }
};

QTEST_GUILESS_MAIN(tst_ClientTypes)
#include "tst_ClientTypes.moc"
