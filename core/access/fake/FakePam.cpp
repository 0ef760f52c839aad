#include "FakePam.h"

#include "access/Secrets.h"
#include "access/Tr.h"

#include <QJsonValue>
#include <QMutexLocker>

namespace atalaia::access::fake {

Result<std::unique_ptr<FakePam>> FakePam::fromJson(const QJsonObject &fixture)
{
    const QJsonValue users = fixture.value(QStringLiteral("users"));
    if (!users.isObject())
        return fail(Code::InvalidArgument, Tr::tr("the PAM fixture needs a \"users\" object"));
    auto pam = std::make_unique<FakePam>();
    const QJsonObject map = users.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.value().isObject() || !isPlausibleUserName(it.key()))
            return fail(Code::InvalidArgument, Tr::tr("PAM fixture user '%1' must be a valid name mapped to an object")
                                                   .arg(it.key()));
        const QJsonObject spec = it.value().toObject();
        Account account;
        account.password = spec.value(QStringLiteral("password")).toString().toUtf8();
        account.locked = spec.value(QStringLiteral("locked")).toBool(false);
        pam->m_accounts.insert(it.key(), account);
    }
    return pam;
}

Result<void> FakePam::authenticate(const QString &user, QByteArrayView password)
{
    QMutexLocker lock(&m_mutex);
    ++m_authentications;
    const auto it = m_accounts.constFind(user);
    if (!isPlausibleUserName(user) || it == m_accounts.cend())
        return fail(Code::NoSuchUser, Tr::tr("there is no Linux account '%1' on this node: a user of the 'pam' "
                                             "realm needs one (create it with useradd, or let Atalaia create it)")
                                          .arg(user));
    const bool match = secretsEqual(it->password, password);
    if (it->password.isEmpty() || it->locked)
        return fail(Code::AuthenticationFailed, Tr::tr("Linux account '%1' may not log in: it is locked or has no "
                                                       "password").arg(user));
    if (password.isEmpty() || !match)
        return fail(Code::AuthenticationFailed, Tr::tr("wrong password for Linux account '%1'").arg(user));
    return {};
}

bool FakePam::accountExists(const QString &user)
{
    QMutexLocker lock(&m_mutex);
    return m_accounts.contains(user);
}

Result<void> FakePam::createAccount(const QString &user)
{
    if (const QString problem = newUserNameProblem(user); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    QMutexLocker lock(&m_mutex);
    if (m_accounts.contains(user))
        return fail(Code::AlreadyExists, Tr::tr("Linux account '%1' already exists").arg(user));
    m_accounts.insert(user, Account());
    return {};
}

void FakePam::setPassword(const QString &user, QByteArrayView password)
{
    QMutexLocker lock(&m_mutex);
    m_accounts[user].password = password.toByteArray();
}

void FakePam::setLocked(const QString &user, bool locked)
{
    QMutexLocker lock(&m_mutex);
    m_accounts[user].locked = locked;
}

int FakePam::authenticationCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_authentications;
}

} // namespace atalaia::access::fake
