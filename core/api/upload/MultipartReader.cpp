#include "MultipartReader.h"

#include "api/routes/Tr.h"

#include <QList>

namespace atalaia::api::upload {

namespace {

// A header's parameter (name="x"; filename="y"), quotes removed.
std::optional<QByteArray> headerParameter(QByteArrayView header, QByteArrayView name)
{
    const QList<QByteArray> pieces = header.toByteArray().split(';');
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QByteArray piece = pieces.at(i).trimmed();
        const qsizetype eq = piece.indexOf('=');
        if (eq < 0 || piece.first(eq).trimmed().toLower() != name)
            continue;
        QByteArray value = piece.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2).replace("\\\"", "\"");
        return value;
    }
    return std::nullopt;
}

} // namespace

MultipartReader::MultipartReader(const QByteArray &boundary, Handler handler)
    : m_delimiter("\r\n--" + boundary)
    , m_handler(std::move(handler))
    // The first boundary may open the body without a line break before it.
    , m_pending("\r\n")
{
}

std::optional<QByteArray> MultipartReader::boundaryOf(QByteArrayView contentType)
{
    const QByteArray type = contentType.toByteArray().split(';').value(0).trimmed().toLower();
    if (type != "multipart/form-data")
        return std::nullopt;
    std::optional<QByteArray> boundary = headerParameter(contentType, "boundary");
    // RFC 2046: 1 to 70 characters.
    if (!boundary || boundary->isEmpty() || boundary->size() > 70)
        return std::nullopt;
    return boundary;
}

Result<void> MultipartReader::feed(QByteArrayView bytes)
{
    if (m_state == State::Done)
        return {}; // the epilogue: ignored
    m_pending.append(bytes);
    bool progressed = true;
    while (progressed && m_state != State::Done) {
        progressed = false;
        if (Result<void> r = step(progressed); !r)
            return r;
    }
    if (m_state == State::Done)
        m_pending.clear();
    return {};
}

Result<void> MultipartReader::scanForDelimiter(bool deliver, bool &progressed)
{
    const qsizetype at = m_pending.indexOf(m_delimiter);
    // Without a delimiter, all but a possible delimiter's start can go.
    const qsizetype safe = at >= 0 ? at : qMax<qsizetype>(0, m_pending.size() - (m_delimiter.size() - 1));
    if (deliver && safe > 0 && m_handler.data)
        if (Result<void> r = m_handler.data(QByteArrayView(m_pending).first(safe)); !r)
            return r;
    if (at < 0) {
        if (safe > 0) {
            m_pending.remove(0, safe);
            progressed = true;
        }
        return {};
    }
    if (deliver && m_handler.ends)
        if (Result<void> r = m_handler.ends(); !r)
            return r;
    m_pending.remove(0, at + m_delimiter.size());
    m_state = State::AfterBoundary;
    progressed = true;
    return {};
}

Result<void> MultipartReader::step(bool &progressed)
{
    switch (m_state) {
    case State::Preamble:
        return scanForDelimiter(false, progressed);
    case State::Body:
        return scanForDelimiter(true, progressed);
    case State::AfterBoundary: {
        if (m_pending.size() < 2)
            return {};
        if (m_pending.startsWith("--")) {
            m_state = State::Done;
            progressed = true;
            return {};
        }
        // Transport padding (spaces, tabs) may follow a boundary, then CRLF.
        qsizetype i = 0;
        while (i < m_pending.size() && (m_pending.at(i) == ' ' || m_pending.at(i) == '\t'))
            ++i;
        if (m_pending.size() - i < 2)
            return {};
        if (m_pending.at(i) != '\r' || m_pending.at(i + 1) != '\n')
            return fail(Code::ApiBadRequest, Tr::tr("the multipart/form-data body is malformed: a boundary is not "
                                                    "followed by a line break"));
        m_pending.remove(0, i + 2);
        m_state = State::Headers;
        progressed = true;
        return {};
    }
    case State::Headers: {
        const qsizetype end = m_pending.indexOf("\r\n\r\n");
        // A part without headers starts with the blank line at once.
        const bool empty = m_pending.startsWith("\r\n");
        if (end < 0 && !empty) {
            if (m_pending.size() > kMaxHeaderBytes)
                return fail(Code::ApiBadRequest, Tr::tr("the headers of a part of the multipart/form-data body are "
                                                        "longer than %1 bytes").arg(kMaxHeaderBytes));
            return {};
        }
        const qsizetype headerEnd = empty ? 0 : end;
        if (Result<void> r = beginPart(QByteArrayView(m_pending).first(headerEnd)); !r)
            return r;
        m_pending.remove(0, empty ? 2 : end + 4);
        // The body starts here; the CRLF before the next boundary belongs
        // to the delimiter.
        m_state = State::Body;
        progressed = true;
        return {};
    }
    case State::Done:
        return {};
    }
    return {};
}

Result<void> MultipartReader::beginPart(QByteArrayView headers)
{
    Part part;
    bool formData = false;
    for (const QByteArray &line : headers.toByteArray().split('\n')) {
        const QByteArray trimmed = line.trimmed();
        const qsizetype colon = trimmed.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = trimmed.first(colon).trimmed().toLower();
        const QByteArray value = trimmed.mid(colon + 1).trimmed();
        if (name == "content-disposition") {
            formData = value.split(';').value(0).trimmed().toLower() == "form-data";
            part.name = QString::fromUtf8(headerParameter(value, "name").value_or(QByteArray()));
            if (std::optional<QByteArray> filename = headerParameter(value, "filename")) {
                QString file = QString::fromUtf8(*filename);
                // Some browsers send the client's whole path.
                file = file.mid(qMax(file.lastIndexOf(u'/'), file.lastIndexOf(u'\\')) + 1);
                part.filename = file;
            }
        } else if (name == "content-type") {
            part.contentType = value;
        }
    }
    if (!formData || part.name.isEmpty())
        return fail(Code::ApiBadRequest, Tr::tr("a part of the multipart/form-data body has no "
                                                "'Content-Disposition: form-data; name=...' header"));
    return m_handler.begins ? m_handler.begins(part) : Result<void>{};
}

} // namespace atalaia::api::upload
