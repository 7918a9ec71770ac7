// The scenario reader: YAML → the catalog it names, then its options, territory, projects
// and budgets (see docs/scenario-format.md). The territory and the projects are read in
// territory_reader.cpp and project_reader.cpp; evaluate() is in evaluation.cpp.
#include "subsidy/io/scenario.hpp"

#include <filesystem>
#include <set>
#include <system_error>

#include "catalog_reader.hpp"
#include "file_text.hpp"
#include "scenario_reader.hpp"
#include "scenario_tables.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io {

namespace detail {

namespace {

namespace fs = std::filesystem;

SourcePosition position(const Context& cx, const yaml::Node& n) {
    const yaml::Mark m = n.GetMark();
    return SourcePosition{cx.file_of(m), m.line < 0 ? 0 : m.line + 1, m.column < 0 ? 0 : cx.column(m)};  // in characters
}

std::string resolve_catalog(Context& cx, const yaml::Node& n, const std::string& name, const std::string& base_dir,
                            const std::vector<std::string>& data_dirs) {
    if (is_catalog_path(name)) {
        fs::path p(name);
        if (p.is_relative()) p = fs::path(base_dir) / p;
        // A path that cannot even be looked at (a symbolic link loop, a name too long) is
        // read_file's to report, as for any file given on the command line.
        std::error_code ec;
        if (!fs::exists(p, ec) && !ec) {
            cx.error(Code::cannot_read, n, "catalog: no file '" + p.string() + "'");
            return "";
        }
        return p.string();
    }
    if (std::string found = find_catalog(name, data_dirs); !found.empty()) return found;
    std::string searched;
    for (const std::string& dir : catalog_dirs(data_dirs)) searched += (searched.empty() ? "" : ", ") + dir;
    cx.error(Code::unknown_id, n, "catalog: no catalog '" + name + "' in the data directories (" + (searched.empty() ? "none" : searched) +
                    "); give a path relative to the scenario instead");
    return "";
}

// The catalog at `path`. Its own problems come first, with its file name, then the
// scenario's found so far.
Catalog load_named_catalog(Context& cx, const std::string& path) {
    try {
        return load_catalog(path);
    } catch (const load_error& e) {
        std::vector<Diagnostic> all = e.diagnostics();
        try {
            cx.throw_if_failed();
        } catch (const load_error& mine) {
            all.insert(all.end(), mine.diagnostics().begin(), mine.diagnostics().end());
        }
        throw load_error(std::move(all));
    }
}

void read_options(Context& cx, const yaml::Node& options, ScenarioOptions& into) {
    Fields of(cx, options, "options");
    if (!of.ok()) return;
    const yaml::Node lookup = of.optional("lookup"), date = of.optional("date");
    of.finish();
    if (present(lookup))
        if (auto l = read_enum<LookupMode>(cx, lookup, "lookup")) into.lookup = *l;
    if (present(date)) into.date = read_date(cx, date, "date");
}

// The projects, each with its position for evaluate()'s diagnostics; ids are unique.
void read_projects(Context& cx, const yaml::Node& projects, Scenario& s) {
    std::set<std::string> ids;
    const CompiledProgram words(s.catalog.program);
    PlaceNames places(s.territory);
    for_each_item(cx, projects, "projects", [&](const yaml::Node& pn) {
        auto p = read_project(cx, pn, words, s.territory, places);
        if (!p) return;
        if (!ids.insert(p->id).second) return cx.error(Code::declared_twice, pn, "project '" + p->id + "': id: declared twice");
        check_populations(cx, pn, *p, s.catalog.program, s.territory);
        s.project_positions.push_back(position(cx, pn));
        s.projects.push_back(std::move(*p));
    });
}

// The scenario's own budgets, after the catalog's: each checked against the territory, and
// an id may not repeat one of the catalog's.
void read_scenario_budgets(Context& cx, const yaml::Node& budgets, Scenario& s) {
    const Program& program = s.catalog.program;
    for_each_item(cx, budgets, "budgets", [&](const yaml::Node& bn) {
        auto b = read_budget(cx, bn, program);
        if (!b) return;
        try {
            std::vector<Budget> one{*b};
            validate_budgets(program, s.territory, one);
            for (const Budget& other : s.budgets)
                if (other.id == b->id) throw invalid_argument("budget '" + b->id + "': id: declared twice");
            s.budgets.push_back(std::move(*b));
        } catch (const subsidy::error& e) {
            cx.error(bn, e);
        }
    });
}

}  // namespace

}  // namespace detail

namespace detail {
namespace {

// The scenario of the parsed document `root` (its problems in `cx`, thrown at the end).
Scenario scenario_of(Context& cx, const yaml::Node& root, const std::string& base_dir, const std::vector<std::string>& data_dirs) {
    const std::string& file = cx.file();
    Fields top(cx, root, "scenario");
    if (!top.ok()) cx.throw_if_failed();  // not a mapping: nothing more to read (a table's problems do not stop the readers)
    check_format_version(cx, top);
    const yaml::Node catalog_node = top.required("catalog");
    std::string catalog_path;
    if (present(catalog_node))
        if (auto s = read_string(cx, catalog_node, "catalog")) catalog_path = resolve_catalog(cx, catalog_node, *s, base_dir, data_dirs);
    const yaml::Node options = top.optional("options"), territory = top.required("territory"),
                     projects = top.required("projects"), budgets = top.optional("budgets"),
                     ceilings = top.optional("ceilings");
    top.finish();
    if (catalog_path.empty()) cx.throw_if_failed();  // nothing more can be checked without the catalog
    Scenario s{load_named_catalog(cx, catalog_path), Territory{}, {}, {}, {}, {}, file, {}};
    if (present(options)) read_options(cx, options, s.options);
    if (present(territory)) read_territory(cx, territory, s.catalog.program, s.territory);
    read_projects(cx, projects, s);
    if (present(ceilings)) read_scenario_ceilings(cx, ceilings, s);
    s.budgets = s.catalog.budgets;
    read_scenario_budgets(cx, budgets, s);
    cx.throw_if_failed();
    s.warnings = s.catalog.warnings;
    for (Diagnostic& w : cx.take_warnings()) s.warnings.push_back(std::move(w));
    return s;
}

}  // namespace
}  // namespace detail

Scenario parse_scenario(const std::string& text, const std::string& file, const std::string& base_dir,
                        const std::vector<std::string>& data_dirs) {
    detail::Context cx(file);
    detail::yaml::Document doc = detail::parse_yaml(cx, text);
    cx.throw_if_failed();
    if (!detail::expand_tables(cx, doc, base_dir)) cx.throw_if_failed();
    return detail::scenario_of(cx, doc.root(), base_dir, data_dirs);
}

namespace {

// The name of `path` in diagnostics, and the directory its relative catalog path starts from.
std::string shown_name(const std::string& path) { return path == "-" ? std::string("<stdin>") : path; }
std::string base_dir(const std::string& path) {
    const std::string base = path == "-" ? std::string(".") : std::filesystem::path(path).parent_path().string();
    return base.empty() ? "." : base;
}

// Whether the top mapping has `key`.
bool has_top_key(const detail::yaml::Node& root, const char* key) {
    if (!root.IsMap()) return false;
    for (const auto& kv : root)
        if (kv.first.IsScalar() && kv.first.Scalar() == key) return true;
    return false;
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& data_dirs) {
    return parse_scenario(detail::read_file(path), shown_name(path), base_dir(path), data_dirs);
}

std::variant<Catalog, Scenario> load_file(const std::string& path, const std::vector<std::string>& data_dirs) {
    const std::string text = detail::read_file(path);
    detail::Context cx(shown_name(path));
    detail::yaml::Document doc = detail::parse_yaml(cx, text);
    const detail::yaml::Node root = doc.root();
    cx.throw_if_failed();
    if (!root.IsMap()) {
        cx.error(Code::wrong_type, root,
                 "expected a catalog or a scenario (a mapping of keys to values), found " + detail::describe(root));
        cx.throw_if_failed();
    }
    if (has_top_key(root, "catalog")) {
        if (!detail::expand_tables(cx, doc, base_dir(path))) cx.throw_if_failed();  // the tables it names become lists of rows
        return detail::scenario_of(cx, root, base_dir(path), data_dirs);
    }
    if (!has_top_key(root, "program"))
        cx.error(Code::missing, root,
                 "neither a scenario (it names no 'catalog') nor a catalog (it has no 'program'): expected one of them");
    return detail::catalog_of(cx, root);  // parsed once
}

}  // namespace subsidy::io
