#include "TicketAuthority.h"

#include "Secrets.h"
#include "Tr.h"
#include "base/Clock.h"
#include "config/UserConfigFile.h"

#include <QDir>
#include <QFile>
#include <QMutexLocker>
#include <QRandomGenerator>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace atalaia::access {

namespace {

constexpr int kRsaBits = 2048;
constexpr qsizetype kCsrfSecretBytes = 32;
constexpr qsizetype kMaxTicketLength = 4096;
constexpr QLatin1StringView kPrefix("PVE:");

struct PkeyFree {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
    void operator()(BIO *p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

Error cryptoError(const QString &what)
{
    return Error{Code::Crypto, what};
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// "%08X" of a Unix time, as Proxmox writes it.
QString hexTime(qint64 seconds)
{
    return QStringLiteral("%1").arg(static_cast<quint32>(seconds), 8, 16, QLatin1Char('0')).toUpper();
}

bool isHexTime(QStringView text)
{
    if (text.size() != 8)
        return false;
    for (QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('A') && c <= QLatin1Char('F'))))
            return false;
    }
    return true;
}

bool hasSpace(QStringView text)
{
    for (QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

// The ticket's data part. Proxmox escapes only ':' when it makes a ticket but
// unescapes every %XX when it reads one, so a user named "a%41@pve" would
// come back as "aA@pve"; escaping '%' too makes the round trip exact.
QString uriEscape(QString text)
{
    return text.replace(u'%', QLatin1String("%25")).replace(u':', QLatin1String("%3A"));
}

QString uriUnescape(QStringView text)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text.toUtf8()));
}

// Reads PATH if it exists: nullopt when missing. Refuses a file that group
// or others may access when SECRET.
Result<std::optional<QByteArray>> readKeyFile(const QString &path, bool secret)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            return std::optional<QByteArray>();
        return fail(Code::Io, Tr::tr("cannot open %1: %2").arg(path, errnoText(errno)));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(Code::Io, Tr::tr("%1 is not a regular file").arg(path));
    }
    if (secret && (st.st_mode & 077) != 0) {
        ::close(fd);
        return fail(Code::Crypto, Tr::tr("%1 may be read by other users (mode %2): run 'chmod 600 %1'")
                                      .arg(path, QString::number(st.st_mode & 0777, 8)));
    }
    QByteArray data;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return fail(Code::Io, Tr::tr("cannot read %1: %2").arg(path, errnoText(error)));
        }
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > 1024 * 1024) {
            ::close(fd);
            return fail(Code::Io, Tr::tr("%1 is too large for a key file").arg(path));
        }
    }
    OPENSSL_cleanse(buffer, sizeof buffer);
    ::close(fd);
    return std::optional<QByteArray>(std::move(data));
}

// Writes DATA to PATH with mode 0600 unless PATH exists (Code::AlreadyExists):
// into a temporary file first, then hard-linked into place, which fails
// rather than replaces when another process got there first.
Result<void> createKeyFile(const QString &path, QByteArrayView data)
{
    const QString temp = QStringLiteral("%1.tmp-%2-%3")
                             .arg(path, QString::number(::getpid()),
                                  QString::number(QRandomGenerator::system()->generate64(), 16));
    const QByteArray nativeTemp = QFile::encodeName(temp);
    const int fd = ::open(nativeTemp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return fail(Code::Io, Tr::tr("cannot create %1: %2").arg(temp, errnoText(errno)));
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, static_cast<size_t>(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(nativeTemp.constData());
            return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(temp, errnoText(error)));
        }
        done += n;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        ::unlink(nativeTemp.constData());
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(temp, errnoText(errno)));
    }
    const int linked = ::link(nativeTemp.constData(), QFile::encodeName(path).constData());
    const int error = errno;
    ::unlink(nativeTemp.constData());
    if (linked != 0 && error == EEXIST)
        return fail(Code::AlreadyExists, path);
    if (linked != 0)
        return fail(Code::Io, Tr::tr("cannot create %1: %2").arg(path, errnoText(error)));
    return {};
}

// Reads PATH, or creates it from MAKE() when missing (re-reading it when
// another process created it meanwhile).
template <typename Make>
Result<QByteArray> readOrCreate(const QString &path, bool secret, Make make)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto existing = readKeyFile(path, secret);
        if (!existing)
            return std::unexpected(existing.error());
        if (*existing)
            return **existing;
        Result<QByteArray> fresh = make();
        if (!fresh)
            return fresh;
        auto created = createKeyFile(path, *fresh);
        if (created)
            return fresh;
        wipe(*fresh);
        if (created.error().code != Code::AlreadyExists)
            return std::unexpected(created.error());
    }
    return fail(Code::Io, Tr::tr("cannot create %1").arg(path));
}

Result<QByteArray> pemOf(EVP_PKEY *key, bool privateKey)
{
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return std::unexpected(cryptoError(Tr::tr("out of memory")));
    const int ok = privateKey ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                              : PEM_write_bio_PUBKEY(bio.get(), key);
    if (ok != 1)
        return std::unexpected(cryptoError(Tr::tr("cannot encode the ticket key")));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    QByteArray pem(data, size);
    if (size > 0)
        OPENSSL_cleanse(data, static_cast<size_t>(size));
    return pem;
}

Result<QByteArray> newPrivateKeyPem()
{
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(kRsaBits)));
    if (!key)
        return std::unexpected(cryptoError(Tr::tr("cannot generate an RSA key")));
    return pemOf(key.get(), true);
}

Result<QByteArray> newSecret()
{
    QByteArray raw(kCsrfSecretBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), static_cast<int>(raw.size())) != 1)
        return std::unexpected(cryptoError(Tr::tr("no random bytes for the CSRF secret")));
    QByteArray text = raw.toBase64() + '\n';
    wipe(raw);
    return text;
}

// HMAC-SHA256 in Digest::SHA's hmac_sha256_base64 form (no '=' padding).
Result<QByteArray> hmacBase64(QByteArrayView key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), static_cast<size_t>(key.size()),
                   reinterpret_cast<const unsigned char *>(data.data()), static_cast<size_t>(data.size()), out,
                   sizeof out, &length))
        return std::unexpected(cryptoError(Tr::tr("HMAC failed")));
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(length))
        .toBase64(QByteArray::OmitTrailingEquals);
}

Error invalidTicket()
{
    return Error{Code::TicketInvalid, Tr::tr("permission denied - invalid PVE ticket")};
}

Error invalidCsrf()
{
    return Error{Code::TicketInvalid, Tr::tr("Permission denied - invalid csrf token")};
}

} // namespace

struct TicketAuthority::Keys {
    Pkey key;
    QByteArray publicPem;
    QByteArray csrfSecret;
    ~Keys() { wipe(csrfSecret); }
};

TicketAuthority::TicketAuthority(QString directory, const Clock &clock)
    : m_directory(std::move(directory)), m_clock(clock)
{
}

TicketAuthority::~TicketAuthority() = default;

Result<std::shared_ptr<const TicketAuthority::Keys>> TicketAuthority::parseKeys(const QString &origin,
                                                                                 QByteArray privatePem,
                                                                                 QByteArray csrfText)
{
    auto keys = std::make_shared<Keys>();
    Bio bio(BIO_new_mem_buf(privatePem.constData(), static_cast<int>(privatePem.size())));
    keys->key.reset(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    wipe(privatePem);
    if (!keys->key || EVP_PKEY_get_base_id(keys->key.get()) != EVP_PKEY_RSA)
        return fail(Code::Crypto, Tr::tr("%1/authkey.key is not an RSA private key").arg(origin));
    Result<QByteArray> publicPem = pemOf(keys->key.get(), false);
    if (!publicPem)
        return std::unexpected(publicPem.error());
    keys->publicPem = *publicPem;
    keys->csrfSecret = QByteArray::fromBase64(csrfText.trimmed());
    wipe(csrfText);
    if (keys->csrfSecret.size() < 16)
        return fail(Code::Crypto, Tr::tr("%1/csrf.key holds no usable secret").arg(origin));
    return std::shared_ptr<const Keys>(std::move(keys));
}

Result<std::shared_ptr<const TicketAuthority::Keys>> TicketAuthority::keys()
{
    QMutexLocker lock(&m_mutex);
    if (m_keys)
        return m_keys;

    const QByteArray nativeDir = QFile::encodeName(m_directory);
    if (!QDir(m_directory).exists()) {
        if (!QDir().mkpath(m_directory))
            return fail(Code::Io, Tr::tr("cannot create the key directory %1").arg(m_directory));
        ::chmod(nativeDir.constData(), 0700);
    }
    Result<QByteArray> pem = readOrCreate(m_directory + QStringLiteral("/authkey.key"), true, newPrivateKeyPem);
    if (!pem)
        return std::unexpected(pem.error());
    Result<QByteArray> secret = readOrCreate(m_directory + QStringLiteral("/csrf.key"), true, newSecret);
    if (!secret)
        return std::unexpected(secret.error());
    Result<std::shared_ptr<const Keys>> keys = parseKeys(m_directory, *pem, *secret);
    wipe(*pem);
    wipe(*secret);
    if (!keys)
        return keys;
    if (auto written = createKeyFile(m_directory + QStringLiteral("/authkey.pub"), (*keys)->publicPem);
        !written && written.error().code != Code::AlreadyExists)
        return std::unexpected(written.error());
    m_keys = *keys;
    return m_keys;
}

Result<TicketAuthority::KeyFiles> TicketAuthority::keyFiles()
{
    if (Result<std::shared_ptr<const Keys>> k = keys(); !k)
        return std::unexpected(k.error());
    QMutexLocker lock(&m_mutex);
    KeyFiles files;
    for (auto [name, target] : {std::pair{"/authkey.key", &files.privateKeyPem}, std::pair{"/csrf.key", &files.csrfKey}}) {
        QFile f(m_directory + QLatin1String(name));
        if (!f.open(QIODevice::ReadOnly))
            return fail(Code::Io, Tr::tr("cannot read %1: %2").arg(f.fileName(), f.errorString()));
        *target = f.readAll();
    }
    return files;
}

Result<void> TicketAuthority::adopt(const KeyFiles &files)
{
    Result<std::shared_ptr<const Keys>> keys = parseKeys(QStringLiteral("the cluster's"), files.privateKeyPem, files.csrfKey);
    if (!keys)
        return std::unexpected(keys.error());
    QMutexLocker lock(&m_mutex);
    QDir().mkpath(m_directory);
    const QList<std::pair<QString, QByteArray>> writes{{QStringLiteral("/authkey.key"), files.privateKeyPem},
                                                       {QStringLiteral("/csrf.key"), files.csrfKey},
                                                       {QStringLiteral("/authkey.pub"), (*keys)->publicPem}};
    for (const auto &[name, data] : writes) {
        // Written aside and renamed over the old file: never half a key.
        const QString path = m_directory + name;
        const QString partial = path + QStringLiteral(".new");
        QFile::remove(partial);
        if (Result<void> ok = createKeyFile(partial, data); !ok)
            return ok;
        if (::rename(QFile::encodeName(partial).constData(), QFile::encodeName(path).constData()) != 0) {
            QFile::remove(partial);
            return fail(Code::Io, Tr::tr("cannot replace %1").arg(path));
        }
    }
    m_previous = m_keys;
    m_keys = *keys;
    return {};
}

std::shared_ptr<const TicketAuthority::Keys> TicketAuthority::previousKeys()
{
    QMutexLocker lock(&m_mutex);
    return m_previous;
}

Result<void> TicketAuthority::ensureKeys()
{
    auto k = keys();
    if (!k)
        return std::unexpected(k.error());
    return {};
}

Result<QByteArray> TicketAuthority::publicKeyPem()
{
    auto k = keys();
    if (!k)
        return std::unexpected(k.error());
    return (*k)->publicPem;
}

Result<QString> TicketAuthority::create(const QString &userid)
{
    if (const QString problem = config::UserConfigFile::userIdProblem(userid.toUtf8()); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    auto k = keys();
    if (!k)
        return std::unexpected(k.error());
    const QByteArray plain = (kPrefix + uriEscape(userid) + QLatin1Char(':') + hexTime(m_clock.nowSeconds())).toUtf8();

    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, (*k)->key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(plain.constData()),
                          static_cast<size_t>(plain.size())) != 1)
        return fail(Code::Crypto, Tr::tr("cannot sign the ticket"));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(plain.constData()), static_cast<size_t>(plain.size()))
        != 1)
        return fail(Code::Crypto, Tr::tr("cannot sign the ticket"));
    signature.resize(static_cast<qsizetype>(length));
    return QString::fromUtf8(plain + "::" + signature.toBase64());
}

Result<TicketAuthority::Ticket> TicketAuthority::verify(QStringView ticket)
{
    // "PVE:<data>:<time>::<signature>", nothing with whitespace, no ':' in the signature.
    if (ticket.size() > kMaxTicketLength || !ticket.startsWith(kPrefix) || hasSpace(ticket))
        return std::unexpected(invalidTicket());
    const qsizetype split = ticket.lastIndexOf(QLatin1String("::"));
    if (split <= kPrefix.size())
        return std::unexpected(invalidTicket());
    const QStringView plain = ticket.first(split);
    const QStringView encoded = ticket.sliced(split + 2);
    if (encoded.isEmpty() || encoded.contains(QLatin1Char(':')))
        return std::unexpected(invalidTicket());
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::unexpected(invalidTicket());

    auto k = keys();
    if (!k)
        return std::unexpected(k.error());
    const QByteArray plainBytes = plain.toUtf8();
    auto signedBy = [&](const Keys &candidate) -> Result<bool> {
        MdCtx ctx(EVP_MD_CTX_new());
        if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, candidate.key.get()) != 1)
            return fail(Code::Crypto, Tr::tr("cannot verify tickets"));
        return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(decoded.decoded.constData()),
                                static_cast<size_t>(decoded.decoded.size()),
                                reinterpret_cast<const unsigned char *>(plainBytes.constData()),
                                static_cast<size_t>(plainBytes.size()))
               == 1;
    };
    Result<bool> genuine = signedBy(**k);
    if (!genuine)
        return std::unexpected(genuine.error());
    if (!*genuine) {
        // This node's keys before it adopted the cluster's: its own tickets
        // stay valid here until they expire (not on the other nodes).
        if (const std::shared_ptr<const Keys> old = previousKeys())
            genuine = signedBy(*old);
        if (!genuine || !*genuine)
            return std::unexpected(invalidTicket());
    }

    // "PVE:<data>:<time>" with a user id as data. Tickets of a half-finished
    // two-factor login ("tfa!", "!tfa!", "u2f!") are not full tickets.
    const qsizetype colon = plain.lastIndexOf(QLatin1Char(':'));
    const QStringView time = plain.sliced(colon + 1);
    if (colon <= kPrefix.size() || !isHexTime(time))
        return std::unexpected(invalidTicket());
    const QString userid = uriUnescape(plain.sliced(kPrefix.size(), colon - kPrefix.size()));
    if (userid.startsWith(QLatin1String("tfa!")) || userid.startsWith(QLatin1String("!tfa!"))
        || userid.startsWith(QLatin1String("u2f!"))
        || !config::UserConfigFile::userIdProblem(userid.toUtf8()).isEmpty())
        return std::unexpected(invalidTicket());

    const qint64 age = m_clock.nowSeconds() - static_cast<qint64>(time.toUInt(nullptr, 16));
    if (age <= -kClockSkewSeconds)
        return std::unexpected(invalidTicket());
    if (age >= kLifetimeSeconds)
        return fail(Code::TicketExpired, Tr::tr("permission denied - ticket expired"));
    return Ticket{userid, age};
}

Result<QString> TicketAuthority::csrfToken(const QString &userid)
{
    auto k = keys();
    if (!k)
        return std::unexpected(k.error());
    const QString time = hexTime(m_clock.nowSeconds());
    auto digest = hmacBase64((*k)->csrfSecret, (time + QLatin1Char(':') + userid).toUtf8());
    if (!digest)
        return std::unexpected(digest.error());
    return time + QLatin1Char(':') + QString::fromLatin1(*digest);
}

Result<void> TicketAuthority::verifyCsrfToken(const QString &userid, QStringView token)
{
    if (token.size() > 256 || token.size() < 10 || token[8] != QLatin1Char(':') || hasSpace(token))
        return std::unexpected(invalidCsrf());
    const QStringView time = token.first(8);
    if (!isHexTime(time))
        return std::unexpected(invalidCsrf());
    auto k = keys();
    if (!k)
        return std::unexpected(k.error());
    auto expected = hmacBase64((*k)->csrfSecret, (time.toString() + QLatin1Char(':') + userid).toUtf8());
    if (!expected)
        return std::unexpected(expected.error());
    const qint64 age = m_clock.nowSeconds() - static_cast<qint64>(time.toUInt(nullptr, 16));
    bool genuine = secretsEqual(*expected, token.sliced(9).toUtf8());
    if (!genuine) {
        if (const std::shared_ptr<const Keys> old = previousKeys()) {
            auto before = hmacBase64(old->csrfSecret, (time.toString() + QLatin1Char(':') + userid).toUtf8());
            genuine = before && secretsEqual(*before, token.sliced(9).toUtf8());
        }
    }
    if (!genuine || age <= -kClockSkewSeconds || age >= kLifetimeSeconds)
        return std::unexpected(invalidCsrf());
    return {};
}

} // namespace atalaia::access
