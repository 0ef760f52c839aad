#include "NodeCertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSaveFile>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace atalaia::agent {

namespace {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T *p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

constexpr long kValidDays = 2 * 365; // Proxmox issues node certificates for two years

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

Result<void> writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(data) != data.size()
        || !file.commit())
        return fail(Code::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<QPair<QByteArray, QByteArray>> makeKeyAndCertificate(const QString &nodeName, const QStringList &addresses)
{
    Key key(EVP_EC_gen("P-256"));
    Cert cert(X509_new());
    if (!key || !cert)
        return fail(Code::Crypto, QStringLiteral("OpenSSL could not create a key"));
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_set_version(cert.get(), 2);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidDays * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = nodeName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Atalaia"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);

    QStringList sans{QStringLiteral("DNS:") + nodeName, QStringLiteral("DNS:localhost")};
    for (const QString &address : addresses)
        sans.append((QHostAddress(address).isNull() ? QStringLiteral("DNS:") : QStringLiteral("IP:")) + address);
    const QByteArray sanText = sans.join(QLatin1Char(',')).toUtf8();
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const auto &[nid, value] : {std::pair{NID_subject_alt_name, sanText.constData()},
                                     std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                                     std::pair{NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                     std::pair{NID_ext_key_usage, "serverAuth"}}) {
        Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
        if (!ext || !X509_add_ext(cert.get(), ext.get(), -1))
            return fail(Code::Crypto, QStringLiteral("OpenSSL could not add a certificate extension"));
    }
    if (!X509_sign(cert.get(), key.get(), EVP_sha256()))
        return fail(Code::Crypto, QStringLiteral("OpenSSL could not sign the node certificate"));

    Bio keyBio(BIO_new(BIO_s_mem()));
    Bio certBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
        || !PEM_write_bio_X509(certBio.get(), cert.get()))
        return fail(Code::Crypto, QStringLiteral("OpenSSL could not encode the node certificate"));
    return QPair{bioBytes(keyBio.get()), bioBytes(certBio.get())};
}

} // namespace

QString NodeCertificate::fingerprintOf(const QByteArray &certificatePem)
{
    Bio bio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return {};
    unsigned char *der = nullptr;
    const int length = i2d_X509(cert.get(), &der);
    const QByteArray digest = QCryptographicHash::hash(QByteArrayView(der, length), QCryptographicHash::Sha256);
    OPENSSL_free(der);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

Result<NodeCertificate> NodeCertificate::ensure(const QString &directory, const QString &nodeName,
                                                const QStringList &addresses)
{
    if (!QDir().mkpath(directory))
        return fail(Code::Io, QStringLiteral("cannot create %1").arg(directory));
    NodeCertificate c;
    c.keyFile = directory + QStringLiteral("/node.key");
    c.certificateFile = directory + QStringLiteral("/node.pem");
    if (!QFile::exists(c.keyFile) || !QFile::exists(c.certificateFile)) {
        auto made = makeKeyAndCertificate(nodeName, addresses);
        if (!made)
            return std::unexpected(made.error());
        if (auto w = writeFile(c.keyFile, made->first, QFileDevice::ReadOwner | QFileDevice::WriteOwner); !w)
            return std::unexpected(w.error());
        if (auto w = writeFile(c.certificateFile, made->second,
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                   | QFileDevice::ReadOther);
            !w)
            return std::unexpected(w.error());
    }
    QFile cert(c.certificateFile);
    if (!cert.open(QIODevice::ReadOnly))
        return fail(Code::Io, QStringLiteral("cannot read %1: %2").arg(c.certificateFile, cert.errorString()));
    c.certificatePem = cert.readAll();
    c.fingerprint = fingerprintOf(c.certificatePem);
    if (c.fingerprint.isEmpty())
        return fail(Code::Crypto, QStringLiteral("%1 is not a PEM certificate").arg(c.certificateFile));
    return c;
}

} // namespace atalaia::agent
