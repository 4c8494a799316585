#pragma once

#include "import/bytereader.h"
#include "import/importoptions.h"
#include "import/kinddetector.h"
#include "model/diagnostic.h"
#include "model/sourceinfo.h"
#include "parse/logparser.h"

#include <memory>
#include <string>
#include <vector>

namespace gd {

/// Receives what the walker finds. Called on the walker's thread.
class BundleSink {
public:
    virtual ~BundleSink() = default;
    /// A log: `head` holds its first bytes; the sink reads the rest from `rest` to the end.
    virtual void foundLog(const SourceLocation& location, const KindDecision& decision, std::string head,
                          ByteReader& rest) = 0;
    virtual void foundConfig(ConfigFile file) = 0;
    virtual void skipped(SkippedFile file) = 0;
    virtual void diagnostic(Diagnostic message) = 0;
    virtual bool isCancelled() const = 0;
    /// Access-log formats the bundle's nginx configuration defined so far (LearnedLogFormats), tried first.
    virtual std::shared_ptr<const std::vector<NginxLogFormat>> learnedFormats() const { return {}; }
};

/// A file to read and what the user opened to get it (the file itself, or the folder it is in).
struct InputFile {
    QString path;
    QString bundle;
};

/// Expands the user's inputs (files, folders) into the files to read, in a stable order.
std::vector<InputFile> collectInputFiles(const QStringList& inputs, std::vector<Diagnostic>& diagnostics,
                                         std::vector<SkippedFile>& skipped);

/// Opens one input file and everything nested in it (archives, compressed streams), recognises
/// each member by content and hands it to the sink. Never writes anything to disk.
class BundleWalker {
public:
    BundleWalker(const ImportOptions& options, BundleSink& sink);
    void walkFile(const InputFile& file);

    /// Bytes of the input file consumed so far (for progress).
    std::uint64_t inputBytesRead() const;

private:
    struct Budget;
    void process(ByteReader& stream, std::string head, const SourceLocation& location, const QString& name,
                 int depth, Budget& budget);
    void processGzip(ByteReader& stream, std::string head, const SourceLocation& location,
                     const QString& name, int depth, Budget& budget, int peeledLayers);
    void processArchive(ByteReader& stream, std::string head, const SourceLocation& location,
                        const QString& name, int depth, Budget& budget, int peeledLayers = 0);
    /// Reports a file that is not read, both as a message and in the skipped list.
    void refuse(const QString& display, const QString& reason, Diagnostic::Severity severity);
    QString nestingReason(const QString& typeName) const;
    void processText(ByteReader& stream, std::string head, const SourceLocation& location,
                     const QString& name);

    const ImportOptions& options_;
    ParserOptions parserOptions_;
    BundleSink& sink_;
    const class FileReader* currentFile_ = nullptr;
};

/// Reads the first bytes of a stream (enough to recognise formats).
bool readHead(ByteReader& reader, std::string& head, std::size_t size = 64 * 1024);

} // namespace gd
