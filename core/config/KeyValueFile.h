#pragma once

#include "ConfigFileBase.h"
#include "KeyValueEntry.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace atalaia::config {

// A flat "key: value" file: datacenter.cfg (and other files in that shape).
// Comments ('#') and blank lines are kept.
class KeyValueFile : public ConfigFileBase
{
public:
    using Entry = KeyValueEntry;

    // APIPATH/METHOD name the schema parameters that describe the keys
    // (datacenter.cfg: "/cluster/options" PUT); empty for no validation.
    KeyValueFile() = default;
    static KeyValueFile parse(QByteArray bytes, QString fileName, const QString &apiPath = {},
                              const QString &method = QStringLiteral("PUT"));

    const QList<Entry> &entries() const { return m_entries; }
    const Entry *find(QByteArrayView key) const;

    void setValue(QByteArrayView key, QByteArrayView value); // replaces in place or appends
    bool remove(QByteArrayView key);

private:
    KeyValueFile(QByteArray bytes, QString fileName, const QString &apiPath, const QString &method);
    void reparse();

    QString m_apiPath;
    QString m_method;
    QList<Entry> m_entries;
};

} // namespace atalaia::config
