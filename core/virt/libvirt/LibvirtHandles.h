#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <QString>

#include <memory>

namespace atalaia::virt::libvirt {

// Owning handles for libvirt objects: each closes or frees its object once.
struct ConnectionCloser {
    void operator()(virConnectPtr c) const { virConnectClose(c); }
};
struct DomainFreer {
    void operator()(virDomainPtr d) const { virDomainFree(d); }
};
using ConnectionHandle = std::unique_ptr<virConnect, ConnectionCloser>;
using DomainHandle = std::unique_ptr<virDomain, DomainFreer>;

// Typed parameters that libvirt allocated (job stats) or we built (migration).
class TypedParameters
{
public:
    TypedParameters() = default;
    TypedParameters(const TypedParameters &) = delete;
    TypedParameters &operator=(const TypedParameters &) = delete;
    ~TypedParameters() { virTypedParamsFree(params, count); }

    virTypedParameterPtr params = nullptr;
    int count = 0;
    int capacity = 0;

    long long integer(const char *name, long long fallback = 0) const
    {
        unsigned long long u = 0;
        if (virTypedParamsGetULLong(params, count, name, &u) == 1)
            return static_cast<long long>(u);
        long long l = 0;
        if (virTypedParamsGetLLong(params, count, name, &l) == 1)
            return l;
        return fallback;
    }
};

// The message of the last libvirt error on this thread.
inline QString lastLibvirtError()
{
    const char *message = virGetLastErrorMessage();
    return message ? QString::fromUtf8(message) : QStringLiteral("unknown libvirt error");
}

inline int lastLibvirtErrorCode()
{
    virErrorPtr e = virGetLastError();
    return e ? e->code : VIR_ERR_OK;
}

} // namespace atalaia::virt::libvirt
