#pragma once

#include "api/client/Endpoint.h"
#include "api/client/Ticket.h"
#include "base/Error.h"

#include <QString>

#include <optional>

namespace atalaia::cli {

// atalaiactl's login sessions: one file per server,
// DIRECTORY/ticket-<address>.json (normally ~/.cache/atalaia), holding the
// ticket and CSRF token of the last `atalaiactl login` there:
//
//   {"server": "192.0.2.10:8006", "username": "root@pam", "ticket": "PVE:...",
//    "CSRFPreventionToken": "...", "obtained": 1764150000000}
//
// A ticket is a password for two hours, so the file is created with mode
// 0600 from the start (never widened then narrowed) and replaced atomically,
// in a directory created 0700 when missing; a cache file others may read is
// refused.
class TicketCache
{
public:
    explicit TicketCache(QString directory);

    QString fileFor(const api::client::Endpoint &server) const;
    // nullopt when there is no cache file for SERVER.
    Result<std::optional<api::client::Ticket>> load(const api::client::Endpoint &server) const;
    Result<void> save(const api::client::Endpoint &server, const api::client::Ticket &ticket) const;
    Result<void> remove(const api::client::Endpoint &server) const;

private:
    QString m_directory;
};

} // namespace atalaia::cli
