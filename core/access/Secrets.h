#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace atalaia::access {

// True when A and B hold the same bytes. The time taken depends neither on
// where they differ nor on their lengths: both are hashed (SHA-256) and the
// digests compared with CRYPTO_memcmp.
bool secretsEqual(QByteArrayView a, QByteArrayView b);

// Overwrites the bytes of SECRET (in a way the compiler cannot drop) when
// no other QByteArray shares them, then clears it.
void wipe(QByteArray &secret);

} // namespace atalaia::access
