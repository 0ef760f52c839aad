#pragma once

#include "ConfigEdit.h"
#include "config/ShadowFile.h"

#include <QString>

namespace atalaia::api {

// Drops ID's entry from a secrets file (edit.shadow(): priv/shadow.cfg, or
// edit.tokenSecrets(): priv/token.cfg) when it has one. Having none is
// normal: a PAM user has no password hash here, and either file may have
// been edited by hand.
inline ConfigEdit::Outcome removeSecret(ConfigEdit &edit, config::ShadowFile &secrets, const QString &id)
{
    if (!secrets.find(id.toUtf8()))
        return {};
    if (auto removed = secrets.remove(id); !removed)
        return edit.fail(removed.error());
    return {};
}

} // namespace atalaia::api
