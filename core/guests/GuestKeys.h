#pragma once

#include <QString>
#include <QStringList>

#include <utility>

namespace atalaia::guests {

// Small readings of guest config values shared by the guest actions.

// "8G", "512M", "1.5T" -> bytes; a bare number is bytes.
qint64 parseSize(const QString &text);
// Bytes -> "8G" (whole GiB) or "512M", as Proxmox writes size=.
QString sizeText(qint64 bytes);
// ideN, sataN, scsiN, virtioN, efidiskN, tpmstateN, unusedN.
bool isQemuDiskKey(const QString &key);
// rootfs, mpN, unusedN.
bool isLxcVolumeKey(const QString &key);
// "local:8,format=qcow2,cache=none" -> ("local:8", ["format=qcow2", "cache=none"]);
// a leading "file=" or "volume=" is dropped.
std::pair<QString, QStringList> splitDisk(const QString &value);
// The value of NAME=... among OPTIONS, or an empty string.
QString optionValue(const QStringList &options, const QString &name);

} // namespace atalaia::guests
