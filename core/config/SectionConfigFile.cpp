#include "SectionConfigFile.h"

#include "Reporter.h"
#include "TextScan.h"
#include "schema/ApiSchema.h"

#include <QSet>

namespace atalaia::config {

using namespace scan;

const SectionConfigFile::Property *SectionConfigFile::Section::find(QByteArrayView key) const
{
    for (const Property &p : properties)
        if (p.key == key)
            return &p;
    return nullptr;
}

SectionConfigFile::SectionConfigFile(QByteArray bytes, QString fileName, const Schema *schema)
    : ConfigFileBase(std::move(bytes), std::move(fileName))
    , m_schema(schema)
{
    reparse();
}

SectionConfigFile SectionConfigFile::parse(QByteArray bytes, QString fileName, const Schema *schema)
{
    return SectionConfigFile(std::move(bytes), std::move(fileName), schema);
}

void SectionConfigFile::reparse()
{
    m_sections.clear();
    if (!startParse())
        return;
    Reporter report = reporter();
    Section *current = nullptr;
    QSet<QByteArray> seenIds;
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        if (isBlank(line)) {
            current = nullptr; // a blank line ends a section
            continue;
        }
        if (isComment(line))
            continue;
        if (isSpace(line[0])) {
            const qsizetype keyBegin = skipSpace(line, 0);
            const qsizetype keyEnd = skipNonSpace(line, keyBegin);
            const qsizetype valueBegin = skipSpace(line, keyEnd);
            const qsizetype valueEnd = std::max(valueBegin, trimmedEnd(line));
            if (!current) {
                report.error(i, keyBegin, QStringLiteral("property '%1' outside of a section: put it under a "
                                                         "'type: id' header, or remove the blank line above it")
                                              .arg(QString::fromUtf8(line.sliced(keyBegin, keyEnd - keyBegin))));
                continue;
            }
            Property p{.key = line.sliced(keyBegin, keyEnd - keyBegin),
                       .value = line.sliced(valueBegin, valueEnd - valueBegin),
                       .line = i, .keyByte = keyBegin, .valueByte = valueBegin};
            if (current->find(p.key))
                report.error(i, keyBegin, QStringLiteral("'%1' is set twice in section '%2': keep one")
                                              .arg(p.keyString(), current->idString()));
            current->properties.append(p);
            current->lastLine = i;
            continue;
        }
        // A header: "type: id"
        const qsizetype colon = line.indexOf(':');
        const qsizetype typeEnd = skipNonSpace(line, 0);
        if (colon <= 0 || colon > typeEnd) {
            report.error(i, 0, QStringLiteral("expected a section header 'type: id' (properties must be indented "
                                              "with a tab)"));
            current = nullptr;
            continue;
        }
        const qsizetype idBegin = skipSpace(line, colon + 1);
        const qsizetype idEnd = skipNonSpace(line, idBegin);
        if (idBegin == idEnd) {
            report.error(i, colon + 1, QStringLiteral("the section header has no id: write 'type: id'"));
            current = nullptr;
            continue;
        }
        if (skipSpace(line, idEnd) != line.size()) {
            report.error(i, skipSpace(line, idEnd), QStringLiteral("unexpected text after the section id"));
            current = nullptr;
            continue;
        }
        Section s;
        s.type = line.first(colon);
        s.id = line.sliced(idBegin, idEnd - idBegin);
        s.headerLine = s.lastLine = i;
        // Ids are unique per file across types (Proxmox keys sections by id).
        const QByteArray idKey = s.id.toByteArray();
        if (seenIds.contains(idKey))
            report.error(i, idBegin, QStringLiteral("duplicate section id '%1': ids must be unique in this file")
                                         .arg(s.idString()));
        seenIds.insert(idKey);
        m_sections.append(s);
        current = &m_sections.last();
    }
    if (m_schema)
        validate();
}

void SectionConfigFile::validate()
{
    const schema::ParameterSet *set = schema::ApiSchema::instance().parameters(m_schema->apiPath, QStringLiteral("POST"));
    if (!set)
        return;
    Reporter report = reporter();
    const schema::PropertySchema *typeProperty = set->find(m_schema->typeKey);
    const schema::PropertySchema *idProperty = set->find(m_schema->idKey);
    for (const Section &s : std::as_const(m_sections)) {
        const QString type = s.typeString();
        if (typeProperty && !typeProperty->enumValues.isEmpty() && !typeProperty->enumValues.contains(type)) {
            report.error(s.headerLine, 0, QStringLiteral("unknown section type '%1': expected %2")
                                              .arg(type, typeProperty->enumValues.join(QStringLiteral(", "))));
            continue;
        }
        if (idProperty) {
            report.checkProperty(set, m_schema->idKey, s.idString(), s.headerLine,
                                 s.type.size() + 1, s.id.data() - m_lines.line(s.headerLine).data());
        }
        for (const Property &p : s.properties) {
            const QString key = p.keyString();
            if (key == m_schema->idKey || key == m_schema->typeKey) {
                report.error(p.line, p.valueByte, QStringLiteral("'%1' belongs in the section header, not in a "
                                                                 "property line").arg(key));
                continue;
            }
            report.checkProperty(set, key, p.valueString(), p.line, p.keyByte, p.valueByte, type);
        }
        for (auto it = set->properties().cbegin(); it != set->properties().cend(); ++it) {
            const schema::PropertySchema &prop = it.value();
            if (prop.optional || prop.name == m_schema->idKey || prop.name == m_schema->typeKey)
                continue;
            if (!prop.instanceTypes.isEmpty() && !prop.instanceTypes.contains(type))
                continue;
            if (!s.find(prop.name.toUtf8()))
                report.error(s.headerLine, 0, QStringLiteral("section '%1' lacks the required property '%2': add "
                                                             "a tab-indented line '%2 %3'").arg(s.idString(), prop.name, prop.expectation()));
        }
    }
}

const SectionConfigFile::Section *SectionConfigFile::find(QByteArrayView type, QByteArrayView id) const
{
    for (const Section &s : m_sections)
        if (s.type == type && s.id == id)
            return &s;
    return nullptr;
}

bool SectionConfigFile::setProperty(QByteArrayView type, QByteArrayView id, QByteArrayView key, QByteArrayView value)
{
    const Section *s = find(type, id);
    if (!s)
        return false;
    const QByteArray line = '\t' + key.toByteArray() + ' ' + value.toByteArray();
    if (const Property *p = s->find(key))
        m_lines.setLine(p->line, line);
    else
        m_lines.insertLine(s->lastLine + 1, line);
    reparse();
    return true;
}

bool SectionConfigFile::removeProperty(QByteArrayView type, QByteArrayView id, QByteArrayView key)
{
    const Section *s = find(type, id);
    const Property *p = s ? s->find(key) : nullptr;
    if (!p)
        return false;
    m_lines.removeLine(p->line);
    reparse();
    return true;
}

void SectionConfigFile::addSection(QByteArrayView type, QByteArrayView id,
                                   const QList<QPair<QByteArray, QByteArray>> &properties)
{
    qsizetype at = m_lines.lineCount();
    if (at > 0 && !isBlank(m_lines.line(at - 1)))
        m_lines.insertLine(at++, QByteArray());
    m_lines.insertLine(at++, type.toByteArray() + ": " + id.toByteArray());
    for (const auto &[key, value] : properties)
        m_lines.insertLine(at++, '\t' + key + ' ' + value);
    reparse();
}

bool SectionConfigFile::removeSection(QByteArrayView type, QByteArrayView id)
{
    const Section *s = find(type, id);
    if (!s)
        return false;
    qsizetype first = s->headerLine;
    qsizetype last = s->lastLine;
    // Take the blank line that separated it along, so no double blank remains.
    if (last + 1 < m_lines.lineCount() && isBlank(m_lines.line(last + 1)))
        ++last;
    else if (first > 0 && isBlank(m_lines.line(first - 1)))
        --first;
    for (qsizetype i = last; i >= first; --i)
        m_lines.removeLine(i);
    reparse();
    return true;
}

} // namespace atalaia::config
