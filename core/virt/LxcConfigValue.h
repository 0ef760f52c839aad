#pragma once

#include "base/Error.h"

#include <QMap>
#include <QString>

// Reading values of a container config (lxc/<vmid>.conf) the way the lxc
// schema (core/config's guest file keys) defines them: shared by the domain
// translation (LxcDomainXml) and the rootfs setup (ContainerSetup).
namespace atalaia::virt {

// "KEY: WHY" as an InvalidArgument error: every refusal names its key.
std::unexpected<Error> lxcBad(const QString &key, const QString &why);

// VALUE checked against KEY's schema (type, range, format, every item of a
// property string). NotFound-like keys (not in the schema) are InvalidArgument.
Result<void> lxcCheckValue(const QString &key, const QString &value);

// A property string's items by name; a bare value is stored under the
// format's default key ("local:100/vm-100-disk-0.raw" -> volume).
struct LxcProps {
    QMap<QString, QString> values;
};
Result<LxcProps> lxcProps(const QString &key, const QString &value);

// Proxmox's boolean spellings (1/0, yes/no, on/off, true/false); anything
// else, and an empty value, is false.
bool lxcBool(const QString &value);

} // namespace atalaia::virt
