#pragma once

#include "ConfigFileBase.h"
#include "GuestConfigSyntax.h"
#include "KeyValueEntry.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace atalaia::config {

class Reporter;

// A guest config: qemu-server/<vmid>.conf (Kind::Qemu) or lxc/<vmid>.conf
// (Kind::Lxc), with Proxmox's semantics:
//
//     #Percent-encoded%3A description of the VM     <- '#' lines: the description
//     memory: 4096                                   <- "key: value"
//     parent: before-upgrade
//
//     [PENDING]                                      <- [pve:pending] for containers
//     delete: net1,!scsi2                            <- '!' also destroys the volume
//     cores: 4
//
//     [before-upgrade]                               <- a snapshot
//     snaptime: 1700000000
//
// A qemu file may also hold [special:cloudinit] (informative, not validated);
// a container's raw "lxc.key: value" / "lxc.key = value" lines are kept and
// may repeat. Blank lines are ignored, as Proxmox does. Keys and values are
// views into the file's text (valid until the next edit).
class GuestConfigFile : public ConfigFileBase
{
public:
    using Kind = guest::GuestKind;
    // One item of the pending "delete:" list.
    using PendingDelete = guest::DeleteItem;

    enum class SectionType {
        Main,      // the current config, before the first header
        Snapshot,
        Pending,
        CloudInit,
        Invalid,   // a header that could not be read: its lines are kept, not checked
    };
    // Names a section in the lookup and edit calls.
    struct SectionId {
        SectionType type = SectionType::Main;
        QByteArray name; // the snapshot name; empty for the others
        static SectionId mainConfig() { return {}; }
        static SectionId snapshot(QByteArrayView name) { return {SectionType::Snapshot, name.toByteArray()}; }
        static SectionId pending() { return {SectionType::Pending, {}}; }
        static SectionId cloudInit() { return {SectionType::CloudInit, {}}; }
    };
    using Entry = KeyValueEntry; // keyByte is always 0: keys start their line
    struct Section {
        SectionType type = SectionType::Main;
        QByteArrayView name;        // text inside the brackets; empty for the main config
        qsizetype headerLine = -1;  // -1 for the main config
        qsizetype lastLine = -1;    // last non-blank line (the header when empty; -1: empty main config)
        QList<Entry> entries;
        QList<qsizetype> descriptionLines; // '#' lines and "description:" lines
        const Entry *find(QByteArrayView key) const; // the first, for repeated lxc.* keys
        QString nameString() const { return QString::fromUtf8(name); }
    };

    // VALIDATE false checks only the structure (syntax, sections, duplicates,
    // parents), not values against the schema: much faster, for bulk reads.
    GuestConfigFile() = default;
    static GuestConfigFile parse(QByteArray bytes, QString fileName, Kind kind, bool validate = true);

    Kind kind() const { return m_kind; }
    // The main config is sections().first(); there are no sections at all
    // when the bytes are not text (NUL bytes, invalid UTF-8, too large).
    const QList<Section> &sections() const { return m_sections; }
    const Section *section(const SectionId &id) const;
    const Entry *find(const SectionId &id, QByteArrayView key) const;
    // The decoded description of a section (trailing whitespace removed), or
    // an empty string when it has none.
    QString description(const SectionId &id) const;
    QList<PendingDelete> pendingDeletes() const;

    // Typed edits change only the lines they must, then re-parse. They refuse
    // (return false) keys that are not config keys, values with line breaks,
    // surrounding whitespace or invalid UTF-8, and sections that do not exist.
    // setValue() replaces the key's (first) line in place or appends it to the
    // section; it does not take "description" (use setDescription) or "delete"
    // (use deletePending).
    bool setValue(const SectionId &id, QByteArrayView key, QByteArrayView value);
    bool remove(const SectionId &id, QByteArrayView key); // "description" removes the description
    // Replaces the section's description lines ('#' lines, percent-encoded);
    // an empty text removes them.
    bool setDescription(const SectionId &id, const QString &text);
    // Appends "[name]" with ENTRIES at the end of the file. Pointing the main
    // config's "parent" at it is the caller's business, as in Proxmox.
    bool addSnapshot(QByteArrayView name, const QList<QPair<QByteArray, QByteArray>> &entries);
    // Removes the snapshot's lines; like Proxmox, its children (and the main
    // config) inherit its parent, so no "parent" line is left dangling.
    bool removeSnapshot(QByteArrayView name);
    // Pending changes, creating the pending section (after the main config)
    // when needed. A pending value and a pending deletion of the same key
    // exclude each other; revertPending() drops both and an emptied section.
    bool setPending(QByteArrayView key, QByteArrayView value);
    bool deletePending(QByteArrayView key, bool force = false);
    bool revertPending(QByteArrayView key);

private:
    GuestConfigFile(QByteArray bytes, QString fileName, Kind kind, bool validate);
    void reparse();
    void startSection(qsizetype line, QByteArrayView text, Reporter &report);
    SectionType headerType(QByteArrayView name, qsizetype line, Reporter &report) const;
    void parseEntry(qsizetype line, QByteArrayView text, QHash<QByteArrayView, qsizetype> &keyLines, Reporter &report);
    void checkValues(Reporter &report) const;
    void checkParents(Reporter &report) const;
    QString snapshotList() const;
    static qsizetype firstLineOf(const Section &section, QByteArrayView key,
                                 QHash<QByteArrayView, qsizetype> &keyLines);
    QString sectionLabel(const Section &section) const;

    bool acceptsEntry(QByteArrayView key, QByteArrayView value) const;
    void writeEntry(const Section &section, QByteArrayView key, QByteArrayView value);
    void writeDeleteList(const QList<PendingDelete> &items);
    qsizetype appendHeader(const QByteArray &header);
    void ensurePendingSection();
    void collectSectionLines(const Section &section, QList<qsizetype> &lines) const;
    void removeLines(QList<qsizetype> lines);

    Kind m_kind = Kind::Qemu;
    bool m_validate = true;
    QList<Section> m_sections;
    QHash<QByteArrayView, qsizetype> m_snapshots; // name -> index in m_sections of its first section
};

} // namespace atalaia::config
