// The envelope reports (see include/subsidy/io/report.hpp): CSV and JSON for machines,
// and write_envelopes, which also writes the table for people (envelope_table.cpp).
#include <map>
#include <set>

#include "envelope_report.hpp"
#include "report_format.hpp"
#include "subsidy/io/report.hpp"

namespace subsidy::io {

namespace {

using detail::json;
using detail::csv_field;
using detail::money_json;
using detail::Names;

// The exact rate of cash aid in the cost ("45%", "185555/494814"), null or "" when the cost is 0.
std::optional<std::string> aid_rate(const Balance& b) {
    const auto r = effective_rate(b.cash, b.cost);
    return r ? std::optional<std::string>(to_string(*r)) : std::nullopt;
}

// The balance columns of a CSV row: cost, private funding, other resources, own share, aid rate.
void balance_cells(std::vector<std::string>& cells, const Balance& b) {
    for (const Money& m : {b.cost, b.private_funding, b.other_resources, b.own_share}) cells.push_back(to_string(m));
    cells.push_back(aid_rate(b).value_or(""));
}

void envelopes_csv(std::ostream& out, const Scenario& s, const EnvelopeTable& t) {
    const Names names{s};
    const bool own = detail::all_geographic(t.by);
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
        for (const char* c : {"cost", "private_funding", "other_resources", "own_share", "aid_rate_of_cost"}) header.emplace_back(c);
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
            balance_cells(cells, b);
        }
        written.insert(r.key);
        line(cells);
    }
    for (const auto& [k, b] : balance_of) {  // places with a balance but no aid
        if (written.count(k)) continue;
        auto cells = key_cells(k);
        for (int i = 0; i < 3; ++i) cells.push_back(to_string(Money()));
        balance_cells(cells, *b);
        line(cells);
    }
}

json amounts_json(const Amounts& a) {
    return json{{"cash", money_json(a.cash)}, {"in_kind", money_json(a.in_kind)}, {"pass_through", money_json(a.pass_through)}};
}

json balance_json(const Balance& b) {
    return json{{"cost", money_json(b.cost)},         {"private_funding", money_json(b.private_funding)},
                {"cash", money_json(b.cash)},         {"in_kind", money_json(b.in_kind)},
                {"own_share", money_json(b.own_share)}, {"other_resources", money_json(b.other_resources)},
                {"aid_rate_of_cost", aid_rate(b) ? json(*aid_rate(b)) : json(nullptr)}};
}

json key_json(const std::vector<Dimension>& by, const std::vector<std::string>& key) {
    json k = json::object();
    for (std::size_t i = 0; i < by.size(); ++i) k[to_string(by[i])] = key[i];
    return k;
}

// Support without a price, by key and measure: a quantity and its unit, never euros.
json services_json(const Scenario& s, const EnvelopeTable& t) {
    json services = json::array();
    for (const ServiceRow& r : t.services) {
        const Measure* m = s.catalog.program.find_measure(r.measure);
        const auto& f = std::get<ServiceFormula>(m->formula);
        services.push_back(json{{"key", key_json(t.by, r.key)}, {"measure", r.measure}, {"pillar", r.pillar},
                                {"quantity", r.quantity}, {"unit", f.label(r.quantity)}});
    }
    return services;
}

// What each budget did: its amount, what was asked and granted, and every cut it made.
json budgets_json(const std::vector<BudgetOutcome>& outcomes) {
    json budgets = json::array();
    for (const BudgetOutcome& b : outcomes) {
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
    return budgets;
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
    j["services"] = services_json(s, t);
    j["budgets"] = budgets_json(ev.budgets);
    out << j.dump(2) << '\n';
}

}  // namespace

void write_envelopes(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation,
                     const std::vector<Dimension>& by, OutputFormat format, Grid grid) {
    const EnvelopeTable t = evaluation.envelopes.table(by, grid);
    switch (format) {
        case OutputFormat::table:
        case OutputFormat::text: return detail::envelopes_table(out, scenario, t);
        case OutputFormat::csv: return envelopes_csv(out, scenario, t);
        case OutputFormat::json: return envelopes_json(out, scenario, evaluation, t);
    }
}

}  // namespace subsidy::io
