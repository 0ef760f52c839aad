#pragma once

#include "base/Error.h"
#include "model/ClusterResource.h"

#include <QJsonValue>

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace atalaia::ui {

class ClusterSession;

// The guest actions of the toolbar and the tree's context menu: Create VM
// and Create CT (on the selected node), and for the selected guest Start,
// Shutdown, Stop, Reboot, Migrate and Destroy. Each is enabled as the
// guest's state allows (Start when stopped, Shutdown when running, Destroy
// when stopped...) and only for a user with the privilege Proxmox asks for
// (VM.PowerMgmt, VM.Migrate, VM.Allocate on /vms/{vmid}); otherwise its
// tooltip says which privilege is missing. Power actions are tasks: they
// start and show in the task panel; nothing waits for them here.
class GuestActions : public QObject
{
    Q_OBJECT
public:
    // WINDOW: the parent of the dialogs and wizards the actions open.
    explicit GuestActions(QWidget *window);

    // The tree's current item: a guest, a node, or (no resource) a datacenter.
    void setCurrent(ClusterSession *session, const std::optional<model::ClusterResource> &item);
    void retranslate();

    // The context menu for the current item (empty when it has none).
    void fillMenu(QMenu &menu) const;
    QList<QAction *> powerActions() const;

    QAction *createVm() const { return m_createVm; }
    QAction *createCt() const { return m_createCt; }
    QAction *start() const { return m_start; }
    QAction *shutdown() const { return m_shutdown; }
    QAction *stop() const { return m_stop; }
    QAction *reboot() const { return m_reboot; }
    QAction *migrate() const { return m_migrate; }
    QAction *destroy() const { return m_destroy; }

    // Asks before stopping, shutting down, rebooting; tests answer it themselves.
    using Confirm = std::function<bool(const QString &title, const QString &question)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // The last action's refusal by the node, for tests (also shown in a message box).
    QString lastError() const { return m_lastError; }
    QString lastUpid() const { return m_lastUpid; }

signals:
    // A wizard or dialog was opened (for tests and the screenshot tour).
    void opened(QWidget *dialog);
    void taskStarted(const QString &upid);

private:
    void update();
    void power(const QString &action);
    void openCreate(bool container);
    void openMigrate();
    void openDestroy();
    QString guestPath() const; // "/nodes/pve1/qemu/100"
    QString label() const;     // "VM 100 (web1)"
    bool isGuest() const;
    QString nodeForCreate() const;
    void started(const Result<QJsonValue> &answer, const QString &what);

    QWidget *m_window;
    QPointer<ClusterSession> m_session;
    std::optional<model::ClusterResource> m_item;
    Confirm m_confirm;
    QString m_lastError;
    QString m_lastUpid;
    QAction *m_createVm, *m_createCt, *m_start, *m_shutdown, *m_stop, *m_reboot, *m_migrate, *m_destroy;
};

} // namespace atalaia::ui
