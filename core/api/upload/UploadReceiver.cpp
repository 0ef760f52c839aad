#include "UploadReceiver.h"

#include "api/EventBus.h"
#include "api/ParameterDecoder.h"
#include "api/RequestParameters.h"
#include "api/Services.h"
#include "api/routes/Tr.h"
#include "schema/ApiSchema.h"
#include "storage/DirStorage.h"
#include "storage/StorageManager.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QUrl>

Q_LOGGING_CATEGORY(lcUpload, "atalaia.api.upload")

namespace atalaia::api::upload {

namespace {

QString volumeName(const QString &content, const QString &filename)
{
    return (content == u"iso" ? QStringLiteral("iso/") : QStringLiteral("vztmpl/")) + filename;
}

// The raw form fields and the file's name, as the route's schema names them.
QJsonObject formParameters(const QHash<QString, QString> &fields, const QString &filename)
{
    QJsonObject raw;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        raw.insert(it.key(), it.value());
    raw.insert(QStringLiteral("filename"), filename);
    return raw;
}

} // namespace

UploadReceiver::UploadReceiver(QSslSocket *socket, const Dispatcher &dispatcher, Services &services,
                               UploadLimits limits)
    : QObject(socket)
    , m_socket(socket)
    , m_dispatcher(dispatcher)
    , m_services(services)
    , m_limits(limits)
    , m_peer(socket->peerAddress().toString())
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcUpload) << "upload from" << m_peer << "idle for" << m_limits.idleTimeout.count() << "ms after"
                         << m_received << "bytes: dropped";
        close();
    });
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, &UploadReceiver::close);
    connect(socket, &QIODevice::readyRead, this, &UploadReceiver::onReadyRead);
    connect(socket, &QAbstractSocket::disconnected, this, [this] {
        if (m_state == State::Head || m_state == State::Body)
            qCInfo(lcUpload) << "upload from" << m_peer << "aborted by the client after" << m_received << "of"
                             << m_contentLength << "bytes";
        close();
    });
    m_idleTimer.start(m_limits.idleTimeout);
    // The request is waiting in the socket already; read it once the
    // readyRead that brought it here is over.
    QMetaObject::invokeMethod(this, &UploadReceiver::onReadyRead, Qt::QueuedConnection);
}

UploadReceiver::~UploadReceiver() = default; // m_file (QTemporaryFile) removes an unfinished upload

void UploadReceiver::onReadyRead()
{
    if (m_state == State::Closed)
        return;
    if (m_socket->bytesAvailable() > 0 && m_state != State::Draining)
        m_idleTimer.start(m_limits.idleTimeout);
    // Big reads: each one is a pass through the multipart scanner and a write.
    constexpr qint64 kChunk = 1024 * 1024;
    while (m_socket->bytesAvailable() > 0 && m_state != State::Closed) {
        switch (m_state) {
        case State::Head:
            readHead();
            break;
        case State::Body:
            consume(m_socket->read(qMin(kChunk, m_contentLength - m_received)));
            break;
        case State::Draining:
            m_received += qMax<qint64>(0, m_socket->skip(kChunk));
            if (m_received >= m_contentLength)
                close();
            break;
        case State::Closed:
            break;
        }
    }
}

void UploadReceiver::readHead()
{
    const qsizetype before = m_head.size();
    m_head.append(m_socket->read(kMaxHeadBytes + 4 - m_head.size()));
    const qsizetype end = m_head.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
    if (end < 0) {
        if (m_head.size() > kMaxHeadBytes)
            refuse(fail(Code::ApiTooLarge, Tr::tr("the upload request's head is longer than %1 bytes")
                                               .arg(kMaxHeadBytes)).error(), 431);
        return;
    }
    // What came with the head is the body's start.
    m_bodyStart = m_head.mid(end + 4);
    m_head.truncate(end);
    Result<RequestHead> head = RequestHead::parse(m_head);
    if (!head) {
        refuse(head.error());
        return;
    }
    startBody(*head);
}

void UploadReceiver::startBody(const RequestHead &head)
{
    ApiRequest request;
    request.method = QString::fromLatin1(head.method);
    request.path = QUrl(QString::fromLatin1(head.target)).path(QUrl::FullyDecoded).mid(10); // after "/api2/json"
    request.headers = head.headers;
    request.peer = m_peer;
    std::expected<Dispatcher::Admission, ApiResponse> admitted = m_dispatcher.admit(request);
    // The body's length counts from here, even for an answer that refuses it.
    m_contentLength = head.header("content-length").toLongLong();
    if (!admitted) {
        qCInfo(lcUpload) << "upload" << request.path << "from" << m_peer << "refused:" << admitted.error().status
                         << admitted.error().message;
        answer(admitted.error());
        return;
    }
    m_admission = std::move(*admitted);

    bool lengthOk = false;
    m_contentLength = head.header("content-length").toLongLong(&lengthOk);
    if (!head.header("transfer-encoding").isEmpty() || !lengthOk || m_contentLength < 0) {
        m_contentLength = 0;
        answer(ApiResponse::error(411, Tr::tr("an upload needs a Content-Length header (chunked transfer encoding "
                                              "is not taken): send the file with its length")));
        return;
    }
    if (m_contentLength > m_limits.maxBytes) {
        answer(ApiResponse::error(413, Tr::tr("the upload is %1 bytes, more than this node takes (%2 bytes): upload "
                                              "a smaller file, or raise the node's upload limit")
                                           .arg(m_contentLength).arg(m_limits.maxBytes)));
        return;
    }
    const std::optional<QByteArray> boundary = MultipartReader::boundaryOf(head.header("content-type"));
    if (!boundary) {
        answer(ApiResponse::error(415, Tr::tr("an upload is a multipart/form-data body with a boundary (fields "
                                              "'content' and 'filename'), not '%1'")
                                           .arg(QString::fromLatin1(head.header("content-type")))));
        return;
    }

    storage::StorageManager *manager = m_services.storage();
    if (!manager) {
        answer(ApiResponse::error(501, QStringLiteral("this node has no storage backend")));
        return;
    }
    const QString storageId = m_admission->params.value(QLatin1String("storage")).toString();
    Result<std::unique_ptr<storage::StorageBackend>> backend = manager->backend(storageId);
    if (!backend) {
        answer(ApiResponse::fromError(backend.error()));
        return;
    }
    if (Result<storage::StorageStatus> status = (*backend)->status(); status && status->active
        && status->avail < m_contentLength) {
        answer(ApiResponse::error(507, Tr::tr("storage '%1' has %2 bytes free, too few for this upload of %3 bytes: "
                                              "free some space on it first")
                                           .arg(storageId).arg(status->avail).arg(m_contentLength)));
        return;
    }
    Result<QString> staging = (*backend)->stagingDirectory();
    if (!staging) {
        answer(ApiResponse::fromError(staging.error()));
        return;
    }
    m_stagingDir = *staging;
    removeStaleStagingFiles(m_stagingDir);

    m_reader = std::make_unique<MultipartReader>(
        *boundary, MultipartReader::Handler{[this](const MultipartReader::Part &p) { return partBegins(p); },
                                            [this](QByteArrayView d) { return partData(d); },
                                            [this] { return partEnds(); }});
    m_state = State::Body;
    m_sinceProgress.start();
    if (head.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    qCInfo(lcUpload) << "upload to" << storageId << "from" << m_peer << "by" << m_admission->identity.authId() << ":"
                     << m_contentLength << "bytes";
    const QByteArray start = std::exchange(m_bodyStart, {});
    consume(QByteArrayView(start).first(qMin<qint64>(start.size(), m_contentLength)));
}

void UploadReceiver::consume(QByteArrayView bytes)
{
    m_received += bytes.size();
    if (Result<void> fed = m_reader->feed(bytes); !fed) {
        refuse(fed.error());
        return;
    }
    if (m_sinceProgress.elapsed() >= 1000) {
        m_sinceProgress.restart();
        publishProgress(false);
    }
    if (m_received >= m_contentLength)
        finishBody();
}

Result<void> UploadReceiver::checkFileName(const QString &content, const QString &filename) const
{
    if (content != u"iso" && content != u"vztmpl")
        return {}; // the schema names the content types at the end
    Result<QString> kind = storage::DirStorage::contentOf(volumeName(content, filename));
    if (!kind || *kind != content)
        return fail(Code::InvalidArgument,
                    content == u"iso"
                        ? Tr::tr("'%1' is not a valid ISO image file name: it needs the extension .iso or .img and "
                                 "letters, digits and ._+- only").arg(filename)
                        : Tr::tr("'%1' is not a valid container template file name: it needs the extension .tar.gz, "
                                 ".tar.xz or .tar.zst and letters, digits and ._+- only").arg(filename));
    return {};
}

Result<void> UploadReceiver::partBegins(const MultipartReader::Part &part)
{
    if (!part.filename) {
        if (m_fields.size() >= 16)
            return fail(Code::ApiBadRequest, Tr::tr("the upload form has too many fields"));
        if (const std::optional<QString> problem = parameterNameProblem(part.name))
            return fail(Code::ApiBadRequest, *problem);
        m_fieldName = part.name;
        m_fieldValue.clear();
        return {};
    }
    if (part.name != u"filename")
        return fail(Code::ApiBadRequest, Tr::tr("the upload's file part is named '%1'; Proxmox's API names it "
                                                "'filename'").arg(part.name));
    if (m_file || !m_filename.isEmpty())
        return fail(Code::ApiBadRequest, Tr::tr("an upload takes one file; this form has more"));
    m_filename = *part.filename;
    const QString content = m_fields.value(QStringLiteral("content"));
    if (Result<void> named = checkFileName(content, m_filename); !named)
        return named;
    if (!content.isEmpty()) {
        storage::StorageManager *manager = m_services.storage();
        Result<std::unique_ptr<storage::StorageBackend>> backend =
            manager->backend(m_admission->params.value(QLatin1String("storage")).toString());
        if (backend)
            if (Result<QString> target = (*backend)->path(volumeName(content, m_filename));
                target && QFileInfo::exists(*target))
                return fail(Code::AlreadyExists,
                            Tr::tr("%1 already exists on storage '%2': remove it first or upload under another name")
                                .arg(volumeName(content, m_filename),
                                     m_admission->params.value(QLatin1String("storage")).toString()));
    }
    // Qt makes it with O_TMPFILE where it can: nameless (nothing to leak if
    // the agent dies) until fileName() links it in for the import; hidden
    // then, so never listed as a volume.
    m_file = std::make_unique<QTemporaryFile>(m_stagingDir + u'/' + QLatin1String(kStagingPrefix) + QStringLiteral("XXXXXX"));
    if (!m_file->open())
        return fail(Code::Io, Tr::tr("cannot create the upload's staging file in %1: %2")
                                  .arg(m_stagingDir, m_file->errorString()));
    m_hashAlgorithm = m_fields.value(QStringLiteral("checksum-algorithm"));
    if (const auto algorithm = checksumAlgorithm(m_hashAlgorithm))
        m_hash = std::make_unique<QCryptographicHash>(*algorithm);
    m_inFile = true;
    return {};
}

Result<void> UploadReceiver::partData(QByteArrayView data)
{
    if (m_inFile) {
        if (m_file->write(data.data(), data.size()) != data.size())
            return fail(Code::Io, Tr::tr("cannot write the upload to %1: %2").arg(m_file->fileName(), m_file->errorString()));
        if (m_hash)
            m_hash->addData(data);
        m_fileSize += data.size();
        return {};
    }
    if (m_fieldValue.size() + data.size() > kMaxFieldBytes)
        return fail(Code::ApiBadRequest, Tr::tr("the upload form's field '%1' is longer than %2 bytes")
                                             .arg(m_fieldName.value_or(QString())).arg(kMaxFieldBytes));
    m_fieldValue.append(data);
    return {};
}

Result<void> UploadReceiver::partEnds()
{
    if (m_inFile) {
        m_inFile = false;
        if (!m_file->flush())
            return fail(Code::Io, Tr::tr("cannot write the upload to %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return {};
    }
    if (m_fieldName)
        m_fields.insert(*m_fieldName, QString::fromUtf8(m_fieldValue));
    m_fieldName.reset();
    return {};
}

void UploadReceiver::finishBody()
{
    if (!m_reader->finished()) {
        refuse(fail(Code::ApiBadRequest, Tr::tr("the upload's multipart/form-data body ended before its closing "
                                                "boundary")).error());
        return;
    }
    if (!m_file) {
        refuse(fail(Code::ApiBadRequest, Tr::tr("the upload has no file: add a file part named 'filename'")).error());
        return;
    }
    if (m_fields.contains(QStringLiteral("tmpfilename"))) {
        refuse(fail(Code::ApiBadRequest, Tr::tr("tmpfilename is the server's to set: leave it out")).error());
        return;
    }
    const schema::ParameterSet *parameters = schema::ApiSchema::instance().parameters(QLatin1String(kRoute),
                                                                                      QStringLiteral("POST"));
    QHash<QString, QString> pathParams;
    for (auto it = m_admission->params.constBegin(); it != m_admission->params.constEnd(); ++it)
        pathParams.insert(it.key(), it.value().toString());
    auto params = decodeParameters(parameters, formParameters(m_fields, m_filename), pathParams);
    if (!params) {
        answer(ApiResponse::parameterErrors(params.error()));
        return;
    }
    const QString content = params->value(QLatin1String("content")).toString();
    const QString algorithm = params->value(QLatin1String("checksum-algorithm")).toString();
    const QString checksum = params->value(QLatin1String("checksum")).toString().trimmed().toLower();
    if (algorithm.isEmpty() != checksum.isEmpty()) {
        refuse(fail(Code::ApiBadRequest, Tr::tr("checksum and checksum-algorithm go together: give both or "
                                                "neither")).error());
        return;
    }
    if (Result<void> named = checkFileName(content, m_filename); !named) {
        refuse(named.error());
        return;
    }
    const QString storageId = m_admission->params.value(QLatin1String("storage")).toString();
    if (Result<storage::StorageDefinition> definition = m_services.storage()->definition(storageId);
        definition && !definition->holds(content)) {
        refuse(fail(Code::InvalidArgument, Tr::tr("storage '%1' does not take %2 content (its content: %3): add it "
                                                  "to the storage's content or upload to another storage")
                                               .arg(storageId, content, definition->content.join(u',')))
                   .error());
        return;
    }

    UploadedFile file;
    file.storage = storageId;
    file.content = content;
    file.filename = m_filename;
    file.stagingPath = m_file->fileName();
    file.size = m_fileSize;
    file.algorithm = checksumAlgorithm(algorithm);
    file.expectedChecksum = checksum.toLatin1();
    if (m_hash && m_hashAlgorithm == algorithm)
        file.receivedChecksum = m_hash->result().toHex();
    // From here the task owns the staging file.
    m_file->close();
    m_file->setAutoRemove(false);
    m_file.reset();
    publishProgress(true);
    Result<model::Upid> upid = startUploadImport(m_services, m_admission->identity.authId(), std::move(file));
    if (!upid) {
        answer(ApiResponse::fromError(upid.error()));
        return;
    }
    answer(ApiResponse::ok(upid->toString()));
}

void UploadReceiver::refuse(const Error &error, int status)
{
    // The client's mistakes are STATUS; the node's own (a disk that fails) 500.
    answer(ApiResponse::error(error.code == Code::Io ? 500 : status, error.message));
}

void UploadReceiver::answer(const ApiResponse &response)
{
    if (m_state == State::Closed || m_state == State::Draining)
        return;
    m_file.reset(); // a refused upload leaves nothing behind
    // The body's bytes that came with the head count as read.
    m_received += std::exchange(m_bodyStart, {}).size();
    const QByteArray body = response.body();
    QByteArray http = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reasonPhrase() + "\r\n";
    http += "Content-Type: application/json;charset=UTF-8\r\n";
    http += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    http += "Cache-Control: max-age=0\r\nConnection: close\r\n";
    if (response.status != 200)
        http += "X-Atalaia-Reason: " + response.reasonPhrase() + "\r\n";
    for (const auto &[name, value] : response.headers)
        http += name + ": " + value + "\r\n";
    http += "\r\n" + body;
    m_socket->write(http);
    if (m_received < m_contentLength) {
        // The client may still be sending: read on (and drop) for a while,
        // since closing a connection with unread data resets it, and the
        // client might lose this answer.
        m_state = State::Draining;
        m_idleTimer.stop();
        m_drainTimer.start(kDrainTime);
        return;
    }
    close();
}

void UploadReceiver::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_idleTimer.stop();
    m_drainTimer.stop();
    m_file.reset();
    // Waits for the answer to go out, then emits disconnected.
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        m_socket->deleteLater();
    else
        connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
    // A client that does not close its side cannot keep the socket.
    QTimer::singleShot(kDrainTime, m_socket, &QAbstractSocket::abort);
}

void UploadReceiver::publishProgress(bool done)
{
    if (!m_admission)
        return;
    const QString storageId = m_admission->params.value(QLatin1String("storage")).toString();
    Event event;
    event.topic = QStringLiteral("upload");
    event.aclPath = QStringLiteral("/storage/") + storageId;
    event.privileges = {QStringLiteral("Datastore.AllocateTemplate")};
    event.owner = m_admission->identity.authId();
    event.payload = QJsonObject{{QStringLiteral("node"), m_admission->params.value(QLatin1String("node"))},
                                {QStringLiteral("storage"), storageId},
                                {QStringLiteral("filename"), m_filename},
                                {QStringLiteral("received"), m_received},
                                {QStringLiteral("total"), m_contentLength},
                                {QStringLiteral("done"), done ? 1 : 0}};
    m_services.events().publish(event);
}

} // namespace atalaia::api::upload
