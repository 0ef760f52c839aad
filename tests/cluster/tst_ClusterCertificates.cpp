// The cluster CA and the node certificates it issues: what the certificates
// say (read back with OpenSSL, not with the code under test), that an issued
// certificate verifies under its CA and under no other, and clear errors for
// bad PEM, a CA key that is not the CA's, and names that are not names.
#include "base/OpenSslPointers.h"
#include "cluster/ClusterCertificates.h"

#include "ResultChecks.h"

#include <QHostAddress>
#include <QSet>
#include <QSslCertificate>
#include <QTest>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace atalaia;
using atalaia::cluster::ClusterCertificates;
using atalaia::cluster::KeyAndCertificate;

namespace {

// The owners (unique_ptr with OpenSSL's free functions) are shared with the
// code under test; what the test reads through them is plain OpenSSL.
using namespace atalaia::openssl;

Cert x509(const QByteArray &pem)
{
    Bio bio = memoryReader(pem);
    return Cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

Key privateKey(const QByteArray &pem)
{
    Bio bio = memoryReader(pem);
    return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

QString nameEntry(const X509_NAME *name, int nid)
{
    char text[256] = {};
    X509_NAME_get_text_by_NID(name, nid, text, sizeof text);
    return QString::fromUtf8(text);
}

// Whole days and the remaining seconds from notBefore to notAfter.
std::pair<int, int> lifetime(const X509 *cert)
{
    int days = 0;
    int seconds = 0;
    ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), X509_get0_notAfter(cert));
    return {days, seconds};
}

QString serialHex(const X509 *cert)
{
    Bignum bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    char *hex = BN_bn2hex(bn.get());
    const QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return text;
}

// The key as an encrypted PEM (aes-256-cbc, passphrase "secret").
QByteArray encryptedKeyPem(const QByteArray &keyPem)
{
    Key key = privateKey(keyPem);
    Bio out(BIO_new(BIO_s_mem()));
    static const char passphrase[] = "secret";
    PEM_write_bio_PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(),
                             reinterpret_cast<const unsigned char *>(passphrase), int(sizeof passphrase - 1), nullptr,
                             nullptr);
    return memoryContents(out.get());
}

// The PEM with one bit of the signature (its last DER byte) flipped.
QByteArray tampered(const QByteArray &pem)
{
    const QSslCertificate cert(pem, QSsl::Pem);
    QByteArray der = cert.toDer();
    der[der.size() - 1] = char(der.at(der.size() - 1) ^ 0x01);
    return "-----BEGIN CERTIFICATE-----\n" + der.toBase64() + "\n-----END CERTIFICATE-----\n";
}

const QStringList kAddresses{QStringLiteral("10.77.0.1"), QStringLiteral("fd00::1"), QStringLiteral("node1.example.org"),
                             QStringLiteral("127.0.0.1")};

} // namespace

class tst_ClusterCertificates : public QObject
{
    Q_OBJECT

    // One CA and one node certificate for the read-only checks: EC keys are
    // quick, but there is no need to make them per test.
    KeyAndCertificate m_ca;
    KeyAndCertificate m_node;

private slots:
    void initTestCase()
    {
        auto ca = ClusterCertificates::createCa(QStringLiteral("lisboa"));
        VERIFY_OK(ca);
        m_ca = *ca;
        auto node = ClusterCertificates::issueNodeCertificate(m_ca.keyPem, m_ca.certificatePem, QStringLiteral("node1"),
                                                              kAddresses);
        VERIFY_OK(node);
        m_node = *node;
    }

    void cleanup()
    {
        // Nothing the code under test did may linger in this thread's queue.
        QCOMPARE(ERR_peek_error(), 0UL);
    }

    void caIsACa()
    {
        const Cert ca = x509(m_ca.certificatePem);
        QVERIFY(ca);
        QVERIFY(m_ca.keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
        QCOMPARE(X509_check_ca(ca.get()), 1); // CA:TRUE in basicConstraints
        const uint32_t flags = X509_get_extension_flags(ca.get());
        QVERIFY(flags & EXFLAG_CA);
        QVERIFY(flags & EXFLAG_SS);            // self-signed
        QCOMPARE(X509_get_pathlen(ca.get()), 0L);
        QCOMPARE(X509_get_key_usage(ca.get()), uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
        QCOMPARE(X509_get_version(ca.get()), 2L);
        QCOMPARE(nameEntry(X509_get_subject_name(ca.get()), NID_commonName), QStringLiteral("Atalaia Cluster CA lisboa"));
        QCOMPARE(X509_NAME_cmp(X509_get_subject_name(ca.get()), X509_get_issuer_name(ca.get())), 0);
        QVERIFY(X509_get0_subject_key_id(ca.get()));
        QVERIFY(X509_get0_authority_key_id(ca.get()));
        QCOMPARE(ASN1_OCTET_STRING_cmp(X509_get0_subject_key_id(ca.get()), X509_get0_authority_key_id(ca.get())), 0);
        QCOMPARE(X509_verify(ca.get(), X509_get0_pubkey(ca.get())), 1);

        const auto [days, seconds] = lifetime(ca.get());
        QCOMPARE(days, ClusterCertificates::kCaValidDays);
        QVERIFY2(seconds >= 3600 && seconds <= 3605, qPrintable(QString::number(seconds))); // backdated an hour

        const Key key = privateKey(m_ca.keyPem);
        QVERIFY(key);
        QCOMPARE(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
        QCOMPARE(EVP_PKEY_get_bits(key.get()), 256);
        QCOMPARE(X509_check_private_key(ca.get(), key.get()), 1);
        VERIFY_OK(ClusterCertificates::checkKeyPair(m_ca.keyPem, m_ca.certificatePem));
    }

    void serialsAreRandomAndPositive()
    {
        auto other = ClusterCertificates::createCa(QStringLiteral("lisboa"));
        VERIFY_OK(other);
        const Cert a = x509(m_ca.certificatePem);
        const Cert b = x509(other->certificatePem);
        QVERIFY(serialHex(a.get()) != serialHex(b.get()));
        QVERIFY(!serialHex(a.get()).startsWith(QLatin1Char('-')));
        QVERIFY(serialHex(a.get()).size() >= 24); // ~127 random bits, not a counter
        QVERIFY(other->keyPem != m_ca.keyPem);
    }

    void caNeedsAName()
    {
        VERIFY_FAILS(ClusterCertificates::createCa(QString()), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::createCa(QStringLiteral("  ")), Code::InvalidArgument);
    }

    void nodeCertificateProperties()
    {
        const Cert cert = x509(m_node.certificatePem);
        const Cert ca = x509(m_ca.certificatePem);
        QVERIFY(cert);
        QCOMPARE(nameEntry(X509_get_subject_name(cert.get()), NID_commonName), QStringLiteral("node1"));
        QCOMPARE(X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(ca.get())), 0);
        QCOMPARE(X509_check_ca(cert.get()), 0);
        QVERIFY(X509_get_extension_flags(cert.get()) & EXFLAG_XKUSAGE);
        QCOMPARE(X509_get_extended_key_usage(cert.get()), uint32_t(XKU_SSL_SERVER));
        QCOMPARE(X509_get_key_usage(cert.get()), uint32_t(KU_DIGITAL_SIGNATURE));
        QVERIFY(X509_get0_subject_key_id(cert.get()));
        QCOMPARE(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(cert.get()), X509_get0_subject_key_id(ca.get())), 0);
        QCOMPARE(X509_verify(cert.get(), X509_get0_pubkey(ca.get())), 1);
        QVERIFY(serialHex(cert.get()) != serialHex(ca.get()));

        const auto [days, seconds] = lifetime(cert.get());
        QCOMPARE(days, ClusterCertificates::kNodeValidDays);
        QVERIFY2(seconds >= 3600 && seconds <= 3605, qPrintable(QString::number(seconds)));

        // A key of its own, never the CA's.
        const Key key = privateKey(m_node.keyPem);
        QVERIFY(key);
        QCOMPARE(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
        QCOMPARE(X509_check_private_key(cert.get(), key.get()), 1);
        QCOMPARE(X509_check_private_key(ca.get(), key.get()), 0);
        ERR_clear_error();
        VERIFY_OK(ClusterCertificates::checkKeyPair(m_node.keyPem, m_node.certificatePem));
    }

    void subjectAltNames()
    {
        const QSslCertificate cert(m_node.certificatePem, QSsl::Pem);
        QVERIFY(!cert.isNull());
        const auto sans = cert.subjectAlternativeNames();
        QStringList dns = sans.values(QSsl::DnsEntry);
        dns.sort();
        QCOMPARE(dns, (QStringList{QStringLiteral("localhost"), QStringLiteral("node1"), QStringLiteral("node1.example.org")}));
        QSet<QHostAddress> ips;
        for (const QString &ip : sans.values(QSsl::IpAddressEntry))
            ips.insert(QHostAddress(ip));
        QCOMPARE(ips, (QSet<QHostAddress>{QHostAddress(QStringLiteral("127.0.0.1")), QHostAddress(QStringLiteral("::1")),
                                          QHostAddress(QStringLiteral("10.77.0.1")),
                                          QHostAddress(QStringLiteral("fd00::1"))}));
        // 127.0.0.1 was given twice (always, and in the addresses): once.
        QCOMPARE(sans.values(QSsl::IpAddressEntry).size(), 4);
    }

    void verifiesUnderItsCaOnly()
    {
        VERIFY_OK(ClusterCertificates::verifyIssuedBy(m_node.certificatePem, m_ca.certificatePem));

        auto otherName = ClusterCertificates::createCa(QStringLiteral("porto"));
        VERIFY_OK(otherName);
        VERIFY_FAILS(ClusterCertificates::verifyIssuedBy(m_node.certificatePem, otherName->certificatePem), Code::Crypto);
        // A second CA of the same name and subject: its key did not sign.
        auto sameName = ClusterCertificates::createCa(QStringLiteral("lisboa"));
        VERIFY_OK(sameName);
        VERIFY_FAILS(ClusterCertificates::verifyIssuedBy(m_node.certificatePem, sameName->certificatePem), Code::Crypto);

        // Tampered with, or another CA's own certificate.
        VERIFY_FAILS(ClusterCertificates::verifyIssuedBy(otherName->certificatePem, m_ca.certificatePem), Code::Crypto);
        VERIFY_FAILS(ClusterCertificates::verifyIssuedBy(tampered(m_node.certificatePem), m_ca.certificatePem),
                     Code::Crypto);
        // A node certificate is no CA: it issues nothing.
        VERIFY_FAILS(ClusterCertificates::issueNodeCertificate(m_node.keyPem, m_node.certificatePem,
                                                               QStringLiteral("node2"), {}),
                     Code::InvalidArgument);
    }

    void errorSaysWhy()
    {
        auto other = ClusterCertificates::createCa(QStringLiteral("porto"));
        VERIFY_OK(other);
        const auto verified = ClusterCertificates::verifyIssuedBy(m_node.certificatePem, other->certificatePem);
        QVERIFY(!verified);
        QVERIFY2(verified.error().message.contains(QLatin1String("issuer")), qPrintable(verified.error().message));
    }

    void caKeyMustBeTheCas()
    {
        auto other = ClusterCertificates::createCa(QStringLiteral("porto"));
        VERIFY_OK(other);
        const auto issued = ClusterCertificates::issueNodeCertificate(other->keyPem, m_ca.certificatePem,
                                                                      QStringLiteral("node2"), {});
        VERIFY_FAILS(issued, Code::InvalidArgument);
        QVERIFY(issued.error().message.contains(QLatin1String("does not belong")));
        VERIFY_FAILS(ClusterCertificates::checkKeyPair(other->keyPem, m_ca.certificatePem), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::checkKeyPair(m_node.keyPem, m_ca.certificatePem), Code::InvalidArgument);
    }

    void badPem_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("blank") << QByteArray(" \n\n");
        QTest::newRow("garbage") << QByteArray("not a certificate at all");
        QTest::newRow("bad base64") << QByteArray("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        QTest::newRow("truncated") << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        QTest::newRow("huge") << QByteArray(1024 * 1024, 'A');
    }

    void badPem()
    {
        QFETCH(QByteArray, pem);
        const QString node = QStringLiteral("node2");
        VERIFY_FAILS(ClusterCertificates::issueNodeCertificate(pem, m_ca.certificatePem, node, {}), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::issueNodeCertificate(m_ca.keyPem, pem, node, {}), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::verifyIssuedBy(pem, m_ca.certificatePem), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::verifyIssuedBy(m_node.certificatePem, pem), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::checkKeyPair(pem, m_node.certificatePem), Code::InvalidArgument);
        VERIFY_FAILS(ClusterCertificates::checkKeyPair(m_node.keyPem, pem), Code::InvalidArgument);
    }

    void swappedPem()
    {
        // A certificate where the key belongs, and the other way round.
        const auto asKey = ClusterCertificates::issueNodeCertificate(m_ca.certificatePem, m_ca.certificatePem,
                                                                     QStringLiteral("node2"), {});
        VERIFY_FAILS(asKey, Code::InvalidArgument);
        QVERIFY2(asKey.error().message.contains(QLatin1String("CA key")), qPrintable(asKey.error().message));
        const auto asCert = ClusterCertificates::issueNodeCertificate(m_ca.keyPem, m_ca.keyPem,
                                                                      QStringLiteral("node2"), {});
        VERIFY_FAILS(asCert, Code::InvalidArgument);
        QVERIFY2(asCert.error().message.contains(QLatin1String("CA certificate")), qPrintable(asCert.error().message));
    }

    void encryptedKeyIsRefusedWithoutAPrompt()
    {
        // OpenSSL would ask for the passphrase on the terminal by default.
        const QByteArray encrypted = encryptedKeyPem(m_ca.keyPem);
        QVERIFY(encrypted.contains("ENCRYPTED"));
        VERIFY_FAILS(ClusterCertificates::issueNodeCertificate(encrypted, m_ca.certificatePem, QStringLiteral("node2"), {}),
                     Code::InvalidArgument);
    }

    void badNames_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QStringList>("addresses");
        QTest::newRow("no node name") << QString() << QStringList();
        QTest::newRow("comma smuggles a SAN") << QStringLiteral("node2") << QStringList{QStringLiteral("a,DNS:evil.example")};
        QTest::newRow("space") << QStringLiteral("node2") << QStringList{QStringLiteral("a b")};
        QTest::newRow("non-ASCII") << QStringLiteral("node2") << QStringList{QStringLiteral("nó")};
        QTest::newRow("empty address") << QStringLiteral("node2") << QStringList{QString()};
    }

    void badNames()
    {
        QFETCH(QString, node);
        QFETCH(QStringList, addresses);
        VERIFY_FAILS(ClusterCertificates::issueNodeCertificate(m_ca.keyPem, m_ca.certificatePem, node, addresses),
                     Code::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(tst_ClusterCertificates)
#include "tst_ClusterCertificates.moc"
