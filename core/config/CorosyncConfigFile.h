#pragma once

#include "ConfigFileBase.h"
#include "KeyValueEntry.h"
#include "base/Error.h"

#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace atalaia::config {

// /etc/pve/corosync.conf as pvecm writes it (corosync 3, knet):
//
//     nodelist {
//       node {
//         name: pve1
//         nodeid: 1
//         ring0_addr: 10.0.0.1
//       }
//     }
//
// Blocks 'name {' ... '}' nest; 'key: value' lines; a line whose first
// non-blank character is '#' is a comment. Two parsers read this file and
// both must agree on it: corosync's (a '{' must end its line, a '}' stands
// alone) and pvecm's, which splits the text on whitespace and strips '#' to
// the end of any line, so keys and values are single words. Anything either
// of them would misread is an error.
//
// Syntax errors (and encoding errors) leave the tree incomplete: semantic
// checks are skipped and typed edits are refused until the text is fixed.
// Keys, values and names are views into the file's text, valid until the
// next edit.
class CorosyncConfigFile : public ConfigFileBase
{
public:
    using Entry = KeyValueEntry;
    struct Block {
        QByteArrayView name;      // empty for the root (the file itself)
        qsizetype line = -1;      // the 'name {' line; -1 for the root
        qsizetype nameByte = 0;
        qsizetype closeLine = -1; // the '}' line; -1 for the root or when never closed
        QList<Entry> entries;     // in file order
        QList<Block> children;    // in file order
        QString nameString() const { return QString::fromUtf8(name); }
        const Entry *find(QByteArrayView key) const;   // the first such entry
        const Block *child(QByteArrayView name) const; // the first such block
        QByteArrayView value(QByteArrayView key) const; // empty when absent
    };
    struct Node {
        QString name;
        quint32 nodeid = 0;          // 0 when missing or invalid
        quint32 votes = 1;           // corosync's default when quorum_votes is absent
        QMap<int, QString> ringAddrs; // link number -> ringN_addr
        qsizetype line = 0;          // the 'node {' line
    };

    static constexpr int kMaxLink = 7;           // knet links 0..7
    static constexpr int kMaxClusterNameLength = 15;
    static constexpr qsizetype kMaxDepth = 16;    // real files nest 4 deep at most
    // corosync reads lines into a 512-byte buffer (newline and NUL included).
    static constexpr qsizetype kMaxLineLength = 510;

    CorosyncConfigFile() = default;
    static CorosyncConfigFile parse(QByteArray bytes, QString fileName);

    const Block &root() const { return m_root; }
    // PATH is dot-separated ("quorum.device.net"); each level takes the first
    // block of that name. An empty path is the root.
    const Block *block(QByteArrayView path) const;
    const Entry *find(QByteArrayView blockPath, QByteArrayView key) const;
    QString value(QByteArrayView blockPath, QByteArrayView key) const; // empty when absent
    QString totemValue(QByteArrayView key) const { return value("totem", key); }
    QString clusterName() const { return totemValue("cluster_name"); }
    std::optional<quint64> configVersion() const;
    QList<Node> nodes() const;
    QList<int> interfaceLinks() const; // totem.interface link numbers, in file order

    // Typed edits. Each changes only the lines it must, writes new lines in
    // pvecm's style (keys sorted, 'key: value', the block's own indentation
    // or two spaces per level) and re-parses, so diagnostics() describes the
    // result. They refuse to run on a file with syntax or encoding errors.
    // Missing blocks on the way to BLOCKPATH are created.
    Result<void> setValue(QByteArrayView blockPath, QByteArrayView key, QByteArrayView value);
    Result<void> removeValue(QByteArrayView blockPath, QByteArrayView key);
    Result<quint64> bumpConfigVersion(); // returns the new totem.config_version
    Result<void> addNode(const QString &name, quint32 nodeid, quint32 votes, const QMap<int, QString> &ringAddrs);
    Result<void> removeNode(const QString &name);
    Result<void> setNodeValue(const QString &node, QByteArrayView key, QByteArrayView value);
    Result<void> setRingAddress(const QString &node, int link, const QString &address);
    Result<void> addInterface(int linknumber, std::optional<int> knetLinkPriority = std::nullopt);

private:
    CorosyncConfigFile(QByteArray bytes, QString fileName);
    void reparse();
    bool parseLines();
    void noteIndentUnit(const Block &parent, qsizetype itemLine);

    Result<void> checkEditable() const;
    Result<void> checkEntryEdit(QByteArrayView key, QByteArrayView value) const;
    Result<void> checkAddressFree(int link, const QString &address, const QString &forNode) const;
    const Block *findNode(QByteArrayView name) const;
    Result<const Block *> ensureBlock(QByteArrayView path);
    void writeEntry(const Block &block, QByteArrayView key, QByteArrayView value);
    qsizetype insertPosition(const Block &parent, QByteArrayView name,
                             const std::function<bool(const Block &)> &sameNameGoesAfter = {}) const;
    QByteArray itemIndent(const Block &block) const;
    void insertBlockLines(const Block &parent, qsizetype at, QList<QByteArray> lines);
    void removeLines(const Block &parent, qsizetype first, qsizetype last);

    Block m_root;
    QByteArray m_indentUnit = "  "; // pvecm's, unless the file indents nested items otherwise
    bool m_indentLearned = false;
    bool m_editable = false;
};

} // namespace atalaia::config
