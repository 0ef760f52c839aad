#pragma once

#include "base/ChecksumAlgorithm.h"

#include "base/Error.h"
#include "model/Upid.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

#include <optional>

namespace atalaia::api {
class Services;
}

namespace atalaia::api::upload {

// A file an upload left in a storage's staging directory, and what the
// client said about it.
struct UploadedFile {
    QString storage;
    QString content;         // iso | vztmpl
    QString filename;        // the name it is to have
    QString stagingPath;     // where it is now
    qint64 size = 0;
    std::optional<QCryptographicHash::Algorithm> algorithm;
    QByteArray expectedChecksum; // lower-case hex; empty: none given
    QByteArray receivedChecksum; // hashed while it streamed in; empty: the task hashes the file
};

// Starts the task (Proxmox's "imgcopy") that checks an upload and moves it
// into place: the checksum, when one was given, then the storage's import
// (file name and extension for the content type, no overwriting, a rename
// on the same file system). The staging file is gone when the task ends,
// whatever the outcome; it is removed here too when no task starts.
Result<model::Upid> startUploadImport(Services &services, const QString &user, UploadedFile file);

// Removes staging files older than a day from DIR: an upload whose task
// never ran (stopped while it waited for a thread) or an agent that died
// during an import leaves one behind; a running upload's file has no name yet.
void removeStaleStagingFiles(const QString &dir);

// The prefix of staging files' names (hidden: never listed as volumes).
inline constexpr char kStagingPrefix[] = ".atalaia-upload-";

// The algorithm of a checksum-algorithm parameter: one list for the agent,
// the CLI and the console.
using base::checksumAlgorithm;

} // namespace atalaia::api::upload
