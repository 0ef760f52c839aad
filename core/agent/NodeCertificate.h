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
// cluster CA (install()).
//
// A value type: not thread-safe; the agent keeps its own on its thread.
struct NodeCertificate {
    QString keyFile;
    QString certificateFile;
    QByteArray certificatePem;
    QString fingerprint;          // SHA-256 of the DER certificate, "AA:BB:..."

    // The pair in DIRECTORY, made first when either file is missing. Also
    // finishes or undoes an install() that a crash interrupted.
    static Result<NodeCertificate> ensure(const QString &directory, const QString &nodeName,
                                          const QStringList &addresses);
    static QString fingerprintOf(const QByteArray &certificatePem);

    // Replaces the key and certificate files with NEWKEYPEM and NEWCERTIFICATEPEM,
    // then reload()s. The pair is checked first (PEM, unencrypted key, the key
    // belongs to the certificate: Code::InvalidArgument otherwise); both are
    // written and synced to temporary files beside the old ones and renamed
    // over them, the key first (0600 from its creation). A failure leaves the
    // old pair in place and this struct unchanged; a crash between the two
    // renames is completed by the next ensure(). Not for concurrent calls on
    // one directory.
    Result<void> install(const QByteArray &newKeyPem, const QByteArray &newCertificatePem);

    // Reads certificateFile again: certificatePem and fingerprint follow it.
    Result<void> reload();
};

} // namespace atalaia::agent
