#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QTextStream>

#include <chrono>
#include <functional>
#include <optional>

namespace atalaia::cli {

// Everything atalaiactl takes from its surroundings, so tests run commands
// in-process with their own streams, variables and password answers.
//
//   ATALAIA_SERVER       default --server
//   ATALAIA_TOKEN        API token (USER@REALM!ID=SECRET) instead of a ticket
//   ATALAIA_PASSWORD     login password instead of the prompt
//   ATALAIA_CONFIG_DIR   instead of ~/.config/atalaia (known_servers, defaults);
//                        the ticket cache then goes to its cache/ directory
//   ATALAIA_CACHE_DIR    instead of ~/.cache/atalaia (ticket cache)
// XDG_CONFIG_HOME and XDG_CACHE_HOME are honoured as usual.
struct Environment {
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    QProcessEnvironment variables;
    // Asks for a secret without echo; nullopt when there is no answer
    // (end of input).
    std::function<std::optional<QString>(const QString &prompt)> readSecret;
    // How often `--follow` asks a running task for new log lines. One
    // second is what pvesh and the Proxmox GUI use.
    std::chrono::milliseconds taskPollInterval = std::chrono::seconds(1);

    // The process's own: stdout, stderr, its environment, the terminal.
    static Environment system(QTextStream &out, QTextStream &err);

    QString variable(const char *name) const;
    QString configDir() const;
    QString cacheDir() const;
};

} // namespace atalaia::cli
