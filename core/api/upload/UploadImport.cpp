#include "UploadImport.h"

#include "api/Services.h"
#include "api/routes/Tr.h"
#include "storage/StorageManager.h"
#include "tasks/TaskContext.h"
#include "tasks/TaskManager.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace atalaia::api::upload {

namespace {

Result<QByteArray> hashFile(const QString &path, QCryptographicHash::Algorithm algorithm, qint64 size,
                            tasks::TaskContext &task)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Io, Tr::tr("cannot read the uploaded file %1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(algorithm);
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    qint64 done = 0;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(Code::Io, Tr::tr("cannot read the uploaded file %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer).first(n));
        done += n;
        if (size > 0)
            task.setProgress(0.9 * double(done) / double(size));
        if (task.isCancelled())
            return fail(Code::Internal, Tr::tr("interrupted while calculating the checksum"));
    }
    return hash.result().toHex();
}

Result<void> importUpload(storage::StorageManager &manager, const UploadedFile &file, tasks::TaskContext &task)
{
    Result<std::unique_ptr<storage::StorageBackend>> backend = manager.backend(file.storage);
    if (!backend)
        return std::unexpected(backend.error());
    const QString volname = (file.content == u"iso" ? QStringLiteral("iso/") : QStringLiteral("vztmpl/")) + file.filename;
    task.log(QStringLiteral("starting file import from: %1").arg(file.stagingPath));
    if (Result<QString> target = (*backend)->path(volname))
        task.log(QStringLiteral("target file: %1").arg(*target));
    task.log(QStringLiteral("file size is: %1").arg(file.size));
    if (file.algorithm && !file.expectedChecksum.isEmpty()) {
        QByteArray actual = file.receivedChecksum;
        if (actual.isEmpty()) {
            task.log(QStringLiteral("calculating checksum..."));
            Result<QByteArray> hashed = hashFile(file.stagingPath, *file.algorithm, file.size, task);
            if (!hashed)
                return std::unexpected(hashed.error());
            actual = *hashed;
        }
        if (actual != file.expectedChecksum)
            return fail(Code::InvalidArgument,
                        Tr::tr("checksum mismatch: got '%1' != expected '%2'; the file was not stored: upload it again, "
                               "or check the checksum and its algorithm")
                            .arg(QString::fromLatin1(actual), QString::fromLatin1(file.expectedChecksum)));
        task.log(QStringLiteral("checksum verified"));
    }
    Result<QString> stored = (*backend)->import(file.content, file.filename, file.stagingPath);
    if (!stored)
        return std::unexpected(stored.error());
    task.setProgress(1.0);
    task.log(QStringLiteral("finished file import successfully (%1:%2)").arg(file.storage, *stored));
    return {};
}

} // namespace

void removeStaleStagingFiles(const QString &dir)
{
    const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
    const QFileInfoList files = QDir(dir).entryInfoList({QLatin1String(kStagingPrefix) + u'*'}, QDir::Files | QDir::Hidden);
    for (const QFileInfo &file : files)
        if (file.lastModified(QTimeZone::UTC) < dayAgo && QFile::remove(file.filePath()))
            qInfo("removed the stale upload staging file %s", qPrintable(file.filePath()));
}

Result<model::Upid> startUploadImport(Services &services, const QString &user, UploadedFile file)
{
    storage::StorageManager *manager = services.storage();
    if (!manager) {
        QFile::remove(file.stagingPath);
        return fail(Code::Internal, Tr::tr("this node has no storage backend"));
    }
    tasks::TaskSpec spec;
    spec.type = QStringLiteral("imgcopy");
    spec.user = user;
    spec.work = [manager, file](tasks::TaskContext &task) -> Result<void> {
        Result<void> imported = importUpload(*manager, file, task);
        // import() moved it when it succeeded; otherwise nothing of it stays.
        QFile::remove(file.stagingPath);
        return imported;
    };
    Result<model::Upid> upid = services.tasks().start(std::move(spec));
    if (!upid)
        QFile::remove(file.stagingPath);
    return upid;
}

} // namespace atalaia::api::upload
