#pragma once

#include "Diagnostic.h"
#include "LineBuffer.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace atalaia::config {

// A flat "key: value" file: datacenter.cfg (and other files in that shape).
// Comments ('#') and blank lines are kept.
class KeyValueFile
{
public:
    struct Entry {
        QByteArrayView key;
        QByteArrayView value;
        qsizetype line = 0;
        qsizetype valueByte = 0;
        QString keyString() const { return QString::fromUtf8(key); }
        QString valueString() const { return QString::fromUtf8(value); }
    };

    // APIPATH/METHOD name the schema parameters that describe the keys
    // (datacenter.cfg: "/cluster/options" PUT); empty for no validation.
    static KeyValueFile parse(QByteArray bytes, QString fileName, const QString &apiPath = {},
                              const QString &method = QStringLiteral("PUT"));

    const QList<Entry> &entries() const { return m_entries; }
    const Entry *find(QByteArrayView key) const;
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    QByteArray toBytes() const { return m_lines.toBytes(); }

    void setValue(QByteArrayView key, QByteArrayView value); // replaces in place or appends
    bool remove(QByteArrayView key);

private:
    void reparse();

    QString m_fileName;
    QString m_apiPath;
    QString m_method;
    LineBuffer m_lines;
    QList<Entry> m_entries;
    Diagnostics m_diagnostics;
};

} // namespace atalaia::config
