#include "UploadDialog.h"

#include "StandardButtons.h"
#include "TaskFollower.h"

#include "api/client/ApiClient.h"
#include "base/ChecksumAlgorithm.h"
#include "session/ClusterSession.h"
#include "tasks/TaskLogView.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace atalaia::ui {

using api::client::ApiClient;
using api::client::Response;

namespace {

QString mebibytes(double bytes)
{
    return QLocale().toString(bytes / (1024.0 * 1024.0), 'f', 1);
}

QString duration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

UploadDialog::UploadDialog(ClusterSession &session, const QString &node, const QString &storage, const QString &content,
                           QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
    , m_node(node)
    , m_storage(storage)
    , m_content(content)
{
    setObjectName(QStringLiteral("uploadDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_fileName = new QLineEdit(this);
    m_fileName->setObjectName(QStringLiteral("uploadFile"));
    m_fileName->setReadOnly(true);
    m_choose = new QPushButton(this);
    m_choose->setObjectName(QStringLiteral("uploadChoose"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileName, 1);
    fileRow->addWidget(m_choose);
    m_fileLabel = new QLabel(this);
    form->addRow(m_fileLabel, fileRow);
    m_size = new QLabel(this);
    m_size->setObjectName(QStringLiteral("uploadSize"));
    m_sizeLabel = new QLabel(this);
    form->addRow(m_sizeLabel, m_size);
    m_algorithm = new QComboBox(this);
    m_algorithm->setObjectName(QStringLiteral("uploadAlgorithm"));
    m_algorithm->addItem(QString(), QString()); // "None", named in retranslate()
    for (const QString &name : base::checksumAlgorithmNames())
        m_algorithm->addItem(name.toUpper(), name);
    // As atalaiactl upload: SHA-256, computed here unless given, so the node
    // proves the file arrived whole.
    m_algorithm->setCurrentIndex(m_algorithm->findData(QStringLiteral("sha256")));
    m_algorithmLabel = new QLabel(this);
    form->addRow(m_algorithmLabel, m_algorithm);
    m_checksum = new QLineEdit(this);
    m_checksum->setObjectName(QStringLiteral("uploadChecksum"));
    m_checksumLabel = new QLabel(this);
    form->addRow(m_checksumLabel, m_checksum);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("uploadProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("uploadStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(this);
    m_upload = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_upload->setObjectName(QStringLiteral("uploadStart"));
    m_log = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_log->setObjectName(QStringLiteral("uploadTaskLog"));
    m_log->hide();
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("uploadCancel"));
    layout->addWidget(m_buttons);

    connect(m_choose, &QPushButton::clicked, this, &UploadDialog::chooseFile);
    connect(m_upload, &QPushButton::clicked, this, &UploadDialog::startUpload);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_state == State::Hashing || m_state == State::Uploading)
            cancelUpload(); // an explicit Cancel needs no second question
        else
            QDialog::reject();
    });
    connect(m_log, &QPushButton::clicked, this, [this] {
        if (!m_session || m_upid.isEmpty())
            return;
        auto *view = new TaskLogView(*m_session, m_upid, tr("Upload to %1").arg(m_storage), this);
        view->show();
    });
    connect(m_algorithm, &QComboBox::currentIndexChanged, this, [this] { m_checksum->setEnabled(!algorithm().isEmpty()); });

    resize(560, sizeHint().height());
    setState(State::Idle);
    retranslate();
}

UploadDialog::~UploadDialog()
{
    // A hash still running reads a file nobody waits for: stop it.
    m_hashing.cancel();
}

QStringList UploadDialog::fileFilters(const QString &content)
{
    if (content == u"vztmpl")
        return {tr("Container templates (*.tar.gz *.tar.xz *.tar.zst)"), tr("All files (*)")};
    return {tr("ISO images (*.iso *.img)"), tr("All files (*)")};
}

QString UploadDialog::algorithm() const
{
    return m_algorithm->currentData().toString();
}

void UploadDialog::retranslate()
{
    setWindowTitle(m_content == u"vztmpl" ? tr("Upload container template to %1").arg(m_storage)
                                          : tr("Upload ISO image to %1").arg(m_storage));
    m_fileLabel->setText(tr("&File:"));
    m_fileLabel->setBuddy(m_choose);
    m_choose->setText(tr("Select File…"));
    m_sizeLabel->setText(tr("Size:"));
    m_algorithmLabel->setText(tr("&Hash algorithm:"));
    m_algorithmLabel->setBuddy(m_algorithm);
    m_algorithm->setItemText(0, tr("None"));
    m_checksumLabel->setText(tr("Check&sum:"));
    m_checksumLabel->setBuddy(m_checksum);
    m_checksum->setPlaceholderText(tr("empty: computed here before sending"));
    m_upload->setText(tr("&Upload"));
    m_log->setText(tr("Task &Log"));
    m_cancel->setText(m_state == State::Idle || m_state == State::Done ? tr("Close") : tr("Cancel"));
    if (m_file.isEmpty())
        m_size->setText(tr("no file selected"));
}

void UploadDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void UploadDialog::chooseFile()
{
    // Not the static getOpenFileName: its nested event loop would stall this
    // window's own timers; open() keeps the event loop ours.
    auto *chooser = new QFileDialog(this, windowTitle());
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setNameFilters(fileFilters(m_content));
    connect(chooser, &QFileDialog::fileSelected, this, &UploadDialog::setFile);
    chooser->open();
}

void UploadDialog::setFile(const QString &path)
{
    m_file = path;
    const QFileInfo info(path);
    m_fileName->setText(info.fileName());
    m_fileName->setToolTip(path);
    m_size->setText(tr("%1 (%2 bytes)")
                        .arg(QLocale().formattedDataSize(info.size(), 2, QLocale::DataSizeTraditionalFormat),
                             QLocale().toString(info.size())));
    m_checksum->clear();
    m_status->clear();
    m_progress->setValue(0);
    setState(State::Idle);
}

void UploadDialog::setState(State state)
{
    m_state = state;
    const bool idle = state == State::Idle;
    m_choose->setEnabled(idle);
    m_algorithm->setEnabled(idle);
    m_checksum->setEnabled(idle && !algorithm().isEmpty());
    m_upload->setEnabled(idle && !m_file.isEmpty() && m_session);
    m_upload->setVisible(state != State::Done);
    m_cancel->setEnabled(state != State::Importing); // the node has the file: its task runs to the end
    m_cancel->setText(idle || state == State::Done ? tr("Close") : tr("Cancel"));
    m_log->setVisible(!m_upid.isEmpty());
}

void UploadDialog::startUpload()
{
    if (m_state != State::Idle || m_file.isEmpty() || !m_session)
        return;
    m_upid.clear();
    m_volume.clear();
    const QString name = algorithm();
    const QString given = m_checksum->text().trimmed();
    const auto hash = base::checksumAlgorithm(name);
    if (!hash || !given.isEmpty()) {
        send(given);
        return;
    }
    // Reading a whole ISO takes seconds to minutes: a worker thread does it,
    // checking for a cancel between blocks.
    setState(State::Hashing);
    m_progress->setValue(0);
    m_status->setText(tr("Computing the %1 checksum…").arg(name.toUpper()));
    const QString path = m_file;
    m_hashing = QtConcurrent::run([path, hash](QPromise<Checksum> &promise) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            promise.addResult(Checksum{{}, tr("cannot read %1: %2").arg(path, file.errorString())});
            return;
        }
        QCryptographicHash digest(*hash);
        const qint64 total = std::max<qint64>(file.size(), 1);
        promise.setProgressRange(0, 100);
        QByteArray block;
        while (!(block = file.read(1 << 20)).isEmpty()) {
            if (promise.isCanceled())
                return;
            digest.addData(block);
            promise.setProgressValue(int(100 * file.pos() / total));
        }
        if (file.error() != QFileDevice::NoError) {
            promise.addResult(Checksum{{}, tr("cannot read %1: %2").arg(path, file.errorString())});
            return;
        }
        promise.addResult(Checksum{QString::fromLatin1(digest.result().toHex()), {}});
    });
    m_hashing.then(this, [this](const Checksum &sum) {
        if (m_state != State::Hashing)
            return; // cancelled meanwhile
        if (!sum.error.isEmpty()) {
            fail(sum.error);
            return;
        }
        m_checksum->setText(sum.hex);
        m_checksum->setCursorPosition(0);
        send(sum.hex);
    });
}

void UploadDialog::send(const QString &checksum)
{
    if (!m_session) { // disconnected while the checksum was computed
        fail(tr("The connection was closed: nothing was sent."));
        return;
    }
    ApiClient &client = m_session->client();
    // Uploads are not passed on between nodes: the active address is the
    // one to send to (the node answers with where to go otherwise).
    m_uploader = std::make_unique<ApiClient>(QList<api::client::Endpoint>{client.activeEndpoint()});
    m_uploader->setTrustStore(client.trustStore());
    if (!client.apiToken().isNull())
        m_uploader->setApiToken(client.apiToken());
    else
        m_uploader->setTicket(client.ticket());
    connect(m_uploader.get(), &ApiClient::uploadProgress, this,
            [this](const QString &, qint64 sent, qint64 total) { onProgress(sent, total); });

    ApiClient::UploadForm form;
    form.filePath = m_file;
    form.fields.append({QStringLiteral("content"), m_content});
    if (!algorithm().isEmpty() && !checksum.isEmpty()) {
        form.fields.append({QStringLiteral("checksum-algorithm"), algorithm()});
        form.fields.append({QStringLiteral("checksum"), checksum});
    }
    setState(State::Uploading);
    m_progress->setValue(0);
    m_status->setText(tr("Uploading…"));
    m_clock.start();
    const QString path = QStringLiteral("/nodes/%1/storage/%2/upload").arg(m_node, m_storage);
    m_uploader->upload(path, form).then(this, [this](const Response &r) {
        if (m_state != State::Uploading)
            return; // cancelled: the aborted call's answer means nothing now
        if (!r.isOk()) {
            fail(tr("The upload failed: %1").arg(r.error().message));
            return;
        }
        m_upid = r.data.toString();
        m_progress->setValue(100);
        setState(State::Importing);
        m_status->setText(tr("Uploaded; the node is moving the file into place…"));
        if (!m_session || m_upid.isEmpty()) {
            onImported(true, QStringLiteral("OK"));
            return;
        }
        m_follower = new TaskFollower(*m_session, m_upid, this);
        connect(m_follower, &TaskFollower::finished, this, &UploadDialog::onImported);
    });
}

void UploadDialog::onProgress(qint64 sent, qint64 total)
{
    if (m_state != State::Uploading || total <= 0)
        return;
    m_progress->setValue(int(100 * sent / total));
    const double seconds = std::max<qint64>(m_clock.elapsed(), 1) / 1000.0;
    const double rate = double(sent) / seconds;
    const qint64 left = rate > 0 ? qint64(double(total - sent) / rate) : 0;
    m_status->setText(tr("%1 of %2 MiB, %3 MiB/s, %4 left")
                          .arg(mebibytes(double(sent)), mebibytes(double(total)), mebibytes(rate), duration(left)));
}

void UploadDialog::onImported(bool ok, const QString &exitStatus)
{
    if (m_follower)
        m_follower->deleteLater();
    m_uploader.reset();
    if (!ok) {
        fail(tr("The node could not import the file: %1").arg(exitStatus));
        return;
    }
    m_volume = QStringLiteral("%1:%2/%3").arg(m_storage, m_content, QFileInfo(m_file).fileName());
    setState(State::Done);
    m_status->setText(tr("%1 is on storage %2.").arg(QFileInfo(m_file).fileName(), m_storage));
    emit uploaded(m_volume);
}

void UploadDialog::fail(const QString &message)
{
    m_uploader.reset();
    setState(State::Idle);
    m_progress->setValue(0);
    m_status->setText(message);
}

void UploadDialog::cancelUpload()
{
    if (m_state == State::Hashing) {
        m_hashing.cancel();
    } else if (m_state == State::Uploading) {
        // Destroying the client aborts its request: the node drops the
        // half-received file.
        setState(State::Idle);
        m_uploader.reset();
    } else {
        return;
    }
    setState(State::Idle);
    m_progress->setValue(0);
    m_status->setText(tr("Upload cancelled."));
}

void UploadDialog::reject()
{
    if (m_state == State::Idle || m_state == State::Done) {
        QDialog::reject();
        return;
    }
    if (m_state == State::Importing)
        return; // a few seconds; the node cannot be stopped halfway
    auto *ask = new QMessageBox(QMessageBox::Question, windowTitle(), tr("Cancel the upload of %1?").arg(QFileInfo(m_file).fileName()),
                                QMessageBox::Yes | QMessageBox::No, this);
    ask->setObjectName(QStringLiteral("uploadCancelQuestion"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    nameStandardButtons(*ask);
    connect(ask, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes)
            return;
        cancelUpload();
        QDialog::reject();
    });
    ask->open();
}

} // namespace atalaia::ui
