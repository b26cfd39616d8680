#include "access_guard.hpp"

#include <random>

#include <fmt/format.h>

namespace kapsim::app::studio {

AccessGuard::AccessGuard(std::string token, std::string host, int port)
    : token_(std::move(token)), host_(std::move(host)), port_(port) {}

bool same_secret(const std::string& a, const std::string& b) {
    unsigned char differ = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
    return differ == 0 && !b.empty();
}

std::string random_token() {
    std::random_device device;
    std::string token;
    for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", static_cast<std::uint32_t>(device()));
    return token;
}

std::string AccessGuard::cookie() const {
    return fmt::format("kapsim_token={}; HttpOnly; SameSite=Strict; Path=/", token_);
}

bool AccessGuard::allowed_host(const std::string& host_header) const {
    const std::string port = fmt::format(":{}", port_);
    std::string host_with_brackets = host_;
    if (host_.find(':') != std::string::npos && host_.front() != '[') host_with_brackets = "[" + host_ + "]";
    for (const std::string& name : {std::string("127.0.0.1"), std::string("localhost"), std::string("[::1]"),
                                    host_with_brackets})
        if (host_header == name + port) return true;
    return false;
}

bool AccessGuard::token_in_cookie(const httplib::Request& request) const {
    const std::string cookies = request.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < cookies.size()) {
        auto end = cookies.find(';', at);
        if (end == std::string::npos) end = cookies.size();
        std::string pair = cookies.substr(at, end - at);
        const auto first = pair.find_first_not_of(' ');
        pair = first == std::string::npos ? "" : pair.substr(first);
        if (pair.rfind("kapsim_token=", 0) == 0 && same_secret(pair.substr(13), token_)) return true;
        at = end + 1;
    }
    return false;
}

std::optional<Refusal> AccessGuard::refusal(const httplib::Request& request) const {
    // A name that resolves to this machine only through someone's DNS is another site.
    if (!allowed_host(request.get_header_value("Host")))
        return Refusal{403, "the studio answers only to its own address (the Host header names another)"};
    if (request.has_header("Origin") &&
        request.get_header_value("Origin") != "http://" + request.get_header_value("Host"))
        return Refusal{403, "the studio answers only pages it served itself (the request came from another origin)"};
    // A cross-site page may not even ask: no preflight is granted, so no custom header is sent.
    if (request.method == "OPTIONS") return Refusal{403, "cross-origin requests are not allowed"};
    const bool header = same_secret(request.get_header_value("X-Kapsim-Token"), token_);
    if (request.path.rfind("/api/", 0) == 0) {
        // A run's files are read by links and frames, which send no header: the SameSite=Strict
        // cookie does there, for reading only (no other site's page gets the cookie sent along,
        // nor could it read the answer).
        const bool run_file = request.method == "GET" && request.path.rfind("/api/runs/", 0) == 0 &&
                              request.path.find("/files/") != std::string::npos;
        if (header || (run_file && token_in_cookie(request))) return std::nullopt;
        return Refusal{401, "the request needs the studio's token in the X-Kapsim-Token header"};
    }
    const bool query = (request.path == "/" || request.path == "/index.html") && request.method == "GET" &&
                       same_secret(request.get_param_value("token"), token_);
    if (header || query || token_in_cookie(request)) return std::nullopt;
    return Refusal{401, "open the address with the token that kapsim studio printed"};
}

}  // namespace kapsim::app::studio
