#pragma once

#include "api/client/Fingerprint.h"
#include "connections/ConnectionProfile.h"
#include "main/MainWindow.h"
#include "models/ResourceTreeModel.h"
#include "secrets/MemorySecretStore.h"

#include <QAbstractItemModel>
#include <QTemporaryDir>

#include <memory>

namespace atalaia::test {

// A profile for a recorded Proxmox VE server on 127.0.0.1:PORT, as root@pam,
// its certificate pinned to FINGERPRINT.
inline ui::ConnectionProfile pveProfile(quint16 port, const QString &fingerprint)
{
    ui::ConnectionProfile p;
    p.id = ui::ConnectionProfile::newId();
    p.name = QStringLiteral("pve");
    p.endpoints = {api::client::Endpoint(QStringLiteral("127.0.0.1"), port)};
    p.userid = QStringLiteral("root@pam");
    p.trust.pin(p.endpoints.first(), *api::client::Fingerprint::parse(fingerprint));
    return p;
}

// PARENT's descendant of type T named NAME; the test stops when there is none.
template <typename T>
T *child(const QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return w;
}

// The console as the UI tests run it: a main window over a throwaway
// connection store (console.ini in a directory of its own) and an in-memory
// keychain, shown, with trust prompts off (the tests pin or trust
// certificates themselves). Declared in this order so the window goes first.
struct TestConsole
{
    TestConsole()
        : window(std::make_unique<ui::MainWindow>(ui::ConnectionStore(settingsFile()), &secrets, nullptr))
    {
        window->setTrustPromptsEnabled(false);
        window->show();
    }

    QString settingsFile() const { return dir.filePath(QStringLiteral("console.ini")); }

    QTemporaryDir dir;
    secrets::MemorySecretStore secrets;
    std::unique_ptr<ui::MainWindow> window;
};

// Rows of the resource tree MODEL (all levels) whose TypeRole is TYPE.
inline int countTreeRows(const QAbstractItemModel *model, const QString &type, const QModelIndex &parent = {})
{
    int n = 0;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data(ui::ResourceTreeModel::TypeRole).toString() == type)
            ++n;
        n += countTreeRows(model, type, i);
    }
    return n;
}

} // namespace atalaia::test
