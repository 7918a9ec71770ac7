// The checks a catalog or scenario text passes before YAML reads it: UTF-8, no control
// character, LF or CRLF line ends, and no JSON comment (docs/diagnostics.md, "Text").
// yaml-cpp accepts invalid UTF-8 and control characters, which then break the JSON
// reports; it reads a file with CR-only line ends as one line. Private to subsidy::io.
#pragma once

#include <cstddef>
#include <string_view>

#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// The position of byte `offset` of `text` as yaml-cpp gives it: 0-based line, column in
/// bytes from the line's start, and the offset itself.
yaml::Mark mark_at(std::string_view text, std::size_t offset);

/// Reports the first byte of `text` that is not UTF-8 text with LF or CRLF line ends: an
/// invalid or overlong sequence, a surrogate, a code point above U+10FFFF, a control
/// character (C0 but tab, LF and CR; DEL; C1), a CR alone (E003). False if there is one.
/// `text` starts after the byte order mark, if any (yaml-cpp's positions do).
bool check_text(Context& cx, std::string_view text);

/// Whether `text` is a flow document: its first character, after spaces, comments and a
/// `---`, opens a flow collection ({ or [), as JSON does.
bool is_flow_document(std::string_view text);

/// Reports a `//` or `/*` comment of a JSON text (outside strings, where a token may start)
/// (E002). False if there is one.
bool check_json_comments(Context& cx, std::string_view text);

}  // namespace subsidy::io::detail
