#pragma once

#include "StorageResolver.h"
#include "base/Error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::virt {

// The one place that turns a container's Proxmox configuration (lxc/<vmid>.conf,
// its main section as key -> value) into a libvirt domain for the lxc driver.
// tests/virt/tst_LxcDomainXml checks it against golden files and libvirt's own
// schema (virt-xml-validate).
//
// Handled: hostname (title), memory, swap (memtune swap_hard_limit = memory +
// swap), cores (vcpu), cpulimit and cpuunits (cputune quota/period, shares),
// arch (amd64 only), entrypoint (init, default /sbin/init), unprivileged
// (idmap 0 -> 100000, 65536 ids: Proxmox's default map), rootfs and mpN
// (volumes via the resolver; an absolute path is a bind mount, /dev/... a
// block device; ro=1), netN (bridge, hwaddr or a derived MAC, name as the
// guest-side name, rate, link_down; host-side veth named veth<vmid>i<N> as
// Proxmox names it), console and tty (pty consoles).
//
// Volume kinds: File -> <filesystem type='file'> with the loop driver (raw
// only: no nbd on our hosts), Block -> type='block', Directory -> type='mount'.
// Rbd is refused: a container needs a block device, so the caller maps the
// image first (rbd-fuse + loop) and resolves it as Block.
//
// Tried in the lab (libvirt 11.3, hybrid cgroups, 2026-11-26): a privileged
// Debian 13 container on a raw image (loop) boots systemd to "running" with
// its hostname, eth0 named by <guest dev>, the static address ifupdown set
// from ContainerSetup, memtune (256/384 MiB) and a CFS quota applied. An
// unprivileged one on an image fails in libvirt_lxc ("Failed to create
// /run/libvirt/lxc/ID.root: Permission denied": it mounts inside the user
// namespace), hence the refusal below; on a directory (the image loop-mounted
// by the host) the idmap works: files its root writes are 100000's on the
// host. systemd as init of an unprivileged container exited at once there
// (a shell init ran): the lab's cgroups, not this translation, to look into.
//
// Keys that the rootfs setup applies at start (hostname, nameserver,
// searchdomain, ostype, see ContainerSetup) count as used. Keys with no effect
// are reported in ignoredKeys; sub-options with no effect as "KEY.OPTION"
// ("net0.firewall"). Keys it cannot honour (raw lxc.* keys, devN, hookscript,
// VLAN tags, another architecture, a malformed value) fail with the key named.
struct LxcDomainOptions {
    QString emulator = QStringLiteral("/usr/lib/libvirt/libvirt_lxc");
    // memory.memsw needs swap accounting in the host's memory cgroup; where it
    // is missing libvirt cannot start a domain with a swap limit.
    bool swapLimit = true;
};

struct LxcDomain {
    QByteArray xml;
    QStringList ignoredKeys; // config keys (and KEY.OPTION) with no effect
};

// Proxmox's default id map of unprivileged containers: container id 0 is host
// id 100000, for 65536 ids.
inline constexpr unsigned kUnprivilegedIdShift = 100000;
inline constexpr unsigned kUnprivilegedIdCount = 65536;

Result<LxcDomain> lxcDomainXml(int vmid, const QMap<QString, QString> &config, const StorageResolver &storage,
                               const LxcDomainOptions &options = {});

} // namespace atalaia::virt
