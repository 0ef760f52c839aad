#pragma once

#include "LibvirtHandles.h"
#include "base/Error.h"

#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>

namespace atalaia::virt::libvirt {

// One libvirt connection (qemu:///system or lxc:///system), shared by every
// thread (libvirt connections are thread-safe). Opened on first use and
// again after libvirtd went away (noticed by keepalive or a failed call),
// at most once a second. Lifecycle events of its domains reach onEvent(vmid)
// on libvirt's event thread.
class DriverConnection
{
public:
    DriverConnection(QString uri, QString label, std::function<void(int vmid)> onEvent);
    ~DriverConnection();
    DriverConnection(const DriverConnection &) = delete;
    DriverConnection &operator=(const DriverConnection &) = delete;

    const QString &uri() const { return m_uri; }
    // The open connection (a reference of the caller's own), or
    // HypervisorUnavailable naming the URI and libvirt's reason.
    Result<ConnectionHandle> connection();
    // The running domain of VMID; GuestNotRunning when there is none.
    Result<DomainHandle> domain(int vmid);
    // Marks the connection broken after a call failed for connection reasons.
    void checkAlive();

private:
    static void closed(virConnectPtr, int reason, void *self);
    static int lifecycle(virConnectPtr, virDomainPtr domain, int event, int detail, void *self);

    const QString m_uri;
    const QString m_label; // "VM", "container": for messages
    const std::function<void(int)> m_onEvent;
    QMutex m_mutex;        // guards m_connection, m_callback, m_lastAttemptMs, m_lastError
    ConnectionHandle m_connection;
    int m_callback = -1;
    qint64 m_lastAttemptMs = 0;
    QString m_lastError;
    std::atomic<bool> m_broken{false};
};

} // namespace atalaia::virt::libvirt
