// The explained plan (see include/subsidy/io/report.hpp): one project's funding plan with
// its whole trace, as text for people or JSON for machines.
#include <string>

#include "report_format.hpp"
#include "subsidy/io/report.hpp"

namespace subsidy::io {

namespace {

using detail::fr;
using detail::json;
using detail::money_json;
using detail::pad_left;

// An exact rate in JSON: "45%" or "185555/494814" (Rate::parse reads both), null for none.
json rate_json(const std::optional<Rate>& r) { return r ? json(to_string(*r)) : json(nullptr); }

json checks_json(const std::vector<Check>& checks) {
    json a = json::array();
    for (const Check& c : checks) a.push_back(json{{"rule", c.rule}, {"passed", c.passed}, {"detail", c.detail}});
    return a;
}

json trace_json(const LineTrace& t) {
    json params = json::array();
    for (const ParameterUse& p : t.parameters)
        params.push_back(json{{"name", p.name}, {"value", p.value}, {"from", to_string(p.from)}, {"source", p.source},
                              {"extrapolated", p.extrapolated}});
    json ceilings = json::array();
    for (const CeilingUse& c : t.ceilings)
        ceilings.push_back(json{{"name", c.name}, {"amount", money_json(c.amount)}, {"bound", c.bound}, {"detail", c.detail}});
    json cuts = json::array();
    for (const Cut& c : t.cuts)
        cuts.push_back(json{{"constraint", c.constraint}, {"source", c.source}, {"before", money_json(c.before)},
                            {"after", money_json(c.after)}, {"detail", c.detail}});
    return json{{"checks", checks_json(t.checks)}, {"base", money_json(t.base)}, {"parameters", params},
                {"exact_amount", t.exact_amount}, {"rounding", t.rounding}, {"ceilings", ceilings},
                {"cuts", cuts},     {"notes", t.notes}};
}

json lines_json(const FundingPlan& plan) {
    json lines = json::array();
    for (const FundingLine& l : plan.lines)
        lines.push_back(json{{"measure", l.measure}, {"funder", l.funder}, {"pillar", l.pillar},
                             {"year", static_cast<int>(l.year)}, {"amount", money_json(l.amount)},
                             {"in_kind", l.in_kind}, {"pass_through", l.pass_through},
                             {"service", l.service ? json{{"quantity", l.quantity}} : json(nullptr)},
                             {"effective_rate", l.trace.exact_amount.empty() ? json(nullptr) : rate_json(effective_rate(l.amount, l.trace.base))},
                             {"trace", trace_json(l.trace)}});
    return lines;
}

json outcomes_json(const FundingPlan& plan) {
    json outcomes = json::array();
    for (const MeasureOutcome& o : plan.outcomes)
        outcomes.push_back(json{{"measure", o.measure}, {"applied", o.applied},
                                {"year", o.year ? json(static_cast<int>(*o.year)) : json(nullptr)},
                                {"reason", o.reason}, {"checks", checks_json(o.checks)}});
    return outcomes;
}

// "Project 'id' — title", then its owner (named by the territory), nature, category and flags.
void write_heading(std::ostream& out, const FundingPlan& plan, const PlanContext& context) {
    const Project* project = context.project;
    if (!project) {
        out << "Project '" << plan.project << "'\n";
        return;
    }
    const auto owner = context.territory ? context.territory->info(project->owner) : std::nullopt;
    out << "Project '" << project->id << "'" << (project->title.empty() ? "" : " — " + project->title) << "\n";
    out << "  owner " << to_string(project->owner) << (owner ? " (" + owner->name + ")" : "") << ", "
        << to_string(project->nature) << ", category " << project->category;
    if (!project->flags.empty()) {
        out << ", flags";
        for (const std::string& f : project->flags) out << " " << f;
    }
    out << "\n";
}

// A service line: "1 recruitment (no published price)".
std::string service_text(const Program& program, const FundingLine& l) {
    const Measure* m = program.find_measure(l.measure);
    const auto* s = m ? std::get_if<ServiceFormula>(&m->formula) : nullptr;
    return std::to_string(l.quantity) + " " + (s ? s->label(l.quantity) : std::string("unit")) + " (no published price)";
}

// One funding line, then what its trace says: checks, parameters, rounding, ceilings, cuts.
void write_line(std::ostream& out, const Program& program, const FundingLine& l) {
    const Funder* f = program.find_funder(l.funder);
    out << "  " << static_cast<int>(l.year) << "  " << l.measure << "  " << (f ? f->name : l.funder) << "  "
        << (l.service ? service_text(program, l) : fr(l.amount)) << (l.in_kind ? "  (in kind)" : "")
        << (l.pass_through ? "  (pass-through)" : "") << "\n";
    if (f && !f->group.empty()) {  // several funders under one rate: reported as the group
        out << "      funders together, no published split:";
        for (const std::string& m : f->group) out << " " << m;
        out << "\n";
    }
    const LineTrace& t = l.trace;
    for (const Check& c : t.checks)
        out << "      check " << c.rule << ": " << (c.passed ? "ok" : "FAILED") << " - " << c.detail << "\n";
    for (const ParameterUse& u : t.parameters)
        out << "      parameter " << u.name << " = " << u.value
            << (u.from.year() == std::chrono::year::min() ? std::string(" (always") : " (from " + to_string(u.from))
            << ", source: " << (u.source.empty() ? std::string("not given") : u.source) << (u.extrapolated ? ", EXTRAPOLATED" : "") << ")\n";
    if (!t.exact_amount.empty()) out << "      base " << to_string(t.base) << "; " << t.exact_amount << "\n";
    if (!t.rounding.empty()) out << "      rounding " << t.rounding << "\n";
    for (const CeilingUse& c : t.ceilings)
        out << "      ceiling " << c.name << " " << to_string(c.amount) << (c.bound ? " BOUND" : " not reached") << " ("
            << c.detail << ")\n";
    for (const std::string& n : t.notes) out << "      " << n << "\n";
    for (const Cut& c : t.cuts)
        out << "      CUT by " << c.constraint << " (" << c.source << "): " << to_string(c.before) << " -> "
            << to_string(c.after) << ": " << c.detail << "\n";
    // Last: what the line is in the end, after its ceilings and cuts, as a rate of its base.
    if (const auto r = effective_rate(l.amount, t.base); r && !t.exact_amount.empty())
        out << "      effective rate " << detail::rate_text(*r) << " of the base\n";
}

// The measures (or years of one) that gave nothing, and why; nothing when every one gave.
void write_outcomes(std::ostream& out, const FundingPlan& plan) {
    bool any = false;
    for (const MeasureOutcome& o : plan.outcomes) {
        if (o.applied && o.reason.empty()) continue;
        if (!any) out << "\nMeasures (or years) that gave nothing\n";
        any = true;
        out << "  " << o.measure << (o.year ? " in " + std::to_string(static_cast<int>(*o.year)) : std::string()) << ": "
            << o.reason << "\n";
    }
}

// "45%" of the cost, "≈ 37.50% (…)" of the eligible base: what real plans publish.
std::string rates_text(const FundingPlan& plan) {
    const auto of_cost = plan.aid_rate_of_cost(), of_base = plan.aid_rate_of_eligible_base();
    if (!of_cost) return "";
    std::string s = "  " + detail::rate_text(*of_cost) + " of the cost";
    if (of_base && plan.eligible_base != plan.cost) s += ", " + detail::rate_text(*of_base) + " of the eligible base";
    return s;
}

void write_balance(std::ostream& out, const FundingPlan& plan, const Project* project) {
    const bool other = !plan.other_resources.is_zero() || (project && !project->other_resources.empty());
    out << "\n  cost             " << pad_left(fr(plan.cost), 18) << "\n";
    if (plan.eligible_base != plan.cost) out << "  eligible base    " << pad_left(fr(plan.eligible_base), 18) << "\n";
    out << "  private funding  " << pad_left(fr(plan.private_funding), 18) << "\n";
    if (other) {
        out << "  other resources  " << pad_left(fr(plan.other_resources), 18);
        if (project) {
            std::string sep = "  (";
            for (const OtherResource& r : project->other_resources) {
                out << sep << r.label << " " << fr(r.amount);
                sep = ", ";
            }
            if (!project->other_resources.empty()) out << ")";
        }
        out << "\n";
    }
    out << "  cash aid         " << pad_left(fr(plan.cash_aid), 18) << rates_text(plan) << "\n";
    out << "  own share        " << pad_left(fr(plan.own_share), 18) << "  (cost - private funding - "
        << (other ? "other resources - " : "") << "cash aid)\n";
}

}  // namespace

void write_plan_text(std::ostream& out, const Program& program, const FundingPlan& plan, const PlanContext& context) {
    write_heading(out, plan, context);
    out << "\nFunding lines\n";
    for (const FundingLine& l : plan.lines) write_line(out, program, l);
    write_outcomes(out, plan);
    write_balance(out, plan, context.project);
}

void write_plan_json(std::ostream& out, const Program& program, const FundingPlan& plan, const PlanContext& context) {
    const Project* project = context.project;
    json j{{"format_version", report_format_version},
           {"trace_format_version", plan.format_version},
           {"program", program.id()},
           {"scenario", context.scenario ? json(*context.scenario) : json(nullptr)},
           {"project", plan.project},
           {"title", project ? json(project->title) : json(nullptr)},
           {"owner", project ? json(to_string(project->owner)) : json(nullptr)},
           {"cost", money_json(plan.cost)},
           {"private_funding", money_json(plan.private_funding)},
           {"cash_aid", money_json(plan.cash_aid)},
           {"own_share", money_json(plan.own_share)},
           {"other_resources", money_json(plan.other_resources)},
           {"eligible_base", money_json(plan.eligible_base)},
           {"aid_rate_of_cost", rate_json(plan.aid_rate_of_cost())},
           {"aid_rate_of_eligible_base", rate_json(plan.aid_rate_of_eligible_base())},
           {"lines", lines_json(plan)},
           {"outcomes", outcomes_json(plan)}};
    out << j.dump(2) << '\n';
}

void write_plan(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation, std::size_t index,
                OutputFormat format) {
    const PlanContext context{&scenario.projects.at(index), &scenario.territory, scenario.path};
    const FundingPlan& plan = evaluation.plans.at(index);
    if (format == OutputFormat::json) return write_plan_json(out, scenario.catalog.program, plan, context);
    write_plan_text(out, scenario.catalog.program, plan, context);
}

}  // namespace subsidy::io
