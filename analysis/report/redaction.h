#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace gd {

/// Hides what a client's report must not show, the same way everywhere in one report:
/// client addresses become pseudonyms ("client-1": the same address always the same one, so patterns stay
/// visible), session ids and tokens in URLs become "[masked]", and the names of sites outside the report's
/// scope become "another site". Loopback and unspecified addresses (127.0.0.1, ::1, 0.0.0.0) name no client
/// and stay.
class Redactor {
public:
    struct Options {
        bool addresses = false;
        bool tokens = true;
        QSet<QString> otherSites; ///< lower-case host names to hide
    };
    explicit Redactor(Options options);

    QString redact(const QString& text);
    /// Whether `text` names a site outside the scope (an evidence line about another site is left out
    /// altogether, not masked).
    bool mentionsOtherSite(const QString& text) const;

    int maskedAddresses() const { return static_cast<int>(pseudonyms_.size()); }
    int maskedTokens() const { return maskedTokens_; }

private:
    QString pseudonym(const QString& address);
    QString maskAddresses(const QString& text);
    QString maskTokens(const QString& text);
    QString maskSites(const QString& text) const;

    Options options_;
    QHash<QString, QString> pseudonyms_;
    int maskedTokens_ = 0;
};

} // namespace gd
