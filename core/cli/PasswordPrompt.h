#pragma once

#include <QString>
#include <QTextStream>

#include <optional>

namespace atalaia::cli {

// Reads one line from standard input without echoing it when that is a
// terminal (the prompt goes to PROMPTSTREAM, normally stderr, so stdout stays
// clean for output). Input that is not a terminal (a pipe) is read as is.
class PasswordPrompt
{
public:
    // nullopt at end of input.
    static std::optional<QString> read(const QString &prompt, QTextStream &promptStream);
};

} // namespace atalaia::cli
