#include "PasswordPrompt.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace atalaia::cli {

std::optional<QString> PasswordPrompt::read(const QString &prompt, QTextStream &promptStream)
{
    promptStream << prompt;
    promptStream.flush();
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    const bool silenced = terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (silenced) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= tcflag_t(ECHONL);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    bool any = false;
    for (int c = std::getchar(); c != EOF; c = std::getchar()) {
        any = true;
        if (c == '\n')
            break;
        line.push_back(char(c));
    }
    if (silenced) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    } else {
        // Nothing echoed the end of the line: end the prompt's line ourselves.
        promptStream << "\n";
        promptStream.flush();
    }
    if (!any)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    QString password = QString::fromStdString(line);
    // Overwrite the copy in the std::string before it is freed.
    std::fill(line.begin(), line.end(), '\0');
    return password;
}

} // namespace atalaia::cli
