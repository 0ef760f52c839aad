#include "ChecksumAlgorithm.h"

#include <array>
#include <utility>

namespace atalaia::base {

namespace {

constexpr std::array<std::pair<const char *, QCryptographicHash::Algorithm>, 6> kAlgorithms{{
    {"md5", QCryptographicHash::Md5},
    {"sha1", QCryptographicHash::Sha1},
    {"sha224", QCryptographicHash::Sha224},
    {"sha256", QCryptographicHash::Sha256},
    {"sha384", QCryptographicHash::Sha384},
    {"sha512", QCryptographicHash::Sha512},
}};

} // namespace

std::optional<QCryptographicHash::Algorithm> checksumAlgorithm(const QString &name)
{
    for (const auto &[apiName, algorithm] : kAlgorithms)
        if (name == QLatin1String(apiName))
            return algorithm;
    return std::nullopt;
}

QStringList checksumAlgorithmNames()
{
    QStringList names;
    for (const auto &entry : kAlgorithms)
        names.append(QLatin1String(entry.first));
    return names;
}

} // namespace atalaia::base
