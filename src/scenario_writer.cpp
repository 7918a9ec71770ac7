// The scenario writer: territory, projects, budgets and options → the YAML of
// docs/scenario-format.md, which the scenario reader reads back equal.
#include "subsidy/io/scenario_writer.hpp"

#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "subsidy/io/catalog.hpp"

namespace subsidy::io {

namespace {

// Double-quoted YAML: read back as exactly `text`. Quotes, backslashes and control
// characters are escaped; other characters (UTF-8 included) are written as they are.
void append_quoted(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        } else {
            out += c;
        }
    }
    out += '"';
}

// A rate as the reader parses it back: its exact percent (35%, 37.5%) when Rate::parse reads
// that text back to the same rate, else the reduced fraction (1/3, or a decimal with more
// digits than the reader's 64-bit fraction holds).
std::string rate_text(const Rate& r) {
    if (r.is_decimal()) {
        const std::string percent = to_string(r);
        try {
            if (Rate::parse(percent) == r) return percent;
        } catch (const parse_error&) {
            // too many digits for the reader: the fraction below is exact
        }
    }
    return std::to_string(r.num()) + "/" + std::to_string(r.den());
}

void append_money(std::string& out, const Money& m) { append_quoted(out, to_string(m)); }

// An enum value as the reader reads it: its file name, from the enum's one table.
template <class E>
std::string file_name(E value) {
    return std::string(subsidy::detail::name_of(value));
}

void append_beneficiary(std::string& out, const BeneficiaryRef& b) {
    out += "{" + file_name(b.kind) + ": ";
    append_quoted(out, b.id);
    out += "}";
}

// Every rate the reader would refuse, every owner it would not find: before anything is written.
void check_writable(const Territory& territory, const std::vector<Project>& projects) {
    for (const Project& p : projects) {
        if (!territory.info(p.owner))
            throw invalid_argument("write_scenario: project '" + p.id + "': owner: " + to_string(p.owner) +
                                   " is not in the territory");
        auto check_rate = [&](const Rate& r, const std::string& where) {
            if (r > Rate::one())
                throw invalid_argument("write_scenario: project '" + p.id + "': " + where + ": rate " + to_string(r) +
                                       " is above 100 %, which the scenario reader refuses");
        };
        if (p.requests)
            for (const MeasureRequest& r : *p.requests)
                if (r.rate) check_rate(*r.rate, "measure '" + r.measure + "'");
        if (p.served)
            for (const ServedTown& t : p.served->towns)
                if (t.share) check_rate(*t.share, "served: " + t.label());
    }
}

// The EPCIs, then the communes (the key is required: `[]` when there is none).
void write_places(std::string& text, const Territory& territory) {
    if (!territory.epcis().empty()) {
        text += "  epcis:\n";
        for (const auto& [siren, e] : territory.epcis()) {
            text += "    - {siren: ";
            append_quoted(text, siren);
            text += ", name: ";
            append_quoted(text, e.name);
            if (e.population) text += ", population: " + std::to_string(*e.population);  // given only when known
            text += "}\n";
        }
    }
    text += territory.communes().empty() ? "  communes: []\n" : "  communes:\n";
    for (const auto& [insee, c] : territory.communes()) {
        text += "    - {insee: ";
        append_quoted(text, insee);
        text += ", name: ";
        append_quoted(text, c.name);
        if (c.population) text += ", population: " + std::to_string(*c.population);
        if (c.population_year) text += ", population_year: " + std::to_string(*c.population_year);
        if (!c.epci.empty()) {
            text += ", epci: ";
            append_quoted(text, c.epci);
        }
        text += "}\n";
    }
}

// The bodies that own a project: the only ones a Territory lets the writer find.
std::set<BeneficiaryRef> write_bodies(std::string& text, const Territory& territory, const std::vector<Project>& projects) {
    std::set<BeneficiaryRef> bodies;
    for (const Project& p : projects)
        if (p.owner.kind != BeneficiaryKind::commune && p.owner.kind != BeneficiaryKind::epci) bodies.insert(p.owner);
    if (bodies.empty()) return bodies;
    text += "  bodies:\n";
    for (const BeneficiaryRef& b : bodies) {
        const BeneficiaryInfo info = *territory.info(b);
        text += "    - {kind: " + file_name(b.kind) + ", id: ";
        append_quoted(text, b.id);
        text += ", name: ";
        append_quoted(text, info.name);
        if (info.population) text += ", population: " + std::to_string(*info.population);
        text += "}\n";
    }
    return bodies;
}

// The conventions with `program` of the EPCIs, the communes and `bodies`, in that order.
void write_memberships(std::string& text, const Program& program, const Territory& territory,
                       const std::set<BeneficiaryRef>& bodies) {
    std::vector<BeneficiaryRef> members;
    for (const auto& [siren, e] : territory.epcis()) members.push_back({BeneficiaryKind::epci, siren});
    for (const auto& [insee, c] : territory.communes()) members.push_back({BeneficiaryKind::commune, insee});
    members.insert(members.end(), bodies.begin(), bodies.end());
    bool any = false;
    for (const BeneficiaryRef& b : members) {
        const std::optional<Date> convention = territory.convention(program.id(), b);
        if (!convention) continue;
        if (!any) text += "  memberships:\n";
        any = true;
        text += "    - {beneficiary: ";
        append_beneficiary(text, b);
        text += ", convention: " + to_string(*convention) + "}\n";
    }
}

void write_territory(std::string& text, const Program& program, const Territory& territory,
                     const std::vector<Project>& projects) {
    text += "territory:\n";
    write_places(text, territory);
    const std::set<BeneficiaryRef> bodies = write_bodies(text, territory, projects);
    write_memberships(text, program, territory, bodies);
}

// Id, title, owner, nature, category, flags, application date and private funding.
void write_project_description(std::string& text, const Project& p) {
    text += "  - id: ";
    append_quoted(text, p.id);
    text += "\n";
    if (!p.title.empty()) {
        text += "    title: ";
        append_quoted(text, p.title);
        text += "\n";
    }
    text += "    owner: ";
    append_beneficiary(text, p.owner);
    text += "\n    nature: " + file_name(p.nature) + "\n    category: ";
    append_quoted(text, p.category);
    text += "\n";
    if (!p.flags.empty()) {
        text += "    flags: [";
        bool first = true;
        for (const std::string& f : p.flags) {
            if (!first) text += ", ";
            first = false;
            append_quoted(text, f);
        }
        text += "]\n";
    }
    if (p.application_date) text += "    application_date: " + to_string(*p.application_date) + "\n";
    if (!p.private_funding.is_zero()) {
        text += "    private_funding: ";
        append_money(text, p.private_funding);
        text += "\n";
    }
}

// ", amount: …, ht: …, eligible: …" of an expense or an item (an expense with items: none,
// the items say them).
template <class Figures>
void write_figures(std::string& text, const Figures& x) {
    if constexpr (std::is_same_v<Figures, Expense>)
        if (!x.items.empty()) return;
    text += ", amount: ";
    append_money(text, x.amount);
    if (x.ht) {
        text += ", ht: ";
        append_money(text, *x.ht);
    }
    if (x.eligible) {
        text += ", eligible: ";
        append_money(text, *x.eligible);
    }
}

void write_items(std::string& text, const std::vector<CostItem>& items) {
    text += ", items: [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += i ? ", {label: " : "{label: ";
        append_quoted(text, items[i].label);
        write_figures(text, items[i]);
        if (!items[i].not_for.empty()) {
            text += ", not_for: [";
            for (std::size_t k = 0; k < items[i].not_for.size(); ++k) {
                if (k) text += ", ";
                append_quoted(text, items[i].not_for[k]);
            }
            text += "]";
        }
        text += "}";
    }
    text += "]";
}

// The units counted (when any), the expenses and the other resources, one flow list each.
void write_units_and_expenses(std::string& text, const Project& p) {
    if (!p.units.empty()) {
        text += "    units: [";
        for (std::size_t i = 0; i < p.units.size(); ++i) {
            text += i ? ", {kind: " : "{kind: ";
            append_quoted(text, p.units[i].kind);
            text += ", count: " + std::to_string(p.units[i].count) + ", date: " + to_string(p.units[i].date) + "}";
        }
        text += "]\n";
    }
    text += "    expenses: [";
    for (std::size_t i = 0; i < p.expenses.size(); ++i) {
        const Expense& e = p.expenses[i];
        text += i ? ", {year: " : "{year: ";
        text += std::to_string(static_cast<int>(e.year));
        write_figures(text, e);
        if (e.covered) text += ", from: " + to_string(e.covered->first()) + ", until: " + to_string(e.covered->last());
        if (e.date) text += ", date: " + to_string(*e.date);
        if (!e.items.empty()) write_items(text, e.items);
        text += "}";
    }
    text += "]\n";
    if (p.other_resources.empty()) return;
    text += "    other_resources: [";
    for (std::size_t i = 0; i < p.other_resources.size(); ++i) {
        text += i ? ", {label: " : "{label: ";
        append_quoted(text, p.other_resources[i].label);
        text += ", amount: ";
        append_money(text, p.other_resources[i].amount);
        text += "}";
    }
    text += "]\n";
}

// The towns served: a bare INSEE code, or {insee, share} when the key is shares; an EPCI
// always as a mapping, {epci} or {epci, share} (a bare code is a town's).
void write_served(std::string& text, const Attribution& served) {
    text += "    served: {key: " + file_name(served.key) + ", towns: [";
    for (std::size_t i = 0; i < served.towns.size(); ++i) {
        const ServedTown& t = served.towns[i];
        if (i) text += ", ";
        if (t.is_epci()) {
            text += "{epci: ";
            append_quoted(text, t.epci);
            if (t.share) text += ", share: " + rate_text(*t.share);
            text += "}";
        } else if (t.share) {
            text += "{insee: ";
            append_quoted(text, t.insee);
            text += ", share: " + rate_text(*t.share) + "}";
        } else {
            append_quoted(text, t.insee);
        }
    }
    text += "]}\n";
}

// `all`, or the measures asked for: a bare id, or {measure, rate|amount, base_cap} for a decision.
void write_requests(std::string& text, const std::optional<std::vector<MeasureRequest>>& requests) {
    if (!requests) {
        text += "    measures: all\n";
        return;
    }
    text += "    measures: [";
    for (std::size_t i = 0; i < requests->size(); ++i) {
        const MeasureRequest& r = (*requests)[i];
        if (i) text += ", ";
        if (!r.rate && !r.amount && !r.base_cap) {
            append_quoted(text, r.measure);
            continue;
        }
        text += "{measure: ";
        append_quoted(text, r.measure);
        if (r.rate) text += ", rate: " + rate_text(*r.rate);
        if (r.amount) {
            text += ", amount: ";
            append_money(text, *r.amount);
        }
        if (r.base_cap) {
            text += ", base_cap: ";
            append_money(text, *r.base_cap);
        }
        text += "}";
    }
    text += "]\n";
}

// The ceilings set for the project (those of the scenario's list, resolved onto it).
void write_ceilings(std::string& text, const std::vector<ProjectCeiling>& ceilings) {
    text += "    ceilings: [";
    for (std::size_t i = 0; i < ceilings.size(); ++i) {
        const ProjectCeiling& c = ceilings[i];
        text += i ? ", {id: " : "{id: ";
        append_quoted(text, c.id);
        text += ", measure: ";
        append_quoted(text, c.measure);
        text += ", amount: ";
        append_money(text, c.amount);
        text += c.per == CeilingScope::per_project ? ", per: project" : ", per: year";
        if (!c.source.empty()) {
            text += ", source: ";
            append_quoted(text, c.source);
        }
        text += "}";
    }
    text += "]\n";
}

void write_project(std::string& text, const Project& p) {
    write_project_description(text, p);
    write_units_and_expenses(text, p);
    if (p.served) write_served(text, *p.served);
    write_requests(text, p.requests);
    if (!p.ceilings.empty()) write_ceilings(text, p.ceilings);
}

void write_budget(std::string& text, const Budget& b) {
    text += "  - {id: ";
    append_quoted(text, b.id);
    text += ", funder: ";
    append_quoted(text, b.funder);
    if (b.measure) {
        text += ", measure: ";
        append_quoted(text, *b.measure);
    }
    if (b.scope.kind != BudgetScope::Kind::program) {
        text += b.scope.kind == BudgetScope::Kind::department ? ", scope: {department: " : ", scope: {epci: ";
        append_quoted(text, b.scope.id);
        text += "}";
    }
    if (b.year) text += ", year: " + std::to_string(static_cast<int>(*b.year));
    text += ", amount: ";
    append_money(text, b.amount);
    text += ", policy: " + file_name(b.policy);
    if (!b.source.empty()) {
        text += ", source: ";
        append_quoted(text, b.source);
    }
    text += "}\n";
}

}  // namespace

void write_scenario(std::ostream& out, const std::string& catalog_ref, const Program& program, const Territory& territory,
                    const std::vector<Project>& projects, const std::vector<Budget>& budgets,
                    const ScenarioOptions& options) {
    check_writable(territory, projects);
    // Written item by item through one buffer: a national scenario is tens of megabytes.
    std::string text = "format_version: " + std::to_string(file_format_version) + "\ncatalog: ";
    append_quoted(text, catalog_ref);
    text += "\noptions: {lookup: ";
    text += file_name(options.lookup);
    if (options.date) text += ", date: " + to_string(*options.date);
    text += "}\n";
    write_territory(text, program, territory, projects);
    out << text;
    text.clear();
    out << (projects.empty() ? "projects: []\n" : "projects:\n");
    for (const Project& p : projects) {
        write_project(text, p);
        out << text;
        text.clear();
    }
    if (!budgets.empty()) {
        text += "budgets:\n";
        for (const Budget& b : budgets) write_budget(text, b);
        out << text;
    }
}

}  // namespace subsidy::io
