#pragma once

#include "import/bytereader.h"

#include <QString>
#include <string>
#include <string_view>
#include <vector>

struct archive;

namespace gd {

/// Content signatures of the containers and compressors we open with libarchive.
enum class ContainerType { None, Gzip, Bzip2, Xz, Zstd, Zip, Tar, SevenZip };
ContainerType sniffContainer(std::string_view head);
QString containerName(ContainerType type);

struct ArchiveEntry {
    QString name; ///< member path as stored (may be unsafe: see safeMemberName)
    bool isRegular = false;
    bool isLink = false; ///< symlink or hard link
    QString linkTarget;
    bool isRawStream = false; ///< the "archive" is one compressed file (foo.log.gz), not a container
    /// What a member that is neither a file, a folder nor a link is ("character device 1,3", "FIFO"):
    /// it carries nothing to read, and is listed as skipped with this; empty for the others.
    QString specialType;
};

/// Reads the members of one archive (or one compressed stream) from a parent ByteReader,
/// so archives nest without ever being extracted to disk.
class ArchiveInput {
public:
    /// `prefetched` are bytes already read from `parent` (the sniffed head) and are served first.
    ArchiveInput(ByteReader& parent, std::string prefetched);
    ~ArchiveInput();
    ArchiveInput(const ArchiveInput&) = delete;
    ArchiveInput& operator=(const ArchiveInput&) = delete;

    bool open();
    /// Damaged: a member's header could not be read (libarchive's ARCHIVE_RETRY); reading goes on after it.
    enum class Step { Entry, End, Error, Damaged };
    Step next(ArchiveEntry& entry);
    /// Compression layers libarchive peeled off in this one level (a .gz.gz counts 2); valid after next().
    int compressionLayers() const;
    /// The data of the current entry.
    ByteReader& data() { return dataReader_; }
    QString errorString() const;

private:
    class EntryReader final : public ByteReader {
    public:
        explicit EntryReader(ArchiveInput& owner)
            : owner_(owner)
        {
        }
        std::ptrdiff_t read(char* data, std::size_t size) override;
        QString errorString() const override { return owner_.errorString(); }

    private:
        ArchiveInput& owner_;
    };
    static std::ptrdiff_t readCallback(struct archive*, void* self, const void** buffer);

    struct archive* archive_ = nullptr;
    ByteReader& parent_;
    std::string prefetched_;
    bool prefetchedServed_ = false;
    std::vector<char> buffer_;
    QString parentError_;
    EntryReader dataReader_;
};

/// A member name made safe for display and matching: no leading '/', no "." or ".." segments.
/// Sets `changed` when the stored name was absolute or climbed out with "..".
QString safeMemberName(const QString& stored, bool* changed);

} // namespace gd
