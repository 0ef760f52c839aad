#pragma once

#include <QByteArrayView>
#include <QString>

namespace atalaia::config {

// One key and its value as a line-based config file holds them (a section
// property, a "key: value" line, a corosync.conf item). Key and value are
// views into the file's text, valid until the file's next edit; the byte
// offsets place diagnostics within the line.
struct KeyValueEntry {
    QByteArrayView key;
    QByteArrayView value;
    qsizetype line = 0;      // line index within the file
    qsizetype keyByte = 0;   // offset of the key within its line
    qsizetype valueByte = 0; // offset of the value within its line
    QString keyString() const { return QString::fromUtf8(key); }
    QString valueString() const { return QString::fromUtf8(value); }
};

} // namespace atalaia::config
