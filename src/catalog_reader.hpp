// The pieces of the catalog reader that its files (catalog_reader.cpp, measure_reader.cpp)
// and the scenario reader share. Private to subsidy::io.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "subsidy/envelopes/budget.hpp"
#include "subsidy/io/catalog.hpp"
#include "subsidy/rules/program.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

std::optional<Condition> read_condition(Context& cx, const yaml::Node& n, const std::string& what);
std::optional<Budget> read_budget(Context& cx, const yaml::Node& n, const Program& program);
void read_measure(Context& cx, const yaml::Node& n, Program& program);
void read_constraint(Context& cx, const yaml::Node& n, Program& program);
/// The whole catalog document; budgets (and the nodes they were read from) are appended.
std::optional<Program> read_program(Context& cx, const yaml::Node& root, std::vector<Budget>& budgets,
                                    std::vector<yaml::Node>& budget_nodes);

/// The catalog of the parsed document `root` (its problems in `cx`, thrown at the end).
Catalog catalog_of(Context& cx, const yaml::Node& root);

/// Checks the document's required `format_version` (a catalog's or a scenario's).
void check_format_version(Context& cx, Fields& top);

/// The readers of one money amount and of one rate, as read_dated takes them.
inline auto money_reader() {
    return [](Context& cx, const yaml::Node& n, std::string_view what) { return read_money(cx, n, what); };
}
inline auto rate_reader() {
    return [](Context& cx, const yaml::Node& n, std::string_view what) { return read_rate(cx, n, what); };
}

/// Reads a list of mappings, calling `each` on every element; nothing if `n` is absent.
template <class Each>
void for_each_item(Context& cx, const yaml::Node& n, const std::string& what, Each each) {
    if (!present(n)) return;
    if (!n.IsSequence()) {
        cx.error(Code::wrong_type, n, what + ": expected a list");
        return;
    }
    for (const yaml::Node& item : n) each(item);
}

/// The ids of `items` (pillars, funders, measures), for a "did you mean".
template <class Items>
std::vector<std::string> ids_of(const Items& items) {
    std::vector<std::string> ids;
    for (const auto& item : items) ids.push_back(item.id);
    return ids;
}

}  // namespace subsidy::io::detail
