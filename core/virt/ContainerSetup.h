#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::virt {

// What Proxmox's container setup (PVE::LXC::Setup) writes into a container's
// root file system before each start, read from the container config: the
// host name (/etc/hostname, /etc/hosts), DNS (/etc/resolv.conf) and, for
// Debian-family guests, /etc/network/interfaces from the netN settings.
// Pure: the file texts are computed here; ContainerRootfs writes them.
struct GuestNic {
    QString name;  // guest-side interface name (eth0)
    QString ip;    // "dhcp", "manual", an IPv4/CIDR, or empty
    QString gw;
    QString ip6;   // "auto", "dhcp", "manual", an IPv6/prefix, or empty
    QString gw6;
    int mtu = 0;   // 0: leave it
};

struct ContainerSetup {
    QString hostname = QStringLiteral("localhost"); // as configured (may be a FQDN)
    QStringList nameservers;
    QStringList searchDomains;
    QString ostype;  // config's ostype; empty: detect from the root file system
    QList<GuestNic> nics; // in netN order

    // From the config's main section. Malformed values fail naming the key.
    static Result<ContainerSetup> fromConfig(const QMap<QString, QString> &config);

    // The host name without its domain, as /etc/hostname holds it.
    QString shortHostname() const { return hostname.section(u'.', 0, 0); }
    // The address /etc/hosts gives the host name: the first NIC's static IPv4,
    // else its static IPv6, else empty (127.0.1.1 then).
    QString primaryAddress() const;
};

QByteArray hostnameFile(const ContainerSetup &setup);
// OLD (may be empty) with the host name's line replaced: lines naming OLDNAME
// or the new name, or the primary address, give way to one line; comments,
// localhost lines and other hosts are kept.
QByteArray hostsFile(const QByteArray &old, const QString &oldName, const ContainerSetup &setup);
// Empty when the config sets neither nameserver nor searchdomain (the file is
// then left alone).
QByteArray resolvConf(const ContainerSetup &setup);
// OLD (ifupdown syntax) with the stanzas of the configured NICs replaced by
// ones made from their settings; other interfaces and comments are kept.
QByteArray interfacesFile(const QByteArray &old, const ContainerSetup &setup);

// OLD (/etc/shadow) with root's password hash set to HASH and its last change
// to DAYS since the epoch. Code::NotFound when there is no root line.
Result<QByteArray> shadowWithRootHash(const QByteArray &old, const QByteArray &hash, qint64 days);
// A crypt(3) SHA-512 ("$6$") hash of PASSWORD with a fresh salt: every libc a
// template may bring (glibc, musl) verifies it. A PASSWORD that already is a
// crypt hash ("$...") is returned as is, as Proxmox takes it.
Result<QByteArray> rootPasswordHash(const QByteArray &password);

} // namespace atalaia::virt
