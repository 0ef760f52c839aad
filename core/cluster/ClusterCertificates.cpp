#include "ClusterCertificates.h"

#include "base/OpenSslPointers.h"

#include <QSet>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>

namespace atalaia::cluster {

namespace {

using namespace atalaia::openssl;

// PEM input larger than this is no certificate or key of ours (and BIO sizes
// are int).
constexpr qsizetype kMaxPemBytes = 256 * 1024;
// Not-before an hour back: a node whose clock is a little behind the issuing
// node's still accepts a fresh certificate.
constexpr long kBackdateSeconds = 3600;

// OpenSSL's reason for the last failure on this thread, and an empty error
// queue afterwards: a stale entry would otherwise surface in an unrelated
// later call (Qt's TLS backend reads the same per-thread queue).
QString takeOpenSslError()
{
    unsigned long code = 0;
    unsigned long last = 0;
    while ((code = ERR_get_error()) != 0)
        last = code;
    if (last == 0)
        return QStringLiteral("no reason given");
    char text[256];
    ERR_error_string_n(last, text, sizeof text);
    return QString::fromLatin1(text);
}

std::unexpected<Error> cryptoFailure(const QString &what, std::source_location where = std::source_location::current())
{
    return fail(Code::Crypto, QStringLiteral("OpenSSL could not %1: %2").arg(what, takeOpenSslError()), where);
}

// Never the terminal prompt OpenSSL falls back to for an encrypted key.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

Result<Bio> readBio(const QByteArray &pem, const QString &what)
{
    if (pem.trimmed().isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("the %1 is empty").arg(what));
    if (pem.size() > kMaxPemBytes)
        return fail(Code::InvalidArgument, QStringLiteral("the %1 is too large (%2 bytes) to be PEM of ours")
                                               .arg(what).arg(pem.size()));
    Bio bio = memoryReader(pem);
    if (!bio)
        return cryptoFailure(QStringLiteral("read the %1").arg(what));
    return bio;
}

Result<Cert> parseCertificate(const QByteArray &pem, const QString &what)
{
    auto bio = readBio(pem, what);
    if (!bio)
        return std::unexpected(bio.error());
    Cert cert(PEM_read_bio_X509(bio->get(), nullptr, noPassphrase, nullptr));
    if (!cert) {
        const QString reason = takeOpenSslError();
        return fail(Code::InvalidArgument, QStringLiteral("the %1 is not a PEM certificate (%2)").arg(what, reason));
    }
    return cert;
}

Result<Key> parseKey(const QByteArray &pem, const QString &what)
{
    auto bio = readBio(pem, what);
    if (!bio)
        return std::unexpected(bio.error());
    Key key(PEM_read_bio_PrivateKey(bio->get(), nullptr, noPassphrase, nullptr));
    if (!key) {
        const QString reason = takeOpenSslError();
        return fail(Code::InvalidArgument,
                    QStringLiteral("the %1 is not an unencrypted PEM private key (%2)").arg(what, reason));
    }
    return key;
}

Result<KeyAndCertificate> encode(EVP_PKEY *key, X509 *cert)
{
    Bio keyBio(BIO_new(BIO_s_mem()));
    Bio certBio(BIO_new(BIO_s_mem()));
    if (!keyBio || !certBio || !PEM_write_bio_PrivateKey(keyBio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
        || !PEM_write_bio_X509(certBio.get(), cert))
        return cryptoFailure(QStringLiteral("encode a key and certificate as PEM"));
    return KeyAndCertificate{memoryContents(keyBio.get()), memoryContents(certBio.get())};
}

Result<Key> newKey()
{
    Key key(EVP_EC_gen("P-256"));
    if (!key)
        return cryptoFailure(QStringLiteral("create an EC P-256 key"));
    return key;
}

// Version 3, a random positive serial (127 bits: RFC 5280 allows 20 octets,
// and random serials keep two CAs of one name from colliding), the validity,
// the subject's public key.
Result<Cert> newCertificate(EVP_PKEY *subjectKey, long validDays)
{
    Cert cert(X509_new());
    if (!cert)
        return cryptoFailure(QStringLiteral("create a certificate"));
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return cryptoFailure(QStringLiteral("draw a random serial number"));
    serial[0] &= 0x7f; // positive
    Bignum bn(BN_bin2bn(serial, sizeof serial, nullptr));
    if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) || !X509_set_version(cert.get(), 2)
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds)
        || !X509_time_adj_ex(X509_getm_notAfter(cert.get()), int(validDays), 0, nullptr)
        || !X509_set_pubkey(cert.get(), subjectKey))
        return cryptoFailure(QStringLiteral("fill in a certificate"));
    return cert;
}

Result<void> addNameEntry(X509_NAME *name, const char *field, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (!X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(utf8.constData()),
                                    int(utf8.size()), -1, 0))
        return cryptoFailure(QStringLiteral("set the certificate name's %1 to '%2'").arg(QLatin1StringView(field), value));
    return {};
}

// Extensions given in openssl.cnf's syntax; ISSUER is the certificate the
// authority key identifier is taken from (CERT itself for a self-signed one).
Result<void> addExtensions(X509 *cert, X509 *issuer, std::initializer_list<std::pair<int, const char *>> extensions)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    for (const auto &[nid, value] : extensions) {
        Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
        if (!ext || !X509_add_ext(cert, ext.get(), -1))
            return cryptoFailure(QStringLiteral("add the certificate extension %1 = %2")
                                     .arg(QLatin1StringView(OBJ_nid2sn(nid)), QLatin1StringView(value)));
    }
    return {};
}

// The node certificate's subjectAltName, built from GENERAL_NAMEs rather than
// openssl.cnf text, so no address can smuggle in a ',' and a name of its own.
Result<void> addSubjectAltNames(X509 *cert, const QStringList &entries)
{
    Names names(sk_GENERAL_NAME_new_null());
    if (!names)
        return cryptoFailure(QStringLiteral("create the subject alternative names"));
    QSet<QByteArray> seen;
    for (const QString &entry : entries) {
        // An address in text form, IPv4 or IPv6; a link-local address's
        // scope ("%eth0") means nothing to a peer and is dropped.
        const QByteArray ascii = entry.toLatin1();
        const qsizetype scope = ascii.indexOf('%');
        Octets ip(entry.isEmpty() ? nullptr : a2i_IPADDRESS((scope < 0 ? ascii : ascii.first(scope)).constData()));
        ERR_clear_error(); // a name is no address: not an error
        Name name(GENERAL_NAME_new());
        if (!name)
            return cryptoFailure(QStringLiteral("create a subject alternative name"));
        if (ip) {
            const QByteArray key = "IP:" + QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(ip.get())),
                                                      ASN1_STRING_length(ip.get()));
            if (seen.contains(key))
                continue;
            seen.insert(key);
            GENERAL_NAME_set0_value(name.get(), GEN_IPADD, ip.release());
        } else {
            // A DNS name is IA5 (ASCII) text; a host name has no spaces,
            // commas, slashes, colons or control characters either.
            const bool plain = !entry.isEmpty() && std::all_of(entry.cbegin(), entry.cend(), [](QChar c) {
                return c.unicode() > 0x20 && c.unicode() < 0x7f && c != QLatin1Char(',') && c != QLatin1Char('/')
                    && c != QLatin1Char(':') && c != QLatin1Char('%');
            });
            if (!plain)
                return fail(Code::InvalidArgument,
                            QStringLiteral("'%1' is neither an IP address nor a host name").arg(entry));
            const QByteArray key = "DNS:" + ascii.toLower();
            if (seen.contains(key))
                continue;
            seen.insert(key);
            Ia5 text(ASN1_IA5STRING_new());
            if (!text || !ASN1_STRING_set(text.get(), ascii.constData(), int(ascii.size())))
                return cryptoFailure(QStringLiteral("encode the name %1").arg(entry));
            GENERAL_NAME_set0_value(name.get(), GEN_DNS, text.release());
        }
        if (!sk_GENERAL_NAME_push(names.get(), name.get()))
            return cryptoFailure(QStringLiteral("collect the subject alternative names"));
        name.release(); // now owned by NAMES
    }
    if (!X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT))
        return cryptoFailure(QStringLiteral("add the subject alternative names"));
    return {};
}

Result<void> sign(X509 *cert, EVP_PKEY *key)
{
    if (!X509_sign(cert, key, EVP_sha256()))
        return cryptoFailure(QStringLiteral("sign a certificate"));
    return {};
}

} // namespace

Result<KeyAndCertificate> ClusterCertificates::createCa(const QString &clusterName)
{
    if (clusterName.trimmed().isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("a cluster CA needs the cluster's name"));
    auto key = newKey();
    if (!key)
        return std::unexpected(key.error());
    auto cert = newCertificate(key->get(), kCaValidDays);
    if (!cert)
        return std::unexpected(cert.error());
    X509_NAME *name = X509_get_subject_name(cert->get());
    for (auto added : {addNameEntry(name, "O", QStringLiteral("Atalaia")),
                       addNameEntry(name, "OU", clusterName),
                       addNameEntry(name, "CN", QStringLiteral("Atalaia Cluster CA %1").arg(clusterName))})
        if (!added)
            return std::unexpected(added.error());
    if (!X509_set_issuer_name(cert->get(), name))
        return cryptoFailure(QStringLiteral("set the CA's issuer name"));
    // The subject key identifier first: the authority key identifier is
    // copied from it (the issuer is the certificate itself).
    if (auto e = addExtensions(cert->get(), cert->get(),
                               {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                {NID_subject_key_identifier, "hash"}});
        !e)
        return std::unexpected(e.error());
    if (auto e = addExtensions(cert->get(), cert->get(), {{NID_authority_key_identifier, "keyid:always"}}); !e)
        return std::unexpected(e.error());
    if (auto s = sign(cert->get(), key->get()); !s)
        return std::unexpected(s.error());
    return encode(key->get(), cert->get());
}

Result<KeyAndCertificate> ClusterCertificates::issueNodeCertificate(const QByteArray &caKeyPem,
                                                                    const QByteArray &caCertificatePem,
                                                                    const QString &nodeName,
                                                                    const QStringList &addresses)
{
    if (nodeName.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("a node certificate needs the node's name"));
    auto caKey = parseKey(caKeyPem, QStringLiteral("cluster CA key"));
    if (!caKey)
        return std::unexpected(caKey.error());
    auto caCert = parseCertificate(caCertificatePem, QStringLiteral("cluster CA certificate"));
    if (!caCert)
        return std::unexpected(caCert.error());
    if (X509_check_ca(caCert->get()) == 0)
        return fail(Code::InvalidArgument, QStringLiteral("the cluster CA certificate is not a CA certificate"));
    if (X509_check_private_key(caCert->get(), caKey->get()) != 1) {
        ERR_clear_error();
        return fail(Code::InvalidArgument, QStringLiteral("the cluster CA key does not belong to the CA certificate"));
    }

    auto key = newKey();
    if (!key)
        return std::unexpected(key.error());
    auto cert = newCertificate(key->get(), kNodeValidDays);
    if (!cert)
        return std::unexpected(cert.error());
    // A node certificate that outlives its CA would fail verification early
    // and confusingly; it ends with the CA instead.
    const ASN1_TIME *caEnd = X509_get0_notAfter(caCert->get());
    if (ASN1_TIME_compare(caEnd, X509_get0_notAfter(cert->get())) < 0
        && !X509_set1_notAfter(cert->get(), caEnd))
        return cryptoFailure(QStringLiteral("limit the certificate to the CA's validity"));

    X509_NAME *name = X509_get_subject_name(cert->get());
    for (auto added : {addNameEntry(name, "O", QStringLiteral("Atalaia")),
                       addNameEntry(name, "OU", QStringLiteral("Atalaia Cluster Node")),
                       addNameEntry(name, "CN", nodeName)})
        if (!added)
            return std::unexpected(added.error());
    if (!X509_set_issuer_name(cert->get(), X509_get_subject_name(caCert->get())))
        return cryptoFailure(QStringLiteral("set the issuer name"));

    QStringList sans{nodeName, QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    sans.append(addresses);
    if (auto s = addSubjectAltNames(cert->get(), sans); !s)
        return std::unexpected(s.error());
    // An EC key signs (ECDHE-ECDSA); RFC 5480 rules out keyEncipherment for it.
    if (auto e = addExtensions(cert->get(), caCert->get(),
                               {{NID_basic_constraints, "critical,CA:FALSE"},
                                {NID_key_usage, "critical,digitalSignature"},
                                {NID_ext_key_usage, "serverAuth"},
                                {NID_subject_key_identifier, "hash"},
                                {NID_authority_key_identifier, "keyid:always"}});
        !e)
        return std::unexpected(e.error());
    if (auto s = sign(cert->get(), caKey->get()); !s)
        return std::unexpected(s.error());
    return encode(key->get(), cert->get());
}

Result<void> ClusterCertificates::verifyIssuedBy(const QByteArray &certificatePem, const QByteArray &caCertificatePem)
{
    auto cert = parseCertificate(certificatePem, QStringLiteral("certificate"));
    if (!cert)
        return std::unexpected(cert.error());
    auto ca = parseCertificate(caCertificatePem, QStringLiteral("cluster CA certificate"));
    if (!ca)
        return std::unexpected(ca.error());

    Store store(X509_STORE_new());
    StoreCtx ctx(X509_STORE_CTX_new());
    if (!store || !ctx || !X509_STORE_add_cert(store.get(), ca->get())
        || !X509_STORE_CTX_init(ctx.get(), store.get(), cert->get(), nullptr)
        || !X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER))
        return cryptoFailure(QStringLiteral("prepare a certificate verification"));
    // The store holds the cluster CA alone (no system roots): only a chain
    // ending there verifies. Strict mode adds RFC 5280's checks on top.
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_X509_STRICT);
    if (X509_verify_cert(ctx.get()) != 1) {
        const int error = X509_STORE_CTX_get_error(ctx.get());
        ERR_clear_error();
        return fail(Code::Crypto, QStringLiteral("the certificate is not valid under this cluster CA: %1")
                                      .arg(QString::fromLatin1(X509_verify_cert_error_string(error))));
    }
    return {};
}

Result<void> ClusterCertificates::checkKeyPair(const QByteArray &keyPem, const QByteArray &certificatePem)
{
    auto key = parseKey(keyPem, QStringLiteral("private key"));
    if (!key)
        return std::unexpected(key.error());
    auto cert = parseCertificate(certificatePem, QStringLiteral("certificate"));
    if (!cert)
        return std::unexpected(cert.error());
    if (X509_check_private_key(cert->get(), key->get()) != 1) {
        ERR_clear_error();
        return fail(Code::InvalidArgument, QStringLiteral("the private key does not belong to the certificate"));
    }
    return {};
}

} // namespace atalaia::cluster
