#include "ExternalCommand.h"

#include <QProcess>
#include <QStandardPaths>

namespace atalaia::virt {

namespace {

// Enough of stderr to say why, short enough for one task log entry.
QString stderrTail(const QByteArray &err)
{
    QStringList lines = QString::fromUtf8(err).trimmed().split(u'\n', Qt::SkipEmptyParts);
    if (lines.size() > 5)
        lines = lines.mid(lines.size() - 5);
    return lines.join(QStringLiteral(" | "));
}

} // namespace

std::unexpected<Error> cancelledError(const QString &what)
{
    return fail(Code::Io, QStringLiteral("%1: cancelled").arg(what));
}

QString findProgram(const QString &program)
{
    if (program.startsWith(u'/'))
        return program;
    QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(program, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return path;
}

Result<CommandOutput> runCommand(const QString &program, const QStringList &args, const TaskHooks &hooks,
                                 const QByteArray &input)
{
    const QString path = findProgram(program);
    if (path.isEmpty())
        return fail(Code::Io, QStringLiteral("%1: not installed (not found in PATH, /usr/sbin or /sbin)").arg(program));
    QProcess p;
    p.setProgram(path);
    p.setArguments(args);
    // Messages are parsed in places (debugfs): keep them untranslated.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    p.setProcessEnvironment(env);
    p.start();
    if (!p.waitForStarted(30000))
        return fail(Code::Io, QStringLiteral("%1: could not be started: %2").arg(program, p.errorString()));
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();

    CommandOutput out;
    // Short waits keep cancellation prompt; output is drained as it comes so a
    // chatty program never blocks on a full pipe.
    while (!p.waitForFinished(200)) {
        out.out += p.readAllStandardOutput();
        out.err += p.readAllStandardError();
        if (p.state() == QProcess::NotRunning)
            break;
        if (hooks.isCancelled()) {
            p.kill();
            p.waitForFinished(10000);
            return cancelledError(program);
        }
    }
    out.out += p.readAllStandardOutput();
    out.err += p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit)
        return fail(Code::Io, QStringLiteral("%1: crashed: %2").arg(program, stderrTail(out.err)));
    if (p.exitCode() != 0)
        return fail(Code::Io,
                    QStringLiteral("%1: exit code %2: %3").arg(program).arg(p.exitCode()).arg(stderrTail(out.err)));
    return out;
}

} // namespace atalaia::virt
