#include "Secrets.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

namespace atalaia::access {

namespace {

using Digest = std::array<unsigned char, 32>;

bool sha256(QByteArrayView data, Digest &out)
{
    unsigned int length = 0;
    return EVP_Digest(data.data(), static_cast<size_t>(data.size()), out.data(), &length, EVP_sha256(), nullptr) == 1
        && length == out.size();
}

} // namespace

bool secretsEqual(QByteArrayView a, QByteArrayView b)
{
    Digest da{}, db{};
    const bool hashedA = sha256(a, da);
    const bool hashedB = sha256(b, db);
    const bool same = CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
    OPENSSL_cleanse(da.data(), da.size());
    OPENSSL_cleanse(db.data(), db.size());
    return hashedA && hashedB && same;
}

void wipe(QByteArray &secret)
{
    // Bytes another QByteArray still shares are that owner's to wipe;
    // detaching here would only wipe a fresh copy.
    if (!secret.isEmpty() && secret.isDetached())
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    secret.clear();
}

} // namespace atalaia::access
