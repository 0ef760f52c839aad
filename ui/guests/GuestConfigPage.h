#pragma once

#include "model/ClusterResource.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace atalaia::ui {

class ClusterSession;

// A guest's Hardware (a container's Resources) or Options tab: its config
// as GET .../pending lists it, with the value each key has now and, in
// orange, what it becomes at the next start (pending changes; deletions
// struck through). Simple values (memory, cores, name, start at boot...)
// are edited in place by double click or Edit, for users with the matching
// VM.Config.* privilege; the edit is a PUT .../config with the digest read,
// so a change made meanwhile elsewhere is refused rather than overwritten.
class GuestConfigPage : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Hardware, Options };

    GuestConfigPage(Kind kind, QWidget *parent = nullptr);

    void showGuest(ClusterSession *session, const model::ClusterResource &guest);
    void reload();
    QString guestId() const { return m_guest.id; }
    // Which tab a config key belongs on.
    static bool isHardwareKey(bool container, const QString &key);
    // The privilege Proxmox asks for to change KEY.
    static QString privilegeFor(bool container, const QString &key);
    // Whether this page edits KEY itself (other keys need dialogs of their own).
    static bool isEditable(const QString &key);

    QTableWidget *table() const { return m_table; }
    QString stateText() const;
    // Edits KEY to VALUE (PUT .../config with the digest read), as the edit dialog does.
    void setValue(const QString &key, const QString &value);

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void fill(const QJsonArray &entries);
    void editCurrent();
    // CDROM: the drive holds a CD/DVD (media=cdrom), not a hard disk.
    QString keyName(const QString &key, bool cdrom) const;
    QString valueText(const QString &key, const QString &value) const;
    bool container() const { return m_guest.type == model::ResourceType::Lxc; }
    QString configPath() const;

    Kind m_kind;
    QPointer<ClusterSession> m_session;
    model::ClusterResource m_guest;
    QString m_digest;
    bool m_loading = false;
    quint64 m_request = 0;
    QLabel *m_state = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_reload = nullptr;
};

} // namespace atalaia::ui
