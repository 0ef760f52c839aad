#pragma once

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace atalaia::ui {

class ClusterSession;

// Proxmox's "Templates" window: the container templates the node offers
// (GET /nodes/{node}/aplinfo, here the ones this installation bundles);
// Download copies the chosen one to the storage as a task, which
// downloadStarted() hands on so the caller can follow it.
class TemplateDialog : public QDialog
{
    Q_OBJECT
public:
    TemplateDialog(ClusterSession &session, const QString &node, const QString &storage, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    // Downloads the selected template (the Download button).
    void download();

signals:
    void downloadStarted(const QString &upid, const QString &templateName);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void load();

    QPointer<ClusterSession> m_session;
    QString m_node;
    QString m_storage;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_download = nullptr;
};

} // namespace atalaia::ui
