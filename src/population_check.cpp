// The populations a project's rules read and the territory does not give (see
// docs/scenario-format.md, "When a population is needed"). A population is optional in a
// scenario; where a rule needs it and it is missing, the reader says so where the project asks
// for that rule, rather than letting the engine quietly fail the check:
//   - a measure asked for by name that limits the population of the owner's kind: E012 at
//     the request (the officer asked for that grant: without the figure it cannot be granted);
//   - `measures: all` and such a measure that could apply: W002 at `measures` (the officer
//     asked for whatever applies: the plan is still right about every other measure, and the
//     left-out measure is named; --strict makes it an error);
//   - `served: {key: population}` over a town or an EPCI without one: E012 at that entry
//     (nothing can be split).
#include <string>
#include <variant>

#include "scenario_reader.hpp"

namespace subsidy::io::detail {

namespace {

// Where the territory declares a beneficiary of `kind`, for the message.
std::string declared_under(BeneficiaryKind kind) {
    if (kind == BeneficiaryKind::commune) return "territory.communes";
    if (kind == BeneficiaryKind::epci) return "territory.epcis";
    return "territory.bodies";
}

// Whether `m` could apply to `p` as far as the file tells (category, nature, beneficiary kind),
// and is one `measures: all` computes (not a rate decided case by case).
bool could_apply(const Measure& m, const Project& p) {
    if (!m.categories.empty() && !m.categories.count(p.category)) return false;
    if (!m.natures.empty() && !m.natures.count(p.nature)) return false;
    const auto& kinds = m.eligibility.beneficiary_kinds;
    if (!kinds.empty() && !kinds.count(p.owner.kind)) return false;
    const auto* share = std::get_if<ShareFormula>(&m.formula);
    return !share || share->rate.has_value();
}

// "measure 'm' applies only below 20000 inhabitants for a commune, and commune 14047 (Bayeux)
// has no population", or "" when `m` does not read the owner's population.
std::string unread_population(const Measure& m, const Project& p, const BeneficiaryInfo& owner) {
    if (owner.population) return "";
    const auto limit = m.eligibility.population_below.find(p.owner.kind);
    if (limit == m.eligibility.population_below.end()) return "";
    return "measure '" + m.id + "' applies only below " + std::to_string(limit->second) + " inhabitants for " +
           (p.owner.kind == BeneficiaryKind::epci ? "an " : "a ") + to_string(p.owner.kind) + ", and " +
           to_string(p.owner) + " (" + owner.name + ") has no population";
}

void check_requests(Context& cx, const yaml::Node& n, const Project& p, const Program& program, const BeneficiaryInfo& owner) {
    const std::string what = "project '" + p.id + "': ";
    const std::string give = "give its population under " + declared_under(p.owner.kind);
    const yaml::Node measures = n["measures"];
    if (!p.requests) {  // measures: all
        for (const Measure& m : program.measures())
            if (could_apply(m, p))
                if (const std::string why = unread_population(m, p, owner); !why.empty())
                    cx.warn(Code::gives_nothing, measures, what + why + ", so it is left out (" + give + " to have it checked)");
        return;
    }
    for (std::size_t i = 0; i < p.requests->size(); ++i)
        if (const Measure* m = program.find_measure((*p.requests)[i].measure))
            if (const std::string why = unread_population(*m, p, owner); !why.empty())
                cx.error(Code::missing, measures[i], what + why + ": " + give);
}

// A town or an EPCI served under the population key, without a population.
void check_served(Context& cx, const yaml::Node& n, const Project& p, const Territory& t) {
    if (!p.served || p.served->key != AttributionKey::population) return;
    const yaml::Node towns = n["served"]["towns"];
    for (std::size_t i = 0; i < p.served->towns.size(); ++i) {
        const ServedTown& s = p.served->towns[i];
        if (s.is_epci()) {
            const Epci* e = t.find_epci(s.epci);
            if (e && !e->population)
                cx.error(Code::missing, towns[i],
                         "project '" + p.id + "': served: epci '" + e->siren + "' (" + e->name +
                             ") has no population, and the key is population: give it under territory.epcis, or use "
                             "key: equal or shares");
            continue;
        }
        const Commune* c = t.find_commune(s.insee);
        if (c && !c->population)
            cx.error(Code::missing, towns[i],
                     "project '" + p.id + "': served: town '" + c->insee + "' (" + c->name +
                         ") has no population, and the key is population: give it under territory.communes, or use "
                         "key: equal or shares");
    }
}

}  // namespace

void check_populations(Context& cx, const yaml::Node& n, const Project& p, const Program& program, const Territory& t) {
    if (const auto owner = t.info(p.owner)) check_requests(cx, n, p, program, *owner);
    check_served(cx, n, p, t);
}

}  // namespace subsidy::io::detail
