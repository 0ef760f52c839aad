#include "ShadowFile.h"

#include "Reporter.h"
#include "TextScan.h"
#include "UserConfigFile.h"

#include <algorithm>

namespace atalaia::config {

using namespace scan;

namespace {

qsizetype firstSpace(QByteArrayView s, qsizetype from)
{
    const qsizetype end = skipNonSpace(s, from);
    return end < s.size() ? end : -1;
}

bool isOneWord(QByteArrayView s)
{
    return !s.isEmpty() && std::none_of(s.begin(), s.end(), [](char c) {
        return isSpace(c) || static_cast<unsigned char>(c) < 0x20;
    });
}

} // namespace

ShadowFile::ShadowFile(QByteArray bytes, QString fileName, Format format)
    : ConfigFileBase(std::move(bytes), std::move(fileName))
    , m_format(format)
{
    reparse();
}

ShadowFile ShadowFile::parse(QByteArray bytes, QString fileName, Format format)
{
    return ShadowFile(std::move(bytes), std::move(fileName), format);
}

const ShadowFile::Entry *ShadowFile::find(QByteArrayView id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_entries[*it];
}

QString ShadowFile::idProblem(QByteArrayView id) const
{
    return m_format == Format::Shadow ? UserConfigFile::userIdProblem(id) : UserConfigFile::tokenIdProblem(id);
}

void ShadowFile::reparse()
{
    m_entries.clear();
    m_index.clear();
    if (!startParse())
        return;
    Reporter report = reporter();
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        if (isBlank(line) || isComment(line))
            continue;
        if (m_format == Format::Shadow)
            parseShadowLine(report, i, line);
        else
            parseTokenLine(report, i, line);
    }
}

// Proxmox (PVE::Auth::PVE) trims the line and needs it to be 'ID:HASH:' without whitespace.
void ShadowFile::parseShadowLine(Reporter &report, qsizetype index, QByteArrayView line)
{
    const qsizetype begin = skipSpace(line, 0);
    const qsizetype end = trimmedEnd(line);
    const QByteArrayView text = line.sliced(begin, end - begin);
    const qsizetype colon = text.indexOf(':');
    if (colon <= 0) {
        report.error(index, begin, QStringLiteral("expected 'NAME@REALM:HASH:'; Proxmox ignores this line"));
        return;
    }
    const Entry entry{text.first(colon), QByteArrayView(), index, begin};
    if (const qsizetype space = firstSpace(text, 0); space >= 0) {
        report.error(index, begin + space, QStringLiteral("whitespace inside the entry for '%1': Proxmox ignores this "
                                                          "line (write 'NAME@REALM:HASH:')").arg(entry.idString()));
        return;
    }
    const qsizetype hashEnd = text.indexOf(':', colon + 1);
    if (hashEnd < 0) {
        report.error(index, end, QStringLiteral("the entry for '%1' lacks its closing ':': Proxmox ignores this line "
                                                "(write 'NAME@REALM:HASH:')").arg(entry.idString()));
        return;
    }
    if (hashEnd == colon + 1) {
        report.error(index, begin + colon + 1, QStringLiteral("no password hash for '%1': Proxmox ignores this line "
                                                              "(set the password with 'pveum passwd %1')")
                                                   .arg(entry.idString()));
        return;
    }
    if (hashEnd + 1 < text.size())
        report.warning(index, begin + hashEnd + 1, QStringLiteral("text after the password hash of '%1' is ignored by "
                                                                  "Proxmox (kept as written)").arg(entry.idString()));
    addEntry(report, Entry{entry.id, text.sliced(colon + 1, hashEnd - colon - 1), index, begin});
}

// Proxmox (PVE::TokenConfig) needs the untrimmed line to be 'ID SECRET' with exactly one space.
void ShadowFile::parseTokenLine(Reporter &report, qsizetype index, QByteArrayView line)
{
    const qsizetype space = firstSpace(line, 0);
    if (space == 0) {
        report.error(index, 0, QStringLiteral("the entry must start at the beginning of the line; Proxmox ignores "
                                              "this line (write 'NAME@REALM!TOKEN SECRET')"));
        return;
    }
    const QByteArrayView id = space < 0 ? line : line.first(space);
    if (space < 0 || space + 1 == line.size()) {
        report.error(index, line.size(), QStringLiteral("no secret after API token id '%1': Proxmox ignores this line "
                                                        "(write 'NAME@REALM!TOKEN SECRET')").arg(QString::fromUtf8(id)));
        return;
    }
    if (line[space] != ' ' || !isOneWord(line.sliced(space + 1))) {
        const qsizetype at = line[space] != ' ' ? space : firstSpace(line, space + 1);
        report.error(index, at, QStringLiteral("unexpected whitespace in the entry for '%1': Proxmox ignores this line "
                                               "(write the token id and the secret separated by one space)")
                                    .arg(QString::fromUtf8(id)));
        return;
    }
    addEntry(report, Entry{id, line.sliced(space + 1), index, 0});
}

void ShadowFile::addEntry(Reporter &report, const Entry &entry)
{
    if (const QString problem = idProblem(entry.id); !problem.isEmpty())
        report.error(entry.line, entry.idByte, problem);
    if (const auto it = m_index.constFind(entry.id); it != m_index.cend())
        report.error(entry.line, entry.idByte, QStringLiteral("duplicate entry for '%1' (first on line %2): Proxmox uses "
                                                              "the last one; keep one of the two lines")
                                                   .arg(entry.idString(), QString::number(m_entries[*it].line + 1)));
    else
        m_index.insert(entry.id, m_entries.size());
    m_entries.append(entry);
}

Result<void> ShadowFile::setSecret(const QString &id, QByteArrayView secret)
{
    const QByteArray idBytes = id.toUtf8();
    if (const QString problem = idProblem(idBytes); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    const bool shadow = m_format == Format::Shadow;
    if (!isOneWord(secret) || (shadow && secret.contains(':')))
        return fail(Code::InvalidArgument, QStringLiteral("the secret for '%1' must be one word without whitespace%2")
                                               .arg(id, shadow ? QStringLiteral(" or ':'") : QString()));
    const QByteArray line = shadow ? idBytes + ':' + secret.toByteArray() + ':' : idBytes + ' ' + secret.toByteArray();
    if (const Entry *e = find(idBytes))
        m_lines.setLine(e->line, line);
    else
        m_lines.insertLine(m_lines.lineCount(), line);
    reparse();
    return {};
}

Result<void> ShadowFile::remove(const QString &id)
{
    const QByteArray idBytes = id.toUtf8();
    if (!find(idBytes))
        return fail(Code::NotFound, QStringLiteral("no entry for '%1' in %2").arg(id, m_fileName));
    QList<qsizetype> lines;
    for (const Entry &e : std::as_const(m_entries))
        if (e.id == idBytes)
            lines.prepend(e.line); // bottom up, so the remaining indices stay valid
    for (qsizetype line : std::as_const(lines))
        m_lines.removeLine(line);
    reparse();
    return {};
}

} // namespace atalaia::config
