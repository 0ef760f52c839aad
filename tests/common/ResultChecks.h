#pragma once

#include "base/Error.h"

#include <QString>
#include <QTest>

// QtTest checks for atalaia::Result<T>: a failure names the error's message
// and code, so a broken test says why the call failed.
namespace atalaia::test {

inline QString errorText(const Error &error)
{
    return QStringLiteral("%1 (code %2)").arg(error.message).arg(int(error.code));
}

} // namespace atalaia::test

// EXPR (a Result<T>) succeeded.
#define VERIFY_OK(expr)                                                                                      \
    do {                                                                                                     \
        const auto &result_ = (expr);                                                                        \
        QVERIFY2(result_.has_value(),                                                                        \
                 qPrintable(result_ ? QString() : ::atalaia::test::errorText(result_.error())));            \
    } while (false)

// EXPR (a Result<T>) failed with EXPECTEDCODE.
#define VERIFY_FAILS(expr, expectedCode)                                                                     \
    do {                                                                                                     \
        const auto &result_ = (expr);                                                                        \
        QVERIFY2(!result_.has_value(), "expected a failure");                                              \
        QCOMPARE(result_.error().code, expectedCode);                                                        \
    } while (false)
