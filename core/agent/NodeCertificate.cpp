#include "NodeCertificate.h"

#include "base/OpenSslPointers.h"
#include "cluster/ClusterCertificates.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSaveFile>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

namespace atalaia::agent {

namespace {

using namespace atalaia::openssl;

constexpr long kValidDays = 2 * 365; // Proxmox issues node certificates for two years
constexpr QFileDevice::Permissions kKeyPermissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kCertificatePermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
// install() writes "node.key.new" and "node.pem.new" beside the pair.
constexpr QLatin1StringView kPendingSuffix(".new");

Result<void> writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(data) != data.size()
        || !file.commit())
        return fail(Code::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

// PATH as a new file, created with PERMISSIONS (a private key is never
// readable by others, not even for a moment), its data synced to disk.
Result<void> writeSynced(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QFile::remove(path); // a leftover of an interrupted install: made anew, with PERMISSIONS
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
        return fail(Code::Io, QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (file.write(data) != data.size() || !file.flush())
        return fail(Code::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (::fsync(file.handle()) != 0)
        return fail(Code::Io, QStringLiteral("cannot sync %1 to disk: %2").arg(path, qt_error_string(errno)));
    return {};
}

// rename(2): replaces TO atomically (QFile::rename refuses an existing TO).
Result<void> renameOver(const QString &from, const QString &to)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return fail(Code::Io, QStringLiteral("cannot rename %1 to %2: %3").arg(from, to, qt_error_string(errno)));
    return {};
}

// The renames themselves reach the disk with the directory. Best effort:
// some file systems refuse fsync on a directory, and the data is synced.
void syncDirectory(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// install() renames the key into place, then the certificate. A crash
// between the two leaves the new key beside the old certificate, with the
// new certificate still pending: finish that rename. Any other leftover is
// an install that never reached its first rename, and goes.
void completeInterruptedInstall(const QString &keyFile, const QString &certificateFile)
{
    const QString pendingCertificate = certificateFile + kPendingSuffix;
    if (QFile::exists(pendingCertificate)
        && cluster::ClusterCertificates::checkKeyPair(readFile(keyFile), readFile(pendingCertificate))) {
        if (renameOver(pendingCertificate, certificateFile))
            syncDirectory(QFileInfo(certificateFile).absolutePath());
    }
    QFile::remove(keyFile + kPendingSuffix);
    QFile::remove(pendingCertificate);
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
    return QPair{memoryContents(keyBio.get()), memoryContents(certBio.get())};
}

} // namespace

QString NodeCertificate::fingerprintOf(const QByteArray &certificatePem)
{
    Bio bio = memoryReader(certificatePem);
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
    completeInterruptedInstall(c.keyFile, c.certificateFile);
    if (!QFile::exists(c.keyFile) || !QFile::exists(c.certificateFile)) {
        auto made = makeKeyAndCertificate(nodeName, addresses);
        if (!made)
            return std::unexpected(made.error());
        if (auto w = writeFile(c.keyFile, made->first, kKeyPermissions); !w)
            return std::unexpected(w.error());
        if (auto w = writeFile(c.certificateFile, made->second, kCertificatePermissions); !w)
            return std::unexpected(w.error());
    }
    if (auto loaded = c.reload(); !loaded)
        return std::unexpected(loaded.error());
    // A pair that does not match would fail every TLS handshake; better to
    // say so at start.
    if (auto pair = cluster::ClusterCertificates::checkKeyPair(readFile(c.keyFile), c.certificatePem); !pair)
        return fail(Code::Crypto, QStringLiteral("%1 / %2: %3").arg(c.keyFile, c.certificateFile, pair.error().message));
    return c;
}

Result<void> NodeCertificate::reload()
{
    QFile cert(certificateFile);
    if (!cert.open(QIODevice::ReadOnly))
        return fail(Code::Io, QStringLiteral("cannot read %1: %2").arg(certificateFile, cert.errorString()));
    const QByteArray pem = cert.readAll();
    const QString digest = fingerprintOf(pem);
    if (digest.isEmpty())
        return fail(Code::Crypto, QStringLiteral("%1 is not a PEM certificate").arg(certificateFile));
    certificatePem = pem;
    fingerprint = digest;
    return {};
}

Result<void> NodeCertificate::install(const QByteArray &newKeyPem, const QByteArray &newCertificatePem)
{
    if (auto pair = cluster::ClusterCertificates::checkKeyPair(newKeyPem, newCertificatePem); !pair)
        return std::unexpected(pair.error());
    const QString pendingKey = keyFile + kPendingSuffix;
    const QString pendingCertificate = certificateFile + kPendingSuffix;
    const auto discard = [&] {
        QFile::remove(pendingKey);
        QFile::remove(pendingCertificate);
    };
    // Both files complete on disk before either replaces anything.
    auto written = writeSynced(pendingKey, newKeyPem, kKeyPermissions);
    if (written)
        written = writeSynced(pendingCertificate, newCertificatePem, kCertificatePermissions);
    if (!written) {
        discard();
        return std::unexpected(written.error());
    }
    // Kept to be put back should the certificate's rename fail.
    const QByteArray oldKey = readFile(keyFile);
    if (auto renamed = renameOver(pendingKey, keyFile); !renamed) {
        discard();
        return std::unexpected(renamed.error());
    }
    if (auto renamed = renameOver(pendingCertificate, certificateFile); !renamed) {
        // The old certificate is still in place: the old key goes back with
        // it (or, when there was none, the new key goes).
        const bool restored = oldKey.isEmpty() ? QFile::remove(keyFile)
                                               : writeSynced(pendingKey, oldKey, kKeyPermissions)
                                                     && renameOver(pendingKey, keyFile);
        discard();
        if (!restored)
            return fail(Code::Io, QStringLiteral("%1; and %2 could not be restored, so it does not match %3")
                                      .arg(renamed.error().message, keyFile, certificateFile));
        return std::unexpected(renamed.error());
    }
    syncDirectory(QFileInfo(keyFile).absolutePath());
    return reload();
}

} // namespace atalaia::agent
