#pragma once

#include "Environment.h"

#include <QStringList>

namespace atalaia::cli {

// atalaiactl upload NODE STORAGE FILE [--content iso|vztmpl]
//                   [--checksum-algorithm ALG|none] [--name NAME] [connection options]
//   streams FILE to the storage (POST /nodes/NODE/storage/STORAGE/upload)
//   with the checksum it computed, then follows the import task; progress
//   on stderr when that is a terminal, a summary line always. Exit 1 when
//   the upload or the task failed.
int runUploadCommand(const QStringList &arguments, Environment &env);

} // namespace atalaia::cli
