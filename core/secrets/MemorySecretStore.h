#pragma once

#include "SecretStore.h"

#include <QHash>

namespace atalaia::secrets {

// A keychain in memory: the store of tests, demos and `atalaia --fake`. It
// behaves like KeychainSecretStore, answers included (on the next turn of
// the event loop, never before the call returned, in call order), and can
// pretend that there is no keychain at all.
//
// Each call takes effect when it is made, so a read() made after a write()
// sees the written secret even if neither answer has arrived yet.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    // Simulates a machine without a keychain (false) or with one (true, the
    // default). While unavailable, every call fails with
    // Code::KeychainUnavailable and nothing is read, stored or deleted;
    // entries stored before are kept and reachable again once available.
    // Takes effect at the next probe or call, as a keychain that stops or
    // starts would.
    void setKeychainAvailable(bool available, const QString &reason = {});

    bool available() const override;
    QFuture<Result<void>> probe() override;
    QFuture<Result<QString>> read(const SecretKey &key) override;
    QFuture<Result<void>> write(const SecretKey &key, const QString &secret) override;
    QFuture<Result<void>> remove(const SecretKey &key) override;

    // What is stored, for tests: the number of entries, and whether KEY has one.
    qsizetype size() const { return m_entries.size(); }
    bool contains(const SecretKey &key) const { return m_entries.contains(key); }

private:
    // Records what a call met (known availability changes with it).
    Result<void> checkAvailable();

    QHash<SecretKey, QString> m_entries;
    bool m_keychainAvailable = true; // what the simulated machine has
    QString m_unavailableReason;
    bool m_available = false;        // what the last probe or call found
};

} // namespace atalaia::secrets
