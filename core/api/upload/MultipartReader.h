#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

namespace atalaia::api::upload {

// A multipart/form-data body (RFC 7578) read as it streams in: feed() takes
// the bytes in pieces of any size and hands each part's headers and data on
// at once, keeping back only what could be the start of the next boundary
// (about 70 bytes), so a body of any size passes through in bounded memory.
class MultipartReader
{
public:
    struct Part {
        QString name;                    // Content-Disposition's name
        std::optional<QString> filename; // set for a file part (without any directory)
        QByteArray contentType;
    };
    // Each returns an error to stop reading (feed() then returns it).
    struct Handler {
        std::function<Result<void>(const Part &part)> begins;
        std::function<Result<void>(QByteArrayView data)> data;
        std::function<Result<void>()> ends;
    };

    MultipartReader(const QByteArray &boundary, Handler handler);

    // The boundary parameter of a multipart/form-data Content-Type header.
    static std::optional<QByteArray> boundaryOf(QByteArrayView contentType);

    Result<void> feed(QByteArrayView bytes);
    // The closing boundary has been read: every part is complete.
    bool finished() const { return m_state == State::Done; }

private:
    enum class State { Preamble, Headers, Body, AfterBoundary, Done };

    Result<void> step(bool &progressed);
    Result<void> scanForDelimiter(bool deliver, bool &progressed);
    Result<void> beginPart(QByteArrayView headers);

    // What a part's header block may hold: a few short headers.
    static constexpr qsizetype kMaxHeaderBytes = 16 * 1024;

    QByteArray m_delimiter; // "\r\n--" + boundary
    Handler m_handler;
    State m_state = State::Preamble;
    QByteArray m_pending;   // bytes not handed on yet
};

} // namespace atalaia::api::upload
