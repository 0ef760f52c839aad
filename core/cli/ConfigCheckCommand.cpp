#include "ConfigCheckCommand.h"

#include "config/ConfigTree.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace atalaia::cli {

int runConfigCheck(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks Proxmox-format cluster configuration: a file or a whole /etc/pve-like tree."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Output format: text (default) or json."), QStringLiteral("format"),
                                    QStringLiteral("text"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Print errors only, no warnings and no summary."));
    parser.addOptions({output, quiet});
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("Config file or directory to check."),
                                 QStringLiteral("PATH..."));
    if (!parser.parse(arguments)) {
        err << "atalaiactl config check: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    const QString format = parser.value(output);
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        err << "atalaiactl config check: unknown output format '" << format << "': use text or json\n";
        return 2;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        err << "atalaiactl config check: no path given\nusage: atalaiactl config check PATH... [--output text|json]\n";
        return 2;
    }

    config::Diagnostics all;
    int files = 0;
    int skipped = 0;
    for (const QString &path : paths) {
        auto tree = config::ConfigTree::load(path);
        if (!tree) {
            err << "atalaiactl config check: " << tree.error().message << "\n";
            return 2;
        }
        files += int(tree->files().size());
        skipped += tree->skippedFiles();
        all += tree->check();
    }
    const auto errors = std::count_if(all.cbegin(), all.cend(), [](const auto &d) { return d.isError(); });
    const auto warnings = all.size() - errors;

    if (format == QLatin1String("json")) {
        QJsonArray list;
        for (const config::Diagnostic &d : std::as_const(all))
            list.append(d.toJson());
        const QJsonObject doc{{QStringLiteral("files"), files},
                              {QStringLiteral("skipped"), skipped},
                              {QStringLiteral("errors"), qint64(errors)},
                              {QStringLiteral("warnings"), qint64(warnings)},
                              {QStringLiteral("diagnostics"), list}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        const bool onlyErrors = parser.isSet(quiet);
        for (const config::Diagnostic &d : std::as_const(all))
            if (!onlyErrors || d.isError())
                out << d.toString() << "\n";
        if (!onlyErrors) {
            out << QStringLiteral("%1 file(s) checked, %2 error(s), %3 warning(s)").arg(files).arg(errors).arg(warnings);
            if (skipped > 0)
                out << QStringLiteral(" (%1 file(s) of other formats not checked)").arg(skipped);
            out << "\n";
        }
    }
    return errors > 0 ? 1 : 0;
}

} // namespace atalaia::cli
