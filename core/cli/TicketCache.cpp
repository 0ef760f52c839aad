#include "TicketCache.h"

#include "Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cstdio>

namespace atalaia::cli {

using api::client::Endpoint;
using api::client::Ticket;

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                           | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                           | QFileDevice::WriteOther | QFileDevice::ExeOther;

// "192.0.2.10:8006" -> "192.0.2.10_8006"; "[2001:db8::1]:8006" -> "2001_db8__1__8006".
QString fileName(const Endpoint &server)
{
    QString name = server.toString();
    name.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    for (QChar &c : name)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('.') && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    return QStringLiteral("ticket-%1.json").arg(name);
}

} // namespace

TicketCache::TicketCache(QString directory)
    : m_directory(std::move(directory))
{
}

QString TicketCache::fileFor(const Endpoint &server) const
{
    return m_directory + QLatin1Char('/') + fileName(server);
}

Result<std::optional<Ticket>> TicketCache::load(const Endpoint &server) const
{
    const QString path = fileFor(server);
    QFile file(path);
    if (!file.exists())
        return std::optional<Ticket>();
    if (file.permissions() & kOthers)
        return fail(Code::AccessDenied, Tr::tr("the ticket cache %1 may be read by other users: delete it and log "
                                               "in again")
                                            .arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Io, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    auto ticket = Ticket::fromJson(json);
    if (!ticket || json.value(QLatin1String("server")).toString() != server.toString())
        return fail(Code::ConfigSyntax, Tr::tr("%1 is not a ticket cache of %2: delete it and log in again")
                                            .arg(path, server.toString()));
    return std::optional<Ticket>(*ticket);
}

Result<void> TicketCache::save(const Endpoint &server, const Ticket &ticket) const
{
    // A directory we create is ours alone; one the user named that exists
    // already (ATALAIA_CACHE_DIR=/tmp) keeps its mode: the file is 0600 anyway.
    if (!QFileInfo::exists(m_directory)) {
        if (!QDir().mkpath(m_directory))
            return fail(Code::Io, Tr::tr("cannot create the directory %1").arg(m_directory));
        QFile::setPermissions(m_directory, kOwnerOnly | QFileDevice::ExeOwner);
    }
    QJsonObject json = ticket.toJson();
    json.insert(QStringLiteral("server"), server.toString());
    const QByteArray data = QJsonDocument(json).toJson(QJsonDocument::Indented);

    // Created 0600 and exclusively under a temporary name, then renamed over
    // the old file: readers see the old or the new ticket, never a part, and
    // the ticket is never in a file others could open.
    const QString path = fileFor(server);
    const QString temporary = QStringLiteral("%1.%2.tmp").arg(path).arg(QRandomGenerator::system()->generate(), 8, 16,
                                                                        QLatin1Char('0'));
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
        return fail(Code::Io, Tr::tr("cannot create %1: %2").arg(temporary, file.errorString()));
    const bool written = file.write(data) == data.size() && file.flush();
    file.close();
    if (!written || std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temporary);
        return fail(Code::Io, Tr::tr("cannot write the ticket cache %1").arg(path));
    }
    return {};
}

Result<void> TicketCache::remove(const Endpoint &server) const
{
    const QString path = fileFor(server);
    if (QFile::exists(path) && !QFile::remove(path))
        return fail(Code::Io, Tr::tr("cannot delete %1").arg(path));
    return {};
}

} // namespace atalaia::cli
