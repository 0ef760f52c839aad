#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

namespace atalaia::schema {
class ParameterSet;
}

// The lexical rules and key sets of guest configs (qemu-server/<vmid>.conf,
// lxc/<vmid>.conf), kept apart from GuestConfigFile's line bookkeeping.
namespace atalaia::config::guest {

enum class GuestKind { Qemu, Lxc };

// The keys a guest config file may hold, with the schema of their values: the
// API's config parameters minus those that only steer the API call (node,
// digest, delete, ...), plus the keys Proxmox writes itself (parent, snaptime,
// vmstate, meta, ...). Built once; shared.
const schema::ParameterSet &fileKeys(GuestKind kind);

// API call parameters that are not config settings ("node", "digest", "force", ...).
bool isApiOnlyKey(GuestKind kind, QStringView key);

// "memory", "net0", "allow-ksm": a lowercase letter, then lowercase letters,
// '_' or '-', then an optional index.
bool isValidKey(QByteArrayView key);
// Raw LXC keys passed through to lxc ("lxc.apparmor.profile"); containers only.
bool isRawLxcKey(QByteArrayView key);
// A letter, then at least one letter, digit, '-' or '_' (Proxmox "pve-configid").
bool isValidSnapshotName(QByteArrayView name);

// The items of a pending "delete:" value: keys separated by ',', ';' or
// spaces, each optionally prefixed with '!' (force: also destroy the volume).
struct DeleteItem {
    QByteArray key;
    qsizetype offset = 0; // byte offset of the key in the value
    bool force = false;
};
QList<DeleteItem> splitDeleteList(QByteArrayView value);
QByteArray joinDeleteList(const QList<DeleteItem> &items);

} // namespace atalaia::config::guest
