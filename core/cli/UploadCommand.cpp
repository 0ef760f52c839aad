#include "UploadCommand.h"

#include "CommandArguments.h"
#include "ServerConnection.h"
#include "TaskFollower.h"
#include "Tr.h"
#include "base/ChecksumAlgorithm.h"
#include "model/Upid.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace atalaia::cli {

using api::client::ApiClient;
using api::client::Response;

namespace {

QString usage()
{
    return Tr::tr("usage: atalaiactl upload NODE STORAGE FILE [--content iso|vztmpl] [--checksum-algorithm ALG]\n"
                  "                         [--name NAME] [connection options]\n"
                  "  upload an ISO image or a container template to a storage of NODE, then follow the task\n"
                  "  that puts it in place (the file is streamed, never held in memory)\n"
                  "  --content iso|vztmpl        what FILE is; default: from its extension (.iso/.img: iso,\n"
                  "                              .tar.gz/.tar.xz/.tar.zst: vztmpl)\n"
                  "  --checksum-algorithm ALG    md5, sha1, sha224, sha256 (default), sha384, sha512, or none:\n"
                  "                              the checksum is computed here and checked by the node\n"
                  "  --name NAME                 the file's name on the storage (default: FILE's own)\n"
                  "  --server, --fingerprint, --trust, --token: as for 'atalaiactl get'\n"
                  "  Send the upload to NODE's own address: nodes do not pass uploads on.\n"
                  "  Progress goes to stderr when it is a terminal; a summary line always.\n");
}

std::optional<QString> contentFor(const QString &file)
{
    const QString name = file.toLower();
    if (name.endsWith(u".iso") || name.endsWith(u".img"))
        return QStringLiteral("iso");
    for (const char *suffix : {".tar.gz", ".tar.xz", ".tar.zst"})
        if (name.endsWith(QLatin1String(suffix)))
            return QStringLiteral("vztmpl");
    return std::nullopt;
}

Result<QByteArray> checksumOf(const QString &path, QCryptographicHash::Algorithm algorithm)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Io, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(algorithm);
    if (!hash.addData(&file))
        return fail(Code::Io, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
    return hash.result().toHex();
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

// Rate in MiB/s over ELAPSEDMS (at least 1 ms, so a tiny file does not divide by zero).
QString rate(qint64 bytes, qint64 elapsedMs)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0) / (double(qMax<qint64>(1, elapsedMs)) / 1000.0), 'f', 1);
}

} // namespace

int runUploadCommand(const QStringList &arguments, Environment &env)
{
    QTextStream &err = *env.err;
    auto parsed = CommandArguments::parse(
        arguments,
        ServerConnection::optionNames()
            + QSet<QString>{QStringLiteral("content"), QStringLiteral("checksum-algorithm"), QStringLiteral("name")},
        ServerConnection::flagNames() + QSet<QString>{QStringLiteral("help")}, false);
    if (!parsed) {
        err << Tr::tr("atalaiactl upload: %1").arg(parsed.error().message) << "\n" << usage();
        return 2;
    }
    if (parsed->has(QStringLiteral("help"))) {
        *env.out << usage();
        return 0;
    }
    if (parsed->positional.size() != 3) {
        err << usage();
        return 2;
    }
    const QString node = parsed->positional[0];
    const QString storage = parsed->positional[1];
    const QString path = parsed->positional[2];
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        err << Tr::tr("atalaiactl upload: %1 is not a readable file").arg(path) << "\n";
        return 2;
    }
    const QString name = parsed->value(QStringLiteral("name"), info.fileName());
    std::optional<QString> content = parsed->has(QStringLiteral("content"))
                                         ? std::optional(parsed->value(QStringLiteral("content")))
                                         : contentFor(name);
    if (!content || (*content != u"iso" && *content != u"vztmpl")) {
        err << Tr::tr("atalaiactl upload: cannot tell what %1 is: give --content iso (an ISO image, .iso/.img) or "
                      "--content vztmpl (a container template, .tar.gz/.tar.xz/.tar.zst)")
                   .arg(name)
            << "\n";
        return 2;
    }
    const QString algorithmName = parsed->value(QStringLiteral("checksum-algorithm"), QStringLiteral("sha256"));
    const std::optional<QCryptographicHash::Algorithm> algorithm = base::checksumAlgorithm(algorithmName);
    if (!algorithm && algorithmName != u"none") {
        err << Tr::tr("atalaiactl upload: unknown checksum algorithm '%1' (md5, sha1, sha224, sha256, sha384, sha512 "
                      "or none)")
                   .arg(algorithmName)
            << "\n";
        return 2;
    }

    auto connection = ServerConnection::open(ServerConnection::Options::from(*parsed), env);
    if (!connection) {
        err << Tr::tr("atalaiactl upload: %1").arg(connection.error().message) << "\n";
        return connection.error().code == Code::InvalidArgument ? 2 : 1;
    }
    // A cheap call first: certificate trust (--trust), a ticket renewal and
    // wrong credentials are settled before any byte of the file goes out.
    if (const Response version = (*connection)->call(ApiClient::Method::Get, QStringLiteral("/version"));
        !version.isOk()) {
        (*connection)->report(version);
        return 1;
    }

    ApiClient::UploadForm form;
    form.filePath = path;
    form.remoteName = name;
    form.fields.append({QStringLiteral("content"), *content});
    if (algorithm) {
        Result<QByteArray> checksum = checksumOf(path, *algorithm);
        if (!checksum) {
            err << Tr::tr("atalaiactl upload: %1").arg(checksum.error().message) << "\n";
            return 1;
        }
        form.fields.append({QStringLiteral("checksum-algorithm"), algorithmName});
        form.fields.append({QStringLiteral("checksum"), QString::fromLatin1(*checksum)});
    }

    // Progress on a terminal only: a log file gets the summary line. (A
    // stream on a string is a test's.)
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && env.err->string() == nullptr;
    ApiClient &client = (*connection)->client();
    QElapsedTimer clock;
    clock.start();
    qint64 lastShown = -1000;
    const QString apiPath = QStringLiteral("/nodes/%1/storage/%2/upload").arg(node, storage);
    QMetaObject::Connection progress;
    if (terminal) {
        progress = QObject::connect(&client, &ApiClient::uploadProgress, &client, [&](const QString &, qint64 sent, qint64 total) {
            if (clock.elapsed() - lastShown < 200 && sent < total)
                return;
            lastShown = clock.elapsed();
            const int percent = total > 0 ? int(100 * sent / total) : 0;
            err << "\r" << Tr::tr("%1: %2% (%3 of %4 MiB, %5 MiB/s)   ")
                              .arg(name)
                              .arg(percent)
                              .arg(mebibytes(sent), mebibytes(total), rate(sent, clock.elapsed()));
            err.flush();
        });
    }
    const Response response = ServerConnection::await(client.upload(apiPath, form), Response{});
    QObject::disconnect(progress);
    if (terminal)
        err << "\n";
    if (!response.isOk()) {
        (*connection)->report(response);
        return 1;
    }
    const qint64 elapsed = clock.elapsed();
    err << Tr::tr("uploaded %1 (%2 MiB) to %3:%4 in %5 s, %6 MiB/s")
               .arg(name, mebibytes(info.size()), storage, node)
               .arg(double(elapsed) / 1000.0, 0, 'f', 1)
               .arg(rate(info.size(), elapsed))
        << "\n";
    err.flush();

    auto upid = model::Upid::parse(response.data.toString());
    if (!upid) {
        err << Tr::tr("atalaiactl upload: the node answered without a task: %1").arg(upid.error().message) << "\n";
        return 1;
    }
    TaskFollower follower(**connection, *env.out, env.taskPollInterval);
    const TaskFollower::Outcome outcome = follower.run(*upid, true);
    if (!outcome.failure.isOk()) {
        (*connection)->report(outcome.failure);
        return 1;
    }
    if (!TaskFollower::succeeded(outcome.exitStatus)) {
        err << Tr::tr("atalaiactl: task %1 failed: %2").arg(upid->toString(), outcome.exitStatus) << "\n";
        return 1;
    }
    return 0;
}

} // namespace atalaia::cli
