#pragma once

#include "model/diagnostic.h"

#include <QWidget>
#include <vector>

class QListWidget;
class QToolButton;

namespace gd {

/// Collapsible list of import diagnostics (file and line named in each): a one-line header
/// ("2 errors, 5 warnings") that unfolds into the list. Never a dialog, never in the way.
class MessageArea : public QWidget {
    Q_OBJECT
public:
    explicit MessageArea(QWidget* parent = nullptr);

    /// Replaces the messages; the area hides itself when there are none.
    void setDiagnostics(const std::vector<Diagnostic>& diagnostics);
    void setExpanded(bool expanded);
    bool isExpanded() const;
    int messageCount() const;
    QString headerText() const;

    /// At most this many messages are listed; the rest are counted.
    static constexpr int kMaxListed = 2000;

private:
    QToolButton* header_;
    QListWidget* list_;
};

} // namespace gd
