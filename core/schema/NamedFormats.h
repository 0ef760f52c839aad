#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace atalaia::schema {

// Checks VALUE against a named Proxmox format ("pve-node", "mac-addr", "CIDR",
// "pve-tag-list", ...). Returns a message saying what is wrong and what is
// expected, or nothing when the value is fine or the format is not one we check.
std::optional<QString> checkNamedFormat(const QString &format, QStringView value);

bool isKnownFormat(const QString &format);

// Values are quoted in messages; a huge one is shortened so a message stays one line.
QString shortenForMessage(QStringView value);

} // namespace atalaia::schema
