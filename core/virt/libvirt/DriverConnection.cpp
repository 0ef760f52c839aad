#include "DriverConnection.h"

#include "LibvirtEventLoop.h"

#include <QDateTime>

namespace atalaia::virt::libvirt {

DriverConnection::DriverConnection(QString uri, QString label, std::function<void(int vmid)> onEvent)
    : m_uri(std::move(uri))
    , m_label(std::move(label))
    , m_onEvent(std::move(onEvent))
{
    ensureEventLoopRunning();
}

DriverConnection::~DriverConnection()
{
    const QMutexLocker lock(&m_mutex);
    if (m_connection) {
        if (m_callback >= 0)
            virConnectDomainEventDeregisterAny(m_connection.get(), m_callback);
        virConnectUnregisterCloseCallback(m_connection.get(), &DriverConnection::closed);
    }
}

void DriverConnection::closed(virConnectPtr, int, void *self)
{
    static_cast<DriverConnection *>(self)->m_broken = true;
    static_cast<DriverConnection *>(self)->m_onEvent(0);
}

int DriverConnection::lifecycle(virConnectPtr, virDomainPtr domain, int, int, void *self)
{
    bool ok = false;
    const int vmid = QString::fromUtf8(virDomainGetName(domain)).toInt(&ok);
    if (ok)
        static_cast<DriverConnection *>(self)->m_onEvent(vmid);
    return 0;
}

Result<ConnectionHandle> DriverConnection::connection()
{
    const QMutexLocker lock(&m_mutex);
    auto reference = [this] {
        virConnectRef(m_connection.get());
        return ConnectionHandle(m_connection.get());
    };
    if (m_connection && !m_broken.load() && virConnectIsAlive(m_connection.get()) == 1)
        return reference();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_connection || m_broken.load() || now - m_lastAttemptMs >= 1000) {
        m_lastAttemptMs = now;
        if (m_connection) {
            if (m_callback >= 0)
                virConnectDomainEventDeregisterAny(m_connection.get(), m_callback);
            virConnectUnregisterCloseCallback(m_connection.get(), &DriverConnection::closed);
            m_callback = -1;
            m_connection.reset();
        }
        m_broken = false;
        ConnectionHandle c(virConnectOpen(m_uri.toUtf8().constData()));
        if (!c) {
            m_lastError = lastLibvirtError();
        } else {
            // Keepalive: a libvirtd that stops answering is noticed within ~15 s.
            virConnectSetKeepAlive(c.get(), 5, 3);
            virConnectRegisterCloseCallback(c.get(), &DriverConnection::closed, this, nullptr);
            m_callback = virConnectDomainEventRegisterAny(c.get(), nullptr, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                          VIR_DOMAIN_EVENT_CALLBACK(&DriverConnection::lifecycle),
                                                          this, nullptr);
            m_connection = std::move(c);
            m_lastError.clear();
        }
    }
    if (!m_connection)
        return fail(Code::HypervisorUnavailable, QStringLiteral("cannot reach the %1 hypervisor (%2): %3")
                                                     .arg(m_label, m_uri, m_lastError));
    return reference();
}

Result<DomainHandle> DriverConnection::domain(int vmid)
{
    Result<ConnectionHandle> c = connection();
    if (!c)
        return std::unexpected(c.error());
    DomainHandle d(virDomainLookupByName(c->get(), QByteArray::number(vmid).constData()));
    if (!d) {
        if (lastLibvirtErrorCode() == VIR_ERR_NO_DOMAIN)
            return fail(Code::GuestNotRunning, QStringLiteral("%1 %2 is not running").arg(m_label).arg(vmid));
        const QString why = lastLibvirtError();
        checkAlive();
        return fail(Code::HypervisorUnavailable, QStringLiteral("%1 %2: %3").arg(m_label).arg(vmid).arg(why));
    }
    if (virDomainIsActive(d.get()) != 1)
        return fail(Code::GuestNotRunning, QStringLiteral("%1 %2 is not running").arg(m_label).arg(vmid));
    return d;
}

void DriverConnection::checkAlive()
{
    const QMutexLocker lock(&m_mutex);
    if (m_connection && virConnectIsAlive(m_connection.get()) != 1)
        m_broken = true;
}

} // namespace atalaia::virt::libvirt
