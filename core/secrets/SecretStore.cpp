#include "SecretStore.h"

#include "Tr.h"

namespace atalaia::secrets {

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::unavailableMessage(const QString &reason)
{
    if (reason.isEmpty())
        return Tr::tr("No keychain is available (no Secret Service or KWallet running); Atalaia will ask for "
                      "the password each time and never store it in a file");
    return Tr::tr("No keychain is available (no Secret Service or KWallet running: %1); Atalaia will ask for "
                  "the password each time and never store it in a file")
        .arg(reason);
}

QString SecretStore::notFoundMessage(const SecretKey &key)
{
    return Tr::tr("No secret of %1 for %2 is stored in the keychain").arg(key.userId(), key.connectionId());
}

Result<void> SecretStore::checkArguments(const SecretKey &key, const QString *secret)
{
    if (!key.isValid())
        return fail(Code::InvalidArgument,
                    Tr::tr("A keychain entry needs a service, a connection and a user (got \"%1\", \"%2\", \"%3\")")
                        .arg(key.service(), key.connectionId(), key.userId()));
    if (secret && secret->isEmpty())
        return fail(Code::InvalidArgument,
                    Tr::tr("An empty secret is not stored (%1 for %2)").arg(key.userId(), key.connectionId()));
    return {};
}

} // namespace atalaia::secrets
