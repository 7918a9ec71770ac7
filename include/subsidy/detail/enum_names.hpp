// One name table per enum: the names its values are written with in catalog and scenario
// files and on the command line (and, where people are shown other words, the text printed
// for them), declared once next to the enum. Its to_string, the file readers (with their
// "expected one of …" and "did you mean" messages) and the file writers all read that table,
// so that adding a value or renaming one is one edit.
//
// An enum E takes part by declaring, in its own namespace, its table and the function that
// hands it out, which names_of<E>() finds by argument-dependent lookup:
//
//     inline constexpr std::array<EnumName<E>, 2> e_names{{{E::a, "a"}, {E::b, "b_b", "b b"}}};
//     constexpr const auto& enum_names(E) { return e_names; }
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace subsidy {

/// One value of an enum and its names.
template <class E>
struct EnumName {
    E value;
    std::string_view name;          ///< as written in files and on the command line
    std::string_view display = {};  ///< as printed for people, when it is not `name`
};

namespace detail {

/// The table of E, in the order its names are listed to people.
template <class E>
[[nodiscard]] constexpr const auto& names_of() {
    return enum_names(E{});
}

/// The file name of `value`; "?" for a value outside the table (a cast integer).
template <class E>
[[nodiscard]] constexpr std::string_view name_of(E value) {
    for (const EnumName<E>& n : names_of<E>())
        if (n.value == value) return n.name;
    return "?";
}

/// The text of `value` for people: its display text, else its file name.
template <class E>
[[nodiscard]] constexpr std::string_view display_of(E value) {
    for (const EnumName<E>& n : names_of<E>())
        if (n.value == value) return n.display.empty() ? n.name : n.display;
    return "?";
}

/// The value whose file name is `text`, if any.
template <class E>
[[nodiscard]] constexpr std::optional<E> parse_name(std::string_view text) {
    for (const EnumName<E>& n : names_of<E>())
        if (n.name == text) return n.value;
    return std::nullopt;
}

/// "a, b, c": the file names of E, in table order, for "expected one of …".
template <class E>
[[nodiscard]] std::string name_list() {
    std::string list;
    for (const EnumName<E>& n : names_of<E>()) {
        if (!list.empty()) list += ", ";
        list += n.name;
    }
    return list;
}

}  // namespace detail

}  // namespace subsidy
