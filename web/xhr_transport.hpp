// core::HttpTransport in the browser (sync, issue 16): synchronous XMLHttpRequest from the main
// thread, so the core's synchronous engine runs unchanged (natively it is libcurl, net/).
#pragma once

#include "pathway/core/sync.hpp"

namespace pathway::web {

class XhrTransport final : public core::HttpTransport {
  public:
    /// status 0 with the browser's reason ("NetworkError ...") when no answer came: the server
    /// is down, the device offline, or the server's CORS does not allow this page's origin.
    core::HttpResponse send(const core::HttpRequest& request) override;
};

} // namespace pathway::web
