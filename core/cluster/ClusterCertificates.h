#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace atalaia::cluster {

// A private key and its certificate, both PEM (the key as PKCS#8, unencrypted).
struct KeyAndCertificate {
    QByteArray keyPem;
    QByteArray certificatePem;
};

// The cluster's certificate authority and the node certificates it issues,
// as Proxmox VE keeps them in /etc/pve (priv/pve-root-ca.key, pve-root-ca.pem;
// nodes/<node>/pve-ssl.key, pve-ssl.pem). Pure OpenSSL: no files, no sockets.
//
// Keys are EC P-256 with ECDSA-SHA256 signatures, like the node's first
// self-signed certificate (agent::NodeCertificate): 128-bit security where
// RSA-2048 gives 112, a fraction of the signing cost (every TLS handshake
// signs with the node key), small PEMs in the replicated store, and every
// TLS 1.2+ client (Qt, browsers, curl, Proxmox's Perl) speaks ECDSA.
//
// Every function is thread-safe (no shared state) and reports bad input as
// Code::InvalidArgument, an OpenSSL failure as Code::Crypto.
class ClusterCertificates
{
public:
    static constexpr int kCaValidDays = 10 * 365;   // as Proxmox's pve-root-ca
    static constexpr int kNodeValidDays = 2 * 365;  // as Proxmox's pve-ssl

    // A new self-signed CA for CLUSTERNAME: CN "Atalaia Cluster CA <name>",
    // CA:TRUE (pathlen 0: it signs node certificates only), keyCertSign and
    // cRLSign, a random 127-bit serial, valid for kCaValidDays.
    static Result<KeyAndCertificate> createCa(const QString &clusterName);

    // A new key and a certificate for NODENAME signed by the CA: CN = the
    // node name; SANs for the node name, localhost, 127.0.0.1, ::1 and
    // ADDRESSES (IP addresses become IP SANs, anything else a DNS SAN;
    // duplicates are dropped); serverAuth; valid for kNodeValidDays and never
    // past the CA's own end. Fails with InvalidArgument when the CA key does
    // not belong to the CA certificate, or that certificate is not a CA.
    static Result<KeyAndCertificate> issueNodeCertificate(const QByteArray &caKeyPem,
                                                          const QByteArray &caCertificatePem,
                                                          const QString &nodeName,
                                                          const QStringList &addresses);

    // Succeeds when CERTIFICATEPEM is signed by the CA in CACERTIFICATEPEM,
    // both are valid now, and it may serve TLS (serverAuth). A certificate
    // from another CA, expired or tampered with fails with Code::Crypto and
    // OpenSSL's reason.
    static Result<void> verifyIssuedBy(const QByteArray &certificatePem, const QByteArray &caCertificatePem);

    // Succeeds when KEYPEM is the private key of the certificate in
    // CERTIFICATEPEM (InvalidArgument otherwise, or for bad PEM).
    static Result<void> checkKeyPair(const QByteArray &keyPem, const QByteArray &certificatePem);
};

} // namespace atalaia::cluster
