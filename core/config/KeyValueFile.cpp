#include "KeyValueFile.h"

#include "Reporter.h"
#include "TextScan.h"
#include "schema/ApiSchema.h"

#include <QSet>

namespace atalaia::config {

using namespace scan;

KeyValueFile::KeyValueFile(QByteArray bytes, QString fileName, const QString &apiPath, const QString &method)
    : ConfigFileBase(std::move(bytes), std::move(fileName))
    , m_apiPath(apiPath)
    , m_method(method)
{
    reparse();
}

KeyValueFile KeyValueFile::parse(QByteArray bytes, QString fileName, const QString &apiPath, const QString &method)
{
    return KeyValueFile(std::move(bytes), std::move(fileName), apiPath, method);
}

const KeyValueFile::Entry *KeyValueFile::find(QByteArrayView key) const
{
    for (const Entry &e : m_entries)
        if (e.key == key)
            return &e;
    return nullptr;
}

void KeyValueFile::reparse()
{
    m_entries.clear();
    if (!startParse())
        return;
    Reporter report = reporter();
    QSet<QByteArrayView> seen;
    const schema::ParameterSet *set = m_apiPath.isEmpty()
        ? nullptr : schema::ApiSchema::instance().parameters(m_apiPath, m_method);
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        if (isBlank(line) || isComment(line))
            continue;
        const qsizetype keyBegin = skipSpace(line, 0);
        qsizetype keyEnd = keyBegin;
        while (keyEnd < line.size() && line[keyEnd] != ':' && !isSpace(line[keyEnd]))
            ++keyEnd;
        if (keyEnd == keyBegin || keyEnd >= line.size() || line[keyEnd] != ':') {
            report.error(i, keyEnd, QStringLiteral("expected 'key: value'"));
            continue;
        }
        const qsizetype valueBegin = skipSpace(line, keyEnd + 1);
        const qsizetype valueEnd = std::max(valueBegin, trimmedEnd(line));
        Entry e{.key = line.sliced(keyBegin, keyEnd - keyBegin), .value = line.sliced(valueBegin, valueEnd - valueBegin),
                .line = i, .keyByte = keyBegin, .valueByte = valueBegin};
        if (e.value.isEmpty())
            report.error(i, valueBegin, QStringLiteral("'%1' has no value: write '%1: VALUE' or remove the line")
                                            .arg(e.keyString()));
        if (seen.contains(e.key))
            report.error(i, keyBegin, QStringLiteral("'%1' is set twice: keep one").arg(e.keyString()));
        seen.insert(e.key);
        m_entries.append(e);
        if (set && !e.value.isEmpty())
            report.checkProperty(set, e.keyString(), e.valueString(), i, keyBegin, valueBegin);
    }
}

void KeyValueFile::setValue(QByteArrayView key, QByteArrayView value)
{
    const QByteArray line = key.toByteArray() + ": " + value.toByteArray();
    if (const Entry *e = find(key))
        m_lines.setLine(e->line, line);
    else
        m_lines.insertLine(m_lines.lineCount(), line);
    reparse();
}

bool KeyValueFile::remove(QByteArrayView key)
{
    const Entry *e = find(key);
    if (!e)
        return false;
    m_lines.removeLine(e->line);
    reparse();
    return true;
}

} // namespace atalaia::config
