#include "GuestConfigFile.h"

#include "ProxmoxText.h"
#include "Reporter.h"
#include "TextScan.h"
#include "schema/ParameterSet.h"

#include <QUtf8StringView>

#include <algorithm>
#include <functional>

namespace atalaia::config {

using namespace scan;
using guest::DeleteItem;

namespace {

// Sections with this many entries get a key index for the duplicate check.
constexpr qsizetype kIndexedSection = 32;
// Error messages list at most this many snapshot names.
constexpr qsizetype kMaxNamesShown = 10;

bool sameName(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

// The value of a "key: value" line, trimmed (the colon is known to exist).
QByteArrayView valueAfterColon(QByteArrayView line)
{
    const qsizetype begin = skipSpace(line, line.indexOf(':') + 1);
    return line.sliced(begin, std::max(begin, trimmedEnd(line)) - begin);
}

// "key: value"; a raw lxc.* key may have an empty value ("lxc.cap.drop:").
QByteArray entryLine(QByteArrayView key, QByteArrayView value)
{
    QByteArray line = key.toByteArray() + ':';
    if (!value.isEmpty())
        line += ' ' + value.toByteArray();
    return line;
}

} // namespace

const GuestConfigFile::Entry *GuestConfigFile::Section::find(QByteArrayView key) const
{
    const auto it = std::find_if(entries.cbegin(), entries.cend(), [key](const Entry &e) { return e.key == key; });
    return it == entries.cend() ? nullptr : &*it;
}

GuestConfigFile::GuestConfigFile(QByteArray bytes, QString fileName, Kind kind, bool validate)
    : ConfigFileBase(std::move(bytes), std::move(fileName))
    , m_kind(kind)
    , m_validate(validate)
{
    reparse();
}

GuestConfigFile GuestConfigFile::parse(QByteArray bytes, QString fileName, Kind kind, bool validate)
{
    return GuestConfigFile(std::move(bytes), std::move(fileName), kind, validate);
}

const GuestConfigFile::Section *GuestConfigFile::section(const SectionId &id) const
{
    if (id.type == SectionType::Snapshot) {
        const auto it = m_snapshots.constFind(QByteArrayView(id.name));
        return it == m_snapshots.cend() ? nullptr : &m_sections.at(it.value());
    }
    for (const Section &s : m_sections)
        if (s.type == id.type)
            return &s;
    return nullptr;
}

const GuestConfigFile::Entry *GuestConfigFile::find(const SectionId &id, QByteArrayView key) const
{
    const Section *s = section(id);
    return s ? s->find(key) : nullptr;
}

QString GuestConfigFile::description(const SectionId &id) const
{
    const Section *s = section(id);
    if (!s)
        return {};
    // Like Proxmox: each '#' line adds a line of text, a "description:" line
    // adds its value without a line break.
    QByteArray text;
    for (const qsizetype i : s->descriptionLines) {
        const QByteArrayView line = m_lines.line(i);
        if (line.startsWith('#'))
            text += ProxmoxText::decode(line.sliced(1)) + '\n';
        else
            text += ProxmoxText::decode(valueAfterColon(line));
    }
    QString result = QString::fromUtf8(text);
    qsizetype end = result.size();
    while (end > 0 && result.at(end - 1).isSpace())
        --end;
    result.truncate(end);
    return result;
}

QList<GuestConfigFile::PendingDelete> GuestConfigFile::pendingDeletes() const
{
    const Entry *e = find(SectionId::pending(), "delete");
    return e ? guest::splitDeleteList(e->value) : QList<PendingDelete>();
}

// ---- parsing -------------------------------------------------------------

void GuestConfigFile::reparse()
{
    m_sections.clear();
    m_snapshots.clear();
    // Bytes that are not text get no sections at all, so edits refuse them.
    if (!startParse())
        return;
    m_sections.append(Section{}); // the main config
    m_sections.first().entries.reserve(kIndexedSection); // typical main configs fit, without regrowing
    Reporter report = reporter();
    QHash<QByteArrayView, qsizetype> keyLines; // keys of the current section -> their first line
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        if (isBlank(line))
            continue;
        if (line[0] == '[') {
            startSection(i, line, report);
            keyLines.clear();
            continue;
        }
        Section &current = m_sections.last();
        current.lastLine = i;
        if (line[0] == '#')
            current.descriptionLines.append(i);
        else if (isSpace(line[0]))
            report.error(i, 0, QStringLiteral("unexpected indentation: Proxmox reads only lines that start in "
                                              "column 1; remove the leading whitespace"));
        else
            parseEntry(i, line, keyLines, report);
    }
    if (m_validate)
        checkValues(report);
    checkParents(report);
    // The checks run after the line scan; report in file order all the same.
    // By line only (not sortDiagnostics()): a line's diagnostics keep the
    // order they were found in, which the golden files record.
    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
}

void GuestConfigFile::startSection(qsizetype i, QByteArrayView line, Reporter &report)
{
    Section s;
    s.type = SectionType::Invalid;
    s.headerLine = s.lastLine = i;
    const qsizetype close = line.indexOf(']');
    if (close < 0) {
        report.error(i, line.size(),
                     QStringLiteral("unterminated section header: expected ']' as in '[snapshot-name]'"));
    } else if (!isBlank(line.sliced(close + 1))) {
        report.error(i, skipSpace(line, close + 1),
                     QStringLiteral("unexpected text after the section header: put nothing after ']'"));
    } else {
        s.name = line.sliced(1, close - 1);
        s.type = headerType(s.name, i, report);
    }
    const Section *first = nullptr;
    if (s.type == SectionType::Snapshot) {
        const auto it = m_snapshots.constFind(s.name);
        if (it != m_snapshots.cend())
            first = &m_sections.at(it.value());
        else
            m_snapshots.insert(s.name, m_sections.size());
    } else if (s.type != SectionType::Invalid) {
        first = section({s.type, {}});
    }
    if (first) {
        const QString what = s.type == SectionType::Snapshot
            ? QStringLiteral("duplicate snapshot '%1': snapshot names must be unique, rename or remove one")
            : QStringLiteral("a second [%1] section: merge it into the first one");
        report.error(i, 1, what.arg(s.nameString())
                               + QStringLiteral(" (the first is on line %1)").arg(first->headerLine + 1));
    }
    m_sections.append(s);
}

GuestConfigFile::SectionType GuestConfigFile::headerType(QByteArrayView name, qsizetype i, Reporter &report) const
{
    const bool qemu = m_kind == Kind::Qemu;
    if (qemu && sameName(name, "PENDING"))
        return SectionType::Pending;
    if (qemu && sameName(name, "special:cloudinit"))
        return SectionType::CloudInit;
    if (!qemu && sameName(name, "pve:pending"))
        return SectionType::Pending;
    if (guest::isValidSnapshotName(name)) {
        if (!qemu && sameName(name, "PENDING"))
            report.warning(i, 1, QStringLiteral("'[%1]' is read as a snapshot named '%1': the pending changes of a "
                                                "container go in '[pve:pending]'").arg(QString::fromUtf8(name)));
        return SectionType::Snapshot;
    }
    if (qemu && sameName(name, "pve:pending"))
        report.error(i, 1, QStringLiteral("'[pve:pending]' is the pending section of a container: a VM config "
                                          "uses '[PENDING]'"));
    else if (!qemu && sameName(name, "special:cloudinit"))
        report.error(i, 1, QStringLiteral("containers have no cloud-init section: '[special:cloudinit]' belongs "
                                          "in VM configs; remove it"));
    else
        report.error(i, 1, QStringLiteral("invalid snapshot name '%1': a snapshot name is a letter followed by at "
                                          "least one letter, digit, '-' or '_'").arg(QString::fromUtf8(name)));
    return SectionType::Invalid;
}

void GuestConfigFile::parseEntry(qsizetype i, QByteArrayView line, QHash<QByteArrayView, qsizetype> &keyLines,
                                 Reporter &report)
{
    qsizetype keyEnd = 0;
    while (keyEnd < line.size() && line[keyEnd] != ':' && line[keyEnd] != '=' && !isSpace(line[keyEnd]))
        ++keyEnd;
    const QByteArrayView key = line.first(keyEnd);
    const bool raw = m_kind == Kind::Lxc && key.startsWith("lxc.");
    qsizetype separator = keyEnd;
    if (raw && (separator == line.size() || line[separator] != ':'))
        separator = skipSpace(line, keyEnd); // LXC's own "lxc.key = value"
    if (separator == line.size() || (line[separator] != ':' && !(raw && line[separator] == '='))) {
        report.error(i, separator, raw ? QStringLiteral("expected 'lxc.key: value' or 'lxc.key = value'")
                                       : QStringLiteral("expected 'key: value' (the key directly followed by ':'), a "
                                                        "'#' description line or a '[snapshot]' header"));
        return;
    }
    if (key.isEmpty()) {
        report.error(i, 0, QStringLiteral("expected a key before ':', as in 'memory: 1024'"));
        return;
    }
    if (raw ? !guest::isRawLxcKey(key) : !guest::isValidKey(key)) {
        const QString shown = QString::fromUtf8(key);
        QString message = raw ? QStringLiteral("invalid key '%1': raw LXC keys use only lowercase letters, digits, "
                                               "'.', '_' and '-'").arg(shown)
                              : QStringLiteral("invalid key '%1': a key is a lowercase letter followed by lowercase "
                                               "letters, '_' or '-' and an optional number, like 'memory' or 'net0'")
                                    .arg(shown);
        if (!raw && guest::isValidKey(key.toByteArray().toLower()))
            message += QStringLiteral(" (did you mean '%1'?)").arg(shown.toLower());
        else if (m_kind == Kind::Qemu && key.startsWith("lxc."))
            message += QStringLiteral(" (raw 'lxc.*' keys exist only in container configs)");
        report.error(i, 0, message);
        return;
    }
    const qsizetype valueBegin = skipSpace(line, separator + 1);
    const Entry entry{.key = key, .value = line.sliced(valueBegin, std::max(valueBegin, trimmedEnd(line)) - valueBegin),
                      .line = i, .keyByte = 0, .valueByte = valueBegin};
    if (entry.value.isEmpty() && !raw)
        report.error(i, valueBegin, QStringLiteral("'%1' has no value: write '%1: VALUE' or remove the line")
                                        .arg(entry.keyString()));
    Section &current = m_sections.last();
    if (key == "description" && !entry.value.isEmpty()) {
        current.descriptionLines.append(i);
        return;
    }
    if (!raw) {
        const qsizetype first = firstLineOf(current, key, keyLines);
        if (first >= 0)
            report.error(i, 0, QStringLiteral("'%1' is set twice in %2 (first on line %3): keep one")
                                   .arg(entry.keyString(), sectionLabel(current)).arg(first + 1));
    }
    if (!keyLines.isEmpty() && !keyLines.contains(key))
        keyLines.insert(key, i);
    current.entries.append(entry);
}

qsizetype GuestConfigFile::firstLineOf(const Section &section, QByteArrayView key,
                                       QHash<QByteArrayView, qsizetype> &keyLines)
{
    // Typical sections are small: scanning them beats hashing. Large ones get
    // an index, so a huge section stays linear.
    if (section.entries.size() < kIndexedSection) {
        const Entry *e = section.find(key);
        return e ? e->line : -1;
    }
    if (keyLines.isEmpty()) {
        for (const Entry &e : section.entries)
            if (!keyLines.contains(e.key))
                keyLines.insert(e.key, e.line);
    }
    return keyLines.value(key, -1);
}

QString GuestConfigFile::sectionLabel(const Section &section) const
{
    switch (section.type) {
    case SectionType::Main:
        return QStringLiteral("the main config");
    case SectionType::Snapshot:
        return QStringLiteral("snapshot '%1'").arg(section.nameString());
    default:
        return QStringLiteral("[%1]").arg(section.nameString());
    }
}

// ---- validation ----------------------------------------------------------

void GuestConfigFile::checkValues(Reporter &report) const
{
    const schema::ParameterSet &keys = guest::fileKeys(m_kind);
    for (const Section &s : m_sections) {
        // [special:cloudinit] only records what was last applied; Proxmox does not check it either.
        if (s.type == SectionType::CloudInit || s.type == SectionType::Invalid)
            continue;
        for (const Entry &e : s.entries) {
            if (e.value.isEmpty() || (m_kind == Kind::Lxc && e.key.startsWith("lxc.")))
                continue;
            const QString key = e.keyString();
            if (key == QLatin1String("delete")) {
                if (s.type != SectionType::Pending) {
                    report.error(e.line, 0, QStringLiteral("'delete' is only allowed in the pending section (%1): "
                                                           "it lists settings to remove on the next start")
                                                .arg(m_kind == Kind::Qemu ? QStringLiteral("[PENDING]")
                                                                          : QStringLiteral("[pve:pending]")));
                    continue;
                }
                for (const DeleteItem &item : guest::splitDeleteList(e.value)) {
                    if (item.key.isEmpty())
                        report.error(e.line, e.valueByte + item.offset - 1,
                                     QStringLiteral("'!' without a key in the delete list: write '!KEY' or remove it"));
                    else if (!keys.find(QString::fromUtf8(item.key)))
                        report.warning(e.line, e.valueByte + item.offset,
                                       QStringLiteral("pending deletion of unknown key '%1' (kept as written; check "
                                                      "its spelling)").arg(QString::fromUtf8(item.key)));
                }
            } else if (guest::isApiOnlyKey(m_kind, key)) {
                report.warning(e.line, 0, QStringLiteral("'%1' is a parameter of the config API call, not a setting: "
                                                         "Proxmox ignores it in the file; remove the line").arg(key));
            } else {
                report.checkProperty(&keys, key, e.valueString(), e.line, e.keyByte, e.valueByte);
            }
        }
    }
}

QString GuestConfigFile::snapshotList() const
{
    QStringList names;
    for (const Section &s : m_sections) {
        if (s.type != SectionType::Snapshot)
            continue;
        if (names.size() == kMaxNamesShown) {
            names.append(QStringLiteral("..."));
            break;
        }
        names.append(s.nameString());
    }
    return names.isEmpty() ? QStringLiteral("this file has no snapshots, remove the line")
                           : QStringLiteral("expected one of: ") + names.join(QStringLiteral(", "));
}

void GuestConfigFile::checkParents(Reporter &report) const
{
    // The snapshot a section's "parent" names, or -1 (no parent, or no such snapshot).
    const auto parentOf = [&](const Section &s) -> qsizetype {
        const Entry *parent = s.find("parent");
        return parent ? m_snapshots.value(parent->value, -1) : -1;
    };
    // Walk each parent chain once: 1 marks sections on the current walk, 2 those
    // known to end at a root. Coming back to a section marked 1 means a cycle.
    QList<char> state;
    for (qsizetype index = 0; index < m_sections.size(); ++index) {
        const Section &s = m_sections.at(index);
        const Entry *parent = s.find("parent");
        if (!parent || parent->value.isEmpty() || (s.type != SectionType::Main && s.type != SectionType::Snapshot))
            continue;
        if (parentOf(s) < 0) {
            report.error(parent->line, parent->valueByte, QStringLiteral("parent snapshot '%1' does not exist: %2")
                                                              .arg(parent->valueString(), snapshotList()));
            continue;
        }
        state.resize(m_sections.size());
        QList<qsizetype> walk;
        qsizetype at = index;
        while (at >= 0 && state.at(at) == 0) {
            state[at] = 1;
            walk.append(at);
            at = parentOf(m_sections.at(at));
        }
        const bool cycle = at >= 0 && state.at(at) == 1;
        for (const qsizetype w : std::as_const(walk))
            state[w] = 2;
        if (!cycle)
            continue;
        // Report every snapshot on the cycle, at its "parent" line.
        qsizetype member = at;
        do {
            const Section &m = m_sections.at(member);
            const Entry *p = m.find("parent");
            report.error(p->line, p->valueByte,
                         QStringLiteral("snapshot '%1' is its own ancestor: its parents form a cycle; point 'parent' "
                                        "at an older snapshot").arg(m.nameString()));
            member = parentOf(m);
        } while (member != at);
    }
}

// ---- edits ---------------------------------------------------------------

bool GuestConfigFile::acceptsEntry(QByteArrayView key, QByteArrayView value) const
{
    const bool raw = m_kind == Kind::Lxc && guest::isRawLxcKey(key);
    if (!raw && (!guest::isValidKey(key) || key == "description" || key == "delete" || value.isEmpty()))
        return false;
    if (value.contains('\n') || value.contains('\r') || value.contains('\0')
        || !QUtf8StringView(value.data(), value.size()).isValidUtf8())
        return false;
    return value.isEmpty() || (!isSpace(value.front()) && !isSpace(value.back()));
}

void GuestConfigFile::writeEntry(const Section &section, QByteArrayView key, QByteArrayView value)
{
    const QByteArray line = entryLine(key, value);
    if (const Entry *e = section.find(key))
        m_lines.setLine(e->line, line);
    else
        m_lines.insertLine(section.lastLine + 1, line);
    reparse();
}

bool GuestConfigFile::setValue(const SectionId &id, QByteArrayView key, QByteArrayView value)
{
    const Section *s = section(id);
    if (!s || !acceptsEntry(key, value))
        return false;
    writeEntry(*s, key, value);
    return true;
}

bool GuestConfigFile::remove(const SectionId &id, QByteArrayView key)
{
    const Section *s = section(id);
    if (!s)
        return false;
    if (key == "description")
        return !s->descriptionLines.isEmpty() && setDescription(id, QString());
    const Entry *e = s->find(key);
    if (!e)
        return false;
    m_lines.removeLine(e->line);
    reparse();
    return true;
}

bool GuestConfigFile::setDescription(const SectionId &id, const QString &text)
{
    const Section *s = section(id);
    if (!s)
        return false;
    // One '#' line per text line. Every '%' is escaped (unlike user.cfg), so
    // that description() gives the text back exactly.
    QList<QByteArray> lines;
    for (const QStringView line : QStringView(text).split(u'\n'))
        lines.append('#' + ProxmoxText::encode(line, ProxmoxText::Percent::Always));
    while (!lines.isEmpty() && lines.last() == "#") // Proxmox drops trailing empty lines too
        lines.removeLast();
    const qsizetype at = s->descriptionLines.isEmpty() ? s->headerLine + 1 : s->descriptionLines.first();
    removeLines(s->descriptionLines); // all at or after AT
    for (qsizetype k = 0; k < lines.size(); ++k)
        m_lines.insertLine(at + k, lines.at(k));
    reparse();
    return true;
}

qsizetype GuestConfigFile::appendHeader(const QByteArray &header)
{
    qsizetype at = m_lines.lineCount();
    if (at > 0 && !isBlank(m_lines.line(at - 1)))
        m_lines.insertLine(at++, QByteArray()); // Proxmox separates sections with a blank line
    m_lines.insertLine(at++, '[' + header + ']');
    return at;
}

bool GuestConfigFile::addSnapshot(QByteArrayView name, const QList<QPair<QByteArray, QByteArray>> &entries)
{
    if (m_sections.isEmpty() || !guest::isValidSnapshotName(name) || section(SectionId::snapshot(name))
        || (m_kind == Kind::Qemu && sameName(name, "PENDING")))
        return false;
    for (const auto &[key, value] : entries)
        if (!acceptsEntry(key, value))
            return false;
    qsizetype at = appendHeader(name.toByteArray());
    for (const auto &[key, value] : entries)
        m_lines.insertLine(at++, entryLine(key, value));
    reparse();
    return true;
}

void GuestConfigFile::collectSectionLines(const Section &s, QList<qsizetype> &lines) const
{
    qsizetype first = s.headerLine;
    qsizetype last = s.lastLine;
    // Take one separating blank line along, so no double blank remains.
    if (first > 0 && isBlank(m_lines.line(first - 1)))
        --first;
    else if (last + 1 < m_lines.lineCount() && isBlank(m_lines.line(last + 1)))
        ++last;
    for (qsizetype i = first; i <= last; ++i)
        lines.append(i);
}

void GuestConfigFile::removeLines(QList<qsizetype> lines)
{
    std::sort(lines.begin(), lines.end(), std::greater<>());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    for (const qsizetype i : std::as_const(lines))
        m_lines.removeLine(i);
}

bool GuestConfigFile::removeSnapshot(QByteArrayView name)
{
    const Section *snapshot = section(SectionId::snapshot(name));
    if (!snapshot)
        return false;
    const Entry *grandParent = snapshot->find("parent");
    const QByteArray newParent = grandParent ? grandParent->value.toByteArray() : QByteArray();
    QList<qsizetype> doomed;
    for (const Section &s : std::as_const(m_sections)) {
        const Entry *parent = s.find("parent");
        if (!parent || parent->value != name || (s.type != SectionType::Main && s.type != SectionType::Snapshot))
            continue;
        if (newParent.isEmpty())
            doomed.append(parent->line);
        else
            m_lines.setLine(parent->line, "parent: " + newParent);
    }
    collectSectionLines(*snapshot, doomed);
    removeLines(doomed);
    reparse();
    return true;
}

void GuestConfigFile::ensurePendingSection()
{
    if (section(SectionId::pending()))
        return;
    const QByteArray header = m_kind == Kind::Qemu ? QByteArray("PENDING") : QByteArray("pve:pending");
    // Proxmox writes the main config, the pending changes, then the other sections.
    if (m_sections.size() > 1) {
        const qsizetype at = m_sections.at(1).headerLine;
        m_lines.insertLine(at, '[' + header + ']');
        m_lines.insertLine(at + 1, QByteArray());
    } else {
        appendHeader(header);
    }
    reparse();
}

void GuestConfigFile::writeDeleteList(const QList<PendingDelete> &items)
{
    const Section *pending = section(SectionId::pending());
    if (!pending)
        return;
    if (!items.isEmpty())
        writeEntry(*pending, "delete", guest::joinDeleteList(items));
    else
        remove(SectionId::pending(), "delete");
}

bool GuestConfigFile::setPending(QByteArrayView key, QByteArrayView value)
{
    if (m_sections.isEmpty() || !acceptsEntry(key, value))
        return false;
    ensurePendingSection();
    QList<PendingDelete> deletes = pendingDeletes();
    if (deletes.removeIf([&](const PendingDelete &d) { return d.key == key; }) > 0)
        writeDeleteList(deletes);
    writeEntry(*section(SectionId::pending()), key, value);
    return true;
}

bool GuestConfigFile::deletePending(QByteArrayView key, bool force)
{
    if (m_sections.isEmpty() || !guest::isValidKey(key) || key == "delete")
        return false;
    ensurePendingSection();
    remove(SectionId::pending(), key);
    QList<PendingDelete> deletes = pendingDeletes();
    const auto it = std::find_if(deletes.begin(), deletes.end(), [&](const PendingDelete &d) { return d.key == key; });
    if (it != deletes.end())
        it->force = force;
    else
        deletes.append({key.toByteArray(), 0, force});
    writeDeleteList(deletes);
    return true;
}

bool GuestConfigFile::revertPending(QByteArrayView key)
{
    if (key == "delete" || !section(SectionId::pending()))
        return false;
    bool changed = remove(SectionId::pending(), key);
    QList<PendingDelete> deletes = pendingDeletes();
    if (deletes.removeIf([&](const PendingDelete &d) { return d.key == key; }) > 0) {
        writeDeleteList(deletes);
        changed = true;
    }
    const Section *pending = section(SectionId::pending());
    if (pending->entries.isEmpty() && pending->descriptionLines.isEmpty() && pending->lastLine == pending->headerLine) {
        QList<qsizetype> lines;
        collectSectionLines(*pending, lines);
        removeLines(lines);
        reparse();
    }
    return changed;
}

} // namespace atalaia::config
