#include "Authenticator.h"

#include "AccessControl.h"
#include "LoginThrottle.h"
#include "PamBackend.h"
#include "PasswordHasher.h"
#include "Tr.h"
#include "config/UserConfigFile.h"

#include <QLoggingCategory>

namespace atalaia::access {

Q_LOGGING_CATEGORY(lcAccess, "atalaia.access")

namespace {

// A yescrypt (or SHA-512) hash of a random password, checked against when a
// 'pve' user has no hash, so that answering takes as long as for one that does.
const QByteArray &dummyHash()
{
    static const QByteArray hash = PasswordHasher::hash("atalaia-dummy-password-never-matches").value_or(QByteArray());
    return hash;
}

} // namespace

Authenticator::Authenticator(PamBackend &pam, LoginThrottle &throttle, const Clock &clock)
    : m_pam(pam), m_throttle(throttle), m_clock(clock)
{
}

Error Authenticator::genericFailure()
{
    return Error{Code::AuthenticationFailed, Tr::tr("authentication failure")};
}

QString Authenticator::loggable(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\')
            out += QLatin1String("\\\\");
        else if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

Result<void> Authenticator::throttled(const QString &key, const QString &source, QString *detail)
{
    const auto wait = m_throttle.retryAfter(key, source);
    if (wait.count() <= 0)
        return {};
    const int seconds = static_cast<int>((wait.count() + 999) / 1000);
    const QString why = Tr::tr("too many failed logins for '%1' or from '%2'").arg(key, source);
    qCWarning(lcAccess).noquote() << "login refused; rhost=" << loggable(source) << "user=" << loggable(key)
                                  << "msg=" << loggable(why);
    if (detail)
        *detail = why;
    return fail(Code::RateLimited,
                Tr::tr("too many failed login attempts, try again in %n second(s)", nullptr, seconds));
}

Result<Identity> Authenticator::refused(const QString &userid, const QString &source, const Error &why, QString *detail)
{
    m_throttle.recordFailure(userid, source);
    qCWarning(lcAccess).noquote() << "authentication failure; rhost=" << loggable(source) << "user=" << loggable(userid)
                                  << "msg=" << loggable(why.message);
    if (detail)
        *detail = why.message;
    return std::unexpected(genericFailure());
}

Result<void> Authenticator::checkPassword(const AccessControl &acl, const QString &userid, QByteArrayView password)
{
    if (const QString problem = config::UserConfigFile::userIdProblem(userid.toUtf8()); !problem.isEmpty())
        return fail(Code::AuthenticationFailed, problem);
    const Identity who = Identity::user(userid);
    const QString realm = who.realm().toString();
    if (realm != QLatin1String("pam") && realm != QLatin1String("pve"))
        return fail(Code::AuthenticationFailed,
                    Tr::tr("auth domain '%1' does not exist (Atalaia has the realms 'pam' and 'pve')").arg(realm));
    const bool pve = realm == QLatin1String("pve");
    if (auto enabled = acl.checkUserEnabled(userid, m_clock); !enabled) {
        if (pve)
            PasswordHasher::verify(password, dummyHash()); // the same time as a real check
        return std::unexpected(enabled.error());
    }
    if (password.isEmpty())
        return fail(Code::AuthenticationFailed, Tr::tr("no password"));
    if (!pve) {
        const QString linuxUser = userid.first(userid.lastIndexOf(QLatin1Char('@')));
        return m_pam.authenticate(linuxUser, password);
    }
    const std::optional<QByteArray> hash = acl.passwordHash(userid);
    if (!hash) {
        PasswordHasher::verify(password, dummyHash());
        return fail(Code::AuthenticationFailed, Tr::tr("no password set"));
    }
    if (!PasswordHasher::verify(password, *hash))
        return fail(Code::AuthenticationFailed, Tr::tr("invalid credentials"));
    return {};
}

Result<Identity> Authenticator::login(const AccessControl &acl, const QString &userid, QByteArrayView password,
                                      const QString &source, QString *detail)
{
    if (auto ok = throttled(userid, source, detail); !ok)
        return std::unexpected(ok.error());
    if (auto ok = checkPassword(acl, userid, password); !ok)
        return refused(userid, source, ok.error(), detail);
    m_throttle.recordSuccess(userid, source);
    qCInfo(lcAccess).noquote() << "successful auth for user" << userid << "from" << source;
    return Identity::user(userid);
}

Result<Identity> Authenticator::authenticateToken(const AccessControl &acl, QStringView credentials,
                                                  const QString &source, QString *detail)
{
    QStringView text = credentials.trimmed();
    if (text.startsWith(QLatin1String("PVEAPIToken="), Qt::CaseInsensitive))
        text = text.sliced(12);
    // "USER@REALM!TOKEN=SECRET": the token id cannot contain '=', the secret could.
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    const QString tokenId = equals < 0 ? text.toString() : text.first(equals).toString();
    if (auto ok = throttled(tokenId, source, detail); !ok)
        return std::unexpected(ok.error());
    if (equals < 0)
        return refused(tokenId, source, Error{Code::AuthenticationFailed, Tr::tr("no tokenid specified")}, detail);
    const QByteArray secret = text.sliced(equals + 1).toUtf8();
    auto who = acl.verifyToken(tokenId, secret, m_clock);
    if (!who)
        return refused(tokenId, source, who.error(), detail);
    m_throttle.recordSuccess(tokenId, source);
    return who;
}

} // namespace atalaia::access
