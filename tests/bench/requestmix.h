#pragma once

#include "benchrandom.h"
#include "bundleplan.h"
#include "textbuffer.h"

#include <string_view>

namespace gd::bench {

/// What kind of request a line is: decides URL shape, status mix, timing and whether PHP runs.
enum class RequestClass : std::uint8_t { Page, Search, Ajax, Admin, User, File, Feed, Probe, Hostmaster };

struct RequestShape {
    RequestClass type = RequestClass::Page;
    std::string_view method = "GET";
    bool php = true;        ///< reaches PHP-FPM (can fail with 502/504)
    bool cacheable = false; ///< anonymous GET that Speed Booster may answer from cache
};

/// Draws a request class with the mix of a busy Drupal hosting server.
RequestShape pickRequestShape(Random& random, const Site& site);

/// Appends the request URI (path and query) for the shape, e.g. "/node/123?page=2".
void addRequestUri(TextBuffer& out, Random& random, const Site& site, const RequestShape& shape);

/// Pages and files of a site come from a fixed catalogue (popular ones repeat, as in real traffic).
constexpr std::uint32_t kPagesPerSite = 2500;
constexpr std::uint32_t kImagesPerSite = 3000;
/// Seed of item `item` of a catalogue `family` of the site.
std::uint64_t catalogSeed(const Site& site, std::uint64_t family, std::uint64_t item);
/// Appends the path of page `item` of the site's catalogue (item 0 is the front page).
void addCatalogPage(TextBuffer& out, const Site& site, std::uint32_t item);

/// The request FPM sees after BOA's rewrite: D7 "/index.php?q=node/1&page=2", D10 "/index.php?page=2".
void addFpmRequestUri(TextBuffer& out, const Site& site, std::string_view uri);

/// A user agent string; clients keep theirs, crawlers announce themselves.
std::string_view userAgentFor(std::uint32_t clientIndex);

/// Some words for slugs, search keys and file names.
std::string_view randomWord(Random& random);

} // namespace gd::bench
