// A worked funding plan for a PVD project-lead post, built from the foundation types alone:
// 75 % of the loaded annual cost, capped at 45 000 € a year (no Anah), of which Banque des
// Territoires pays 25 % capped at 15 000 € and ANCT the residual (our documented reading of
// DOMAIN.md §1.1). The town's own share is the exact balance.
#include <subsidy/subsidy.hpp>

#include <chrono>
#include <iostream>
#include <string>

using namespace subsidy;
using namespace subsidy::literals;

namespace {

constexpr auto pvd_page = "aides-territoires PVD: co-financement d'un poste de chef de projet";
constexpr auto bdt_page = "Banque des Territoires, campagne de recrutement des chefs de projet (2021)";

void line(const std::string& label, const Money& amount, const std::string& why) {
    std::string padded = label;
    padded.resize(26, ' ');
    std::string value = format_fr(amount, FrenchSpacing::ascii);
    std::cout << "  " << padded << std::string(value.size() < 14 ? 14 - value.size() : 0, ' ') << value << "   " << why
              << "\n";
}

}  // namespace

int main() {
    try {
        // Programme parameters, each dated and sourced.
        const Dated<Rate> combined_rate("pvd.project_lead.rate", {{parse_date("2020-10-01"), 75_pct, pvd_page}},
                                        parse_date("2026-12-31"));
        const Dated<Money> combined_ceiling("pvd.project_lead.ceiling",
                                            {{parse_date("2020-10-01"), 45'000_eur, pvd_page}},
                                            parse_date("2026-12-31"));
        const Dated<Rate> bdt_rate("pvd.project_lead.bdt.rate", {{parse_date("2020-10-01"), 25_pct, bdt_page}});
        const Dated<Money> bdt_ceiling("pvd.project_lead.bdt.ceiling", {{parse_date("2020-10-01"), 15'000_eur, bdt_page}});

        // The post: loaded cost of calendar year 2021.
        const Date year_start = parse_date("2021-01-01");
        const Money cost = Money::parse("51 234,57 €");
        const Rounding rounding;  // down to the cent: an aid never exceeds its legal rate

        const auto rate = combined_rate.at(year_start);
        const auto ceiling = combined_ceiling.at(year_start);
        const ExactAmount exact = cost * rate.value;
        const Money combined = std::min(apply(exact, rounding), ceiling.value);

        const auto b_rate = bdt_rate.at(year_start);
        const auto b_ceiling = bdt_ceiling.at(year_start);
        const Money bdt = std::min(apply(cost * b_rate.value, rounding), std::min(b_ceiling.value, combined));
        const Money anct = combined - bdt;
        const Money own = cost - combined;

        std::cout << "PVD project lead, Bayeux Intercom, calendar year 2021\n";
        std::cout << "  loaded cost of the post: " << format_fr(cost, FrenchSpacing::ascii) << "\n\n";
        line("combined co-financing", combined,
             to_string(rate.value) + " x cost = " + to_string(exact) + ", " + to_string(rounding) +
                 (combined == ceiling.value ? ", capped at " + format_fr(ceiling.value, FrenchSpacing::ascii)
                                            : ", under the " + format_fr(ceiling.value, FrenchSpacing::ascii) +
                                                  " ceiling") +
                 " [" + std::string(rate.source) + ", from " + to_string(rate.from) + "]");
        line("  Banque des Territoires", bdt,
             to_string(b_rate.value) + " x cost = " + to_string(cost * b_rate.value) + ", ceiling " +
                 format_fr(b_ceiling.value, FrenchSpacing::ascii) + " [" + std::string(b_rate.source) + "]");
        line("  ANCT (residual)", anct, "combined - Banque des Territoires (interpretation, DOMAIN.md 1.1)");
        line("own share (town/EPCI)", own, "cost - combined, the exact balance");
        std::cout << "\n  check: " << to_string(combined) << " + " << to_string(own) << " = " << to_string(combined + own)
                  << (combined + own == cost ? " = cost, balanced to the cent\n" : " != cost\n");
        return combined + own == cost ? 0 : 1;
    } catch (const subsidy::error& e) {
        std::cerr << "project_lead: " << e.what() << "\n";
        return 2;
    }
}
