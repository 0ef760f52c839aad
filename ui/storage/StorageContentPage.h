#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace atalaia::ui {

class ClusterSession;
class StorageContentModel;

// One content tab of a storage (Proxmox's ISO Images, CT Templates, VM
// Disks, CT Volumes): its volumes in a sortable table, with Upload (ISO
// images, templates), Templates (templates) and Remove. Delete removes the
// current volume (after a confirmation naming it), Enter shows its details.
// Errors, the server's own words, show above the table.
class StorageContentPage : public QWidget
{
    Q_OBJECT
public:
    // CONTENT: iso, vztmpl, images (VM disks) or rootdir (CT volumes).
    explicit StorageContentPage(const QString &content, QWidget *parent = nullptr);

    QString content() const { return m_content; }
    // The tab's title for CONTENT ("ISO Images", ...).
    static QString title(const QString &content);

    void show(ClusterSession *session, const QString &node, const QString &storage);
    void refresh();

    QTableView *table() const { return m_table; }
    StorageContentModel *model() const { return m_model; }
    QString message() const;
    // The volid of the current row, or empty.
    QString currentVolume() const;

    // The toolbar's actions (also for tests and the screenshot tour).
    void upload();
    void templates();
    void removeCurrent();
    void showDetails();

signals:
    // The list was (re)loaded.
    void refreshed();
    // An upload dialog opened (the screenshot tour drives it).
    void uploadDialogOpened(QWidget *dialog);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    void showMessage(const QString &text);
    void followTask(const QString &upid, const QString &failureText);

    QString m_content;
    QPointer<ClusterSession> m_session;
    QString m_node;
    QString m_storage;
    quint64 m_request = 0; // answers to older requests are dropped
    StorageContentModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_upload = nullptr;
    QPushButton *m_templates = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace atalaia::ui
