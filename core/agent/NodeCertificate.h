#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace atalaia::agent {

// The node's TLS identity: a private key and a certificate in DIRECTORY
// (node.key, 0600; node.pem). Made with OpenSSL on first start (EC P-256,
// self-signed, CN = the node name, SANs for the node name, localhost and the
// given addresses); the cluster work later replaces it with one issued by the
// cluster CA.
struct NodeCertificate {
    QString keyFile;
    QString certificateFile;
    QByteArray certificatePem;
    QString fingerprint;          // SHA-256 of the DER certificate, "AA:BB:..."

    static Result<NodeCertificate> ensure(const QString &directory, const QString &nodeName,
                                          const QStringList &addresses);
    static QString fingerprintOf(const QByteArray &certificatePem);
};

} // namespace atalaia::agent
