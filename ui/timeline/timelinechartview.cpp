#include "timeline/timelinechartview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

namespace gd {

namespace {
constexpr int kDragThresholdPx = 5;
constexpr double kWheelZoomPerStep = 0.8; // one wheel notch shows 80 % of the span
constexpr double kKeyZoom = 0.5;
constexpr double kKeyPan = 0.25;
} // namespace

TimelineChartView::TimelineChartView(QChart* chart, QWidget* parent)
    : QChartView(chart, parent)
    , band_(new QRubberBand(QRubberBand::Rectangle, viewport()))
{
    setRubberBand(QChartView::NoRubberBand); // our own: a click must stay a click
    setFocusPolicy(Qt::StrongFocus);
    setRenderHint(QPainter::Antialiasing, false);
    setMouseTracking(true);
}

void TimelineChartView::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if (delta.x() != 0 || (event->modifiers() & Qt::ShiftModifier)) {
        // Horizontal wheel or Shift+wheel pans.
        const int amount = delta.x() != 0 ? delta.x() : delta.y();
        Q_EMIT panRequested(amount / 120.0 * viewport()->width() * 0.1);
    } else if (delta.y() != 0) {
        Q_EMIT zoomRequested(std::pow(kWheelZoomPerStep, delta.y() / 120.0), event->position().x());
    }
    event->accept();
}

void TimelineChartView::mousePressEvent(QMouseEvent* event)
{
    pressPos_ = lastPos_ = event->position().toPoint();
    moved_ = false;
    if (event->button() == Qt::MiddleButton ||
        (event->button() == Qt::LeftButton &&
         (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)))) {
        drag_ = Drag::Pan;
        viewport()->setCursor(Qt::ClosedHandCursor);
    } else if (event->button() == Qt::LeftButton) {
        drag_ = Drag::Select;
    } else if (event->button() == Qt::RightButton) {
        Q_EMIT zoomRequested(2.0, pressPos_.x());
    }
    event->accept();
}

void TimelineChartView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (drag_ == Drag::None) {
        QChartView::mouseMoveEvent(event); // hover on series
        return;
    }
    if (std::abs(pos.x() - pressPos_.x()) >= kDragThresholdPx)
        moved_ = true;
    if (drag_ == Drag::Pan) {
        Q_EMIT panRequested(lastPos_.x() - pos.x());
    } else if (moved_) {
        band_->setGeometry(QRect(QPoint(std::min(pressPos_.x(), pos.x()), 0),
                                 QPoint(std::max(pressPos_.x(), pos.x()), viewport()->height())));
        band_->show();
    }
    lastPos_ = pos;
    event->accept();
}

void TimelineChartView::mouseReleaseEvent(QMouseEvent* event)
{
    const Drag drag = drag_;
    drag_ = Drag::None;
    band_->hide();
    viewport()->unsetCursor();
    const int x = event->position().toPoint().x();
    if (drag == Drag::Select) {
        if (moved_)
            Q_EMIT rangeDragged(std::min(pressPos_.x(), x), std::max(pressPos_.x(), x));
        else
            Q_EMIT clicked(x);
    }
    event->accept();
}

void TimelineChartView::keyPressEvent(QKeyEvent* event)
{
    const qreal center = viewport()->width() / 2.0;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        Q_EMIT zoomRequested(kKeyZoom, center);
        break;
    case Qt::Key_Minus:
        Q_EMIT zoomRequested(1.0 / kKeyZoom, center);
        break;
    case Qt::Key_Left:
        Q_EMIT panFractionRequested(-kKeyPan);
        break;
    case Qt::Key_Right:
        Q_EMIT panFractionRequested(kKeyPan);
        break;
    case Qt::Key_Home:
        Q_EMIT resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineChartView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && toolTipText_) {
        // One tooltip for the whole plot: the bin under the cursor, its markers and incidents.
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = drag_ == Drag::None ? toolTipText_(help->pos().x()) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QChartView::viewportEvent(event);
}

} // namespace gd
