#include "LinuxPam.h"

#include "access/Secrets.h"
#include "access/Tr.h"

#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>

#include <security/pam_appl.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace atalaia::access::pam {

namespace {

// Serializes PAM transactions (see the class comment).
QMutex &pamMutex()
{
    static QMutex mutex;
    return mutex;
}

// Answers PAM's prompts: the password for the hidden prompt, nothing for the
// others (informational and error messages need no answer; a visible prompt
// would ask for something we do not have).
int conversation(int count, const struct pam_message **messages, struct pam_response **responses,
                            void *data)
{
    if (count <= 0 || count > PAM_MAX_NUM_MSG || !responses)
        return PAM_CONV_ERR;
    auto *replies = static_cast<pam_response *>(std::calloc(static_cast<size_t>(count), sizeof(pam_response)));
    if (!replies)
        return PAM_BUF_ERR;
    const auto *password = static_cast<const QByteArray *>(data);
    for (int i = 0; i < count; ++i) {
        if (messages[i]->msg_style != PAM_PROMPT_ECHO_OFF)
            continue;
        replies[i].resp = strdup(password->constData()); // PAM frees it
        if (!replies[i].resp) {
            for (int j = 0; j < i; ++j) {
                if (replies[j].resp) {
                    explicit_bzero(replies[j].resp, std::strlen(replies[j].resp));
                    std::free(replies[j].resp);
                }
            }
            std::free(replies);
            return PAM_BUF_ERR;
        }
    }
    *responses = replies;
    return PAM_SUCCESS;
}

struct Transaction {
    pam_handle_t *handle = nullptr;
    int status = PAM_SUCCESS;
    ~Transaction()
    {
        if (handle)
            pam_end(handle, status);
    }
    QString error(int code) const { return QString::fromLocal8Bit(pam_strerror(handle, code)); }
};

} // namespace

LinuxPam::LinuxPam(QString configDir) : m_configDir(std::move(configDir)) {}

bool LinuxPam::accountExists(const QString &user)
{
    if (!isPlausibleUserName(user))
        return false;
    const QByteArray name = user.toUtf8();
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(static_cast<size_t>(size > 0 ? size : 16384));
    for (;;) {
        passwd entry {};
        passwd *found = nullptr;
        const int error = getpwnam_r(name.constData(), &entry, buffer.data(), buffer.size(), &found);
        if (error == ERANGE && buffer.size() < (1u << 20)) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        return error == 0 && found != nullptr;
    }
}

Result<void> LinuxPam::authenticate(const QString &user, QByteArrayView password)
{
    if (!accountExists(user))
        return fail(Code::NoSuchUser, Tr::tr("there is no Linux account '%1' on this node: a user of the 'pam' "
                                             "realm needs one (create it with useradd, or let Atalaia create it)")
                                          .arg(user));
    if (password.isEmpty() || password.contains('\0'))
        return fail(Code::AuthenticationFailed, Tr::tr("wrong password for Linux account '%1'").arg(user));

    QByteArray secret = password.toByteArray(); // NUL-terminated for the conversation
    const QByteArray name = user.toUtf8();
    const QByteArray configDir = QFile::encodeName(m_configDir);
    const pam_conv conv{&conversation, &secret};

    QMutexLocker lock(&pamMutex());
    Transaction t;
    t.status = m_configDir.isEmpty()
        ? pam_start(kService, name.constData(), &conv, &t.handle)
        : pam_start_confdir(kService, name.constData(), &conv, configDir.constData(), &t.handle);
    if (t.status != PAM_SUCCESS) {
        wipe(secret);
        return fail(Code::Internal, Tr::tr("cannot start PAM service '%1': %2")
                                        .arg(QLatin1String(kService), t.error(t.status)));
    }
    t.status = pam_authenticate(t.handle, PAM_SILENT | PAM_DISALLOW_NULL_AUTHTOK);
    wipe(secret);
    switch (t.status) {
    case PAM_SUCCESS: break;
    case PAM_USER_UNKNOWN:
        return fail(Code::NoSuchUser, Tr::tr("PAM does not know Linux account '%1' on this node").arg(user));
    case PAM_AUTH_ERR:
    case PAM_MAXTRIES:
        return fail(Code::AuthenticationFailed, Tr::tr("wrong password for Linux account '%1'").arg(user));
    default:
        return fail(Code::AuthenticationFailed,
                    Tr::tr("PAM refused Linux account '%1': %2").arg(user, t.error(t.status)));
    }
    t.status = pam_acct_mgmt(t.handle, PAM_SILENT | PAM_DISALLOW_NULL_AUTHTOK);
    switch (t.status) {
    case PAM_SUCCESS: return {};
    case PAM_ACCT_EXPIRED:
        return fail(Code::AuthenticationFailed, Tr::tr("Linux account '%1' has expired").arg(user));
    case PAM_NEW_AUTHTOK_REQD:
        return fail(Code::AuthenticationFailed,
                    Tr::tr("the password of Linux account '%1' has expired and must be changed").arg(user));
    default:
        return fail(Code::AuthenticationFailed,
                    Tr::tr("Linux account '%1' may not log in: %2").arg(user, t.error(t.status)));
    }
}

Result<void> LinuxPam::createAccount(const QString &user)
{
    if (const QString problem = newUserNameProblem(user); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    if (accountExists(user))
        return fail(Code::AlreadyExists, Tr::tr("Linux account '%1' already exists").arg(user));
    QString program = QStringLiteral("/usr/sbin/useradd");
    if (!QFile::exists(program))
        program = QStringLiteral("useradd");
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, {QStringLiteral("--no-create-home"), QStringLiteral("--shell"),
                            QStringLiteral("/usr/sbin/nologin"), QStringLiteral("--"), user});
    if (!process.waitForStarted(10'000))
        return fail(Code::Internal, Tr::tr("cannot run useradd: %1").arg(process.errorString()));
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished(5'000);
        return fail(Code::Internal, Tr::tr("useradd did not finish within a minute"));
    }
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(Code::Internal, Tr::tr("useradd failed for '%1' (exit code %2): %3")
                                        .arg(user, QString::number(process.exitCode()), output));
    return {};
}

} // namespace atalaia::access::pam
