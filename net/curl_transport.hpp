// core::HttpTransport over libcurl (Debian's libcurl4-openssl-dev): the native side of the sync
// seam (core/include/pathway/core/sync.hpp), one implementation for pathway-cli and the desktop
// app (its Host::syncTransport); the web page uses XMLHttpRequest instead (web/xhr_transport.cpp).
#pragma once

#include "pathway/core/sync.hpp"

namespace pathway::net {

class CurlTransport final : public core::HttpTransport {
  public:
    CurlTransport();
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;
    /// status 0 with curl's message ("Couldn't connect to server") when no answer came.
    core::HttpResponse send(const core::HttpRequest& request) override;

  private:
    void* m_curl = nullptr; ///< one CURL easy handle, reused (keeps the connection alive)
};

} // namespace pathway::net
