// Synchronous XMLHttpRequest on the main thread (web/xhr_transport.hpp).
//
// Workaround, and its cost: browsers deprecate synchronous XHR on the main thread but still
// serve it (Chromium, Firefox and Safari do, without responseType, which only text needs), and
// it lets the core's synchronous sync engine run as it does natively. It blocks the page while a
// sync runs: a few requests for a portfolio's changes; the first sync of a large portfolio
// freezes the frame for as long as the server takes. Emscripten's Fetch API or fetch() with a
// callback would need the engine split into steps or Asyncify (a larger wasm).
#include "xhr_transport.hpp"

#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace {

// Returns malloc'ed JSON {"status", "body", "error"}; the caller frees it.
EM_JS(char*, pathway_xhr_send, (const char* method, const char* url, const char* headers, const char* body, int bodyLength), {
    let status = 0, text = "", error = "";
    try {
        const xhr = new XMLHttpRequest();
        xhr.open(UTF8ToString(method), UTF8ToString(url), false);
        // Plain loops: emscripten 3.1.6's EM_JS text loses array destructuring ("for (;of ...").
        const list = JSON.parse(UTF8ToString(headers));
        for (let i = 0; i < list.length; ++i) xhr.setRequestHeader(list[i][0], list[i][1]);
        xhr.send(bodyLength > 0 ? UTF8ToString(body, bodyLength) : null);
        status = xhr.status;
        text = xhr.responseText || "";
        if (!status) error = "no answer";
    } catch (e) {
        error = String((e && e.message) || e);
    }
    const out = JSON.stringify({status: status, body: text, error: error});
    const size = lengthBytesUTF8(out) + 1;
    const ptr = _malloc(size);
    stringToUTF8(out, ptr, size);
    return ptr;
});

} // namespace

namespace pathway::web {

core::HttpResponse XhrTransport::send(const core::HttpRequest& request) {
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& [name, value] : request.headers) headers.push_back({name, value});
    const std::string headerText = headers.dump();
    char* raw = pathway_xhr_send(request.method.c_str(), request.url.c_str(), headerText.c_str(),
                                 request.body.data(), static_cast<int>(request.body.size()));
    core::HttpResponse response;
    const nlohmann::json answer = nlohmann::json::parse(raw ? raw : "", nullptr, false);
    std::free(raw);
    if (!answer.is_object()) {
        response.error = "the browser's answer could not be read";
        return response;
    }
    response.status = answer.value("status", 0);
    response.body = answer.value("body", std::string());
    response.error = answer.value("error", std::string());
    if (response.status == 0 && response.error.empty()) response.error = "no answer";
    return response;
}

} // namespace pathway::web
