#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace atalaia::schema {

// A Proxmox property string ("virtio=AA:BB:CC:DD:EE:FF,bridge=vmbr0,firewall=1"),
// split into its items with offsets into the original value, so that errors can
// point at the column of the offending item.
struct PropertyStringItem {
    QString key;          // empty for a bare value (it belongs to the format's default key)
    QString value;        // unquoted
    qsizetype offset = 0; // where the item starts within the whole value
    qsizetype valueOffset = 0;
};

struct PropertyStringParse {
    QList<PropertyStringItem> items;
    QString error;        // empty when the syntax is fine
    qsizetype errorOffset = 0;
};

// Splits at commas outside double quotes. Quoted values may escape '"' and '\'.
PropertyStringParse parsePropertyString(QStringView text);

} // namespace atalaia::schema
