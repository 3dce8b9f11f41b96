// core::HttpTransport over libcurl (Debian's libcurl4-openssl-dev): the native side of the sync
// seam (core/include/pathway/core/sync.hpp). Only pathway-cli links it; the web build will use
// the browser's fetch instead.
#pragma once

#include "pathway/core/sync.hpp"

namespace pathway::cli {

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

} // namespace pathway::cli
