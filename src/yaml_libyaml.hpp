// The fast path of parse_yaml: libyaml's event parser (about 70 MB/s, where yaml-cpp's reads
// 9 MB/s and its node tree 3 MB/s) feeding the same TreeBuilder. It takes only the files both
// parsers read the same way, and gives up (std::nullopt) on anything else, so that yaml-cpp
// then reads the file as it always has and every diagnostic stays what it was: a syntax
// error, a limit crossed, a tag or directive, an anchor or alias (yaml-cpp reads an anchor
// on a key its own way), a `?` (an explicit key, or inside a flow scalar), a scalar over
// several lines, a flow collection over several lines, an empty key, a tab, a line or paragraph separator, an inner byte order mark. tests/io/yaml_tree_test.cpp
// checks that whatever this path accepts gives yaml-cpp's tree, marks included.
// Private to subsidy::io.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "yaml_node.hpp"

namespace subsidy::io::detail::yaml {

/// The tree of `text` (UTF-8, checked, after its byte order mark), or nothing when libyaml
/// should not be the one to read it. `ascii`: the text has no byte above 0x7F.
std::optional<Document> parse_with_libyaml(std::string_view text, bool ascii, std::size_t max_depth, std::uint64_t max_nodes);

/// Whether the text holds something the fast path leaves to yaml-cpp, seen from its bytes
/// alone: a tab, a `?` followed by a blank or the end (an explicit key), U+2028/U+2029, a byte
/// order mark inside.
bool needs_reference_parser(std::string_view text);

}  // namespace subsidy::io::detail::yaml
