// The cuts report (write_cuts, include/subsidy/io/report.hpp): every line a stacking
// constraint or a budget took from, read off the traced plans, so that the list says what
// `explain` says of each line and nothing is computed twice.
#include <string>
#include <vector>

#include "report_format.hpp"
#include "subsidy/io/report.hpp"

namespace subsidy::io {

namespace {

using detail::csv_field;
using detail::fr;
using detail::json;
using detail::money_json;
using detail::pad_left;
using detail::pad_right;

// One cut of one line, with what names its project.
struct CutRow {
    const Project* project;
    const FundingPlan* plan;
    const FundingLine* line;
    const Cut* cut;
};

std::vector<CutRow> cut_rows(const Scenario& s, const Evaluation& ev) {
    if (ev.plans.size() != s.projects.size())
        throw invalid_argument("cuts: the evaluation has " + std::to_string(ev.plans.size()) + " plans for " +
                               std::to_string(s.projects.size()) + " projects (evaluate the scenario with its plans)");
    std::vector<CutRow> rows;
    for (std::size_t i = 0; i < ev.plans.size(); ++i)
        for (const FundingLine& l : ev.plans[i].lines)
            for (const Cut& c : l.trace.cuts) rows.push_back({&s.projects[i], &ev.plans[i], &l, &c});
    return rows;
}

std::string owner_name(const Scenario& s, const Project& p) {
    const auto info = s.territory.info(p.owner);
    return info ? info->name : std::string();
}

Money total_cut(const std::vector<CutRow>& rows) {
    Money t;
    for (const CutRow& r : rows) t += r.cut->before - r.cut->after;
    return t;
}

std::size_t projects_cut(const std::vector<CutRow>& rows) {
    std::size_t n = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) n += k == 0 || rows[k].project != rows[k - 1].project;
    return n;
}

void cuts_csv(std::ostream& out, const Scenario& s, const std::vector<CutRow>& rows) {
    out << "project,owner_kind,owner,owner_name,department,measure,funder,year,cost,before,after,cut,rule,source,detail\n";
    for (const CutRow& r : rows) {
        const Cut& c = *r.cut;
        const std::vector<std::string> cells{r.project->id, to_string(r.project->owner.kind), r.project->owner.id, owner_name(s, *r.project),
                                             s.territory.department_of_beneficiary(r.project->owner), r.line->measure, r.line->funder,
                                             std::to_string(static_cast<int>(r.line->year)), to_string(r.plan->cost), to_string(c.before),
                                             to_string(c.after), to_string(c.before - c.after), c.constraint, c.source, c.detail};
        for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
        out << '\n';
    }
}

void cuts_json(std::ostream& out, const Scenario& s, const std::vector<CutRow>& rows) {
    json cuts = json::array();
    for (const CutRow& r : rows) {
        const Cut& c = *r.cut;
        cuts.push_back(json{{"project", r.project->id},
                            {"owner", json{{"kind", to_string(r.project->owner.kind)}, {"id", r.project->owner.id}, {"name", owner_name(s, *r.project)}}},
                            {"department", s.territory.department_of_beneficiary(r.project->owner)},
                            {"measure", r.line->measure},
                            {"funder", r.line->funder},
                            {"year", static_cast<int>(r.line->year)},
                            {"cost", money_json(r.plan->cost)},
                            {"before", money_json(c.before)},
                            {"after", money_json(c.after)},
                            {"cut", money_json(c.before - c.after)},
                            {"rule", c.constraint},
                            {"source", c.source},
                            {"detail", c.detail}});
    }
    json j;
    j["format_version"] = report_format_version;
    j["program"] = json{{"id", s.catalog.program.id()}, {"name", s.catalog.program.name()}};
    j["scenario"] = s.path;
    j["lines"] = rows.size();
    j["projects"] = projects_cut(rows);
    j["total_cut"] = money_json(total_cut(rows));
    j["cuts"] = cuts;
    out << j.dump(2) << '\n';
}

// For people: one line a cut, amounts in French, the rule last; the detail is in CSV and JSON.
void cuts_table(std::ostream& out, const Scenario& s, const std::vector<CutRow>& rows) {
    out << s.catalog.program.name() << ": " << rows.size() << (rows.size() == 1 ? " cut" : " cuts") << " of "
        << projects_cut(rows) << (projects_cut(rows) == 1 ? " project" : " projects") << ", " << fr(total_cut(rows))
        << " taken by the stacking law and the budgets\n";
    if (rows.empty()) return;
    std::vector<std::vector<std::string>> cells{{"project", "owner", "measure", "year", "cost", "before", "after", "cut", "rule"}};
    for (const CutRow& r : rows) {
        const std::string owner = to_string(r.project->owner) + " " + owner_name(s, *r.project);
        cells.push_back({r.project->id, owner, r.line->measure, std::to_string(static_cast<int>(r.line->year)), fr(r.plan->cost),
                         fr(r.cut->before), fr(r.cut->after), fr(r.cut->before - r.cut->after), r.cut->constraint});
    }
    std::vector<std::size_t> w(cells.front().size(), 0);
    for (const auto& row : cells)
        for (std::size_t i = 0; i < row.size(); ++i) w[i] = std::max(w[i], detail::width(row[i]));
    out << '\n';
    for (const auto& row : cells) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool amount = i >= 4 && i <= 7;  // right-aligned, as amounts are
            out << (i ? "  " : "") << (amount ? pad_left(row[i], w[i]) : i + 1 == row.size() ? row[i] : pad_right(row[i], w[i]));
        }
        out << '\n';
    }
}

}  // namespace

void write_cuts(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation, OutputFormat format) {
    const std::vector<CutRow> rows = cut_rows(scenario, evaluation);
    switch (format) {
        case OutputFormat::table:
        case OutputFormat::text: return cuts_table(out, scenario, rows);
        case OutputFormat::csv: return cuts_csv(out, scenario, rows);
        case OutputFormat::json: return cuts_json(out, scenario, rows);
    }
}

}  // namespace subsidy::io
