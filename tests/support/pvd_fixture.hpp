// A PVD-like programme built in C++ for the engine tests: the project-lead measure (three
// funders), VTA and its 2023 pass-through, manager de commerce, Anah suivi-animation OPAH-RU,
// DETR/DSIL/Region with rates decided per project, and the stacking law of DOMAIN.md §3.
#pragma once

#include <subsidy/engine/plan.hpp>
#include <subsidy/money/literals.hpp>

namespace pvd_fixture {

using namespace subsidy;
using namespace subsidy::literals;

inline Date day(const char* iso) { return parse_date(iso); }

template <class T>
Dated<T> since(const char* name, const char* from, T value, const char* source = "DOMAIN.md") {
    return Dated<T>(name, {{day(from), value, source}});
}

inline Program make_program(Proration proration = Proration::none) {
    Program p("pvd", "Petites villes de demain", day("2020-10-01"), day("2026-12-31"));
    p.add_pillar({"engineering", "Soutien en ingénierie"})
        .add_pillar({"network", "Club PVD"})
        .add_pillar({"thematic", "Mesures thématiques"});
    p.add_funder({"anct", "ANCT", FunderKind::state_agency})
        .add_funder({"bdt", "Banque des Territoires", FunderKind::public_bank})
        .add_funder({"anah", "Anah", FunderKind::state_agency})
        .add_funder({"state", "État", FunderKind::state})
        .add_funder({"region", "Région Normandie", FunderKind::local_authority});

    Measure lead;
    lead.id = "pvd-project-lead";
    lead.title = "Co-financement du chef de projet PVD";
    lead.pillar = "engineering";
    lead.categories = {"project_lead_post"};
    lead.natures = {ExpenseNature::operating};
    lead.eligibility.beneficiary_kinds = {BeneficiaryKind::commune, BeneficiaryKind::epci, BeneficiaryKind::petr};
    lead.eligibility.population_below = {{BeneficiaryKind::commune, 20'000}};
    ShareFormula share;
    share.rate = since("pvd-project-lead.rate", "2020-10-01", 75_pct);
    share.ceilings = {Ceiling{since("pvd-project-lead.ceiling_with_anah", "2020-10-01", 55'000_eur), CeilingScope::per_year,
                              proration, std::string("anah")},
                      Ceiling{since("pvd-project-lead.ceiling", "2020-10-01", 45'000_eur), CeilingScope::per_year,
                              proration, std::nullopt}};
    lead.formula = share;
    SplitMember anah{"anah", since("pvd-project-lead.anah.rate", "2020-10-01", 50_pct),
                     since("pvd-project-lead.anah.base_cap", "2020-10-01", 80'000_eur),
                     since("pvd-project-lead.anah.ceiling", "2020-10-01", 40'000_eur),
                     Condition{{}, {"opah_ru", "opah_cd", "plan_sauvegarde", "orcod"}, {"npnru"}}};
    SplitMember bdt{"bdt", since("pvd-project-lead.bdt.rate", "2020-10-01", 25_pct), std::nullopt,
                    since("pvd-project-lead.bdt.ceiling", "2020-10-01", 15'000_eur), Condition{}};
    lead.members = {anah, bdt};
    lead.residual_funder = "anct";
    p.add_measure(lead);

    Measure vta;
    vta.id = "vta";
    vta.title = "Volontariat territorial en administration";
    vta.pillar = "engineering";
    vta.formula = FlatFormula{"volunteer", since("vta.amount", "2021-01-01", 15'000_eur), false};
    vta.residual_funder = "state";
    p.add_measure(vta);

    Measure backpack = vta;
    backpack.id = "vta-backpack";
    backpack.title = "VTA: aide à l'installation (sac à dos)";
    backpack.valid_from = day("2023-01-01");
    backpack.formula = FlatFormula{"volunteer", since("vta-backpack.amount", "2023-01-01", 5'000_eur), false};
    backpack.pass_through = true;
    p.add_measure(backpack);

    Measure manager;
    manager.id = "commerce-manager";
    manager.title = "Manager de commerce";
    manager.pillar = "thematic";
    manager.categories = {"commerce_manager"};
    manager.formula = ScheduleFormula{{since("commerce-manager.year1", "2020-10-01", 20'000_eur),
                                       since("commerce-manager.year2", "2020-10-01", 20'000_eur)},
                                      std::nullopt,
                                      {},
                                      true};
    manager.residual_funder = "bdt";
    p.add_measure(manager);

    Measure opah;
    opah.id = "anah-sa-opah-ru";
    opah.title = "Anah suivi-animation OPAH-RU";
    opah.pillar = "thematic";
    opah.categories = {"opah_animation"};
    opah.eligibility.condition = Condition{{"opah_ru"}, {}, {}};
    ShareFormula opah_share;
    opah_share.rate = since("anah-sa-opah-ru.rate", "2020-01-01", 50_pct);
    opah_share.ceilings = {Ceiling{since("anah-sa-opah-ru.ceiling", "2020-01-01", 125'000_eur), CeilingScope::per_year,
                                   Proration::none, std::nullopt}};
    opah_share.per_unit_kind = "dwelling";
    opah_share.per_unit_amount = since("anah-sa-opah-ru.per_dwelling", "2020-01-01", 332_eur);
    opah.formula = opah_share;
    opah.residual_funder = "anah";
    p.add_measure(opah);

    auto dotation = [&](const char* id, const char* funder, int priority) {
        Measure m;
        m.id = id;
        m.title = id;
        m.pillar = "thematic";
        m.categories = {"works"};
        m.natures = {ExpenseNature::investment};
        m.priority = priority;
        m.formula = ShareFormula{};  // rate decided per project
        m.residual_funder = funder;
        p.add_measure(m);
    };
    dotation("detr", "state", 0);  // the adjusting variable: cut first
    dotation("dsil", "state", 10);
    dotation("region-works", "region", 20);

    p.add_constraint({"R2334-27", "CGCT R2334-27", {ExpenseNature::investment},
                      GroupCap{{"detr", "dsil"}, since("R2334-27.max", "2000-01-01", 80_pct)}});
    p.add_constraint({"L1111-10", "CGCT L1111-10 III", {ExpenseNature::investment},
                      OwnerMinimumShare{since("L1111-10.min", "2000-01-01", 20_pct), {{"monument", Rate::zero()}}, std::nullopt}});
    p.add_constraint({"D2018-514-10", "décret 2018-514 art. 10", {ExpenseNature::investment},
                      TotalPublicAidCap{since("D2018-514.max", "2018-10-01", 100_pct)}});
    return p;
}

inline Territory make_territory() {
    Territory t;
    t.add_epci({"241400555", "Bayeux Intercom", 30'000});
    t.add_commune({"14047", "Bayeux", 12'775, 2021, "241400555"});
    t.add_commune({"14515", "Port-en-Bessin-Huppain", 1'907, 2021, "241400555"});
    t.add_commune({"99999", "Grandeville", 21'000, 2021, "241400555"});
    // Isigny-sur-Mer's real signature date is not known (DOMAIN.md §4): 2021-03-15 is a test value.
    t.add_epci({"200066801", "Isigny-Omaha Intercom", 23'000});
    t.add_commune({"14342", "Isigny-sur-Mer", 3'570, 2021, "200066801"});
    t.add_commune({"14035", "Balleroy-sur-Drôme", 1'331, 2021, "200066801"});
    t.add_commune({"14370", "Le Molay-Littry", 3'059, 2021, "200066801"});
    t.add_commune({"14312", "Grandcamp-Maisy", 1'529, 2021, "200066801"});
    t.add_commune({"14711", "Trévières", 920, 2021, "200066801"});
    t.add_membership("pvd", {BeneficiaryKind::epci, "241400555"}, day("2021-04-06"));
    t.add_membership("pvd", {BeneficiaryKind::commune, "14047"}, day("2021-04-06"));
    t.add_membership("pvd", {BeneficiaryKind::commune, "14515"}, day("2021-04-06"));
    t.add_membership("pvd", {BeneficiaryKind::commune, "99999"}, day("2021-04-06"));
    t.add_membership("pvd", {BeneficiaryKind::commune, "14342"}, day("2021-03-15"));
    return t;
}

/// A project-lead post carried by Bayeux in 2022 (a full year after the convention).
inline Project lead_post(const char* cost, bool with_anah) {
    Project p;
    p.id = "lead";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "project_lead_post";
    p.nature = ExpenseNature::operating;
    if (with_anah) p.flags = {"opah_ru"};
    p.expenses = {Expense{std::chrono::year{2022}, Money::parse(cost), std::nullopt, std::nullopt}};
    p.requests = std::vector<MeasureRequest>{{"pvd-project-lead", std::nullopt}};
    return p;
}

}  // namespace pvd_fixture
