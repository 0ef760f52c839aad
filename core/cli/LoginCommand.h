#pragma once

#include "Environment.h"

#include <QStringList>

namespace atalaia::cli {

// atalaiactl login [--server HOST[:PORT][,...]] [--user USER@REALM]
//                  [--fingerprint FP | --trust]
//
// Checks the server's certificate first (before any password is asked for
// or sent): pinned in known_servers, given with --fingerprint (the node's
// or the cluster join information's), or accepted as presented with
// --trust. Then asks for the password without echo (or takes
// ATALAIA_PASSWORD), logs in, caches the ticket (0600, TicketCache) and
// remembers server and user for later commands (CliDefaults). A user
// without "@REALM" is in the pam realm.
int runLoginCommand(const QStringList &arguments, Environment &env);

// atalaiactl logout [--server ...]: forgets the cached ticket.
int runLogoutCommand(const QStringList &arguments, Environment &env);

} // namespace atalaia::cli
