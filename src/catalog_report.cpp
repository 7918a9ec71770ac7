// The catalog report (see write_catalog in include/subsidy/io/report.hpp): a programme's
// measures, pillar by pillar, with their rates, ceilings, validity and sources.
#include <string>

#include "subsidy/io/report.hpp"

namespace subsidy::io {

namespace {

// "75% [source]; 80% from 2023-01-01 [source] until 2026-12-31": every value with its dates.
template <class T>
std::string describe_dated(const Dated<T>& d) {
    std::string s;
    for (const auto& e : d.entries()) {
        if (!s.empty()) s += "; ";
        s += to_string(e.value);
        if (e.from.year() != std::chrono::year::min()) s += " from " + to_string(e.from);
        s += " [" + (e.source.empty() ? std::string("source not given") : e.source) + "]";  // a catalog that is not normative
    }
    if (d.until()) s += " until " + to_string(*d.until());
    return s;
}

void write_share(std::ostream& out, const ShareFormula& f) {
    out << "    rate: " << (f.rate ? describe_dated(*f.rate) : std::string("case by case (set by the project)")) << "\n";
    if (f.base_cap) out << "    base capped at: " << describe_dated(*f.base_cap) << "\n";
    for (const Ceiling& c : f.ceilings)
        out << "    ceiling " << to_string(c.scope) << (c.when_funder ? " when " + *c.when_funder + " takes part" : "")
            << (c.proration == Proration::none ? std::string() : ", prorated " + std::string(subsidy::detail::display_of(c.proration)))
            << ": " << describe_dated(c.amount) << "\n";
    if (f.per_unit_kind) out << "    plus per " << *f.per_unit_kind << ": " << describe_dated(*f.per_unit_amount) << "\n";
}

void write_formula(std::ostream& out, const Measure& m) {
    if (const auto* f = std::get_if<ShareFormula>(&m.formula)) {
        write_share(out, *f);
    } else if (const auto* f = std::get_if<FlatFormula>(&m.formula)) {
        out << "    per " << f->unit_kind << ": " << describe_dated(f->amount_per_unit)
            << (f->capped_at_expense ? ", never above the expense" : "") << "\n";
    } else if (const auto* f = std::get_if<ScheduleFormula>(&m.formula)) {
        for (std::size_t k = 0; k < f->by_scheme_year.size(); ++k)
            out << "    year " << k + 1 << ": " << describe_dated(f->by_scheme_year[k]) << "\n";
        for (std::size_t k = 0; k < f->bonus_by_scheme_year.size(); ++k)
            out << "    bonus year " << k + 1 << ": " << describe_dated(f->bonus_by_scheme_year[k]) << "\n";
    } else if (const auto* f = std::get_if<ServiceFormula>(&m.formula)) {
        out << "    support without a published price: 1 " << f->unit << " "
            << (f->per == ServicePer::membership ? "per member of the programme, from its convention"
                : f->per == ServicePer::year     ? "per project and year"
                                                 : "per project") << "\n";
    }
}

void write_measure(std::ostream& out, const Measure& m) {
    out << "  " << m.id << " — " << m.title << (m.in_kind ? " (in kind)" : "") << (m.pass_through ? " (pass-through)" : "")
        << "\n";
    out << "    source: " << (m.legal_source.empty() ? std::string("not given") : m.legal_source) << "\n";
    if (m.valid_from || m.valid_until)
        out << "    valid " << (m.valid_from ? to_string(*m.valid_from) : std::string("…")) << " .. "
            << (m.valid_until ? to_string(*m.valid_until) : std::string("…")) << "\n";
    write_formula(out, m);
    for (const SplitMember& sm : m.members) {
        out << "    member " << sm.funder << ": " << describe_dated(sm.rate);
        if (sm.base_cap) out << ", base capped at " << describe_dated(*sm.base_cap);
        if (sm.ceiling) out << ", ceiling " << describe_dated(*sm.ceiling);
        out << "\n";
    }
    out << "    funder" << (m.members.empty() ? "" : " of the rest") << ": " << m.residual_funder << "\n";
}

}  // namespace

void write_catalog(std::ostream& out, const Catalog& catalog) {
    const Program& p = catalog.program;
    out << "Catalog " << catalog.path << ": " << p.name() << " (" << p.id() << ")";
    if (p.valid_from()) out << ", from " << to_string(*p.valid_from());
    if (p.valid_until()) out << " until " << to_string(*p.valid_until());
    out << "\n";
    if (const auto& g = p.population_guideline())
        out << "  selects towns under " << g->below << " inhabitants (a guideline, no measure's condition: W008 warns of a member above it)"
            << (g->source.empty() ? "" : " [" + g->source + "]") << "\n";
    for (const Pillar& pillar : p.pillars()) {
        out << "\n" << pillar.name << " (" << pillar.id << ")\n";
        for (const Measure& m : p.measures())
            if (m.pillar == pillar.id) write_measure(out, m);
    }
    bool groups = false;
    for (const Funder& f : p.funders()) {
        if (f.group.empty()) continue;
        if (!groups) out << "\nFunder groups (one rate, no published split)\n";
        groups = true;
        out << "  " << f.id << " (" << f.name << "):";
        for (const std::string& m : f.group) out << " " << m;
        out << "\n";
    }
    if (!p.constraints().empty()) out << "\nStacking constraints\n";
    for (const StackingConstraint& c : p.constraints()) out << "  " << c.id << " [" << c.source << "]\n";
}

}  // namespace subsidy::io
