#include "PasswordHasher.h"

#include "Secrets.h"
#include "Tr.h"

#include <crypt.h>
#include <openssl/crypto.h>

#include <memory>

namespace atalaia::access {

namespace {

bool acceptable(QByteArrayView password)
{
    return !password.isEmpty() && password.size() <= PasswordHasher::kMaxPasswordBytes && !password.contains('\0');
}

bool acceptedKind(QByteArrayView hash)
{
    return hash.startsWith("$y$") || hash.startsWith("$6$") || hash.startsWith("$5$");
}

// A setting (prefix and salt) for PREFIX from libcrypt's own random source;
// empty when libcrypt does not know the method.
QByteArray newSetting(const char *prefix)
{
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn(prefix, 0, nullptr, 0, setting, sizeof setting) || setting[0] == '*')
        return {};
    return QByteArray(setting);
}

// crypt_r's state is large (about 32 KiB) and holds password-derived data:
// allocate it per call and wipe it afterwards.
struct CryptState {
    CryptState() : data(std::make_unique<crypt_data>()) {}
    ~CryptState() { OPENSSL_cleanse(data.get(), sizeof(crypt_data)); }
    std::unique_ptr<crypt_data> data;
};

// crypt(3) of PASSWORD with SETTING; empty on failure.
QByteArray cryptWith(QByteArrayView password, const QByteArray &setting)
{
    QByteArray phrase = password.toByteArray(); // NUL-terminated copy
    CryptState state;
    const char *out = crypt_r(phrase.constData(), setting.constData(), state.data.get());
    wipe(phrase);
    if (!out || out[0] == '*')
        return {};
    return QByteArray(out);
}

} // namespace

QByteArray PasswordHasher::preferredPrefix()
{
    static const QByteArray prefix = newSetting("$y$").isEmpty() ? QByteArray("$6$") : QByteArray("$y$");
    return prefix;
}

Result<QByteArray> PasswordHasher::hash(QByteArrayView password)
{
    if (!acceptable(password))
        return fail(Code::InvalidArgument,
                    Tr::tr("a password must be 1 to %1 bytes long, without NUL characters").arg(kMaxPasswordBytes));
    QByteArray setting = newSetting(preferredPrefix().constData());
    if (setting.isEmpty())
        return fail(Code::Crypto, Tr::tr("libcrypt cannot make a salt for '%1' hashes")
                                      .arg(QString::fromLatin1(preferredPrefix())));
    QByteArray hashed = cryptWith(password, setting);
    if (hashed.isEmpty())
        return fail(Code::Crypto, Tr::tr("libcrypt failed to hash the password"));
    return hashed;
}

bool PasswordHasher::verify(QByteArrayView password, QByteArrayView hash)
{
    if (!acceptable(password) || !acceptedKind(hash) || hash.contains('\0') || hash.contains(':'))
        return false;
    const QByteArray computed = cryptWith(password, hash.toByteArray());
    return !computed.isEmpty() && secretsEqual(computed, hash);
}

} // namespace atalaia::access
