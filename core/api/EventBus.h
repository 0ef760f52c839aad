#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

namespace atalaia::api {

// One change worth telling live clients about (our extension's event stream).
// ACLPATH and PRIVILEGES say who may see it: a subscriber receives the event
// only when it has any of PRIVILEGES on ACLPATH (empty privileges: everyone
// authenticated).
struct Event {
    QString topic;          // "resource", "task", "config"
    QString aclPath;        // e.g. "/vms/100", "/nodes/node1", "/access"
    QStringList privileges; // e.g. {"VM.Audit"}
    QString owner;          // an authid that sees it regardless (a task's user)
    QJsonObject payload;

    QJsonObject toJson() const;
};

// Fan-out point for events. publish() may be called from any thread; the
// signal is delivered to receivers in their own threads (queued).
class EventBus : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    void publish(const Event &event) { emit published(event); }

signals:
    void published(const atalaia::api::Event &event);
};

} // namespace atalaia::api

Q_DECLARE_METATYPE(atalaia::api::Event)
