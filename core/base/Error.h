#pragma once

#include <QString>

#include <expected>
#include <source_location>

namespace atalaia {

// Stable error codes. The domain (config, api, access, cluster, ...) is derived
// from the code's range, so a code never changes its domain.
enum class Code : int {
    // generic 0..99
    Internal = 1,
    InvalidArgument = 2,
    NotFound = 3,
    AlreadyExists = 4,
    Io = 5,
    Conflict = 6,
    // config 100..199
    ConfigSyntax = 100,
    ConfigEncoding = 101,
    ConfigTooLarge = 102,
    ConfigUnknownFormat = 103,
    // model 200..299
    ModelInvalidJson = 200,
    ModelInvalidUpid = 201,
    ModelInvalidId = 202,
};

enum class Domain { Generic, Config, Model };

struct Error {
    Code code = Code::Internal;
    QString message;
    std::source_location where = std::source_location::current();

    Domain domain() const;
    // "config: message" — for logs and the CLI.
    QString toString() const;
};

template <typename T>
using Result = std::expected<T, Error>;

// fail(code, message) builds the error side of any Result<T>, recording the
// caller's source location (libvirt's __FILE__/__LINE__ idea in C++20 form).
inline std::unexpected<Error> fail(Code code, QString message,
                                   std::source_location where = std::source_location::current())
{
    return std::unexpected<Error>(Error{code, std::move(message), where});
}

} // namespace atalaia
