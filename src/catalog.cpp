// The catalog files' entry points: reading a catalog (the reader is catalog_reader.cpp and
// measure_reader.cpp; see docs/catalog-format.md for the format) and finding one by id.
#include "subsidy/io/catalog.hpp"

#include <cstdlib>
#include <filesystem>

#include "catalog_reader.hpp"
#include "file_text.hpp"
#include "yaml_reader.hpp"

#ifndef SUBSIDY_INSTALL_DATA_DIR
#define SUBSIDY_INSTALL_DATA_DIR ""
#endif
#ifndef SUBSIDY_SOURCE_DATA_DIR
#define SUBSIDY_SOURCE_DATA_DIR ""
#endif

namespace subsidy::io {

Catalog parse_catalog(const std::string& text, const std::string& file) {
    detail::Context cx(file);
    const YAML::Node root = detail::parse_yaml(cx, text);
    std::vector<Budget> budgets;
    std::vector<YAML::Node> budget_nodes;
    std::optional<Program> program;
    if (!cx.failed()) program = detail::read_program(cx, root, budgets, budget_nodes);
    cx.throw_if_failed();
    return Catalog{std::move(*program), std::move(budgets), file};
}

Catalog load_catalog(const std::string& path) { return parse_catalog(detail::read_file(path), path); }

bool is_catalog_path(const std::string& ref) {
    return ref.find('/') != std::string::npos || ref.ends_with(".yaml") || ref.ends_with(".yml") || ref.ends_with(".json");
}

std::vector<std::string> catalog_dirs(const std::vector<std::string>& data_dirs) {
    if (!data_dirs.empty()) return data_dirs;
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("SUBSIDY_DATA_DIR"); env && *env) dirs.emplace_back(env);
    if (*SUBSIDY_INSTALL_DATA_DIR) dirs.emplace_back(SUBSIDY_INSTALL_DATA_DIR);
    if (*SUBSIDY_SOURCE_DATA_DIR) dirs.emplace_back(SUBSIDY_SOURCE_DATA_DIR);
    return dirs;
}

std::string find_catalog(const std::string& id, const std::vector<std::string>& data_dirs) {
    for (const std::string& dir : catalog_dirs(data_dirs)) {
        const std::filesystem::path p = std::filesystem::path(dir) / (id + ".yaml");
        if (std::filesystem::exists(p)) return p.string();
    }
    return "";
}

}  // namespace subsidy::io
