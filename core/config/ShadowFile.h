#pragma once

#include "ConfigFileBase.h"
#include "base/Error.h"

#include <QHash>
#include <QList>
#include <QString>

namespace atalaia::config {

class Reporter;

// The two secret files next to user.cfg, both "one id, one opaque secret per line":
//
//     priv/shadow.cfg   NAME@REALM:CRYPT-HASH:        (passwords of the 'pve' realm)
//     priv/token.cfg    NAME@REALM!TOKEN SECRET       (API token secrets)
//
// Secrets are never decoded, checked for content, or shown in a diagnostic.
// Blank lines and '#' comments are kept. A line Proxmox would skip is an error.
class ShadowFile : public ConfigFileBase
{
public:
    enum class Format { Shadow, Tokens };
    struct Entry {
        QByteArrayView id;
        QByteArrayView secret; // opaque: keep it out of messages and logs
        qsizetype line = 0;
        qsizetype idByte = 0;
        QString idString() const { return QString::fromUtf8(id); }
    };

    ShadowFile() = default;
    static ShadowFile parse(QByteArray bytes, QString fileName, Format format);

    Format format() const { return m_format; }
    const QList<Entry> &entries() const { return m_entries; }
    const Entry *find(QByteArrayView id) const;

    // Replaces the entry's line, or appends one. The id must be a user id
    // (shadow) or an API token id (tokens); the secret must be one word.
    Result<void> setSecret(const QString &id, QByteArrayView secret);
    Result<void> remove(const QString &id);

private:
    ShadowFile(QByteArray bytes, QString fileName, Format format);
    void reparse();
    void parseShadowLine(Reporter &report, qsizetype index, QByteArrayView line);
    void parseTokenLine(Reporter &report, qsizetype index, QByteArrayView line);
    void addEntry(Reporter &report, const Entry &entry);
    QString idProblem(QByteArrayView id) const;

    Format m_format = Format::Shadow;
    QList<Entry> m_entries;
    QHash<QByteArrayView, qsizetype> m_index; // id -> first entry
};

} // namespace atalaia::config
