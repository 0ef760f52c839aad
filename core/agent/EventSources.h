#pragma once

#include <QList>
#include <QMetaObject>

namespace atalaia::store {
class ConfigStore;
}
namespace atalaia::tasks {
class TaskManager;
}
namespace atalaia::virt {
class Hypervisor;
}
namespace atalaia::api {
class EventBus;
}

namespace atalaia::agent {

// Turns what the agent's parts report (store writes, task progress, guest
// changes) into events on the bus, each with the ACL path and privileges
// that decide who sees it. Disconnects when destroyed.
class EventSources
{
public:
    EventSources(const QString &node, store::ConfigStore &store, tasks::TaskManager &tasks,
                 virt::Hypervisor &hypervisor, api::EventBus &bus);
    ~EventSources();
    EventSources(const EventSources &) = delete;
    EventSources &operator=(const EventSources &) = delete;

private:
    QList<QMetaObject::Connection> m_connections;
};

} // namespace atalaia::agent
