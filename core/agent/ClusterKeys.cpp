#include "ClusterKeys.h"

#include "access/TicketAuthority.h"
#include "store/ConfigStore.h"

#include <QLoggingCategory>

namespace atalaia::agent {

namespace {
Q_LOGGING_CATEGORY(lcKeys, "atalaia.agent.keys")
}

ClusterKeys::ClusterKeys(store::ConfigStore &store, access::TicketAuthority &tickets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tickets(tickets)
{
    m_soon.setSingleShot(true);
    m_soon.setInterval(100);
    connect(&m_soon, &QTimer::timeout, this, &ClusterKeys::sync);
    // Queued: the store signals from whichever thread applied the change.
    connect(&m_store, &store::ConfigStore::changed, this, [this](const QString &path) {
        if (path == QLatin1String(kPrivateKey) || path == QLatin1String(kCsrfKey) || path == QLatin1String("corosync.conf"))
            m_soon.start();
    });
    connect(&m_store, &store::ConfigStore::writableChanged, this, [this](bool writable) {
        if (writable)
            m_soon.start();
    });
}

void ClusterKeys::sync()
{
    if (!m_store.read(QStringLiteral("corosync.conf")))
        return; // standalone: this node's own keys
    Result<access::TicketAuthority::KeyFiles> own = m_tickets.keyFiles();
    if (!own) {
        qCWarning(lcKeys) << "cannot read this node's ticket keys:" << own.error().message;
        return;
    }
    Result<store::StoreEntry> key = m_store.read(QLatin1String(kPrivateKey));
    Result<store::StoreEntry> csrf = m_store.read(QLatin1String(kCsrfKey));
    if (!key || !csrf) {
        if (!m_store.isWritable())
            return; // again when it is
        Result<QByteArray> publicPem = m_tickets.publicKeyPem();
        Result<quint64> put = m_store.apply({store::StoreChange::write(QLatin1String(kPrivateKey), own->privateKeyPem, 0),
                                             store::StoreChange::write(QLatin1String(kCsrfKey), own->csrfKey, 0),
                                             store::StoreChange::write(QLatin1String(kPublicKey),
                                                                       publicPem ? *publicPem : QByteArray(), 0)});
        if (put)
            qCInfo(lcKeys) << "this node's ticket keys are now the cluster's";
        else if (put.error().code != Code::StoreConflict)
            qCWarning(lcKeys) << "cannot share the ticket keys:" << put.error().message;
        return; // a conflict: another node's won; its change brings us back here
    }
    if (key->data == own->privateKeyPem && csrf->data == own->csrfKey)
        return;
    if (Result<void> ok = m_tickets.adopt({key->data, csrf->data}); !ok) {
        qCWarning(lcKeys) << "cannot adopt the cluster's ticket keys:" << ok.error().message;
        return;
    }
    qCInfo(lcKeys) << "adopted the cluster's ticket keys (tickets made by this node before are no longer valid)";
}

} // namespace atalaia::agent
