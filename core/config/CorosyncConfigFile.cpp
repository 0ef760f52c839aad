#include "CorosyncConfigFile.h"

#include "Reporter.h"
#include "TextScan.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <limits>

namespace atalaia::config {

using namespace scan;

namespace {

using Block = CorosyncConfigFile::Block;
using Entry = CorosyncConfigFile::Entry;

// ---------------------------------------------------------------------------
// Byte helpers

// A view shown in a message: long enough to recognise, never a whole huge line.
QString shown(QByteArrayView text)
{
    constexpr qsizetype kMax = 40;
    if (text.size() <= kMax)
        return QString::fromUtf8(text);
    qsizetype cut = kMax;
    while (cut > 0 && isUtf8Continuation(text[cut]))
        --cut; // do not split a UTF-8 character
    return QString::fromUtf8(text.first(cut)) + QStringLiteral("…");
}

QByteArrayView slice(QByteArrayView s, qsizetype begin, qsizetype end)
{
    return s.sliced(begin, std::max<qsizetype>(0, end - begin));
}

QByteArrayView leadingSpace(QByteArrayView line) { return line.first(skipSpace(line, 0)); }

enum class Word { Name, Value };

// Both parsers split words on whitespace and pvecm cuts lines at '#'; a '{'
// anywhere makes corosync read a block. Names (keys, blocks) also exclude
// ':' and '}'. Returns the offset of the first byte that cannot be part of
// such a word, or -1.
qsizetype firstNonWord(QByteArrayView s, Word kind)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f' || c == '{' || c == '#'
            || (kind == Word::Name && (c == ':' || c == '}')))
            return i;
    }
    return -1;
}

std::optional<quint64> parseCount(QByteArrayView s, quint64 max = std::numeric_limits<quint32>::max())
{
    if (s.isEmpty() || s.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : s) {
        if (!isDigit(c))
            return std::nullopt;
        const quint64 digit = quint64(c - '0');
        if (value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

// "ring3_addr" -> 3 (any number; the caller checks the range). Not
// "ring03_addr": corosync knows that as just another unknown key.
std::optional<quint64> ringLink(QByteArrayView key)
{
    if (!key.startsWith("ring") || !key.endsWith("_addr"))
        return std::nullopt;
    const QByteArrayView digits = key.sliced(4, key.size() - 9);
    if (digits.size() > 1 && digits[0] == '0')
        return std::nullopt;
    return parseCount(digits);
}

QByteArray ringKey(int link) { return "ring" + QByteArray::number(link) + "_addr"; }

// The entry naming an interface's link: linknumber, or its corosync 2 name
// ringnumber.
const Entry *interfaceLinkEntry(const Block &interface)
{
    const Entry *e = interface.find("linknumber");
    return e ? e : interface.find("ringnumber");
}

// The link an interface block configures, 0 (corosync's default) when not
// given; nullopt when unreadable.
std::optional<quint64> interfaceLink(const Block &interface)
{
    const Entry *e = interfaceLinkEntry(interface);
    return e ? parseCount(e->value) : std::optional<quint64>(0);
}

QList<QByteArrayView> splitPath(QByteArrayView path)
{
    QList<QByteArrayView> segments;
    qsizetype begin = 0;
    while (!path.isEmpty() && begin <= path.size()) {
        qsizetype dot = path.indexOf('.', begin);
        if (dot < 0)
            dot = path.size();
        segments.append(path.sliced(begin, dot - begin));
        begin = dot + 1;
    }
    return segments;
}

// Calls DUPLICATE(item, firstItem) for each item whose KEY was seen before.
// Blocks are small, so a linear scan; a hash only for huge (hostile) ones.
template <typename T, typename KeyOf, typename OnDuplicate>
void forEachDuplicate(const QList<T> &items, KeyOf keyOf, OnDuplicate duplicate)
{
    constexpr qsizetype kLinearLimit = 32;
    if (items.size() <= kLinearLimit) {
        for (qsizetype i = 1; i < items.size(); ++i) {
            const auto key = keyOf(items[i]);
            if (!key)
                continue;
            for (qsizetype j = 0; j < i; ++j) {
                if (keyOf(items[j]) == key) {
                    duplicate(items[i], items[j]);
                    break;
                }
            }
        }
        return;
    }
    QHash<QByteArrayView, qsizetype> seen;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const auto key = keyOf(items[i]);
        if (!key)
            continue;
        const auto it = seen.constFind(*key);
        if (it != seen.constEnd())
            duplicate(items[i], items[*it]);
        else
            seen.insert(*key, i);
    }
}

// ---------------------------------------------------------------------------
// What corosync 3 knows (corosync.conf(5), votequorum(5), corosync-qdevice(8))

enum class Section : quint8 {
    Other,   // unknown: contents are not checked
    Opaque,  // known, but free-form (resources)
    Root, Totem, Interface, Logging, LoggerSubsys, Quorum, Device, DeviceNet, Heuristics,
    Nodelist, Node, System, Nozzle, Uidgid,
    Count
};

struct SectionRule {
    Section parent;
    QByteArrayView name;
    Section section;
    bool repeats; // may appear more than once in its parent
};

constexpr SectionRule kSections[] = {
    {Section::Root, "totem", Section::Totem, false},
    {Section::Root, "logging", Section::Logging, false},
    {Section::Root, "quorum", Section::Quorum, false},
    {Section::Root, "nodelist", Section::Nodelist, false},
    {Section::Root, "system", Section::System, false},
    {Section::Root, "resources", Section::Opaque, false},
    {Section::Root, "nozzle", Section::Nozzle, false},
    {Section::Root, "uidgid", Section::Uidgid, true},
    {Section::Totem, "interface", Section::Interface, true},
    {Section::Logging, "logger_subsys", Section::LoggerSubsys, true},
    {Section::Quorum, "device", Section::Device, false},
    {Section::Device, "net", Section::DeviceNet, false},
    {Section::Device, "heuristics", Section::Heuristics, false},
    {Section::Nodelist, "node", Section::Node, true},
};

enum class Type : quint8 { Text, Count, Count64, Choice };

struct KeyRule {
    Section section;
    QByteArrayView key;
    Type type;
    QByteArrayView choices = {}; // '|'-separated, for Type::Choice
};

constexpr QByteArrayView kYesNo = "yes|no|on|off";
constexpr QByteArrayView kOnOff = "on|off";
constexpr QByteArrayView kZeroOne = "0|1";
constexpr QByteArrayView kPriorities = "alert|crit|debug|emerg|err|info|notice|warning";

// totem.version, totem.cluster_name and quorum.provider are Text here: their
// own checks below say more than a type error would.
constexpr KeyRule kKeys[] = {
    {Section::Totem, "version", Type::Text},
    {Section::Totem, "cluster_name", Type::Text},
    {Section::Totem, "config_version", Type::Count64},
    {Section::Totem, "ip_version", Type::Choice, "ipv4|ipv6|ipv4-6|ipv6-4"},
    {Section::Totem, "link_mode", Type::Choice, "passive|active|rr"},
    {Section::Totem, "transport", Type::Choice, "knet|udp|udpu"},
    {Section::Totem, "secauth", Type::Choice, kOnOff},
    {Section::Totem, "crypto_model", Type::Choice, "nss|openssl"},
    {Section::Totem, "crypto_cipher", Type::Choice, "none|aes256|aes192|aes128"},
    {Section::Totem, "crypto_hash", Type::Choice, "none|md5|sha1|sha256|sha384|sha512"},
    {Section::Totem, "keyfile", Type::Text},
    {Section::Totem, "key", Type::Text},
    {Section::Totem, "nodeid", Type::Count},
    {Section::Totem, "clear_node_high_bit", Type::Choice, kYesNo},
    {Section::Totem, "block_unlisted_ips", Type::Choice, kYesNo},
    {Section::Totem, "cancel_token_hold_on_retransmit", Type::Choice, kYesNo},
    {Section::Totem, "token", Type::Count},
    {Section::Totem, "token_coefficient", Type::Count},
    {Section::Totem, "token_warning", Type::Count},
    {Section::Totem, "token_retransmit", Type::Count},
    {Section::Totem, "token_retransmits_before_loss_const", Type::Count},
    {Section::Totem, "hold", Type::Count},
    {Section::Totem, "join", Type::Count},
    {Section::Totem, "send_join", Type::Count},
    {Section::Totem, "consensus", Type::Count},
    {Section::Totem, "merge", Type::Count},
    {Section::Totem, "downcheck", Type::Count},
    {Section::Totem, "fail_recv_const", Type::Count},
    {Section::Totem, "seqno_unchanged_const", Type::Count},
    {Section::Totem, "heartbeat_failures_allowed", Type::Count},
    {Section::Totem, "max_network_delay", Type::Count},
    {Section::Totem, "window_size", Type::Count},
    {Section::Totem, "max_messages", Type::Count},
    {Section::Totem, "miss_count_const", Type::Count},
    {Section::Totem, "netmtu", Type::Count},
    {Section::Totem, "threads", Type::Count},
    {Section::Totem, "knet_mtu", Type::Count},
    {Section::Totem, "knet_pmtud_interval", Type::Count},
    {Section::Totem, "knet_compression_model", Type::Text},
    {Section::Totem, "knet_compression_threshold", Type::Count},
    {Section::Totem, "knet_compression_level", Type::Text},
    {Section::Totem, "vsftype", Type::Text},
    {Section::Interface, "linknumber", Type::Count},
    {Section::Interface, "ringnumber", Type::Count},
    {Section::Interface, "bindnetaddr", Type::Text},
    {Section::Interface, "broadcast", Type::Choice, kYesNo},
    {Section::Interface, "mcastaddr", Type::Text},
    {Section::Interface, "mcastport", Type::Count},
    {Section::Interface, "ttl", Type::Count},
    {Section::Interface, "knet_link_priority", Type::Count},
    {Section::Interface, "knet_ping_interval", Type::Count},
    {Section::Interface, "knet_ping_timeout", Type::Count},
    {Section::Interface, "knet_ping_precision", Type::Count},
    {Section::Interface, "knet_pong_count", Type::Count},
    {Section::Interface, "knet_transport", Type::Choice, "udp|sctp"},
    {Section::Logging, "debug", Type::Choice, "on|off|trace"},
    {Section::Logging, "to_syslog", Type::Choice, kYesNo},
    {Section::Logging, "to_stderr", Type::Choice, kYesNo},
    {Section::Logging, "to_logfile", Type::Choice, kYesNo},
    {Section::Logging, "logfile", Type::Text},
    {Section::Logging, "logfile_priority", Type::Choice, kPriorities},
    {Section::Logging, "syslog_facility", Type::Text},
    {Section::Logging, "syslog_priority", Type::Choice, kPriorities},
    {Section::Logging, "timestamp", Type::Choice, "on|off|hires"},
    {Section::Logging, "fileline", Type::Choice, kOnOff},
    {Section::Logging, "function_name", Type::Choice, kOnOff},
    {Section::Logging, "blackbox", Type::Choice, kOnOff},
    {Section::LoggerSubsys, "subsys", Type::Text},
    {Section::Quorum, "provider", Type::Text},
    {Section::Quorum, "expected_votes", Type::Count},
    {Section::Quorum, "two_node", Type::Choice, kZeroOne},
    {Section::Quorum, "wait_for_all", Type::Choice, kZeroOne},
    {Section::Quorum, "last_man_standing", Type::Choice, kZeroOne},
    {Section::Quorum, "last_man_standing_window", Type::Count},
    {Section::Quorum, "auto_tie_breaker", Type::Choice, kZeroOne},
    {Section::Quorum, "auto_tie_breaker_node", Type::Text},
    {Section::Quorum, "allow_downscale", Type::Choice, kZeroOne},
    {Section::Device, "model", Type::Choice, "net"},
    {Section::Device, "votes", Type::Count},
    {Section::Device, "timeout", Type::Count},
    {Section::Device, "sync_timeout", Type::Count},
    {Section::Device, "master_wins", Type::Choice, kZeroOne},
    {Section::DeviceNet, "host", Type::Text},
    {Section::DeviceNet, "port", Type::Count},
    {Section::DeviceNet, "algorithm", Type::Choice, "ffsplit|lms"},
    {Section::DeviceNet, "tie_breaker", Type::Text},
    {Section::DeviceNet, "tls", Type::Choice, "on|off|required"},
    {Section::DeviceNet, "connect_timeout", Type::Count},
    {Section::DeviceNet, "force_ip_version", Type::Choice, "0|4|6"},
    {Section::DeviceNet, "keep_active_partition_tie_breaker", Type::Choice, kOnOff},
    {Section::Heuristics, "mode", Type::Choice, "on|off|sync"},
    {Section::Heuristics, "timeout", Type::Count},
    {Section::Heuristics, "sync_timeout", Type::Count},
    {Section::Heuristics, "interval", Type::Count},
    {Section::Node, "name", Type::Text},
    {Section::Node, "nodeid", Type::Count},
    {Section::Node, "quorum_votes", Type::Count},
    {Section::System, "sched_rr", Type::Choice, kYesNo},
    {Section::System, "priority", Type::Text},
    {Section::System, "qb_ipc_type", Type::Choice, "native|shm|socket"},
    {Section::System, "allow_knet_handle_fallback", Type::Choice, kYesNo},
    {Section::System, "state_dir", Type::Text},
    {Section::System, "move_to_root_cgroup", Type::Choice, "yes|no|auto"},
    {Section::Nozzle, "name", Type::Text},
    {Section::Nozzle, "ipaddr", Type::Text},
    {Section::Nozzle, "ipprefix", Type::Text},
    {Section::Nozzle, "macaddr", Type::Text},
    {Section::Uidgid, "uid", Type::Text},
    {Section::Uidgid, "gid", Type::Text},
};

constexpr KeyRule kTextRule{Section::Other, "", Type::Text};

// kKeys lists each section's keys together, so a lookup scans one section.
consteval bool keysGroupedBySection()
{
    for (size_t i = 1; i < std::size(kKeys); ++i)
        for (size_t j = 0; j + 1 < i; ++j)
            if (kKeys[j].section == kKeys[i].section && kKeys[i - 1].section != kKeys[i].section)
                return false;
    return true;
}
static_assert(keysGroupedBySection());

struct KeyRange {
    size_t begin = 0;
    size_t end = 0;
};

constexpr std::array<KeyRange, size_t(Section::Count)> kKeyRanges = [] {
    std::array<KeyRange, size_t(Section::Count)> ranges{};
    for (size_t i = 0; i < std::size(kKeys); ++i) {
        KeyRange &range = ranges[size_t(kKeys[i].section)];
        if (range.end == 0)
            range.begin = i;
        range.end = i + 1;
    }
    return ranges;
}();

const SectionRule *sectionRule(Section parent, QByteArrayView name)
{
    for (const SectionRule &rule : kSections)
        if (rule.parent == parent && rule.name == name)
            return &rule;
    return nullptr;
}

const KeyRule *keyRule(Section section, QByteArrayView key)
{
    const KeyRange range = kKeyRanges[size_t(section)];
    for (size_t i = range.begin; i < range.end; ++i)
        if (kKeys[i].key == key)
            return &kKeys[i];
    if (section == Section::LoggerSubsys) // takes every logging key as well
        return keyRule(Section::Logging, key);
    if ((section == Section::Node && ringLink(key)) || (section == Section::Heuristics && key.startsWith("exec_")))
        return &kTextRule;
    return nullptr;
}

bool isChoice(QByteArrayView choices, QByteArrayView value)
{
    qsizetype begin = 0;
    while (begin <= choices.size()) {
        qsizetype bar = choices.indexOf('|', begin);
        if (bar < 0)
            bar = choices.size();
        if (choices.sliced(begin, bar - begin) == value)
            return true;
        begin = bar + 1;
    }
    return false;
}

QString nodeLabel(const Block &node)
{
    const QByteArrayView name = node.value("name");
    return name.isEmpty() ? QStringLiteral("the node on line %1").arg(node.line + 1)
                          : QStringLiteral("node '%1'").arg(shown(name));
}

// ---------------------------------------------------------------------------
// Semantic checks of a syntactically sound file.

class Validator
{
    using AddressesPerLink = std::array<QHash<QByteArrayView, const Block *>, CorosyncConfigFile::kMaxLink + 1>;

public:
    Validator(const Block &root, Reporter &report) : m_root(root), m_report(report) {}

    void run()
    {
        walk(m_root, Section::Root);
        checkTotem();
        checkNodes();
        checkQuorum();
    }

private:
    void walk(const Block &block, Section section)
    {
        const bool checked = section != Section::Other && section != Section::Opaque;
        for (const Entry &e : block.entries)
            if (checked)
                checkEntry(block, section, e);
        forEachDuplicate(block.entries, [](const Entry &e) { return std::optional(e.key); },
                         [&](const Entry &e, const Entry &first) {
                             m_report.error(e.line, e.keyByte,
                                            QStringLiteral("'%1' is set twice %2 (first on line %3): keep one")
                                                .arg(shown(e.key), where(block)).arg(first.line + 1));
                         });
        for (const Block &child : block.children) {
            const SectionRule *rule = checked ? sectionRule(section, child.name) : nullptr;
            if (checked && !rule)
                m_report.warning(child.line, child.nameByte,
                                 QStringLiteral("unknown block '%1' %2 (kept as written; check its spelling)")
                                     .arg(shown(child.name), where(block)));
            walk(child, rule ? rule->section : Section::Other);
        }
        forEachDuplicate(block.children,
                         [&](const Block &b) {
                             const SectionRule *rule = checked ? sectionRule(section, b.name) : nullptr;
                             return rule && rule->repeats ? std::nullopt : std::optional(b.name);
                         },
                         [&](const Block &b, const Block &first) {
                             m_report.error(b.line, b.nameByte,
                                            QStringLiteral("block '%1' appears twice %2 (first on line %3): "
                                                           "merge them into one")
                                                .arg(shown(b.name), where(block)).arg(first.line + 1));
                         });
    }

    void checkEntry(const Block &block, Section section, const Entry &e)
    {
        const KeyRule *rule = keyRule(section, e.key);
        if (!rule) {
            m_report.warning(e.line, e.keyByte, QStringLiteral("unknown key '%1' %2 (kept as written; check its "
                                                               "spelling)").arg(shown(e.key), where(block)));
            return;
        }
        switch (rule->type) {
        case Type::Text:
            break;
        case Type::Count:
        case Type::Count64: {
            const quint64 max = rule->type == Type::Count ? std::numeric_limits<quint32>::max()
                                                          : std::numeric_limits<quint64>::max();
            if (parseCount(e.value, max))
                break;
            const bool digits = isAllDigits(e.value);
            m_report.error(e.line, e.valueByte,
                           digits ? QStringLiteral("'%1' is too large: at most %2").arg(shown(e.key)).arg(max)
                                  : QStringLiteral("'%1' must be a whole number (0 or more), not '%2'")
                                        .arg(shown(e.key), shown(e.value)));
            break;
        }
        case Type::Choice:
            if (!isChoice(rule->choices, e.value))
                m_report.error(e.line, e.valueByte,
                               QStringLiteral("'%1' must be one of %2, not '%3'")
                                   .arg(shown(e.key),
                                        QString::fromLatin1(rule->choices).replace(u'|', QStringLiteral(", ")),
                                        shown(e.value)));
            break;
        }
    }

    static QString where(const Block &block)
    {
        return block.line < 0 ? QStringLiteral("at the top level") : QStringLiteral("in '%1'").arg(shown(block.name));
    }

    // Reports a required key missing from BLOCK (MESSAGE() says how to add
    // it; built only when needed); returns the entry otherwise.
    template <typename Message>
    const Entry *require(const Block &block, QByteArrayView key, Message message)
    {
        const Entry *e = block.find(key);
        if (!e)
            m_report.error(block.line, block.nameByte, message());
        return e;
    }

    void checkTotem()
    {
        const Block *totem = m_root.child("totem");
        if (!totem) {
            m_report.error(0, 0, QStringLiteral("no 'totem' block: corosync needs one with 'version: 2' and "
                                                "'cluster_name: NAME'"));
            return;
        }
        const Entry *version = require(*totem, "version", [] {
            return QStringLiteral("'totem' has no 'version': add 'version: 2'");
        });
        if (version && version->value != "2")
            m_report.error(version->line, version->valueByte,
                           QStringLiteral("totem version must be 2 (the only one corosync 3 accepts), not '%1'")
                               .arg(shown(version->value)));
        if (const Entry *name = require(*totem, "cluster_name", [] {
                return QStringLiteral("'totem' has no 'cluster_name': add 'cluster_name: NAME' (up to 15 letters, "
                                      "digits, '-' or '_')");
            }))
            checkClusterName(*name);
        if (!totem->find("config_version"))
            m_report.warning(totem->line, totem->nameByte, QStringLiteral("'totem' has no 'config_version': add "
                                                                          "'config_version: 1' (pvecm increments it "
                                                                          "on every change)"));
        checkInterfaces(*totem);
    }

    void checkClusterName(const Entry &e)
    {
        for (qsizetype i = 0; i < e.value.size(); ++i) {
            const char c = e.value[i];
            if (isLetterOrDigit(c) || c == '-' || c == '_')
                continue;
            const qsizetype end = characterEnd(e.value, i);
            m_report.error(e.line, e.valueByte + i,
                           QStringLiteral("cluster name '%1' contains '%2': use only letters, digits, '-' and '_'")
                               .arg(shown(e.value), shown(slice(e.value, i, end))));
            break;
        }
        if (e.value.size() > CorosyncConfigFile::kMaxClusterNameLength)
            m_report.error(e.line, e.valueByte, QStringLiteral("cluster name '%1' is %2 characters long: corosync "
                                                               "allows at most %3")
                                                    .arg(shown(e.value)).arg(e.value.size())
                                                    .arg(CorosyncConfigFile::kMaxClusterNameLength));
    }

    void checkInterfaces(const Block &totem)
    {
        for (const Block &interface : totem.children) {
            if (interface.name != "interface")
                continue;
            const std::optional<quint64> link = interfaceLink(interface);
            const Entry *e = interfaceLinkEntry(interface);
            const qsizetype line = e ? e->line : interface.line;
            const qsizetype byte = e ? e->valueByte : interface.nameByte;
            if (!link)
                continue; // already reported as not a number
            if (*link > CorosyncConfigFile::kMaxLink) {
                m_report.error(line, byte, QStringLiteral("link number %1 is out of range: knet links are numbered "
                                                          "0 to 7").arg(*link));
                continue;
            }
            if (const Block *first = m_interfaces[size_t(*link)])
                m_report.error(line, byte, QStringLiteral("link %1 already has an interface block (line %2): give "
                                                          "each 'linknumber' once").arg(*link).arg(first->line + 1));
            else
                m_interfaces[size_t(*link)] = &interface;
        }
    }

    void checkNodes()
    {
        const Block *nodelist = m_root.child("nodelist");
        if (!nodelist) {
            m_report.error(0, 0, QStringLiteral("no 'nodelist' block: corosync 3 (knet) needs one 'node' block per "
                                                "cluster node inside 'nodelist { }'"));
            return;
        }
        QList<const Block *> nodes;
        for (const Block &child : nodelist->children)
            if (child.name == "node")
                nodes.append(&child);
        if (nodes.isEmpty()) {
            m_report.error(nodelist->line, nodelist->nameByte, QStringLiteral("'nodelist' has no 'node' block: add "
                                                                              "one per cluster node"));
            return;
        }
        QHash<QByteArrayView, const Block *> names;
        QHash<quint64, const Block *> ids;
        AddressesPerLink addresses;
        QList<unsigned> linkMasks;
        unsigned allLinks = 0;
        for (const Block *node : std::as_const(nodes)) {
            checkNodeName(*node, names);
            checkNodeId(*node, ids);
            const unsigned mask = checkNodeLinks(*node, addresses);
            linkMasks.append(mask);
            allLinks |= mask;
        }
        const unsigned required = allLinks | 1u;
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const Block &node = *nodes[i];
            for (int link = 0; link <= CorosyncConfigFile::kMaxLink; ++link) {
                if (!(required & ~linkMasks[i] & (1u << link)))
                    continue;
                m_report.error(node.line, node.nameByte,
                               link == 0 && !(allLinks & 1u)
                                   ? QStringLiteral("%1 has no 'ring0_addr': add 'ring0_addr: ADDRESS' (every node "
                                                    "needs an address on link 0)").arg(nodeLabel(node))
                                   : QStringLiteral("%1 has no 'ring%2_addr', but other nodes use link %2: add "
                                                    "'ring%2_addr: ADDRESS' (every node needs an address on every "
                                                    "link)").arg(nodeLabel(node)).arg(link));
            }
        }
        checkLinksHaveInterfaces(*nodelist, allLinks);
    }

    void checkNodeName(const Block &node, QHash<QByteArrayView, const Block *> &names)
    {
        const Entry *e = require(node, "name", [&] {
            return QStringLiteral("%1 has no 'name': add 'name: NODENAME' (pvecm finds nodes by name)")
                .arg(nodeLabel(node));
        });
        if (!e)
            return;
        if (const Block *other = names.value(e->value))
            m_report.error(e->line, e->valueByte, QStringLiteral("node name '%1' is already used on line %2: node "
                                                                 "names must be unique")
                                                      .arg(shown(e->value)).arg(other->line + 1));
        else
            names.insert(e->value, &node);
    }

    void checkNodeId(const Block &node, QHash<quint64, const Block *> &ids)
    {
        const Entry *e = require(node, "nodeid", [&] {
            return QStringLiteral("%1 has no 'nodeid': add 'nodeid: N' (a number from 1, unique in the cluster)")
                .arg(nodeLabel(node));
        });
        const std::optional<quint64> id = e ? parseCount(e->value) : std::nullopt;
        if (!id)
            return; // missing, or already reported as not a number
        if (*id == 0)
            m_report.error(e->line, e->valueByte, QStringLiteral("nodeid 0 is reserved: node ids start at 1"));
        else if (const Block *other = ids.value(*id))
            m_report.error(e->line, e->valueByte, QStringLiteral("nodeid %1 is already used by %2 (line %3): node ids "
                                                                 "must be unique")
                                                      .arg(*id).arg(nodeLabel(*other)).arg(other->line + 1));
        else
            ids.insert(*id, &node);
    }

    unsigned checkNodeLinks(const Block &node, AddressesPerLink &addresses)
    {
        unsigned mask = 0;
        for (const Entry &e : node.entries) {
            const std::optional<quint64> link = ringLink(e.key);
            if (!link)
                continue;
            if (*link > CorosyncConfigFile::kMaxLink) {
                m_report.error(e.line, e.keyByte, QStringLiteral("'%1': knet has links 0 to 7 only (ring0_addr to "
                                                                 "ring7_addr)").arg(shown(e.key)));
                continue;
            }
            mask |= 1u << *link;
            auto &seen = addresses[size_t(*link)];
            if (const Block *other = seen.value(e.value); other && other != &node)
                m_report.error(e.line, e.valueByte, QStringLiteral("address '%1' on link %2 is already used by %3 "
                                                                   "(line %4): every node needs its own address")
                                                        .arg(shown(e.value)).arg(*link).arg(nodeLabel(*other))
                                                        .arg(other->line + 1));
            else
                seen.insert(e.value, &node);
        }
        return mask;
    }

    // pvecm expects one totem 'interface' per link once any is configured.
    void checkLinksHaveInterfaces(const Block &nodelist, unsigned links)
    {
        if (std::all_of(m_interfaces.cbegin(), m_interfaces.cend(), [](const Block *b) { return !b; }))
            return;
        for (int link = 0; link <= CorosyncConfigFile::kMaxLink; ++link) {
            const Block *interface = m_interfaces[size_t(link)];
            const bool used = links & (1u << link);
            if (interface && !used)
                m_report.warning(interface->line, interface->nameByte,
                                 QStringLiteral("interface for link %1, but no node has 'ring%1_addr': add the "
                                                "addresses or remove the interface").arg(link));
            else if (!interface && used)
                m_report.warning(nodelist.line, nodelist.nameByte,
                                 QStringLiteral("nodes use link %1, but 'totem' has no 'interface' with "
                                                "'linknumber: %1': add one (pvecm expects an interface per link)")
                                     .arg(link));
        }
    }

    void checkQuorum()
    {
        const Block *quorum = m_root.child("quorum");
        if (!quorum) {
            m_report.error(0, 0, QStringLiteral("no 'quorum' block: add 'quorum { provider: corosync_votequorum }'"));
            return;
        }
        const Entry *provider = require(*quorum, "provider", [] {
            return QStringLiteral("'quorum' has no 'provider': add 'provider: corosync_votequorum'");
        });
        if (provider && provider->value != "corosync_votequorum")
            m_report.error(provider->line, provider->valueByte,
                           QStringLiteral("quorum provider '%1' is not supported: Proxmox VE needs "
                                          "'corosync_votequorum'").arg(shown(provider->value)));
        const Block *device = quorum->child("device");
        if (!device)
            return;
        const Entry *model = require(*device, "model", [] {
            return QStringLiteral("'device' has no 'model': add 'model: net'");
        });
        if (!model || model->value != "net")
            return;
        const Block *net = device->child("net");
        if (!net)
            m_report.error(device->line, device->nameByte, QStringLiteral("qdevice model 'net' needs a 'net' block "
                                                                          "with 'host: ADDRESS' of the QNetd server"));
        else
            require(*net, "host", [] {
                return QStringLiteral("'net' has no 'host': add 'host: ADDRESS' of the QNetd server");
            });
    }

    const Block &m_root;
    Reporter &m_report;
    std::array<const Block *, CorosyncConfigFile::kMaxLink + 1> m_interfaces = {}; // by link number
};

// ---------------------------------------------------------------------------
// Line syntax. Each returns false after reporting an error.

bool parseOpening(QByteArrayView line, qsizetype index, qsizetype brace, Block &block, Reporter &report)
{
    const qsizetype nameBegin = skipSpace(line, 0);
    const qsizetype nameEnd = trimmedEnd(line.first(brace));
    block.name = slice(line, nameBegin, nameEnd);
    block.line = index;
    block.nameByte = nameBegin;
    bool ok = true;
    if (block.name.isEmpty()) {
        report.error(index, brace, QStringLiteral("'{' without a block name: write 'name {' (for example 'totem {')"));
        ok = false;
    } else if (const qsizetype bad = firstNonWord(block.name, Word::Name); bad >= 0) {
        const QByteArrayView word = block.name.first(bad);
        report.error(index, nameBegin + bad,
                     bad == block.name.size() - 1 && block.name.endsWith(':')
                         ? QStringLiteral("a block name takes no ':': write '%1 {'").arg(shown(word))
                     : block.name.contains(':')
                         ? QStringLiteral("'{' in a 'key: value' line: corosync reads every line with '{' as the "
                                          "start of a block; remove the '{'")
                         : QStringLiteral("block name '%1' is not one word: write 'name {'").arg(shown(block.name)));
        ok = false;
    } else if (nameEnd == brace) {
        report.error(index, brace, QStringLiteral("no space between '%1' and '{': write '%1 {' (pvecm's parser needs "
                                                  "the space)").arg(shown(block.name)));
        ok = false;
    }
    const qsizetype after = skipSpace(line, brace + 1);
    if (after < line.size()) {
        report.error(index, after, QStringLiteral("text after '{': corosync needs '{' at the end of its line; move "
                                                  "'%1' to a line of its own").arg(shown(line.sliced(after))));
        ok = false;
    }
    return ok;
}

bool parseEntry(QByteArrayView line, qsizetype index, qsizetype colon, Entry &entry, Reporter &report)
{
    const qsizetype keyBegin = skipSpace(line, 0);
    const qsizetype keyEnd = trimmedEnd(line.first(colon));
    const qsizetype valueBegin = skipSpace(line, colon + 1);
    entry = {.key = slice(line, keyBegin, keyEnd), .value = slice(line, valueBegin, trimmedEnd(line)),
             .line = index, .keyByte = keyBegin, .valueByte = valueBegin};
    bool ok = true;
    auto error = [&](qsizetype byte, QString message) {
        report.error(index, byte, std::move(message));
        ok = false;
    };
    // Messages are built only on error: this runs for every line of the file.
    if (entry.key.isEmpty())
        error(colon, QStringLiteral("':' without a key: write 'key: value'"));
    else if (const qsizetype bad = firstNonWord(entry.key, Word::Name); bad >= 0)
        error(keyBegin + bad, QStringLiteral("key '%1' is not one word: write 'key: value'").arg(shown(entry.key)));
    else if (keyEnd != colon)
        error(keyEnd, QStringLiteral("space before ':': write '%1:' (pvecm's parser needs the ':' right after the "
                                     "key)").arg(shown(entry.key)));
    if (entry.value.isEmpty())
        error(valueBegin, QStringLiteral("'%1' has no value: write '%1: VALUE' or remove the line")
                              .arg(shown(entry.key)));
    else if (valueBegin == colon + 1)
        error(valueBegin, QStringLiteral("no space after ':': write '%1: %2' (pvecm's parser needs it)")
                              .arg(shown(entry.key), shown(entry.value)));
    else if (const qsizetype bad = firstNonWord(entry.value, Word::Value); bad >= 0)
        error(valueBegin + bad,
              entry.value[bad] == '#'
                  ? QStringLiteral("'#' in the value of '%1': pvecm drops everything from '#' on while corosync keeps "
                                   "it; remove it (comments go on lines of their own)").arg(shown(entry.key))
                  : QStringLiteral("the value of '%1' is not one word: pvecm would read only '%2'; remove the rest")
                        .arg(shown(entry.key), shown(entry.value.first(bad))));
    return ok;
}

} // namespace

// ---------------------------------------------------------------------------

const Entry *Block::find(QByteArrayView key) const
{
    for (const Entry &e : entries)
        if (e.key == key)
            return &e;
    return nullptr;
}

const Block *Block::child(QByteArrayView childName) const
{
    for (const Block &b : children)
        if (b.name == childName)
            return &b;
    return nullptr;
}

QByteArrayView Block::value(QByteArrayView key) const
{
    const Entry *e = find(key);
    return e ? e->value : QByteArrayView();
}

CorosyncConfigFile::CorosyncConfigFile(QByteArray bytes, QString fileName)
    : ConfigFileBase(std::move(bytes), std::move(fileName))
{
    reparse();
}

CorosyncConfigFile CorosyncConfigFile::parse(QByteArray bytes, QString fileName)
{
    return CorosyncConfigFile(std::move(bytes), std::move(fileName));
}

void CorosyncConfigFile::reparse()
{
    m_root = Block{};
    m_editable = false;
    m_indentUnit = "  ";
    m_indentLearned = false;
    if (!startParse())
        return;
    const bool encodingClean = !hasErrors(m_diagnostics);
    if (parseLines()) {
        m_editable = encodingClean;
        Reporter report = reporter();
        Validator(m_root, report).run();
    }
    sortDiagnostics();
}

// Builds the block tree. Only the innermost open block gains children, so
// pointers to the open blocks (held in OPEN) stay valid while it grows.
bool CorosyncConfigFile::parseLines()
{
    Reporter report = reporter();
    std::vector<Block *> open{&m_root};
    qsizetype misalignedClose = -1; // first '}' indented unlike the block it closes
    bool ok = true;
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        const qsizetype first = skipSpace(line, 0);
        if (first == line.size() || line[first] == '#')
            continue; // blank or comment
        if (line.size() > kMaxLineLength) {
            report.error(i, kMaxLineLength, QStringLiteral("line is %1 bytes long: corosync reads at most %2 bytes "
                                                           "per line").arg(line.size()).arg(kMaxLineLength));
            ok = false;
        }
        Block &current = *open.back();
        if (const qsizetype brace = line.indexOf('{'); brace >= 0) {
            if (qsizetype(open.size()) > kMaxDepth) {
                report.error(i, brace, QStringLiteral("blocks nested more than %1 deep: corosync.conf needs 4 levels "
                                                      "at most (is a '}' missing?)").arg(kMaxDepth));
                return false;
            }
            Block block;
            ok = parseOpening(line, i, brace, block, report) && ok;
            noteIndentUnit(current, i);
            current.children.append(std::move(block));
            open.push_back(&current.children.last());
        } else if (const qsizetype colon = line.indexOf(':'); colon >= 0) {
            Entry entry;
            ok = parseEntry(line, i, colon, entry, report) && ok;
            noteIndentUnit(current, i);
            current.entries.append(entry);
        } else if (const qsizetype close = line.indexOf('}'); close >= 0) {
            if (first != close || trimmedEnd(line) != close + 1) {
                report.error(i, first != close ? first : skipSpace(line, close + 1),
                             QStringLiteral("'}' must be alone on its line (corosync rejects text before or after "
                                            "it)"));
                ok = false;
            }
            if (open.size() == 1) {
                report.error(i, close, QStringLiteral("'}' without an open block: remove it, or add the 'name {' "
                                                      "line it was meant to close"));
                ok = false;
                continue;
            }
            if (misalignedClose < 0 && leadingSpace(line) != leadingSpace(m_lines.line(current.line)))
                misalignedClose = i;
            current.closeLine = i;
            open.pop_back();
        } else {
            const qsizetype begin = first;
            const qsizetype wordEnd = skipNonSpace(line, begin);
            const qsizetype valueBegin = skipSpace(line, wordEnd);
            const bool twoWords = valueBegin < line.size() && skipNonSpace(line, valueBegin) == trimmedEnd(line);
            report.error(i, begin, twoWords ? QStringLiteral("expected 'key: value' (did you mean '%1: %2'?); "
                                                             "corosync would silently ignore this line")
                                                  .arg(shown(slice(line, begin, wordEnd)),
                                                       shown(slice(line, valueBegin, trimmedEnd(line))))
                                            : QStringLiteral("expected 'key: value', 'name {' or '}'; corosync would "
                                                             "silently ignore this line"));
            ok = false;
        }
    }
    for (size_t k = 1; k < open.size(); ++k) {
        const Block &block = *open[k];
        QString message = QStringLiteral("block '%1' is never closed: add a '}' line where it ends")
                              .arg(shown(block.name));
        if (misalignedClose >= 0)
            message += QStringLiteral(" (the '}' on line %1 is indented unlike the block it closes: is a '}' "
                                      "missing before it?)").arg(misalignedClose + 1);
        report.error(block.line, block.nameByte, message);
        ok = false;
    }
    return ok;
}

// Learns the file's indentation step from its first nested item, so new
// lines look like their neighbours (pvecm uses two spaces; people use tabs).
void CorosyncConfigFile::noteIndentUnit(const Block &parent, qsizetype itemLine)
{
    if (m_indentLearned || parent.line < 0)
        return;
    const QByteArrayView outer = leadingSpace(m_lines.line(parent.line));
    const QByteArrayView inner = leadingSpace(m_lines.line(itemLine));
    if (inner.size() > outer.size() && inner.startsWith(outer)) {
        m_indentUnit = inner.sliced(outer.size()).toByteArray();
        m_indentLearned = true;
    }
}

// ---------------------------------------------------------------------------
// Accessors

const Block *CorosyncConfigFile::block(QByteArrayView path) const
{
    const Block *b = &m_root;
    for (const QByteArrayView segment : splitPath(path)) {
        b = b->child(segment);
        if (!b)
            return nullptr;
    }
    return b;
}

const Entry *CorosyncConfigFile::find(QByteArrayView blockPath, QByteArrayView key) const
{
    const Block *b = block(blockPath);
    return b ? b->find(key) : nullptr;
}

QString CorosyncConfigFile::value(QByteArrayView blockPath, QByteArrayView key) const
{
    const Entry *e = find(blockPath, key);
    return e ? e->valueString() : QString();
}

std::optional<quint64> CorosyncConfigFile::configVersion() const
{
    const Entry *e = find("totem", "config_version");
    return e ? parseCount(e->value, std::numeric_limits<quint64>::max()) : std::nullopt;
}

QList<CorosyncConfigFile::Node> CorosyncConfigFile::nodes() const
{
    QList<Node> result;
    const Block *nodelist = block("nodelist");
    if (!nodelist)
        return result;
    for (const Block &b : nodelist->children) {
        if (b.name != "node")
            continue;
        Node node;
        node.name = QString::fromUtf8(b.value("name"));
        node.nodeid = quint32(parseCount(b.value("nodeid")).value_or(0));
        if (const Entry *votes = b.find("quorum_votes"))
            node.votes = quint32(parseCount(votes->value).value_or(0));
        for (const Entry &e : b.entries)
            if (const auto link = ringLink(e.key); link && *link <= kMaxLink)
                node.ringAddrs.insert(int(*link), e.valueString());
        node.line = b.line;
        result.append(node);
    }
    return result;
}

QList<int> CorosyncConfigFile::interfaceLinks() const
{
    QList<int> links;
    if (const Block *totem = block("totem"))
        for (const Block &b : totem->children)
            if (b.name == "interface")
                if (const auto link = interfaceLink(b))
                    links.append(int(std::min<quint64>(*link, std::numeric_limits<int>::max())));
    return links;
}

// ---------------------------------------------------------------------------
// Edits

namespace {

Result<void> checkWord(QByteArrayView word, const char *what, Word kind = Word::Name)
{
    if (word.isEmpty() || firstNonWord(word, kind) >= 0)
        return fail(Code::InvalidArgument,
                    QStringLiteral("invalid %1 '%2': corosync.conf needs one word without spaces, '{' or '#'%3")
                        .arg(QLatin1String(what), shown(word),
                             kind == Word::Name ? QStringLiteral(", ':' or '}'") : QString()));
    return {};
}

Result<void> checkLink(int link)
{
    if (link < 0 || link > CorosyncConfigFile::kMaxLink)
        return fail(Code::InvalidArgument, QStringLiteral("link %1 is out of range: knet links are 0 to 7").arg(link));
    return {};
}

} // namespace

Result<void> CorosyncConfigFile::checkEditable() const
{
    if (!m_editable)
        return fail(Code::ConfigSyntax, QStringLiteral("%1 has syntax or encoding errors: fix them before editing it")
                                            .arg(m_fileName));
    return {};
}

// Every node needs its own address on each link (knet would not know where
// to send otherwise).
Result<void> CorosyncConfigFile::checkAddressFree(int link, const QString &address, const QString &forNode) const
{
    for (const Node &other : nodes())
        if (other.name != forNode && other.ringAddrs.value(link) == address)
            return fail(Code::Conflict, QStringLiteral("address '%1' on link %2 is already used by node '%3'")
                                            .arg(address).arg(link).arg(other.name));
    return {};
}

const Block *CorosyncConfigFile::findNode(QByteArrayView name) const
{
    if (const Block *nodelist = block("nodelist"))
        for (const Block &b : nodelist->children)
            if (b.name == "node" && b.value("name") == name)
                return &b;
    return nullptr;
}

// Where a new item NAME goes in PARENT: right after the last item that
// pvecm's sorted output puts before it (and after the blank lines that
// follow that item, which separate it from the next one), else before the
// first item. In a pvecm file that is the sorted place; in a hand-edited
// one, next to its peers. Items of the same name (node, interface) are
// ordered by SAMENAMEGOESAFTER.
qsizetype CorosyncConfigFile::insertPosition(const Block &parent, QByteArrayView name,
                                             const std::function<bool(const Block &)> &sameNameGoesAfter) const
{
    const qsizetype end = parent.line < 0 ? m_lines.lineCount() : parent.closeLine;
    qsizetype lastBefore = -1; // last line of the last item that goes before NAME
    qsizetype firstItem = end;
    auto consider = [&](QByteArrayView itemName, qsizetype line, qsizetype lastLine, const Block *item) {
        firstItem = std::min(firstItem, line);
        const int order = itemName.compare(name);
        if (order < 0 || (order == 0 && !(item && sameNameGoesAfter && sameNameGoesAfter(*item))))
            lastBefore = std::max(lastBefore, lastLine);
    };
    for (const Entry &e : parent.entries)
        consider(e.key, e.line, e.line, nullptr);
    for (const Block &b : parent.children)
        consider(b.name, b.line, b.closeLine, &b);
    if (lastBefore < 0)
        return firstItem;
    qsizetype at = lastBefore + 1;
    while (at < end && isBlank(m_lines.line(at)))
        ++at;
    return at;
}

QByteArray CorosyncConfigFile::itemIndent(const Block &block) const
{
    qsizetype first = -1;
    if (!block.entries.isEmpty())
        first = block.entries.first().line;
    if (!block.children.isEmpty() && (first < 0 || block.children.first().line < first))
        first = block.children.first().line;
    if (first >= 0)
        return leadingSpace(m_lines.line(first)).toByteArray();
    return block.line < 0 ? QByteArray() : leadingSpace(m_lines.line(block.line)).toByteArray() + m_indentUnit;
}

// pvecm leaves a blank line after each top-level block.
void CorosyncConfigFile::insertBlockLines(const Block &parent, qsizetype at, QList<QByteArray> lines)
{
    if (parent.line < 0) {
        lines.append(QByteArray());
        if (at == m_lines.lineCount() && at > 0 && !isBlank(m_lines.line(at - 1)))
            lines.prepend(QByteArray());
    }
    for (QByteArray &line : lines)
        m_lines.insertLine(at++, std::move(line));
}

// Removes lines FIRST..LAST of PARENT and one of the blank lines that
// surrounded them, so no double blank line (or blank line at a block's edge)
// is left behind.
void CorosyncConfigFile::removeLines(const Block &parent, qsizetype first, qsizetype last)
{
    const qsizetype end = parent.line < 0 ? m_lines.lineCount() : parent.closeLine;
    const bool blankBefore = first > parent.line + 1 && isBlank(m_lines.line(first - 1));
    const bool blankAfter = last + 1 < end && isBlank(m_lines.line(last + 1));
    if (blankAfter && (blankBefore || first == parent.line + 1))
        ++last;
    else if (blankBefore && last + 1 == end)
        --first;
    for (qsizetype i = last; i >= first; --i)
        m_lines.removeLine(i);
}

Result<const Block *> CorosyncConfigFile::ensureBlock(QByteArrayView path)
{
    const QList<QByteArrayView> segments = splitPath(path);
    for (const QByteArrayView segment : segments)
        if (auto ok = checkWord(segment, "block name"); !ok)
            return std::unexpected(ok.error());
    const Block *parent = &m_root;
    qsizetype missing = 0;
    for (; missing < segments.size(); ++missing) {
        const Block *child = parent->child(segments[missing]);
        if (!child)
            break;
        parent = child;
    }
    if (missing == segments.size())
        return parent;
    QByteArray indent = itemIndent(*parent);
    QList<QByteArray> lines;
    QList<QByteArray> closing;
    for (qsizetype k = missing; k < segments.size(); ++k) {
        lines.append(QByteArray(indent).append(segments[k]).append(" {"));
        closing.prepend(indent + '}');
        indent += m_indentUnit;
    }
    lines.append(closing);
    insertBlockLines(*parent, insertPosition(*parent, segments[missing]), lines);
    reparse();
    if (const Block *created = block(path))
        return created;
    return fail(Code::Internal, QStringLiteral("could not create block '%1'").arg(shown(path)));
}

void CorosyncConfigFile::writeEntry(const Block &block, QByteArrayView key, QByteArrayView value)
{
    if (const Entry *e = block.find(key)) {
        QByteArray line = leadingSpace(m_lines.line(e->line)).toByteArray();
        m_lines.setLine(e->line, line.append(key).append(": ").append(value));
    } else {
        QByteArray line = itemIndent(block);
        m_lines.insertLine(insertPosition(block, key), line.append(key).append(": ").append(value));
    }
    reparse();
}

Result<void> CorosyncConfigFile::checkEntryEdit(QByteArrayView key, QByteArrayView value) const
{
    if (auto ok = checkEditable(); !ok)
        return ok;
    if (auto ok = checkWord(key, "key"); !ok)
        return ok;
    return checkWord(value, "value", Word::Value);
}

Result<void> CorosyncConfigFile::setValue(QByteArrayView blockPath, QByteArrayView key, QByteArrayView value)
{
    if (auto ok = checkEntryEdit(key, value); !ok)
        return ok;
    const Result<const Block *> b = ensureBlock(blockPath);
    if (!b)
        return std::unexpected(b.error());
    writeEntry(**b, key, value);
    return {};
}

Result<void> CorosyncConfigFile::removeValue(QByteArrayView blockPath, QByteArrayView key)
{
    if (auto ok = checkEditable(); !ok)
        return ok;
    const Block *b = block(blockPath);
    const Entry *e = b ? b->find(key) : nullptr;
    if (!e)
        return fail(Code::NotFound, QStringLiteral("'%1' has no key '%2'").arg(shown(blockPath), shown(key)));
    removeLines(*b, e->line, e->line);
    reparse();
    return {};
}

Result<quint64> CorosyncConfigFile::bumpConfigVersion()
{
    if (auto ok = checkEditable(); !ok)
        return std::unexpected(ok.error());
    const Entry *e = find("totem", "config_version");
    if (!e)
        return fail(Code::NotFound, QStringLiteral("'totem' has no 'config_version' to increment"));
    const std::optional<quint64> version = configVersion();
    if (!version || *version == std::numeric_limits<quint64>::max())
        return fail(Code::InvalidArgument, QStringLiteral("config_version '%1' cannot be incremented")
                                               .arg(shown(e->value)));
    if (auto ok = setValue("totem", "config_version", QByteArray::number(*version + 1)); !ok)
        return std::unexpected(ok.error());
    return *version + 1;
}

Result<void> CorosyncConfigFile::addNode(const QString &name, quint32 nodeid, quint32 votes,
                                         const QMap<int, QString> &ringAddrs)
{
    if (auto ok = checkEditable(); !ok)
        return ok;
    const QByteArray nameBytes = name.toUtf8();
    if (auto ok = checkWord(nameBytes, "node name"); !ok)
        return ok;
    if (nodeid == 0)
        return fail(Code::InvalidArgument, QStringLiteral("nodeid 0 is reserved: node ids start at 1"));
    if (ringAddrs.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("node '%1' needs an address on at least one link").arg(name));
    for (auto it = ringAddrs.cbegin(); it != ringAddrs.cend(); ++it) {
        if (auto ok = checkLink(it.key()); !ok)
            return ok;
        if (auto ok = checkWord(it.value().toUtf8(), "address", Word::Value); !ok)
            return ok;
    }
    for (const Node &other : nodes()) {
        if (other.name == name)
            return fail(Code::AlreadyExists, QStringLiteral("node '%1' already exists").arg(name));
        if (other.nodeid == nodeid)
            return fail(Code::Conflict,
                        QStringLiteral("nodeid %1 is already used by node '%2'").arg(nodeid).arg(other.name));
    }
    for (auto it = ringAddrs.cbegin(); it != ringAddrs.cend(); ++it)
        if (auto ok = checkAddressFree(it.key(), it.value(), name); !ok)
            return ok;
    const Result<const Block *> nodelist = ensureBlock("nodelist");
    if (!nodelist)
        return std::unexpected(nodelist.error());
    const QByteArray indent = itemIndent(**nodelist);
    const QByteArray inner = indent + m_indentUnit;
    QList<QByteArray> lines{indent + "node {", inner + "name: " + nameBytes,
                            inner + "nodeid: " + QByteArray::number(nodeid),
                            inner + "quorum_votes: " + QByteArray::number(votes)};
    for (auto it = ringAddrs.cbegin(); it != ringAddrs.cend(); ++it)
        lines.append(inner + ringKey(it.key()) + ": " + it.value().toUtf8());
    lines.append(indent + '}');
    const qsizetype at = insertPosition(**nodelist, "node", [&](const Block &other) {
        return other.value("name").compare(nameBytes) > 0;
    });
    insertBlockLines(**nodelist, at, lines);
    reparse();
    return {};
}

Result<void> CorosyncConfigFile::removeNode(const QString &name)
{
    if (auto ok = checkEditable(); !ok)
        return ok;
    const Block *node = findNode(name.toUtf8());
    if (!node)
        return fail(Code::NotFound, QStringLiteral("no node '%1' in the nodelist").arg(name));
    removeLines(*block("nodelist"), node->line, node->closeLine);
    reparse();
    return {};
}

Result<void> CorosyncConfigFile::setNodeValue(const QString &node, QByteArrayView key, QByteArrayView value)
{
    if (auto ok = checkEntryEdit(key, value); !ok)
        return ok;
    const Block *b = findNode(node.toUtf8());
    if (!b)
        return fail(Code::NotFound, QStringLiteral("no node '%1' in the nodelist").arg(node));
    writeEntry(*b, key, value);
    return {};
}

Result<void> CorosyncConfigFile::setRingAddress(const QString &node, int link, const QString &address)
{
    if (auto ok = checkLink(link); !ok)
        return ok;
    if (auto ok = checkAddressFree(link, address, node); !ok)
        return ok;
    return setNodeValue(node, ringKey(link), address.toUtf8());
}

Result<void> CorosyncConfigFile::addInterface(int linknumber, std::optional<int> knetLinkPriority)
{
    if (auto ok = checkEditable(); !ok)
        return ok;
    if (auto ok = checkLink(linknumber); !ok)
        return ok;
    if (knetLinkPriority && (*knetLinkPriority < 0 || *knetLinkPriority > 255))
        return fail(Code::InvalidArgument, QStringLiteral("knet link priority %1 is out of range 0 to 255")
                                               .arg(*knetLinkPriority));
    if (interfaceLinks().contains(linknumber))
        return fail(Code::AlreadyExists, QStringLiteral("link %1 already has an interface").arg(linknumber));
    const Result<const Block *> totem = ensureBlock("totem");
    if (!totem)
        return std::unexpected(totem.error());
    const QByteArray indent = itemIndent(**totem);
    const QByteArray inner = indent + m_indentUnit;
    QList<QByteArray> lines{indent + "interface {"};
    if (knetLinkPriority)
        lines.append(inner + "knet_link_priority: " + QByteArray::number(*knetLinkPriority));
    lines.append(inner + "linknumber: " + QByteArray::number(linknumber));
    lines.append(indent + '}');
    const qsizetype at = insertPosition(**totem, "interface", [&](const Block &other) {
        return interfaceLink(other).value_or(0) > quint64(linknumber);
    });
    insertBlockLines(**totem, at, lines);
    reparse();
    return {};
}

} // namespace atalaia::config
