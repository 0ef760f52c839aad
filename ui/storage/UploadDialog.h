#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QFuture>
#include <QPointer>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace atalaia::api::client {
class ApiClient;
}

namespace atalaia::ui {

class ClusterSession;
class TaskFollower;

// Upload of an ISO image or a container template to a storage, as
// Proxmox's upload window: a file, an optional checksum (given, or computed
// here on a worker thread), then the transfer with its rate and time left,
// then the node's import task. Cancel aborts the transfer (the node keeps
// nothing of it); closing the window while busy asks first.
//
// The transfer runs on an ApiClient of its own with the session's address,
// certificate pins and credentials: cancelling destroys it, which aborts
// its one request, and its progress signal speaks of this upload only.
class UploadDialog : public QDialog
{
    Q_OBJECT
public:
    enum class State { Idle, Hashing, Uploading, Importing, Done };

    // CONTENT: "iso" or "vztmpl".
    UploadDialog(ClusterSession &session, const QString &node, const QString &storage, const QString &content,
                 QWidget *parent = nullptr);
    ~UploadDialog() override;

    // The file to send (the Select File button asks for one).
    void setFile(const QString &path);
    State state() const { return m_state; }
    // The volume the last upload made ("local:iso/x.iso"), once imported.
    QString uploadedVolume() const { return m_volume; }
    // Name filters for the file chooser, by content type.
    static QStringList fileFilters(const QString &content);

    void startUpload();
    void cancelUpload();
    // Closing (Escape, the window's button): while busy, asks to cancel first.
    void reject() override;

signals:
    // The import task ended well: the storage's content changed.
    void uploaded(const QString &volid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void chooseFile();
    void send(const QString &checksum);
    void onProgress(qint64 sent, qint64 total);
    void onImported(bool ok, const QString &exitStatus);
    void fail(const QString &message);
    void setState(State state);
    QString algorithm() const;

    QPointer<ClusterSession> m_session;
    QString m_node;
    QString m_storage;
    QString m_content;
    QString m_file;
    QString m_volume;
    State m_state = State::Idle;
    // A checksum computed on a worker thread: the hex digest, or why not.
    struct Checksum {
        QString hex;
        QString error;
    };

    std::unique_ptr<api::client::ApiClient> m_uploader;
    QFuture<Checksum> m_hashing;
    QPointer<TaskFollower> m_follower;
    QString m_upid;
    QElapsedTimer m_clock;

    QLabel *m_fileLabel = nullptr;
    QLineEdit *m_fileName = nullptr;
    QPushButton *m_choose = nullptr;
    QLabel *m_sizeLabel = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_algorithmLabel = nullptr;
    QComboBox *m_algorithm = nullptr;
    QLabel *m_checksumLabel = nullptr;
    QLineEdit *m_checksum = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_upload = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_log = nullptr;
};

} // namespace atalaia::ui
