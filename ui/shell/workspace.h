#pragma once

#include "import/importoptions.h"
#include "import/importresult.h"
#include "import/liverequestcounts.h"
#include "shell/openinputs.h"
#include "shell/pastestore.h"

#include <QObject>
#include <memory>
#include <vector>

namespace gd {

class ImportJob;

/// What the workbench has open: the inputs, pasted text, and the import of their union.
/// Every way of opening something (drop, menus, recent files, command line, paste) ends in open().
class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);
    ~Workspace() override;

    /// Adds `paths` to the open inputs and re-imports all of them. Paths already open are ignored;
    /// returns false when nothing new was given.
    bool open(const QStringList& paths);
    /// Saves `text` as pasted-N.log in the workspace's private folder and opens it.
    bool openPastedText(const QString& text, QString* error);
    /// Replaces what is open by `paths` (a session being opened) and imports them. What was shown
    /// stays until the import completes, and comes back when it is cancelled.
    bool replaceInputs(const QStringList& paths);
    /// Saves `text` as the next pasted-N.log without opening it; its path, or empty with `error` set.
    QString storePastedText(const QString& text, QString* error) { return pastes_.write(text, error); }
    /// True for the files pasted text was saved to (they live only as long as the workspace).
    bool isPasted(const QString& path) const;
    void cancelImport();

    bool isImporting() const;
    /// Inputs of the current result (what the user sees).
    const OpenInputs& loadedInputs() const { return loaded_; }
    /// Inputs being imported, or the loaded ones when idle.
    const OpenInputs& inputs() const { return pending_; }
    std::shared_ptr<const ImportResult> result() const { return result_; }
    void setImportOptions(const ImportOptions& options) { options_ = options; }

Q_SIGNALS:
    void importStarted(const QStringList& inputs);
    void importProgress(const gd::ImportProgress& progress);
    /// Requests per minute parsed so far by the running import (for a provisional chart).
    void importPartialCounts(std::shared_ptr<const std::vector<gd::LiveMinute>> counts);
    /// A completed import replaced the result.
    void importFinished(std::shared_ptr<const gd::ImportResult> result);
    /// The import was cancelled; the previous result and inputs stay.
    void importCancelled();
    /// Paths the user opened (for recent files; pasted text is not remembered).
    void inputsOpened(const QStringList& paths);

private:
    bool openPaths(const QStringList& paths, bool remember);
    void onFinished(std::shared_ptr<const ImportResult> result);

    ImportOptions options_;
    ImportJob* job_;
    OpenInputs loaded_;
    OpenInputs pending_;
    PasteStore pastes_;
    std::shared_ptr<const ImportResult> result_;
};

} // namespace gd
