#include "GuestConfigSyntax.h"

#include "TextScan.h"
#include "schema/ApiSchema.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace atalaia::config::guest {

using scan::isDigit;
using scan::isLetter;
using scan::isLower;

namespace {

// Keys Proxmox writes into the file itself and that the config API does not
// take (qemu-server skips them in its API schema; pve-container likewise).
constexpr const char kCommonOwnKeys[] = R"({
  "parent":    {"type": "string", "format": "pve-configid", "typetext": "<snapshot name>"},
  "snaptime":  {"type": "integer", "minimum": 0, "typetext": "<unix time>"},
  "snapstate": {"type": "string", "enum": ["prepare", "delete"]}
})";
constexpr const char kQemuOwnKeys[] = R"({
  "vmstate":        {"type": "string", "format": "pve-volume-id", "typetext": "<volume id>"},
  "runningmachine": {"type": "string", "typetext": "<machine type>"},
  "runningcpu":     {"type": "string", "typetext": "<cpu model and flags>"},
  "running-nets-host-mtu": {"type": "string", "typetext": "<netN=MTU,...>"},
  "meta": {"type": "string", "typetext": "[creation-qemu=<version>] [,ctime=<unix time>]",
           "format": {"creation-qemu": {"type": "string", "optional": 1},
                      "ctime": {"type": "integer", "minimum": 0, "optional": 1}}}
})";

void insertOwnKeys(schema::ParameterSet &set, const char *json)
{
    const QJsonObject keys = QJsonDocument::fromJson(QByteArray(json)).object();
    for (auto it = keys.begin(); it != keys.end(); ++it)
        set.insert(schema::PropertySchema::fromJson(it.key(), it.value().toObject()));
}

schema::ParameterSet buildFileKeys(GuestKind kind)
{
    const bool qemu = kind == GuestKind::Qemu;
    // qemu's POST (the asynchronous update) lists every config key; lxc has PUT only.
    const schema::ParameterSet *api = schema::ApiSchema::instance().parameters(
        qemu ? QStringLiteral("/nodes/{node}/qemu/{vmid}/config") : QStringLiteral("/nodes/{node}/lxc/{vmid}/config"),
        qemu ? QStringLiteral("POST") : QStringLiteral("PUT"));
    schema::ParameterSet set;
    if (api) {
        for (const schema::PropertySchema &p : api->properties())
            if (!isApiOnlyKey(kind, p.name))
                set.insert(p);
    }
    insertOwnKeys(set, kCommonOwnKeys);
    if (qemu)
        insertOwnKeys(set, kQemuOwnKeys);
    return set;
}

} // namespace

const schema::ParameterSet &fileKeys(GuestKind kind)
{
    static const schema::ParameterSet kQemu = buildFileKeys(GuestKind::Qemu);
    static const schema::ParameterSet kLxc = buildFileKeys(GuestKind::Lxc);
    return kind == GuestKind::Qemu ? kQemu : kLxc;
}

bool isApiOnlyKey(GuestKind kind, QStringView key)
{
    static const QStringList kCommon = {QStringLiteral("delete"), QStringLiteral("digest"), QStringLiteral("node"),
                                        QStringLiteral("vmid"), QStringLiteral("revert")};
    static const QStringList kQemu = {QStringLiteral("force"), QStringLiteral("skiplock"),
                                      QStringLiteral("background_delay"), QStringLiteral("import-working-storage")};
    return kCommon.contains(key) || (kind == GuestKind::Qemu && kQemu.contains(key));
}

bool isValidKey(QByteArrayView key)
{
    if (key.isEmpty() || !isLower(key[0]))
        return false;
    qsizetype i = 1;
    while (i < key.size() && (isLower(key[i]) || key[i] == '_' || key[i] == '-'))
        ++i;
    while (i < key.size() && isDigit(key[i]))
        ++i;
    return i == key.size();
}

bool isRawLxcKey(QByteArrayView key)
{
    if (!key.startsWith("lxc.") || key.size() == 4)
        return false;
    for (const char c : key)
        if (!isLower(c) && !isDigit(c) && c != '_' && c != '-' && c != '.')
            return false;
    return true;
}

bool isValidSnapshotName(QByteArrayView name)
{
    if (name.size() < 2 || !isLetter(name[0]))
        return false;
    for (const char c : name.sliced(1))
        if (!isLetter(c) && !isDigit(c) && c != '_' && c != '-')
            return false;
    return true;
}

QList<DeleteItem> splitDeleteList(QByteArrayView value)
{
    QList<DeleteItem> items;
    qsizetype i = 0;
    while (i < value.size()) {
        if (value[i] == ',' || value[i] == ';' || scan::isSpace(value[i])) {
            ++i;
            continue;
        }
        DeleteItem item;
        if (value[i] == '!') {
            item.force = true;
            ++i;
        }
        item.offset = i;
        while (i < value.size() && value[i] != ',' && value[i] != ';' && !scan::isSpace(value[i]))
            ++i;
        item.key = value.sliced(item.offset, i - item.offset).toByteArray();
        items.append(std::move(item));
    }
    return items;
}

QByteArray joinDeleteList(const QList<DeleteItem> &items)
{
    QByteArray out;
    for (const DeleteItem &item : items) {
        if (!out.isEmpty())
            out.append(',');
        if (item.force)
            out.append('!');
        out.append(item.key);
    }
    return out;
}

} // namespace atalaia::config::guest
