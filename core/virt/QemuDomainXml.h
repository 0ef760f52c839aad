#pragma once

#include "StorageResolver.h"
#include "base/Error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::virt {

// The one place that turns a VM's Proxmox configuration (qemu-server/<vmid>.conf,
// its main section as key -> value) into a libvirt domain for the qemu driver.
// tests/virt/tst_QemuDomainXml checks it against golden files and libvirt's
// own schema (virt-xml-validate).
//
// Handled: name, memory, cores, sockets, cpu, machine, bios, ostype, boot
// (order=...), scsihw, ideN/sataN/scsiN/virtioN (volumes via the resolver,
// cdroms, "none"), netN (model=MAC, bridge, link_down), serialN (socket), vga,
// agent, smbios1 (uuid). Keys it does not use are reported back, so callers
// can warn; keys it cannot honour (a disk on an unknown storage, a malformed
// value) fail with the key named.
struct QemuDomainOptions {
    bool kvm = false;        // <domain type='kvm'> when /dev/kvm exists
    QString emulator = QStringLiteral("/usr/bin/qemu-system-x86_64");
    // Where serial consoles also write their output (<vmid>-serialN.log); empty: nowhere.
    QString serialLogDir = QStringLiteral("/var/log/libvirt/qemu");
};

struct QemuDomain {
    QByteArray xml;
    QStringList ignoredKeys; // config keys with no effect on the domain
};

Result<QemuDomain> qemuDomainXml(int vmid, const QMap<QString, QString> &config, const StorageResolver &storage,
                                 const QemuDomainOptions &options = {});

// The CPU a VM with CONFIG gets: the host's own (host-passthrough: type
// "host" under KVM), else the libvirt CPU model of the domain's custom CPU
// ("qemu64" for Proxmox's x86-64-v* levels, kvm64 and "host" under TCG).
struct QemuCpu {
    QString type;        // the config's cputype ("x86-64-v2-AES"; empty: the default)
    bool passthrough = false;
    QString model;       // libvirt's model name when not passthrough
};
QemuCpu qemuCpu(const QMap<QString, QString> &config, bool kvm);

} // namespace atalaia::virt
