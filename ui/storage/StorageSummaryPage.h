#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QProgressBar;

namespace atalaia::ui {

class ClusterSession;

// A storage's Summary tab, as Proxmox's: type, content types, path, shared,
// active, and a usage bar (used of total), from GET
// /nodes/{node}/storage/{storage}/status and the storage's configuration
// (GET /storage/{storage}, for the path).
class StorageSummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit StorageSummaryPage(QWidget *parent = nullptr);

    void show(ClusterSession *session, const QString &node, const QString &storage);
    void refresh();
    QProgressBar *usageBar() const { return m_usage; }

signals:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showStatus();

    QPointer<ClusterSession> m_session;
    QString m_node;
    QString m_storage;
    quint64 m_request = 0;
    // The last answers, kept to show them again in another language.
    QJsonObject m_status;
    QString m_path;
    QString m_error;

    QLabel *m_title = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_typeLabel = nullptr, *m_type = nullptr;
    QLabel *m_contentLabel = nullptr, *m_content = nullptr;
    QLabel *m_pathLabel = nullptr, *m_pathValue = nullptr;
    QLabel *m_sharedLabel = nullptr, *m_shared = nullptr;
    QLabel *m_activeLabel = nullptr, *m_active = nullptr;
    QLabel *m_usageLabel = nullptr;
    QProgressBar *m_usage = nullptr;
    QLabel *m_usageText = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace atalaia::ui
