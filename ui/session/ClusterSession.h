#pragma once

#include "api/client/ApiClient.h"
#include "api/client/EventStreamClient.h"
#include "connections/ConnectionProfile.h"
#include "model/ClusterResource.h"
#include "models/ResourceSnapshot.h"
#include "model/Task.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

namespace atalaia::ui {

// One connected cluster, as the console sees it: the API client, the login,
// the live inventory and task list, and what the logged-in user may do.
//
// Live data comes from the agent's event stream where the server offers one
// (an event schedules a refresh within kEventCoalesceMs, so a burst costs one
// request) and from polling /cluster/resources and /cluster/tasks otherwise
// (a real Proxmox VE), every pollInterval(). With the stream open, polling
// slows to kStreamPollMs as a safety net.
//
// States are shown in the tree and status bar, never in modal dialogs: a
// lost server means Reconnecting (the client fails over to the cluster's
// other addresses on its own) until an answer comes again.
class ClusterSession : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected, // not started, or stopped by the user
        Connecting,   // logging in
        NeedsTrust,   // the server's certificate is not trusted yet: ask the user
        NeedsSecret,  // no password, a wrong one, or the session expired
        Online,
        Reconnecting, // was online; no address answers now
        Blocked,      // the certificate changed: refused until the user re-trusts
    };
    Q_ENUM(State)

    static constexpr int kDefaultPollMs = 3000;
    static constexpr int kStreamPollMs = 30000;
    static constexpr int kEventCoalesceMs = 150;

    explicit ClusterSession(ConnectionProfile profile, QObject *parent = nullptr);
    ~ClusterSession() override;

    const ConnectionProfile &profile() const { return m_profile; }
    QString id() const { return m_profile.id; }
    QString displayName() const { return m_profile.name; }
    api::client::ApiClient &client() { return *m_client; }

    State state() const { return m_state; }
    static QString stateText(State state);
    // The last error worth showing (wrong password, unreachable, ...), or empty.
    QString lastError() const { return m_lastError; }

    // Logs in with SECRET (the password, or the API token's secret when the
    // profile names a token). Kept in memory only until the login ends.
    void connectWithSecret(const QString &secret);
    void disconnectFromCluster();

    // NeedsTrust: the certificate the server presented, and where.
    api::client::Endpoint pendingEndpoint() const { return m_pendingEndpoint; }
    api::client::Fingerprint pendingFingerprint() const { return m_pendingFingerprint; }
    // Pins the pending certificate (profileChanged() follows: save it) and
    // carries on with the login.
    void trustPending();

    // Refreshes inventory and tasks soon (after a user action).
    void refreshSoon();
    void setPollInterval(int ms);
    int pollInterval() const { return m_pollMs; }
    bool eventStreamOpen() const { return m_events && m_events->isOpen(); }

    // What the user may do, from GET /access/permissions: whether PRIVILEGE
    // holds on PATH (the longest listed path that is PATH or above it counts,
    // as in Proxmox's GUI). root@pam may do everything.
    bool can(const QString &path, const QString &privilege) const;
    QJsonObject permissions() const { return m_permissions; }

    const QList<model::ClusterResource> &resources() const { return m_resources; }
    const QList<model::Task> &tasks() const { return m_tasks; }

signals:
    void stateChanged(atalaia::ui::ClusterSession::State state);
    // A new inventory, parsed and fingerprinted on a worker thread (see ResourceSnapshot).
    void resourcesReceived(const atalaia::ui::ResourceSnapshot &resources);
    void tasksReceived(const QList<atalaia::model::Task> &tasks);
    void permissionsChanged();
    // The profile changed (a certificate was trusted): the owner saves it.
    void profileChanged(const atalaia::ui::ConnectionProfile &profile);

private:
    void setState(State state, const QString &error = {});
    void onLoggedIn();
    void onFailure(const api::client::Response &response);
    void poll();
    void fetchPermissions();
    void onEvent(const QJsonObject &event);

    ConnectionProfile m_profile;
    std::unique_ptr<api::client::ApiClient> m_client;
    std::unique_ptr<api::client::EventStreamClient> m_events;
    State m_state = State::Disconnected;
    QString m_lastError;
    QString m_secret; // only while a login is pending
    api::client::Endpoint m_pendingEndpoint;
    api::client::Fingerprint m_pendingFingerprint;
    QTimer m_pollTimer;
    QTimer m_soon;
    int m_pollMs = kDefaultPollMs;
    bool m_polling = false; // a poll is in flight: do not stack them
    quint64 m_resourceRequests = 0; // answers are parsed in parallel and may finish out of order
    quint64 m_resourcesShown = 0;
    QJsonObject m_permissions;
    QList<model::ClusterResource> m_resources;
    QList<model::Task> m_tasks;
};

} // namespace atalaia::ui
