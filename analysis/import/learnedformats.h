#pragma once

#include "model/sourceinfo.h"
#include "parse/nginxlogformat.h"

#include <memory>
#include <mutex>
#include <vector>

namespace gd {

/// The access-log formats a bundle's own nginx configuration defines (`log_format`), learned while the import
/// walks the bundle and shared by its threads. Access logs found after the configuration are read with them
/// first: a folder always lists etc/ before var/, and so do bundles packed from / in the usual order.
class LearnedLogFormats {
public:
    using Formats = std::vector<NginxLogFormat>;

    /// Takes the `log_format` definitions of `config` when it is an nginx configuration.
    void learnFrom(const ConfigFile& config);

    /// The formats learned so far; the snapshot stays valid as long as it is held.
    std::shared_ptr<const Formats> snapshot() const;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const Formats> formats_ = std::make_shared<const Formats>();
};

} // namespace gd
