#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

namespace atalaia::api::client {

// A login session: the authentication ticket POST /access/ticket returned
// and the CSRF prevention token that must accompany every write made with it.
//
// Tickets are valid for two hours from their creation ("PVE:<userid>:<hex
// Unix time>::<signature>"); the client renews them well before that by
// logging in again with the ticket as the password, as Proxmox's own GUI
// does. obtainedMs is the client's own clock when the ticket arrived:
// the client measures the ticket's age with its own clock, so a skew between
// client and server clocks never makes it renew too late.
struct Ticket {
    static constexpr qint64 kLifetimeMs = 2 * 3600 * 1000;

    QString userid;          // "root@pam"
    QString ticket;          // sent as the PVEAuthCookie cookie
    QString csrfToken;       // sent as the CSRFPreventionToken header on writes
    qint64 obtainedMs = 0;   // ms since the epoch, client clock

    bool isNull() const { return ticket.isEmpty(); }
    qint64 ageMs(qint64 nowMs) const { return nowMs - obtainedMs; }
    bool isExpired(qint64 nowMs) const { return ageMs(nowMs) >= kLifetimeMs; }

    // {"username", "ticket", "CSRFPreventionToken", "obtained"}: the login
    // answer's names, so a cache file reads like the API's answer.
    QJsonObject toJson() const;
    // Code::InvalidArgument when a field is missing.
    static Result<Ticket> fromJson(const QJsonObject &json);

    friend bool operator==(const Ticket &, const Ticket &) = default;
};

} // namespace atalaia::api::client
