// The ceilings a scenario sets outside the catalog (docs/scenario-format.md, Ceilings): on one
// measure, for one project or for every project whose owner lies in a department or an EPCI
// (a prefect who caps every project-lead post of Calvados at 15 000 € a year), per year or
// over the project. Unlike a budget, a ceiling binds each project on its own: it is resolved
// here onto the projects it binds (Project::ceilings), and the engine applies it after the
// catalog's own ceilings.
#include <set>
#include <string>
#include <vector>

#include "catalog_reader.hpp"
#include "scenario_reader.hpp"
#include "subsidy/detail/budget_cuts.hpp"

namespace subsidy::io::detail {

namespace {

// id, measure, amount, per and source of a ceiling (`f` is its mapping).
std::optional<ProjectCeiling> read_ceiling_fields(Context& cx, Fields& f, const Program& program) {
    const std::size_t errors = cx.count();
    ProjectCeiling c;
    if (const yaml::Node v = f.required("id"); present(v))
        if (auto s = read_string(cx, v, "ceiling id")) c.id = *s;
    if (const yaml::Node v = f.required("measure"); present(v))
        if (auto s = read_string(cx, v, "measure")) {
            c.measure = *s;
            if (!program.find_measure(*s))
                cx.error(Code::unknown_id, v, "ceiling '" + c.id + "': unknown measure '" + subsidy::detail::excerpt(*s) + "'" +
                                                  did_you_mean(*s, ids_of(program.measures())));
        }
    if (const yaml::Node v = f.required("amount"); present(v))
        if (auto m = read_money(cx, v, "amount")) {
            if (m->sign() < 0) cx.error(Code::out_of_range, v, "ceiling '" + c.id + "': amount: negative (" + to_string(*m) + ")");
            c.amount = *m;
        }
    if (const yaml::Node v = f.optional("per"); present(v))
        if (auto s = read_string(cx, v, "per")) {
            if (*s == "year") c.per = CeilingScope::per_year;
            else if (*s == "project") c.per = CeilingScope::per_project;
            else
                cx.error(Code::unknown_name, v, "ceiling '" + c.id + "': per: '" + subsidy::detail::excerpt(*s) +
                                                    "' is not year or project" + did_you_mean(*s, {"year", "project"}));
        }
    if (const yaml::Node v = f.optional("source"); present(v))
        if (auto s = read_string(cx, v, "source")) c.source = *s;
    if (cx.count() != errors) return std::nullopt;
    return c;
}

// `{department: "14"}` or `{epci: SIREN}`, a place of the territory.
std::optional<BudgetScope> read_ceiling_scope(Context& cx, const yaml::Node& v, const Territory& t, const std::string& what) {
    Fields f(cx, v, what + " scope");
    if (!f.ok()) return std::nullopt;
    const yaml::Node dep = f.optional("department"), epci = f.optional("epci");
    f.finish();
    if (present(dep) == present(epci)) {
        cx.error(Code::inconsistent, v, what + " scope: give a department or an EPCI (one of them)");
        return std::nullopt;
    }
    auto id = read_string(cx, present(dep) ? dep : epci, present(dep) ? "department" : "epci");
    if (!id) return std::nullopt;
    if (present(epci) && !t.find_epci(*id)) {
        cx.error(Code::unknown_id, epci, what + " scope: EPCI '" + subsidy::detail::excerpt(*id) + "' is not in the territory");
        return std::nullopt;
    }
    if (present(dep)) {
        bool known = false;
        for (const auto& [insee, c] : t.communes()) known |= department_of(insee) == *id;
        if (!known) {
            cx.error(Code::unknown_id, dep, what + " scope: no commune of the territory in department '" + subsidy::detail::excerpt(*id) + "'");
            return std::nullopt;
        }
    }
    return BudgetScope{present(dep) ? BudgetScope::Kind::department : BudgetScope::Kind::epci, *id};
}

// One ceiling of the scenario's list, put on the projects it binds.
void read_scenario_ceiling(Context& cx, const yaml::Node& n, Scenario& s, std::set<std::string>& ids) {
    Fields f(cx, n, "ceiling");
    if (!f.ok()) return;
    auto c = read_ceiling_fields(cx, f, s.catalog.program);
    const yaml::Node scope = f.optional("scope"), project = f.optional("project");
    f.finish();
    if (!c) return;
    if (!ids.insert(c->id).second) return cx.error(Code::declared_twice, n, "ceiling '" + c->id + "': declared twice");
    const std::string what = "ceiling '" + c->id + "'";
    if (present(scope) && present(project)) return cx.error(Code::inconsistent, project, what + ": a scope or a project, not both");
    std::optional<BudgetScope> where = BudgetScope{};
    if (present(scope)) where = read_ceiling_scope(cx, scope, s.territory, what);
    std::optional<std::string> only;
    if (present(project)) only = read_string(cx, project, "project");
    if (!where || (present(project) && !only)) return;
    bool bound = false;
    for (Project& p : s.projects) {
        const bool binds = only ? p.id == *only : subsidy::detail::in_scope(*where, subsidy::detail::owner_place(p, s.territory));
        if (!binds) continue;
        p.ceilings.push_back(*c);
        bound = true;
    }
    if (only && !bound) cx.error(Code::unknown_id, project, what + ": no project '" + subsidy::detail::excerpt(*only) + "' in the scenario");
}

}  // namespace

void read_project_ceilings(Context& cx, const yaml::Node& v, const Program& program, Project& p) {
    for_each_item(cx, v, "ceilings", [&](const yaml::Node& n) {
        Fields f(cx, n, "ceiling");
        if (!f.ok()) return;
        auto c = read_ceiling_fields(cx, f, program);
        f.finish();
        if (c) p.ceilings.push_back(std::move(*c));
    });
}

void read_scenario_ceilings(Context& cx, const yaml::Node& v, Scenario& s) {
    std::set<std::string> ids;
    for_each_item(cx, v, "ceilings", [&](const yaml::Node& n) { read_scenario_ceiling(cx, n, s, ids); });
}

}  // namespace subsidy::io::detail
