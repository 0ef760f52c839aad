#include "MemorySecretStore.h"

#include "Answer.h"

#include <QTimer>

namespace atalaia::secrets {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::setKeychainAvailable(bool available, const QString &reason)
{
    m_keychainAvailable = available;
    m_unavailableReason = reason;
}

bool MemorySecretStore::available() const
{
    return m_available;
}

Result<void> MemorySecretStore::checkAvailable()
{
    if (m_available != m_keychainAvailable) {
        m_available = m_keychainAvailable;
        // Queued like the answer, and ahead of it: never a signal from
        // inside the caller's call.
        QTimer::singleShot(0, this, [this, now = m_available] { emit availabilityChanged(now); });
    }
    if (!m_keychainAvailable)
        return fail(Code::KeychainUnavailable, unavailableMessage(m_unavailableReason));
    return {};
}

QFuture<Result<void>> MemorySecretStore::probe()
{
    return Answer<void>::later(this, checkAvailable());
}

QFuture<Result<QString>> MemorySecretStore::read(const SecretKey &key)
{
    if (auto ok = checkArguments(key); !ok)
        return Answer<QString>::later(this, std::unexpected(ok.error()));
    if (auto ok = checkAvailable(); !ok)
        return Answer<QString>::later(this, std::unexpected(ok.error()));
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return Answer<QString>::later(this, fail(Code::SecretNotFound, notFoundMessage(key)));
    return Answer<QString>::later(this, *it);
}

QFuture<Result<void>> MemorySecretStore::write(const SecretKey &key, const QString &secret)
{
    if (auto ok = checkArguments(key, &secret); !ok)
        return Answer<void>::later(this, std::move(ok));
    if (auto ok = checkAvailable(); !ok)
        return Answer<void>::later(this, std::move(ok));
    m_entries.insert(key, secret);
    return Answer<void>::later(this, Result<void>());
}

QFuture<Result<void>> MemorySecretStore::remove(const SecretKey &key)
{
    if (auto ok = checkArguments(key); !ok)
        return Answer<void>::later(this, std::move(ok));
    if (auto ok = checkAvailable(); !ok)
        return Answer<void>::later(this, std::move(ok));
    m_entries.remove(key);
    return Answer<void>::later(this, Result<void>());
}

} // namespace atalaia::secrets
