#include "CliDefaults.h"

#include "Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace atalaia::cli {

CliDefaults CliDefaults::load(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
    return CliDefaults{json.value(QLatin1String("server")).toString(), json.value(QLatin1String("user")).toString()};
}

Result<void> CliDefaults::save(const QString &file) const
{
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return fail(Code::Io, Tr::tr("cannot create the directory of %1").arg(file));
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(file, f.errorString()));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("server"), server}, {QStringLiteral("user"), user}})
                .toJson(QJsonDocument::Indented));
    if (!f.commit())
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(file, f.errorString()));
    return {};
}

} // namespace atalaia::cli
