#pragma once

#include "base/Error.h"
#include "secrets/SecretKey.h"
#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QFile>
#include <QFuture>
#include <QStringList>
#include <QTest>

// Helpers of the core/secrets tests. Stores answer through this thread's
// event loop, so waiting for an answer means spinning it.
namespace atalaia::test {

// Long enough for a loaded CI machine; the keychain answers in milliseconds.
constexpr int kSecretsTimeoutMs = 20000;

// The answer of FUTURE, or an Internal error when none came.
template <typename T>
Result<T> settle(QFuture<Result<T>> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, kSecretsTimeoutMs))
        return fail(Code::Internal, QStringLiteral("no answer within %1 ms").arg(kSecretsTimeoutMs));
    if (future.isCanceled() || future.resultCount() == 0)
        return fail(Code::Internal, QStringLiteral("the call was cancelled"));
    return future.result();
}

// For QVERIFY2's message, which is evaluated even when the check passes:
// never touch error() of a Result that holds a value.
template <typename T>
QByteArray describe(const Result<T> &result)
{
    return result ? QByteArray("ok") : QStringLiteral("%1 (code %2)")
                                           .arg(result.error().message)
                                           .arg(int(result.error().code))
                                           .toLocal8Bit();
}

// Every file under DIR (hidden ones too), relative to it.
inline QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next().mid(dir.size() + 1);
    return files;
}

// The files under DIR whose bytes contain TEXT (UTF-8).
inline QStringList filesContaining(const QString &dir, const QString &text)
{
    QStringList found;
    for (const QString &name : filesUnder(dir)) {
        QFile file(dir + u'/' + name);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8()))
            found << name;
    }
    return found;
}

} // namespace atalaia::test

// EXPR (a Result<T>) succeeded.
#define SECRETS_VERIFY_OK(expr)                                                                              \
    do {                                                                                                     \
        const auto &result_ = (expr);                                                                        \
        QVERIFY2(result_.has_value(), ::atalaia::test::describe(result_).constData());                       \
    } while (false)

// EXPR (a Result<T>) failed with EXPECTEDCODE.
#define SECRETS_VERIFY_FAILS(expr, expectedCode)                                                             \
    do {                                                                                                     \
        const auto &result_ = (expr);                                                                        \
        QVERIFY2(!result_.has_value(), "expected a failure, got a value");                                   \
        QVERIFY2(result_.error().code == (expectedCode), ::atalaia::test::describe(result_).constData());    \
    } while (false)
