#pragma once

#include "agent/NodeCertificate.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

namespace atalaia::test {

// The TLS configuration of a recorded Proxmox VE server in a test: a
// certificate for NODE on 127.0.0.1 made (or reused) in DIR; FINGERPRINT
// gets its SHA-256 for the console's pin.
inline QSslConfiguration fixtureTls(const QString &dir, const QString &node, QString &fingerprint)
{
    auto cert = agent::NodeCertificate::ensure(dir, node, {QStringLiteral("127.0.0.1")});
    if (!cert)
        qFatal("fixture certificate: %s", qPrintable(cert.error().toString()));
    fingerprint = cert->fingerprint;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QFile certFile(cert->certificateFile), keyFile(cert->keyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        qFatal("fixture certificate files");
    tls.setLocalCertificateChain(QSslCertificate::fromData(certFile.readAll()));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec);
    tls.setPrivateKey(key.isNull() ? QSslKey(keyPem, QSsl::Rsa) : key);
    return tls;
}

} // namespace atalaia::test
