#include "SvgIconEngine.h"

#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

namespace atalaia::ui {

using namespace Qt::StringLiterals;

SvgIconEngine::SvgIconEngine(QString resourcePath) : m_path(std::move(resourcePath)) {}

SvgIconEngine::~SvgIconEngine() = default;

QSvgRenderer &SvgIconEngine::renderer()
{
    if (!m_renderer)
        m_renderer = std::make_unique<QSvgRenderer>(m_path);
    return *m_renderer;
}

void SvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, dpr));
}

QPixmap SvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

QPixmap SvgIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale)
{
    const QSize pixels = (QSizeF(size) * scale).toSize();
    if (pixels.isEmpty())
        return {};
    const quint64 key = (quint64(pixels.width()) << 32) | (quint64(pixels.height()) << 8) | quint64(mode);
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
        return *it;

    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        // Disabled rows (e.g. a datacenter we lost) look faded, like theme icons do.
        if (mode == QIcon::Disabled)
            painter.setOpacity(0.45);
        renderer().render(&painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
    }
    QPixmap pixmap = QPixmap::fromImage(std::move(image));
    pixmap.setDevicePixelRatio(scale);
    m_cache.insert(key, pixmap);
    return pixmap;
}

QSize SvgIconEngine::actualSize(const QSize &size, QIcon::Mode, QIcon::State)
{
    return size; // vector art: any size is exact
}

QIconEngine *SvgIconEngine::clone() const
{
    return new SvgIconEngine(m_path);
}

QString SvgIconEngine::key() const
{
    return u"atalaia-svg"_s;
}

bool SvgIconEngine::isNull()
{
    return !renderer().isValid();
}

} // namespace atalaia::ui
