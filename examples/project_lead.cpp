// The PVD project-lead measure built in C++ with the rules engine, and the funding plan of a
// real-looking post with its whole trace: 75 % of the loaded annual cost, capped at 45 000 € a
// year (55 000 € when Anah takes part); Anah 50 % of at most 80 000 € when the town runs an
// OPAH-RU; Banque des Territoires 25 % capped at 15 000 €; ANCT the residual (our documented
// reading of the programme, DOMAIN.md §1.1).
#include <subsidy/subsidy.hpp>

#include <iostream>
#include <string>

using namespace subsidy;
using namespace subsidy::literals;

namespace {

constexpr auto pvd_page =
    "https://petitesvillesdedemain.aides-territoires.beta.gouv.fr/47ab-beneficier-du-co-financement-dun-poste-de-che/";
constexpr auto bdt_page =
    "https://banquedesterritoires.fr/petites-villes-de-demain-la-campagne-de-recrutement-des-chefs-de-projet-bat-son-plein";
constexpr auto anah_page =
    "https://espace.amf-morbihan.fr/base-de-donnes-accompagnement-des-collectivits/bnficier-du-co-financement-dun-poste-de-chef-de-projet-pvd";

template <class T>
Dated<T> since(std::string name, const char* from, T value, const char* source) {
    return Dated<T>(std::move(name), {{parse_date(from), value, source}});
}

Program pvd_project_lead() {
    Program p("pvd", "Petites villes de demain", parse_date("2020-10-01"), parse_date("2026-12-31"));
    p.add_pillar({"engineering", "Soutien en ingénierie"});
    p.add_funder({"anct", "ANCT", FunderKind::state_agency})
        .add_funder({"bdt", "Banque des Territoires", FunderKind::public_bank})
        .add_funder({"anah", "Anah", FunderKind::state_agency});
    Measure m;
    m.id = "pvd-project-lead";
    m.title = "Co-financement du poste de chef de projet PVD";
    m.pillar = "engineering";
    m.legal_source = pvd_page;
    m.categories = {"project_lead_post"};
    m.natures = {ExpenseNature::operating};
    m.eligibility.beneficiary_kinds = {BeneficiaryKind::commune, BeneficiaryKind::epci, BeneficiaryKind::petr};
    m.eligibility.population_below = {{BeneficiaryKind::commune, 20'000}};
    ShareFormula f;
    f.rate = since("project_lead.rate", "2020-10-01", 75_pct, pvd_page);
    f.ceilings = {
        Ceiling{since("project_lead.ceiling_with_anah", "2020-10-01", 55'000_eur, pvd_page), CeilingScope::per_year,
                Proration::none, std::string("anah")},
        Ceiling{since("project_lead.ceiling", "2020-10-01", 45'000_eur, pvd_page), CeilingScope::per_year, Proration::none,
                std::nullopt}};
    m.formula = f;
    m.members = {
        SplitMember{"anah", since("project_lead.anah.rate", "2020-10-01", 50_pct, anah_page),
                    since("project_lead.anah.base_cap", "2020-10-01", 80'000_eur, anah_page),
                    since("project_lead.anah.ceiling", "2020-10-01", 40'000_eur, anah_page),
                    Condition{{}, {"opah_ru", "opah_cd", "plan_sauvegarde", "orcod"}, {"npnru"}}},
        SplitMember{"bdt", since("project_lead.bdt.rate", "2020-10-01", 25_pct, bdt_page), std::nullopt,
                    since("project_lead.bdt.ceiling", "2020-10-01", 15'000_eur, bdt_page), Condition{}}};
    m.residual_funder = "anct";
    p.add_measure(m);
    return p;
}

std::string fr(const Money& m) { return format_fr(m, FrenchSpacing::ascii); }

std::string pad(std::string s, std::size_t width) {
    // Width in characters, counting each UTF-8 sequence once.
    std::size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
    if (chars < width) s.insert(0, width - chars, ' ');
    return s;
}

void print(const FundingPlan& plan, const Program& program) {
    std::cout << "Funding plan of project '" << plan.project << "' (trace format " << plan.format_version << ")\n";
    std::string last_group;
    for (const FundingLine& l : plan.lines) {
        std::cout << "\n  " << static_cast<int>(l.year) << "  " << l.measure << "  "
                  << program.find_funder(l.funder)->name << pad(fr(l.amount), 16) << "\n";
        // The eligibility checks are the same for every funder of a measure-year: show them once.
        const std::string group = l.measure + std::to_string(static_cast<int>(l.year));
        if (group != last_group)
            for (const Check& c : l.trace.checks)
                std::cout << "      check " << c.rule << ": " << (c.passed ? "ok" : "FAILED") << " - " << c.detail << "\n";
        last_group = group;
        for (const ParameterUse& u : l.trace.parameters)
            std::cout << "      " << u.name << " = " << u.value << " (from " << to_string(u.from) << ")"
                      << (u.extrapolated ? " [extrapolated]" : "") << "\n        source: " << u.source << "\n";
        std::cout << "      base " << to_string(l.trace.base) << "; " << l.trace.exact_amount << "; " << l.trace.rounding
                  << "\n";
        for (const CeilingUse& c : l.trace.ceilings)
            std::cout << "      " << (c.bound ? "CAPPED by " : "under ") << c.name << " " << to_string(c.amount) << " ("
                      << c.detail << ")\n";
        for (const std::string& n : l.trace.notes) std::cout << "      " << n << "\n";
        for (const Cut& c : l.trace.cuts)
            std::cout << "      CUT by " << c.constraint << ": " << to_string(c.before) << " -> " << to_string(c.after)
                      << " (" << c.detail << ")\n";
    }
    for (const MeasureOutcome& o : plan.outcomes)
        if (!o.reason.empty())
            std::cout << "\n  " << o.measure << (o.year ? " " + std::to_string(static_cast<int>(*o.year)) : "") << ": "
                      << o.reason << "\n";
    std::cout << "\n  cost " << pad(fr(plan.cost), 16) << "\n  aid  " << pad(fr(plan.cash_aid), 16) << "\n  own  "
              << pad(fr(plan.own_share), 16) << "   (exact balance: cost - private funding - aid)\n";
}

}  // namespace

int main() {
    try {
        const Program program = pvd_project_lead();
        Territory territory;
        territory.add_epci({"241400555", "Bayeux Intercom", 29'000});
        territory.add_membership("pvd", {BeneficiaryKind::epci, "241400555"}, parse_date("2021-04-06"));

        // The post, carried by Bayeux Intercom: hired on 1 May 2021, loaded cost 34 156.38 € for
        // the 8 months of 2021, then 51 234.57 € in 2022.
        Project post;
        post.id = "bayeux-intercom-project-lead";
        post.title = "Chef de projet PVD, Bayeux Intercom";
        post.owner = {BeneficiaryKind::epci, "241400555"};
        post.category = "project_lead_post";
        post.expenses = {
            Expense{std::chrono::year{2021}, Money::parse("34 156,38 €"),
                    DateRange(parse_date("2021-05-01"), parse_date("2021-12-31")), std::nullopt},
            Expense{std::chrono::year{2022}, Money::parse("51 234,57 €"), std::nullopt, std::nullopt}};
        print(plan_of(program, territory, post), program);
        return 0;
    } catch (const subsidy::error& e) {
        std::cerr << "project_lead: " << e.what() << "\n";
        return 2;
    }
}
