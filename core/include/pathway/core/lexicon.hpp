// The word list the confidentiality check (confidentiality.hpp) uses to tell ordinary English
// words from names: Debian's wbritish list, compacted at build time by scripts/make-lexicon.py
// (format described there). Native builds embed it (builtinLexiconBytes()); the web build
// fetches the same file when the check first runs and installs it with installLexicon().
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

namespace pathway::core {

class Lexicon {
  public:
    /// Reads the compact form; nullptr with a sentence in `error` when it is not one.
    static std::shared_ptr<const Lexicon> parse(std::string_view bytes, std::string* error = nullptr);

    /// An ordinary lower-case entry ("grace", "walked"). `lower` must be lower case already.
    bool isWord(std::string_view lower) const { return m_words.count(std::string(lower)) > 0; }
    /// A capitalised entry: a name or a place ("Grace", "Tyler", "London"), exact case.
    bool isName(std::string_view word) const { return m_names.count(std::string(word)) > 0; }
    size_t wordCount() const { return m_words.size(); }
    size_t nameCount() const { return m_names.size(); }
    const std::string& source() const { return m_source; }

  private:
    std::unordered_set<std::string> m_words, m_names;
    std::string m_source;
};

/// The embedded compact word list, or "" in builds that fetch it instead (the web).
std::string_view builtinLexiconBytes();

/// The word list the check uses: the installed one, else the embedded one (parsed once), else
/// null (the web before its fetch finished: the check then falls back to cues and shapes).
std::shared_ptr<const Lexicon> activeLexicon();
/// Makes `lexicon` the one activeLexicon() returns (the web calls it when the fetch arrives;
/// tests use it too). Thread-safe.
void installLexicon(std::shared_ptr<const Lexicon> lexicon);

} // namespace pathway::core
