#pragma once

#include <QByteArray>

namespace atalaia::api {

// gzip (RFC 1952) of DATA at zlib's LEVEL (1 fastest ... 9 smallest).
QByteArray gzip(const QByteArray &data, int level = 6);

// The data of a gzip stream, or an empty array when it is not one.
QByteArray gunzip(const QByteArray &compressed);

// Whether an Accept-Encoding header value admits gzip: listed (or "*")
// without "q=0".
bool acceptsGzip(const QByteArray &acceptEncoding);

} // namespace atalaia::api
