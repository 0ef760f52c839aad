#pragma once

#include <QCryptographicHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::base {

// The checksum algorithms of Proxmox's upload API ("checksum-algorithm":
// md5, sha1, sha224, sha256, sha384, sha512), by their API names: the
// agent checks uploads with them, the CLI and the console compute them.
std::optional<QCryptographicHash::Algorithm> checksumAlgorithm(const QString &name);
QStringList checksumAlgorithmNames();

} // namespace atalaia::base
