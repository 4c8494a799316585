#pragma once

#include "shell/timedisplay.h"

#include <QWidget>
#include <memory>

class QLabel;
class QTreeView;

namespace gd {

struct ImportResult;
class MessageArea;
class SourcesModel;

/// The files of the import (tree of sources, skipped files and configs), the server time zone
/// the logs were read in, and the import's messages.
class SourcesPanel : public QWidget {
    Q_OBJECT
public:
    explicit SourcesPanel(QWidget* parent = nullptr);

    void setImport(std::shared_ptr<const ImportResult> result);
    void setTimeDisplay(const TimeDisplay& display);

    SourcesModel* model() const { return model_; }
    QTreeView* view() const { return view_; }
    MessageArea* messages() const { return messages_; }

Q_SIGNALS:
    /// A source row was activated (double click / Enter): index in ImportResult::sources.
    void sourceActivated(int source);

private:
    SourcesModel* model_;
    QLabel* zone_;
    QTreeView* view_;
    MessageArea* messages_;
};

} // namespace gd
