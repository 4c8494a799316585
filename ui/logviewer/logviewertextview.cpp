#include "logviewer/logviewertextview.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace gd {

namespace {

/// Paints the line-number margin on behalf of the text view.
class Gutter : public QWidget {
public:
    explicit Gutter(LogViewerTextView* view)
        : QWidget(view)
        , view_(view)
    {
    }
    QSize sizeHint() const override { return {view_->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { view_->paintGutter(event); }

private:
    LogViewerTextView* view_;
};

constexpr int kMarkerWidth = 6;

} // namespace

LogViewerTextView::LogViewerTextView(QWidget* parent)
    : QPlainTextEdit(parent)
    , gutter_(new Gutter(this))
    , colors_(LogColors::fromPalette(palette()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setUndoRedoEnabled(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setCenterOnScroll(false);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &LogViewerTextView::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &LogViewerTextView::updateGutter);
    updateGutterWidth();
}

void LogViewerTextView::showLines(const QStringList& lines, std::uint64_t firstLine, std::uint64_t markedLine)
{
    firstLine_ = firstLine;
    markedLine_ = markedLine;
    // Plain text only: log content is never interpreted as markup.
    setPlainText(lines.join(u'\n'));
    updateGutterWidth();
    updateMarkBand();
    if (markedLine_ >= firstLine_ && markedLine_ - firstLine_ < static_cast<std::uint64_t>(lines.size())) {
        const QTextBlock block = document()->findBlockByNumber(static_cast<int>(markedLine_ - firstLine_));
        QTextCursor cursor(block);
        setTextCursor(cursor);
        horizontalScrollBar()->setValue(0);
        centerCursor();
    }
    gutter_->update();
}

void LogViewerTextView::clearLines()
{
    markedLine_ = 0;
    firstLine_ = 1;
    clear();
    setExtraSelections({});
}

QString LogViewerTextView::markedLineText() const
{
    if (markedLine_ < firstLine_ || markedLine_ == 0)
        return {};
    const QTextBlock block = document()->findBlockByNumber(static_cast<int>(markedLine_ - firstLine_));
    return block.isValid() ? block.text() : QString();
}

bool LogViewerTextView::isMarkedLineVisible() const
{
    if (markedLine_ < firstLine_ || markedLine_ == 0)
        return false;
    const QTextBlock block = document()->findBlockByNumber(static_cast<int>(markedLine_ - firstLine_));
    if (!block.isValid())
        return false;
    const QRectF box = blockBoundingGeometry(block).translated(contentOffset());
    return box.top() >= 0 && box.bottom() <= viewport()->height();
}

void LogViewerTextView::setColors(const LogColors& colors)
{
    colors_ = colors;
    updateMarkBand();
    gutter_->update();
}

int LogViewerTextView::gutterWidth() const
{
    const std::uint64_t last = firstLine_ + static_cast<std::uint64_t>(std::max(1, blockCount())) - 1;
    const int digits = static_cast<int>(QString::number(last).size());
    return kMarkerWidth + 8 + fontMetrics().horizontalAdvance(u'9') * std::max(3, digits);
}

void LogViewerTextView::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void LogViewerTextView::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0)
        gutter_->scroll(0, dy);
    else
        gutter_->update(0, rect.y(), gutter_->width(), rect.height());
}

void LogViewerTextView::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    gutter_->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

void LogViewerTextView::updateMarkBand()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (markedLine_ >= firstLine_ && markedLine_ != 0) {
        const QTextBlock block = document()->findBlockByNumber(static_cast<int>(markedLine_ - firstLine_));
        if (block.isValid()) {
            QTextEdit::ExtraSelection band;
            band.format.setBackground(colors_.markBand);
            band.format.setProperty(QTextFormat::FullWidthSelection, true);
            band.cursor = QTextCursor(block);
            selections << band;
        }
    }
    setExtraSelections(selections);
}

void LogViewerTextView::paintGutter(QPaintEvent* event)
{
    QPainter painter(gutter_);
    const QPalette& pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const std::uint64_t number = firstLine_ + static_cast<std::uint64_t>(block.blockNumber());
            const bool marked = number == markedLine_;
            if (marked) {
                painter.fillRect(QRect(0, top, gutter_->width(), height), colors_.markBand);
                painter.fillRect(QRect(0, top, kMarkerWidth, height), colors_.marker);
            }
            painter.setPen(marked ? pal.color(QPalette::Text) : colors_.muted);
            painter.drawText(QRect(kMarkerWidth, top, gutter_->width() - kMarkerWidth - 4, lineHeight),
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(number));
        }
        top += height;
        block = block.next();
    }
}

} // namespace gd
