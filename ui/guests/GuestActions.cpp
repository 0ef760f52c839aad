#include "GuestActions.h"

#include "DeleteGuestDialog.h"
#include "MigrateDialog.h"
#include "Icons.h"
#include "StandardButtons.h"
#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"
#include "wizards/CreateCtWizard.h"
#include "wizards/CreateVmWizard.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QMessageBox>
#include <QWidget>

namespace atalaia::ui {

GuestActions::GuestActions(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    // The desktop theme's icon where it has one, the console's own otherwise (ui/guests/icons).
    auto make = [this](const char *icon, const char *bundled, auto slot) {
        auto *a = new QAction(themedIcon(QLatin1String(icon), QLatin1String(bundled)), QString(), this);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_createVm = make("computer", "vm-add", [this] { openCreate(false); });
    m_createCt = make("package-x-generic", "ct-add", [this] { openCreate(true); });
    m_start = make("media-playback-start", "guest-start", [this] {
        power(m_item && m_item->status.value_or(QString()) == QLatin1String("paused") ? QStringLiteral("resume")
                                                                                       : QStringLiteral("start"));
    });
    m_shutdown = make("system-shutdown", "guest-shutdown", [this] { power(QStringLiteral("shutdown")); });
    m_stop = make("media-playback-stop", "guest-stop", [this] { power(QStringLiteral("stop")); });
    m_reboot = make("system-reboot", "guest-reboot", [this] { power(QStringLiteral("reboot")); });
    m_migrate = make("go-jump", "guest-migrate", [this] { openMigrate(); });
    m_destroy = make("edit-delete", "guest-destroy", [this] { openDestroy(); });
    m_createVm->setObjectName(QStringLiteral("createVm"));
    m_createCt->setObjectName(QStringLiteral("createCt"));
    m_start->setObjectName(QStringLiteral("guestStart"));
    m_shutdown->setObjectName(QStringLiteral("guestShutdown"));
    m_stop->setObjectName(QStringLiteral("guestStop"));
    m_reboot->setObjectName(QStringLiteral("guestReboot"));
    m_migrate->setObjectName(QStringLiteral("guestMigrate"));
    m_destroy->setObjectName(QStringLiteral("guestDestroy"));
    m_confirm = [this](const QString &title, const QString &question) {
        QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::No, m_window);
        nameStandardButtons(box);
        box.setDefaultButton(QMessageBox::Yes);
        return box.exec() == QMessageBox::Yes;
    };
    retranslate();
    update();
}

void GuestActions::retranslate()
{
    m_createVm->setText(tr("Create &VM…"));
    m_createCt->setText(tr("Create C&T…"));
    m_start->setText(tr("&Start"));
    m_shutdown->setText(tr("S&hutdown"));
    m_stop->setText(tr("S&top"));
    m_reboot->setText(tr("&Reboot"));
    m_migrate->setText(tr("&Migrate…"));
    m_destroy->setText(tr("&Destroy…"));
    update();
}

void GuestActions::setCurrent(ClusterSession *session, const std::optional<model::ClusterResource> &item)
{
    m_session = session;
    m_item = item;
    update();
}

bool GuestActions::isGuest() const
{
    return m_item && m_item->vmid
        && (m_item->type == model::ResourceType::Qemu || m_item->type == model::ResourceType::Lxc);
}

QString GuestActions::label() const
{
    if (!isGuest())
        return {};
    const QString id = m_item->vmid->toString();
    const QString name = m_item->name.value_or(QString());
    if (m_item->type == model::ResourceType::Qemu)
        return name.isEmpty() ? tr("VM %1").arg(id) : tr("VM %1 (%2)").arg(id, name);
    return name.isEmpty() ? tr("CT %1").arg(id) : tr("CT %1 (%2)").arg(id, name);
}

QString GuestActions::guestPath() const
{
    return QStringLiteral("/nodes/%1/%2/%3")
        .arg(m_item->node ? m_item->node->toString() : QString(),
             m_item->type == model::ResourceType::Qemu ? QStringLiteral("qemu") : QStringLiteral("lxc"),
             m_item->vmid->toString());
}

QString GuestActions::nodeForCreate() const
{
    if (m_item && m_item->node)
        return m_item->node->toString();
    return {};
}

void GuestActions::update()
{
    const bool online = m_session && m_session->state() == ClusterSession::State::Online;
    auto allow = [&](QAction *a, bool stateAllows, const QString &path, const char *privilege) {
        const bool may = online && m_session->can(path, QLatin1String(privilege));
        a->setEnabled(stateAllows && may);
        // Say why a button is grey when the reason is the user's rights, not the guest's state.
        a->setToolTip(online && !may ? tr("You need %1 on %2.").arg(QLatin1String(privilege), path) : QString());
    };
    allow(m_createVm, online, QStringLiteral("/vms"), "VM.Allocate");
    allow(m_createCt, online, QStringLiteral("/vms"), "VM.Allocate");
    const bool guest = isGuest();
    const QString status = guest ? m_item->status.value_or(QString()) : QString();
    const bool running = status == QLatin1String("running");
    const bool stopped = status == QLatin1String("stopped");
    const bool paused = status == QLatin1String("paused");
    const QString path = guest ? QStringLiteral("/vms/") + m_item->vmid->toString() : QStringLiteral("/vms");
    allow(m_start, guest && (stopped || paused), path, "VM.PowerMgmt");
    allow(m_shutdown, guest && running, path, "VM.PowerMgmt");
    allow(m_stop, guest && (running || paused), path, "VM.PowerMgmt");
    allow(m_reboot, guest && running, path, "VM.PowerMgmt");
    allow(m_migrate, guest && (running || stopped), path, "VM.Migrate");
    allow(m_destroy, guest && stopped, path, "VM.Allocate");
    m_start->setText(paused ? tr("&Resume") : tr("&Start"));
}

QList<QAction *> GuestActions::powerActions() const
{
    return {m_start, m_shutdown, m_stop, m_reboot, m_migrate, m_destroy};
}

void GuestActions::fillMenu(QMenu &menu) const
{
    if (isGuest()) {
        for (QAction *a : {m_start, m_shutdown, m_stop, m_reboot})
            menu.addAction(a);
        menu.addSeparator();
        menu.addAction(m_migrate);
        menu.addSeparator();
        menu.addAction(m_destroy);
    } else if (m_item && m_item->type == model::ResourceType::Node) {
        menu.addAction(m_createVm);
        menu.addAction(m_createCt);
    }
}

void GuestActions::started(const Result<QJsonValue> &answer, const QString &what)
{
    if (!answer) {
        m_lastError = answer.error().message;
        auto *box = new QMessageBox(QMessageBox::Warning, what, tr("The node refused: %1").arg(m_lastError),
                                    QMessageBox::Ok, m_window);
        nameStandardButtons(*box);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    m_lastError.clear();
    m_lastUpid = answer->toString();
    emit taskStarted(m_lastUpid);
    if (m_session)
        m_session->refreshSoon();
}

void GuestActions::power(const QString &action)
{
    if (!isGuest() || !m_session)
        return;
    const QString who = label();
    QString title, question;
    if (action == QLatin1String("stop")) {
        title = tr("Stop");
        question = tr("Stop %1 now? Like pulling the plug: unsaved data in the guest is lost.").arg(who);
    } else if (action == QLatin1String("shutdown")) {
        title = tr("Shutdown");
        question = tr("Shut %1 down?").arg(who);
    } else if (action == QLatin1String("reboot")) {
        title = tr("Reboot");
        question = tr("Reboot %1?").arg(who);
    }
    if (!question.isEmpty() && m_confirm && !m_confirm(title, question))
        return;
    const QString what = tr("%1: %2").arg(who, action);
    m_session->client()
        .post(guestPath() + QStringLiteral("/status/") + action)
        .then(this, [this, what](const Result<QJsonValue> &r) { started(r, what); });
}

void GuestActions::openCreate(bool container)
{
    if (!m_session)
        return;
    QWizard *w = container ? static_cast<QWizard *>(new CreateCtWizard(*m_session, nodeForCreate(), m_window))
                           : static_cast<QWizard *>(new CreateVmWizard(*m_session, nodeForCreate(), m_window));
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->show();
    emit opened(w);
}

void GuestActions::openMigrate()
{
    if (!isGuest() || !m_session)
        return;
    auto *d = new MigrateDialog(*m_session, *m_item, m_window);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->show();
    emit opened(d);
}

void GuestActions::openDestroy()
{
    if (!isGuest() || !m_session)
        return;
    auto *d = new DeleteGuestDialog(label(), int(m_item->vmid->value()), m_window);
    d->setAttribute(Qt::WA_DeleteOnClose);
    const QString path = guestPath();
    const QString what = tr("Destroy %1").arg(label());
    QPointer<ClusterSession> session = m_session;
    connect(d, &QDialog::accepted, this, [this, d, path, what, session] {
        if (!session)
            return;
        QJsonObject params;
        if (d->purge())
            params.insert(QStringLiteral("purge"), 1);
        if (d->destroyUnreferencedDisks())
            params.insert(QStringLiteral("destroy-unreferenced-disks"), 1);
        session->client().del(path, params).then(this, [this, what](const Result<QJsonValue> &r) { started(r, what); });
    });
    d->open();
    emit opened(d);
}

} // namespace atalaia::ui
