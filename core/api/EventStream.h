#pragma once

#include "EventBus.h"
#include "access/Identity.h"

#include <QHash>
#include <QObject>

#include <memory>

class QHttpServer;
class QWebSocket;

namespace atalaia::api {

class Services;

// Our extension GET /api2/json/atalaia/events: a WebSocket that pushes
// resource, task and config changes as they happen. The upgrade is
// authenticated like the API (ticket cookie or API token); each event goes
// only to subscribers that may see it (see Event). Lives on the server thread.
class EventStream : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kPath = "/api2/json/atalaia/events";

    EventStream(QHttpServer &http, EventBus &bus, Services *services);
    ~EventStream() override;

    qsizetype subscriberCount() const { return m_sessions.size(); }

private:
    void accept();
    void deliver(const Event &event);

    QHttpServer &m_http;
    Services *m_services;
    QHash<QWebSocket *, access::Identity> m_sessions;
    std::vector<std::unique_ptr<QWebSocket>> m_sockets;
};

} // namespace atalaia::api
