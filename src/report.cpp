// Report writers (see include/subsidy/io/report.hpp).
#include "subsidy/io/report.hpp"


#include <algorithm>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

namespace subsidy::io {

namespace {

using json = nlohmann::ordered_json;

// Display width of UTF-8 text: its code points (the reports use no wide characters).
std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad_right(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }
std::string pad_left(const std::string& s, std::size_t w) { return std::string(w > width(s) ? w - width(s) : 0, ' ') + s; }

// A table of text cells: the first `label_columns` left-aligned, the others right-aligned.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows, std::size_t label_columns) {
    if (rows.empty()) return;
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], width(r[i]));
    for (std::size_t k = 0; k < rows.size(); ++k) {
        std::string line;
        for (std::size_t i = 0; i < rows[k].size(); ++i) {
            if (i) line += "  ";
            line += i < label_columns ? pad_right(rows[k][i], widths[i]) : pad_left(rows[k][i], widths[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
        if (k == 0) {
            std::size_t total = 0;
            for (std::size_t w : widths) total += w;
            out << std::string(total + 2 * (widths.size() - 1), '-') << '\n';
        }
    }
}

// Names shown for the values of a dimension.
struct Names {
    const Scenario& s;
    std::string operator()(Dimension d, const std::string& v) const {
        const Program& p = s.catalog.program;
        switch (d) {
            case Dimension::town:
                if (v.empty()) return "(no town: the carrier's own)";
                if (const Commune* c = s.territory.find_commune(v)) return c->name;
                return v;
            case Dimension::epci:
                if (v.empty()) return "(no EPCI)";
                if (const Epci* e = s.territory.find_epci(v)) return e->name;
                return v;
            case Dimension::department: return v.empty() ? "(no department)" : v;
            case Dimension::pillar:
                if (const Pillar* x = p.find_pillar(v)) return x->name;
                return v;
            case Dimension::funder:
                if (const Funder* x = p.find_funder(v)) return x->name;
                return v;
            case Dimension::measure:
                if (const Measure* x = p.find_measure(v)) return x->title.empty() ? v : x->title;
                return v;
            case Dimension::year: return v;
        }
        return v;
    }
};

// Order of geographic keys (INSEE codes, SIRENs, department codes), unknown places last.
bool geo_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i] == b[i]) continue;
        if (a[i].empty()) return false;
        if (b[i].empty()) return true;
        return a[i] < b[i];
    }
    return a.size() < b.size();
}

bool has_name_column(Dimension d) { return d == Dimension::town || d == Dimension::epci; }

std::string header_of(Dimension d) {
    switch (d) {
        case Dimension::town: return "INSEE";
        case Dimension::epci: return "SIREN";
        case Dimension::department: return "Dept";
        case Dimension::pillar: return "Pillar";
        case Dimension::funder: return "Funder";
        case Dimension::measure: return "Measure";
        case Dimension::year: return "Year";
    }
    return "";
}

std::string fr(const Money& m) { return format_fr(m); }

// The label cells of a key: a code (and a name for towns and EPCIs) for geographic values,
// a name otherwise.
std::vector<std::string> label_cells(const Names& names, const std::vector<Dimension>& by, const std::vector<std::string>& key) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < by.size(); ++i) {
        if (has_name_column(by[i])) cells.push_back(key[i].empty() ? "-" : key[i]);  // the code, then the name
        cells.push_back(names(by[i], key[i]));
    }
    return cells;
}

std::vector<std::string> label_headers(const std::vector<Dimension>& by) {
    std::vector<std::string> h;
    for (Dimension d : by) {
        h.push_back(header_of(d));
        if (has_name_column(d)) h.push_back(d == Dimension::town ? "Town" : "EPCI");
    }
    return h;
}

bool all_geographic(const std::vector<Dimension>& by) {
    return !by.empty() && std::all_of(by.begin(), by.end(), [](Dimension d) { return is_geographic(d); });
}

void envelopes_table(std::ostream& out, const Scenario& s, const EnvelopeTable& t) {
    const Names names{s};
    const Program& p = s.catalog.program;
    out << "Envelopes of " << p.name() << " (" << p.id() << ") — scenario " << s.path;
    if (s.options.date) out << ", computed on " << to_string(*s.options.date);
    out << "\n\n";
    const bool pivot = t.by.size() >= 2 && !is_geographic(t.by.back());
    std::vector<Dimension> row_by = t.by;
    std::vector<std::string> columns;  // pivoted values, in table order
    if (pivot) {
        row_by.pop_back();
        // Every pillar (funder, measure) of the programme is a column, with money or not.
        switch (t.by.back()) {
            case Dimension::pillar:
                for (const Pillar& x : p.pillars()) columns.push_back(x.id);
                break;
            case Dimension::funder:
                for (const Funder& x : p.funders()) columns.push_back(x.id);
                break;
            case Dimension::measure:
                for (const Measure& x : p.measures()) columns.push_back(x.id);
                break;
            default:
                for (const EnvelopeRow& r : t.rows)
                    if (std::find(columns.begin(), columns.end(), r.key.back()) == columns.end()) columns.push_back(r.key.back());
                std::sort(columns.begin(), columns.end());  // years
        }
    }
    const bool own = all_geographic(row_by) || row_by.empty();
    std::map<std::vector<std::string>, const Balance*> balance_of;
    if (own && t.balance_by == row_by)
        for (const BalanceRow& b : t.balances) balance_of[b.key] = &b.balance;

    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = label_headers(row_by);
    const std::size_t labels = header.size();
    if (pivot) {
        for (const std::string& c : columns) header.push_back(names(t.by.back(), c));
        header.push_back("Total aid");
    } else {
        header.push_back("Cash aid");
    }
    header.push_back("In kind");
    header.push_back("Pass-through");
    if (!balance_of.empty()) header.push_back("Own share");
    rows.push_back(header);

    // Group the rows by their row key (consecutive, since rows are sorted by key).
    std::vector<std::pair<std::vector<std::string>, std::vector<const EnvelopeRow*>>> groups;
    for (const EnvelopeRow& r : t.rows) {
        std::vector<std::string> k(r.key.begin(), r.key.begin() + static_cast<std::ptrdiff_t>(row_by.size()));
        if (groups.empty() || groups.back().first != k) groups.push_back({k, {}});
        groups.back().second.push_back(&r);
    }
    // Geographic rows that only have a balance (a town whose projects got no aid).
    for (const auto& entry : balance_of) {
        const std::vector<std::string>& k = entry.first;  // (clang 14 cannot capture a structured binding)
        if (std::none_of(groups.begin(), groups.end(), [&](const auto& g) { return g.first == k; })) groups.push_back({k, {}});
    }
    if (!balance_of.empty())  // geographic keys: codes in string order, unknown ("") last
        std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return geo_less(a.first, b.first); });
    Amounts total;
    std::vector<Money> column_totals(columns.size());
    for (const auto& [k, members] : groups) {
        std::vector<std::string> cells = label_cells(names, row_by, k);
        Amounts sum;
        if (pivot) {
            for (std::size_t c = 0; c < columns.size(); ++c) {
                Money cash;
                for (const EnvelopeRow* r : members)
                    if (r->key.back() == columns[c]) cash += r->amounts.cash;
                column_totals[c] += cash;
                cells.push_back(fr(cash));
            }
        }
        for (const EnvelopeRow* r : members) sum += r->amounts;
        total += sum;
        cells.push_back(fr(sum.cash));
        cells.push_back(fr(sum.in_kind));
        cells.push_back(fr(sum.pass_through));
        if (!balance_of.empty()) {
            auto it = balance_of.find(k);
            cells.push_back(it == balance_of.end() ? fr(Money()) : fr(it->second->own_share));
        }
        rows.push_back(std::move(cells));
    }
    std::vector<std::string> last(labels, "");
    if (labels > 0) last[0] = "Total";
    for (const Money& m : column_totals) last.push_back(fr(m));
    last.push_back(fr(t.total.cash));
    last.push_back(fr(t.total.in_kind));
    last.push_back(fr(t.total.pass_through));
    if (!balance_of.empty()) last.push_back(fr(t.total_balance.own_share));
    rows.push_back(last);
    print_table(out, rows, labels);
    out << "\nCost " << fr(t.total_balance.cost) << ", private funding " << fr(t.total_balance.private_funding)
        << ", cash aid " << fr(t.total_balance.cash) << ", own share " << fr(t.total_balance.own_share)
        << " (in kind, outside the balance: " << fr(t.total_balance.in_kind) << ")\n";
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

void envelopes_csv(std::ostream& out, const Scenario& s, const EnvelopeTable& t) {
    const Names names{s};
    const bool own = all_geographic(t.by);
    std::map<std::vector<std::string>, const Balance*> balance_of;
    if (own)
        for (const BalanceRow& b : t.balances) balance_of[b.key] = &b.balance;
    std::vector<std::string> header;
    for (Dimension d : t.by) {
        header.push_back(to_string(d));
        if (d != Dimension::year && d != Dimension::department) header.push_back(to_string(d) + "_name");
    }
    for (const char* c : {"cash", "in_kind", "pass_through"}) header.emplace_back(c);
    if (own)
        for (const char* c : {"cost", "private_funding", "own_share"}) header.emplace_back(c);
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
        out << "\r\n";
    };
    line(header);
    auto key_cells = [&](const std::vector<std::string>& key) {
        std::vector<std::string> cells;
        for (std::size_t i = 0; i < t.by.size(); ++i) {
            cells.push_back(key[i]);
            if (t.by[i] != Dimension::year && t.by[i] != Dimension::department) cells.push_back(names(t.by[i], key[i]));
        }
        return cells;
    };
    std::set<std::vector<std::string>> written;
    for (const EnvelopeRow& r : t.rows) {
        auto cells = key_cells(r.key);
        for (const Money& m : {r.amounts.cash, r.amounts.in_kind, r.amounts.pass_through}) cells.push_back(to_string(m));
        if (own) {
            auto it = balance_of.find(r.key);
            const Balance b = it == balance_of.end() ? Balance{} : *it->second;
            for (const Money& m : {b.cost, b.private_funding, b.own_share}) cells.push_back(to_string(m));
        }
        written.insert(r.key);
        line(cells);
    }
    for (const auto& [k, b] : balance_of) {  // places with a balance but no aid
        if (written.count(k)) continue;
        auto cells = key_cells(k);
        for (int i = 0; i < 3; ++i) cells.push_back(to_string(Money()));
        for (const Money& m : {b->cost, b->private_funding, b->own_share}) cells.push_back(to_string(m));
        line(cells);
    }
}

json money_json(const Money& m) { return to_string(m); }

json amounts_json(const Amounts& a) {
    return json{{"cash", money_json(a.cash)}, {"in_kind", money_json(a.in_kind)}, {"pass_through", money_json(a.pass_through)}};
}

json balance_json(const Balance& b) {
    return json{{"cost", money_json(b.cost)},         {"private_funding", money_json(b.private_funding)},
                {"cash", money_json(b.cash)},         {"in_kind", money_json(b.in_kind)},
                {"own_share", money_json(b.own_share)}};
}

json key_json(const std::vector<Dimension>& by, const std::vector<std::string>& key) {
    json k = json::object();
    for (std::size_t i = 0; i < by.size(); ++i) k[to_string(by[i])] = key[i];
    return k;
}

void envelopes_json(std::ostream& out, const Scenario& s, const Evaluation& ev, const EnvelopeTable& t) {
    const Names names{s};
    json j;
    j["format_version"] = report_format_version;
    j["program"] = json{{"id", s.catalog.program.id()}, {"name", s.catalog.program.name()}};
    j["scenario"] = s.path;
    j["date"] = s.options.date ? json(to_string(*s.options.date)) : json(nullptr);
    json by = json::array();
    for (Dimension d : t.by) by.push_back(to_string(d));
    j["by"] = by;
    json rows = json::array();
    for (const EnvelopeRow& r : t.rows) {
        json row = amounts_json(r.amounts);
        json labels = json::object();
        for (std::size_t i = 0; i < t.by.size(); ++i) labels[to_string(t.by[i])] = names(t.by[i], r.key[i]);
        rows.push_back(json{{"key", key_json(t.by, r.key)}, {"names", labels}, {"amounts", row}});
    }
    j["rows"] = rows;
    j["total"] = amounts_json(t.total);
    json balances = json::array();
    for (const BalanceRow& b : t.balances)
        balances.push_back(json{{"key", key_json(t.balance_by, b.key)}, {"balance", balance_json(b.balance)}});
    j["balances"] = balances;
    j["total_balance"] = balance_json(t.total_balance);
    json budgets = json::array();
    for (const BudgetOutcome& b : ev.budgets) {
        json cuts = json::array();
        for (const BudgetCut& c : b.cuts)
            cuts.push_back(json{{"project", c.project},
                                {"measure", c.measure},
                                {"funder", c.funder},
                                {"year", static_cast<int>(c.year)},
                                {"asked", money_json(c.asked)},
                                {"granted", money_json(c.granted)}});
        budgets.push_back(json{{"id", b.budget},
                               {"policy", std::string(subsidy::detail::name_of(b.policy))},
                               {"amount", money_json(b.amount)},
                               {"asked", money_json(b.asked)},
                               {"granted", money_json(b.granted)},
                               {"unallocated", money_json(b.unallocated)},
                               {"uniform_cap", b.uniform_cap ? money_json(*b.uniform_cap) : json(nullptr)},
                               {"cuts", cuts}});
    }
    j["budgets"] = budgets;
    out << j.dump(2) << '\n';
}

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

void plan_json(std::ostream& out, const Scenario& s, const Project& project, const FundingPlan& plan) {
    json lines = json::array();
    for (const FundingLine& l : plan.lines)
        lines.push_back(json{{"measure", l.measure}, {"funder", l.funder}, {"pillar", l.pillar},
                             {"year", static_cast<int>(l.year)}, {"amount", money_json(l.amount)},
                             {"in_kind", l.in_kind}, {"pass_through", l.pass_through}, {"trace", trace_json(l.trace)}});
    json outcomes = json::array();
    for (const MeasureOutcome& o : plan.outcomes)
        outcomes.push_back(json{{"measure", o.measure}, {"applied", o.applied},
                                {"year", o.year ? json(static_cast<int>(*o.year)) : json(nullptr)},
                                {"reason", o.reason}, {"checks", checks_json(o.checks)}});
    json j{{"format_version", report_format_version},
           {"trace_format_version", plan.format_version},
           {"program", s.catalog.program.id()},
           {"scenario", s.path},
           {"project", plan.project},
           {"title", project.title},
           {"owner", to_string(project.owner)},
           {"cost", money_json(plan.cost)},
           {"private_funding", money_json(plan.private_funding)},
           {"cash_aid", money_json(plan.cash_aid)},
           {"own_share", money_json(plan.own_share)},
           {"lines", lines},
           {"outcomes", outcomes}};
    out << j.dump(2) << '\n';
}

void plan_text(std::ostream& out, const Scenario& s, const Project& project, const FundingPlan& plan) {
    const Program& p = s.catalog.program;
    const auto owner = s.territory.info(project.owner);
    out << "Project '" << project.id << "'" << (project.title.empty() ? "" : " — " + project.title) << "\n";
    out << "  owner " << to_string(project.owner) << (owner ? " (" + owner->name + ")" : "") << ", "
        << to_string(project.nature) << ", category " << project.category;
    if (!project.flags.empty()) {
        out << ", flags";
        for (const std::string& f : project.flags) out << " " << f;
    }
    out << "\n\nFunding lines\n";
    for (const FundingLine& l : plan.lines) {
        const Funder* f = p.find_funder(l.funder);
        out << "  " << static_cast<int>(l.year) << "  " << l.measure << "  " << (f ? f->name : l.funder) << "  "
            << fr(l.amount) << (l.in_kind ? "  (in kind)" : "") << (l.pass_through ? "  (pass-through)" : "") << "\n";
        const LineTrace& t = l.trace;
        for (const Check& c : t.checks)
            out << "      check " << c.rule << ": " << (c.passed ? "ok" : "FAILED") << " - " << c.detail << "\n";
        for (const ParameterUse& u : t.parameters)
            out << "      parameter " << u.name << " = " << u.value
                << (u.from.year() == std::chrono::year::min() ? std::string(" (always") : " (from " + to_string(u.from))
                << ", source: " << u.source
                << (u.extrapolated ? ", EXTRAPOLATED" : "") << ")\n";
        if (!t.exact_amount.empty()) out << "      base " << to_string(t.base) << "; " << t.exact_amount << "\n";
        if (!t.rounding.empty()) out << "      rounding " << t.rounding << "\n";
        for (const CeilingUse& c : t.ceilings)
            out << "      ceiling " << c.name << " " << to_string(c.amount) << (c.bound ? " BOUND" : " not reached") << " ("
                << c.detail << ")\n";
        for (const std::string& n : t.notes) out << "      " << n << "\n";
        for (const Cut& c : t.cuts)
            out << "      CUT by " << c.constraint << " (" << c.source << "): " << to_string(c.before) << " -> "
                << to_string(c.after) << ": " << c.detail << "\n";
    }
    bool any = false;
    for (const MeasureOutcome& o : plan.outcomes) {
        if (o.applied && o.reason.empty()) continue;
        if (!any) out << "\nMeasures (or years) that gave nothing\n";
        any = true;
        out << "  " << o.measure << (o.year ? " in " + std::to_string(static_cast<int>(*o.year)) : std::string()) << ": "
            << o.reason << "\n";
    }
    out << "\n  cost             " << pad_left(fr(plan.cost), 18) << "\n";
    out << "  private funding  " << pad_left(fr(plan.private_funding), 18) << "\n";
    out << "  cash aid         " << pad_left(fr(plan.cash_aid), 18) << "\n";
    out << "  own share        " << pad_left(fr(plan.own_share), 18) << "  (cost - private funding - cash aid)\n";
}

template <class T>
std::string describe_dated(const Dated<T>& d) {
    std::string s;
    for (const auto& e : d.entries()) {
        if (!s.empty()) s += "; ";
        s += to_string(e.value);
        if (e.from.year() != std::chrono::year::min()) s += " from " + to_string(e.from);
        if (!e.source.empty()) s += " [" + e.source + "]";
    }
    if (d.until()) s += " until " + to_string(*d.until());
    return s;
}

}  // namespace

void write_plan(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation, std::size_t index,
                OutputFormat format) {
    const Project& project = scenario.projects.at(index);
    const FundingPlan& plan = evaluation.plans.at(index);
    if (format == OutputFormat::json) return plan_json(out, scenario, project, plan);
    plan_text(out, scenario, project, plan);
}

void write_catalog(std::ostream& out, const Catalog& catalog) {
    const Program& p = catalog.program;
    out << "Catalog " << catalog.path << ": " << p.name() << " (" << p.id() << ")";
    if (p.valid_from()) out << ", from " << to_string(*p.valid_from());
    if (p.valid_until()) out << " until " << to_string(*p.valid_until());
    out << "\n";
    for (const Pillar& pillar : p.pillars()) {
        out << "\n" << pillar.name << " (" << pillar.id << ")\n";
        for (const Measure& m : p.measures()) {
            if (m.pillar != pillar.id) continue;
            out << "  " << m.id << " — " << m.title << (m.in_kind ? " (in kind)" : "") << (m.pass_through ? " (pass-through)" : "")
                << "\n";
            out << "    source: " << m.legal_source << "\n";
            if (m.valid_from || m.valid_until)
                out << "    valid " << (m.valid_from ? to_string(*m.valid_from) : std::string("…")) << " .. "
                    << (m.valid_until ? to_string(*m.valid_until) : std::string("…")) << "\n";
            if (const auto* f = std::get_if<ShareFormula>(&m.formula)) {
                out << "    rate: " << (f->rate ? describe_dated(*f->rate) : std::string("case by case (set by the project)")) << "\n";
                if (f->base_cap) out << "    base capped at: " << describe_dated(*f->base_cap) << "\n";
                for (const Ceiling& c : f->ceilings)
                    out << "    ceiling " << to_string(c.scope) << (c.when_funder ? " when " + *c.when_funder + " takes part" : "")
                        << (c.proration == Proration::none ? std::string() : ", prorated " + std::string(subsidy::detail::display_of(c.proration)))
                        << ": " << describe_dated(c.amount) << "\n";
                if (f->per_unit_kind) out << "    plus per " << *f->per_unit_kind << ": " << describe_dated(*f->per_unit_amount) << "\n";
            } else if (const auto* f = std::get_if<FlatFormula>(&m.formula)) {
                out << "    per " << f->unit_kind << ": " << describe_dated(f->amount_per_unit)
                    << (f->capped_at_expense ? ", never above the expense" : "") << "\n";
            } else if (const auto* f = std::get_if<ScheduleFormula>(&m.formula)) {
                for (std::size_t k = 0; k < f->by_scheme_year.size(); ++k)
                    out << "    year " << k + 1 << ": " << describe_dated(f->by_scheme_year[k]) << "\n";
                for (std::size_t k = 0; k < f->bonus_by_scheme_year.size(); ++k)
                    out << "    bonus year " << k + 1 << ": " << describe_dated(f->bonus_by_scheme_year[k]) << "\n";
            }
            for (const SplitMember& sm : m.members) {
                out << "    member " << sm.funder << ": " << describe_dated(sm.rate);
                if (sm.base_cap) out << ", base capped at " << describe_dated(*sm.base_cap);
                if (sm.ceiling) out << ", ceiling " << describe_dated(*sm.ceiling);
                out << "\n";
            }
            out << "    funder" << (m.members.empty() ? "" : " of the rest") << ": " << m.residual_funder << "\n";
        }
    }
    if (!p.constraints().empty()) out << "\nStacking constraints\n";
    for (const StackingConstraint& c : p.constraints()) out << "  " << c.id << " [" << c.source << "]\n";
}

void write_envelopes(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation,
                     const std::vector<Dimension>& by, OutputFormat format, Grid grid) {
    const EnvelopeTable t = evaluation.envelopes.table(by, grid);
    switch (format) {
        case OutputFormat::table:
        case OutputFormat::text: return envelopes_table(out, scenario, t);
        case OutputFormat::csv: return envelopes_csv(out, scenario, t);
        case OutputFormat::json: return envelopes_json(out, scenario, evaluation, t);
    }
}

}  // namespace subsidy::io
