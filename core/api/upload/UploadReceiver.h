#pragma once

#include "MultipartReader.h"
#include "RequestHead.h"
#include "UploadImport.h"
#include "api/ApiResponse.h"
#include "api/Dispatcher.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTemporaryFile>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class QSslSocket;

namespace atalaia::api {
class Services;
}

namespace atalaia::api::upload {

struct UploadLimits {
    qint64 maxBytes = 16LL * 1024 * 1024 * 1024;
    // No byte for this long: the client is gone (the upload is dropped).
    std::chrono::milliseconds idleTimeout = std::chrono::seconds(60);
};

// POST /api2/json/nodes/{node}/storage/{storage}/upload on a connection
// taken from Qt's HTTP server (GuardedSslServer::Diversion), which would
// keep the whole body in memory. Reads the request's head, admits it as the
// dispatcher admits every call (credentials, CSRF token, the route's
// permission check), then streams the multipart/form-data body's file part
// into a hidden file in the storage's staging directory and hands it to the
// import task (UploadImport), answering with the task's UPID. Whatever goes
// wrong before that (refusal, malformed body, the client gone, a timeout),
// the staging file is removed. One request per connection: the answer
// closes it.
//
// A child of its socket; the socket is deleted once the answer is out or
// the connection is lost. Lives in the server's thread.
class UploadReceiver : public QObject
{
    Q_OBJECT
public:
    UploadReceiver(QSslSocket *socket, const Dispatcher &dispatcher, Services &services, UploadLimits limits);
    ~UploadReceiver() override;

    static constexpr const char *kRoute = "/nodes/{node}/storage/{storage}/upload";

private:
    enum class State { Head, Body, Draining, Closed };

    void onReadyRead();
    void readHead();
    void startBody(const RequestHead &head);
    void consume(QByteArrayView bytes);
    void finishBody();
    void answer(const ApiResponse &response);
    void refuse(const Error &error, int status = 400);
    void close();
    void publishProgress(bool done);

    Result<void> partBegins(const MultipartReader::Part &part);
    Result<void> partData(QByteArrayView data);
    Result<void> partEnds();
    Result<void> checkFileName(const QString &content, const QString &filename) const;

    // What a request head may take; Proxmox's own limit is the same order.
    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    // What a form field (content, checksum...) may hold.
    static constexpr qsizetype kMaxFieldBytes = 4096;
    // How long a refused upload's body is still read (and dropped) so the
    // client sees the answer rather than a reset connection.
    static constexpr std::chrono::seconds kDrainTime{5};

    QSslSocket *m_socket; // the parent
    const Dispatcher &m_dispatcher;
    Services &m_services;
    const UploadLimits m_limits;
    State m_state = State::Head;
    QTimer m_idleTimer;
    QTimer m_drainTimer;

    QByteArray m_head;
    QByteArray m_bodyStart; // read with the head, not consumed yet
    QString m_peer;
    std::optional<Dispatcher::Admission> m_admission;
    qint64 m_contentLength = 0;
    qint64 m_received = 0;  // body bytes
    std::unique_ptr<MultipartReader> m_reader;
    QString m_stagingDir;

    QHash<QString, QString> m_fields;     // the form's fields, complete ones
    std::optional<QString> m_fieldName;   // the field being read
    QByteArray m_fieldValue;
    std::unique_ptr<QTemporaryFile> m_file;
    bool m_inFile = false;
    QString m_filename;
    qint64 m_fileSize = 0;
    std::unique_ptr<QCryptographicHash> m_hash;  // when the algorithm came before the file
    QString m_hashAlgorithm;
    QElapsedTimer m_sinceProgress;
};

} // namespace atalaia::api::upload
