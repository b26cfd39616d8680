#pragma once
// Who may talk to the studio: only a page the studio served itself, in a browser that was given
// the token. Every request carries the token (query on the first page, then a cookie; the API
// only as a header, which another site's page cannot send without a preflight that is never
// granted); a request from another origin, or addressed to a host name that is not the
// studio's own (DNS rebinding), is refused.
#include <optional>
#include <string>

#include <httplib.h>

namespace kapsim::app::studio {

struct Refusal {
    int status = 403;
    std::string error;
};

class AccessGuard {
public:
    // `host` is --host; `port` the port actually bound.
    AccessGuard(std::string token, std::string host, int port);

    const std::string& token() const { return token_; }

    // Why the request is refused, or nothing when it may go on.
    std::optional<Refusal> refusal(const httplib::Request& request) const;

    // The Set-Cookie value for a page opened with ?token=T.
    std::string cookie() const;

private:
    bool allowed_host(const std::string& host_header) const;
    bool token_in_cookie(const httplib::Request& request) const;

    std::string token_;
    std::string host_;
    int port_;
};

// 32 random hex digits from std::random_device.
std::string random_token();

// Equal in time independent of where they differ (the token is a secret).
bool same_secret(const std::string& a, const std::string& b);

}  // namespace kapsim::app::studio
