#include "requestmix.h"

#include <array>

namespace gd::bench {

namespace {

constexpr std::array kWords = {
    "energy",    "summit",     "garden",  "winter",  "report",    "annual",  "market",  "design",  "health",
    "travel",    "members",    "events",  "course",  "student",   "program", "support", "contact", "privacy",
    "team",      "history",    "project", "climate", "budget",    "council", "recipe",  "bread",   "coffee",
    "hiking",    "mountain",   "river",   "bike",    "festival",  "music",   "theatre", "museum",  "library",
    "science",   "research",   "lecture", "housing", "transport", "parking", "school",  "sports",  "football",
    "tennis",    "swimming",   "yoga",    "kids",    "family",    "career",  "jobs",    "vacancy", "donate",
    "volunteer", "newsletter", "press",   "media",   "gallery",   "photos"};
constexpr std::array kSections = {"news",         "blog",     "events",        "products",
                                  "about",        "services", "articles",      "nl/nieuws",
                                  "de/aktuelles", "en/news",  "fr/actualites", "shop"};
constexpr std::array kAdminPaths = {"/admin/content?status=All&type=All&title=&langcode=All&page=",
                                    "/admin/reports/dblog?page=",
                                    "/admin/structure/views/view/frontpage/edit/page_",
                                    "/admin/config/development/performance?destination=/admin/config&x=",
                                    "/admin/reports/updates?check=",
                                    "/admin/modules?page=",
                                    "/node/add/article?tab=",
                                    "/admin/people?user=&status=All&role=All&permission=All&page="};
constexpr std::array kProbePaths = {"/wp-login.php",
                                    "/.env",
                                    "/xmlrpc.php",
                                    "/wp-admin/setup-config.php",
                                    "/.git/config",
                                    "/phpmyadmin/index.php",
                                    "/wp-content/plugins/wp-file-manager/readme.txt",
                                    "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
                                    "/boaform/admin/formLogin",
                                    "/cgi-bin/luci/;stok=/locale"};
constexpr std::array kBrowsers = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
    "Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 "
    "Mobile "
    "Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36 "
    "Edg/131.0.0.0",
    "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 "
    "Mobile/15E148 Safari/604.1",
};
constexpr std::array kCrawlers = {
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "python-requests/2.31.0",
    "curl/7.88.1",
    "-",
};

void addToken(TextBuffer& out, Random& random, int length)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    for (int i = 0; i < length; ++i)
        out.add(kAlphabet[random.below(64)]);
}

void addSlug(TextBuffer& out, Random& random)
{
    const std::uint32_t words = random.between(2, 5);
    for (std::uint32_t i = 0; i < words; ++i) {
        if (i > 0)
            out.add('-');
        out.add(randomWord(random));
    }
}

/// Marketing and paging parameters that make many URLs unique.
void addPageQuery(TextBuffer& out, Random& random)
{
    const double roll = random.unit();
    if (roll < 0.05) {
        out.add("?page=");
        out.addUint(random.skewed(40, 2));
    } else if (roll < 0.08) {
        out.add("?utm_source=newsletter&utm_medium=email&utm_campaign=nov");
        out.addUint(random.between(1, 30));
    } else if (roll < 0.088) {
        out.add("?fbclid=IwAR");
        addToken(out, random, 56);
    } else if (roll < 0.093) {
        out.add("?gclid=Cj0KCQiA");
        addToken(out, random, 40);
    } else if (roll < 0.098) {
        out.add("?amp");
    }
}

} // namespace

std::uint64_t catalogSeed(const Site& site, std::uint64_t family, std::uint64_t item)
{
    std::uint64_t h = (site.index + 1) * 0x9E3779B97F4A7C15ULL;
    h ^= family * 0xC2B2AE3D27D4EB4FULL + item * 0x165667B19E3779F9ULL;
    return h ^ (h >> 31);
}

void addCatalogPage(TextBuffer& out, const Site& site, std::uint32_t item)
{
    if (item == 0) {
        out.add('/');
        return;
    }
    Random page(catalogSeed(site, 0x9A6E, item));
    const double roll = page.unit();
    if (roll < 0.3) {
        out.add("/node/");
        out.addUint(1 + page.below(60000));
    } else if (roll < 0.37) {
        out.add("/taxonomy/term/");
        out.addUint(1 + page.below(900));
    } else {
        out.add('/');
        out.add(kSections[page.below(kSections.size())]);
        if (page.chance(0.4)) {
            out.add("/2026/");
            out.addPadded(page.between(1, 11), 2);
        }
        out.add('/');
        addSlug(out, page);
    }
}

std::string_view randomWord(Random& random)
{
    return kWords[random.below(kWords.size())];
}

RequestShape pickRequestShape(Random& random, const Site& site)
{
    static constexpr std::array<std::uint32_t, 9> kWeights = {560, 30, 60, 40, 40, 150, 45, 35, 0};
    RequestShape shape;
    if (site.host.ends_with(".srv1.example.net")) {
        shape.type = RequestClass::Hostmaster;
        shape.method = random.chance(0.2) ? "POST" : "GET";
        return shape;
    }
    shape.type = static_cast<RequestClass>(random.weighted(kWeights));
    switch (shape.type) {
    case RequestClass::Page:
        shape.method = random.chance(0.01) ? "HEAD" : "GET";
        shape.cacheable = true;
        break;
    case RequestClass::Search:
        break;
    case RequestClass::Ajax:
        shape.method = random.chance(0.6) ? "POST" : "GET";
        break;
    case RequestClass::Admin:
        shape.method = random.chance(0.15) ? "POST" : "GET";
        break;
    case RequestClass::User:
        shape.method = random.chance(0.35) ? "POST" : "GET";
        break;
    case RequestClass::File:
        shape.php = random.chance(0.08);
        break; // image styles are generated by PHP
    case RequestClass::Feed:
        shape.cacheable = true;
        break;
    case RequestClass::Probe:
        shape.method = random.chance(0.3) ? "POST" : "GET";
        break;
    case RequestClass::Hostmaster:
        break;
    }
    return shape;
}

void addRequestUri(TextBuffer& out, Random& random, const Site& site, const RequestShape& shape)
{
    switch (shape.type) {
    case RequestClass::Page:
        addCatalogPage(out, site, random.skewed(kPagesPerSite, 4));
        addPageQuery(out, random);
        break;
    case RequestClass::Search:
        out.add(site.drupal7 ? "/search/node/" : "/search/node?keys=");
        out.add(randomWord(random));
        if (random.chance(0.5)) {
            out.add(site.drupal7 ? "%20" : "+");
            out.add(randomWord(random));
        }
        break;
    case RequestClass::Ajax:
        if (site.drupal7) {
            out.add(random.chance(0.5) ? "/system/ajax" : "/views/ajax");
        } else {
            out.add("/views/ajax?_wrapper_format=drupal_ajax&view_name=");
            out.add(randomWord(random));
            out.add("&view_display_id=block_");
            out.addUint(random.between(1, 4));
            out.add("&view_args=&view_path=%2Fnode%2F");
            out.addUint(1 + random.skewed(60000, 3));
            out.add("&pager_element=0&page=");
            out.addUint(random.below(12));
            out.add("&_drupal_ajax=1&ajax_page_state%5Btheme%5D=olivero&ajax_page_state%5Blibraries%5D=eJx");
            Random libraries(catalogSeed(site, 0xA7A7, random.below(3))); // a site sends few library sets
            addToken(out, libraries, 24);
        }
        break;
    case RequestClass::Admin:
        if (random.chance(0.3)) {
            out.add("/node/");
            out.addUint(1 + random.skewed(60000, 3));
            out.add("/edit");
        } else {
            out.add(kAdminPaths[random.below(kAdminPaths.size())]);
            out.addUint(random.below(20));
        }
        break;
    case RequestClass::User: {
        const double roll = random.unit();
        if (roll < 0.5) {
            out.add("/user/login");
            if (random.chance(0.5)) {
                out.add("?destination=/node/");
                out.addUint(1 + random.skewed(60000, 3));
            }
        } else if (roll < 0.8) {
            out.add("/user/");
            out.addUint(1 + random.skewed(5000, 2));
        } else {
            out.add("/user/password");
        }
        break;
    }
    case RequestClass::File: {
        out.add("/sites/");
        out.add(site.host); // Aegir keeps files under the main site name
        const bool image = random.chance(0.75);
        Random file(catalogSeed(site, image ? 0x1A6E : 0xC55,
                                image ? random.skewed(kImagesPerSite, 2) : random.below(6)));
        if (image) {
            out.add("/files/styles/");
            out.add(std::array{"large", "medium", "thumbnail", "wide", "max_650x650"}[file.below(5)]);
            out.add("/public/2026-");
            out.addPadded(file.between(1, 11), 2);
            out.add('/');
            out.add(randomWord(file));
            out.add('_');
            out.addUint(file.below(9000));
            out.add(".jpg?itok=");
            addToken(out, file, 8);
        } else {
            const bool css = file.chance(0.5);
            out.add(css ? "/files/css/css_" : "/files/js/js_");
            addToken(out, file, 43);
            out.add(css ? ".css" : ".js");
        }
        break;
    }
    case RequestClass::Feed:
        out.add(std::array{"/rss.xml", "/sitemap.xml", "/robots.txt", "/favicon.ico"}[random.below(4)]);
        if (random.chance(0.2)) {
            out.add("?page=");
            out.addUint(random.between(1, 6));
        }
        break;
    case RequestClass::Probe:
        out.add(kProbePaths[random.below(kProbePaths.size())]);
        break;
    case RequestClass::Hostmaster:
        out.add(std::array{"/hosting/tasks/", "/node/", "/hosting/c/platform_"}[random.below(3)]);
        out.addUint(random.below(3000));
        out.add(random.chance(0.5) ? "/list" : "");
        break;
    }
}

void addFpmRequestUri(TextBuffer& out, const Site& site, std::string_view uri)
{
    const std::size_t question = uri.find('?');
    const std::string_view path = uri.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : uri.substr(question + 1);
    out.add("/index.php");
    if (site.drupal7) {
        out.add("?q=");
        out.add(path.size() > 1 ? path.substr(1) : std::string_view());
        if (!query.empty()) {
            out.add('&');
            out.add(query);
        }
    } else if (!query.empty()) {
        out.add('?');
        out.add(query);
    }
}

std::string_view userAgentFor(std::uint32_t clientIndex)
{
    const std::uint32_t mixed = clientIndex * 2654435761U;
    if (clientIndex % 13 == 0)
        return kCrawlers[(mixed >> 8) % kCrawlers.size()];
    return kBrowsers[(mixed >> 8) % kBrowsers.size()];
}

} // namespace gd::bench
