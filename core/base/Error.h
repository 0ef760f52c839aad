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
    // access 300..399
    AccessDenied = 300,        // authenticated, but lacks a privilege
    AuthenticationFailed = 301,
    TicketInvalid = 302,
    TicketExpired = 303,
    RateLimited = 304,
    NoSuchUser = 305,
    Crypto = 306,
    // store 400..499
    StoreConflict = 400,       // optimistic concurrency: the version moved
    StoreReadOnly = 401,       // no quorum
    StoreIo = 402,
    // tasks 500..599
    TaskNotFound = 500,
    // api 600..699
    ApiBadRequest = 600,
    ApiNotFound = 601,
    ApiMethodNotAllowed = 602,
    ApiUnauthorized = 603,
    ApiForbidden = 604,
    ApiTooLarge = 605,
    // secrets 700..799 (the OS keychain)
    KeychainUnavailable = 700, // no Secret Service / KWallet answers: ask each time, store nothing
    SecretNotFound = 701,
    KeychainAccessDenied = 702, // the keychain is locked and stayed locked, or refused us
    KeychainFailed = 703,       // anything else the keychain reported
    // cluster 800..899
    ClusterUnavailable = 800,   // corosync or the process group is down
    ClusterTimeout = 801,       // the cluster did not order or apply in time
    ClusterJoinFailed = 802,    // create/join/add-node refused, with the reason
    // virt 900..999 (guests, the hypervisor)
    HypervisorUnavailable = 900, // libvirtd does not answer, or the driver is missing
    GuestNotRunning = 901,
    GuestRunning = 902,          // the action needs a stopped guest
    MigrationFailed = 903,       // refused before starting, or failed on the way
    MigrationCancelled = 904,
};

enum class Domain { Generic, Config, Model, Access, Store, Tasks, Api, Secrets, Cluster, Virt };

struct Error {
    Code code = Code::Internal;
    QString message;
    std::source_location where = std::source_location::current();

    Domain domain() const;
    // "config: message" — for logs and the CLI.
    static QString domainName(Domain domain);
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
