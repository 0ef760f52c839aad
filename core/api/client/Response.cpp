#include "Response.h"

#include "Tr.h"

namespace atalaia::api::client {

namespace {

Code codeForStatus(int status)
{
    switch (status) {
    case 400: return Code::ApiBadRequest;
    case 401: return Code::ApiUnauthorized;
    case 403: return Code::ApiForbidden;
    case 404: return Code::ApiNotFound;
    case 413: return Code::ApiTooLarge;
    case 429: return Code::RateLimited;
    case 501: return Code::ApiMethodNotAllowed;
    default: return Code::Internal;
    }
}

} // namespace

Error Response::error() const
{
    switch (failure) {
    case Failure::None:
        break;
    case Failure::Http: {
        QString text = message.isEmpty() ? Tr::tr("the server answered with HTTP status %1").arg(httpStatus) : message;
        for (auto it = parameterErrors.cbegin(); it != parameterErrors.cend(); ++it)
            text += QLatin1Char('\n') + Tr::tr("%1: %2").arg(it.key(), it.value());
        return Error{codeForStatus(httpStatus), text};
    }
    case Failure::Unreachable:
    case Failure::Timeout:
    case Failure::ConnectionLost:
        return Error{Code::Io, message};
    case Failure::UntrustedCertificate:
    case Failure::CertificateChanged:
        return Error{Code::Crypto, message};
    case Failure::Protocol:
    case Failure::Cancelled:
        return Error{Code::Internal, message};
    }
    return Error{Code::Internal, Tr::tr("the call succeeded")};
}

Result<QJsonValue> Response::toResult() const
{
    if (isOk())
        return data;
    return std::unexpected(error());
}

} // namespace atalaia::api::client
