#include "RequestHead.h"

#include "api/routes/Tr.h"

#include <QRegularExpression>

namespace atalaia::api::upload {

namespace {

// Percent-encoding is not undone here: a node or storage name needing it
// is not a valid one, and the dispatcher sees the decoded path anyway.
const QRegularExpression &uploadLine()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^POST /api2/json/nodes/[^/?# ]+/storage/[^/?# ]+/upload/?(?:\?[^ ]*)? HTTP/1\.[01]$)"));
    return re;
}

} // namespace

bool RequestHead::isUpload(QByteArrayView requestLine)
{
    if (!requestLine.startsWith("POST /api2/json/nodes/"))
        return false; // the common case, without a regular expression
    return uploadLine().match(QString::fromLatin1(requestLine)).hasMatch();
}

Result<RequestHead> RequestHead::parse(QByteArrayView bytes)
{
    const QList<QByteArray> lines = bytes.toByteArray().split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return fail(Code::ApiBadRequest, Tr::tr("the upload request does not start with an HTTP/1.1 request line"));
    RequestHead head;
    head.method = requestLine.at(0);
    head.target = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(Code::ApiBadRequest, Tr::tr("the upload request has a malformed header line: %1")
                                                 .arg(QString::fromLatin1(line.left(80))));
        const QByteArray name = line.first(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        QByteArray &slot = head.headers[name];
        slot = slot.isEmpty() ? value : slot + ", " + value;
    }
    return head;
}

} // namespace atalaia::api::upload
