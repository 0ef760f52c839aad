#pragma once

#include <QHash>
#include <QIconEngine>
#include <QPixmap>
#include <QString>

#include <memory>

class QSvgRenderer;

namespace atalaia::ui {

// Draws one bundled SVG at any size. Qt only renders SVG icons through the
// qt6-svg-plugins icon engine, which is a runtime package a console install
// may lack; rendering with QSvgRenderer ourselves (Qt6::Svg is a link-time
// dependency) keeps the bundled icons crisp at every scale without it.
class SvgIconEngine : public QIconEngine
{
public:
    explicit SvgIconEngine(QString resourcePath);
    ~SvgIconEngine() override;

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;
    QString key() const override;
    bool isNull() override;

private:
    QSvgRenderer &renderer();

    QString m_path;
    std::unique_ptr<QSvgRenderer> m_renderer; // parsed on first use
    QHash<quint64, QPixmap> m_cache; // device pixel size + mode → rendered pixmap
};

} // namespace atalaia::ui
