// The catalog files' entry points: reading a catalog (the reader is catalog_reader.cpp and
// measure_reader.cpp; see docs/catalog-format.md for the format) and finding one by id.
#include "subsidy/io/catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "catalog_reader.hpp"
#include "file_text.hpp"
#include "yaml_reader.hpp"

// Both set by CMakeLists.txt: the configured <prefix>/share/subsidy/catalogs, and the same
// directory relative to the configured <prefix>/bin (../share/subsidy/catalogs).
#ifndef SUBSIDY_INSTALL_DATA_DIR
#define SUBSIDY_INSTALL_DATA_DIR ""
#endif
#ifndef SUBSIDY_EXE_TO_DATA_DIR
#define SUBSIDY_EXE_TO_DATA_DIR ""
#endif

namespace subsidy::io {

namespace {

namespace fs = std::filesystem;

// The directories added by the programs' own translation units (catalog.hpp), in order.
struct AddedDirs {
    std::mutex mutex;
    std::vector<std::string> dirs;
};

AddedDirs& added_dirs() {
    static AddedDirs added;
    return added;
}

// The directory of the running program's executable, symbolic links resolved; empty where the
// system does not say (only Linux's /proc/self/exe is asked).
fs::path executable_dir() {
#ifdef __linux__
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && exe.is_absolute()) return exe.parent_path();
#endif
    return {};
}

// Whether `path` is `dir` or lies under it, comparing their absolute, normalised spellings with
// the symbolic links of their existing parts resolved.
bool is_within(const fs::path& path, const fs::path& dir) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(path, ec);
    if (ec) return false;
    const fs::path d = fs::weakly_canonical(dir, ec);
    if (ec || d.empty()) return false;
    const fs::path rel = p.lexically_relative(d);
    return !rel.empty() && *rel.begin() != "..";
}

void add_unique(std::vector<std::string>& dirs, std::string dir) {
    if (!dir.empty() && std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(std::move(dir));
}

// The catalogs installed next to the running executable (<prefix>/bin/../share/subsidy/catalogs),
// when that directory exists; empty otherwise.
fs::path installed_next_to_executable() {
    if (!*SUBSIDY_EXE_TO_DATA_DIR) return {};
    const fs::path exe_dir = executable_dir();
    if (exe_dir.empty()) return {};
    const fs::path dir = (exe_dir / SUBSIDY_EXE_TO_DATA_DIR).lexically_normal();
    std::error_code ec;
    return fs::is_directory(dir, ec) ? dir : fs::path();
}

}  // namespace

namespace detail {

bool add_default_catalog_dir(const char* dir, const char* build_tree) noexcept {
    try {
        if (!dir || !*dir) return false;
        if (build_tree && *build_tree) {
            // A build tree's directory: only for the programs that run from it, not for an
            // installed copy of them (one with its package's catalogs next to it, even if it
            // was installed inside the build tree).
            const fs::path exe_dir = executable_dir();
            if (exe_dir.empty() || !is_within(exe_dir, build_tree) || !installed_next_to_executable().empty()) return false;
        }
        AddedDirs& added = added_dirs();
        const std::lock_guard lock(added.mutex);
        add_unique(added.dirs, fs::path(dir).lexically_normal().string());
        return true;
    } catch (...) {  // out of memory at start-up: the directory is just not added
        return false;
    }
}

}  // namespace detail

namespace detail {

Catalog catalog_of(Context& cx, const yaml::Node& root) {
    std::vector<Budget> budgets;
    std::vector<yaml::Node> budget_nodes;
    std::optional<Program> program;
    if (!cx.failed()) program = read_program(cx, root, budgets, budget_nodes);
    cx.throw_if_failed();
    return Catalog{std::move(*program), std::move(budgets), cx.file(), cx.take_warnings()};
}

}  // namespace detail

Catalog parse_catalog(const std::string& text, const std::string& file) {
    detail::Context cx(file);
    const detail::yaml::Document doc = detail::parse_yaml(cx, text);
    const detail::yaml::Node root = doc.root();
    return detail::catalog_of(cx, root);
}

Catalog load_catalog(const std::string& path) { return parse_catalog(detail::read_file(path), path); }

bool is_catalog_path(const std::string& ref) {
    return ref.find('/') != std::string::npos || ref.ends_with(".yaml") || ref.ends_with(".yml") || ref.ends_with(".json");
}

std::vector<std::string> catalog_dirs(const std::vector<std::string>& data_dirs) {
    if (!data_dirs.empty()) return data_dirs;
    std::vector<std::string> dirs;
    // 1. The user's choice.
    if (const char* env = std::getenv("SUBSIDY_DATA_DIR"); env && *env) dirs.emplace_back(env);
    // 2. What the program was built against: the installed package (find_package) or, while
    //    it runs from it, subsidy's build tree.
    {
        AddedDirs& added = added_dirs();
        const std::lock_guard lock(added.mutex);
        for (const std::string& dir : added.dirs) add_unique(dirs, dir);
    }
    // 3. The package the running executable is installed in, wherever the prefix now is.
    if (const fs::path dir = installed_next_to_executable(); !dir.empty()) add_unique(dirs, dir.string());
    // 4. The package where it was configured to be installed.
    if (*SUBSIDY_INSTALL_DATA_DIR) add_unique(dirs, fs::path(SUBSIDY_INSTALL_DATA_DIR).lexically_normal().string());
    return dirs;
}

std::string find_catalog(const std::string& id, const std::vector<std::string>& data_dirs) {
    for (const std::string& dir : catalog_dirs(data_dirs)) {
        const fs::path p = fs::path(dir) / (id + ".yaml");
        std::error_code ec;  // an id that makes no usable name (too long…) is in no directory
        if (fs::exists(p, ec)) return p.string();
    }
    return "";
}

}  // namespace subsidy::io
