#pragma once

#include <QChartView>
#include <QPoint>
#include <functional>

class QRubberBand;

namespace gd {

/// The chart's input: wheel zooms at the cursor, a left drag selects a range to zoom to, a click
/// picks a time, a middle drag (or Shift+left drag) pans, keys zoom/pan/reset. It reports pixels
/// in viewport coordinates; TimelineChart turns them into times.
class TimelineChartView : public QChartView {
    Q_OBJECT
public:
    explicit TimelineChartView(QChart* chart, QWidget* parent = nullptr);
    /// What the tooltip says at a viewport x (empty: no tooltip there).
    void setToolTipText(std::function<QString(qreal viewX)> text) { toolTipText_ = std::move(text); }

Q_SIGNALS:
    /// factor < 1 zooms in, around `viewX`.
    void zoomRequested(double factor, qreal viewX);
    void panRequested(qreal dxPixels);
    /// A key asked to pan by a fraction of the visible span (negative: earlier).
    void panFractionRequested(double fraction);
    void rangeDragged(qreal fromViewX, qreal toViewX);
    void clicked(qreal viewX);
    void resetRequested();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    enum class Drag { None, Select, Pan };
    Drag drag_ = Drag::None;
    QPoint pressPos_;
    QPoint lastPos_;
    bool moved_ = false;
    QRubberBand* band_;
    std::function<QString(qreal)> toolTipText_;
};

} // namespace gd
