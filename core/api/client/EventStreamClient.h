#pragma once

#include "ApiClient.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class QWebSocket;

namespace atalaia::api::client {

// The client side of atalaiad's event stream (GET /api2/json/atalaia/events,
// a WebSocket): delivers each event the server pushes (resource, task and
// config changes the caller may see). Uses the ApiClient's active address,
// credentials and trust store; a certificate is accepted only when the trust
// store says Trusted, exactly as for API calls.
//
// A server without the stream (a real Proxmox VE) refuses the upgrade:
// unavailable() tells the owner to rely on polling. A stream that breaks is
// reopened after kRetryMs while the owner keeps it started.
class EventStreamClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRetryMs = 5000;

    explicit EventStreamClient(ApiClient &client, QObject *parent = nullptr);
    ~EventStreamClient() override;

    void start();
    void stop();
    bool isOpen() const { return m_open; }

signals:
    void opened();
    void event(const QJsonObject &event); // {"topic": "resource"|"task"|"config", ...}
    // The stream could not be opened (or broke); REASON says why. Polling must do.
    void unavailable(const QString &reason);

private:
    void open();
    void onDisconnected();

    ApiClient &m_client;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_retry;
    bool m_wanted = false;
    bool m_open = false;
};

} // namespace atalaia::api::client
