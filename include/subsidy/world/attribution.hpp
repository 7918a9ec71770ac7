// Where a project's money lands: the towns (and their EPCI and department) and the EPCIs a
// project serves, with the weight of each. A project carried by a commune serves that commune;
// a project with an Attribution serves the listed towns and EPCIs, split by declared shares,
// population or equally; a project carried by an EPCI or another body without one is
// reported under its carrier, with no town. An EPCI served (a post shared by two EPCIs, each
// paying its part) lands as that EPCI, with no town: its part of each line, and of the
// balance (cost, private funding, own share), is what it receives and what it pays.
//
// Every amount is split by exact largest remainder over the weights (ties to the earlier
// entry of the list), so the parts add up to the project's amount to the cent.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "subsidy/money/allocate.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

/// One place a project's money goes to. Empty strings: not known (no town for an EPCI's own
/// project, no EPCI for a commune without one, no department for a body).
struct Place {
    std::string town;        ///< INSEE code
    std::string epci;        ///< SIREN
    std::string department;  ///< e.g. "14", "2A", "971"
};

struct ResolvedAttribution {
    std::vector<Place> places;
    std::vector<cents_t> weights;  ///< exact integer weights, one per place

    /// `amount` split over the places (one part when there is one place).
    [[nodiscard]] std::vector<Money> split(const Money& amount) const {
        if (places.size() == 1) return {amount};
        return detail::largest_remainder(amount, weights);
    }
};

/// The department of an EPCI: the one its communes in the territory share, if they share one
/// (an EPCI may straddle two departments: then none).
[[nodiscard]] inline std::string department_of_epci(const Territory& territory, const std::string& siren) {
    return territory.epci_department(siren);
}

namespace detail {

// The place and the population of one entry of `served`; throws `fail(what)` for one not in
// the territory.
template <class Fail>
std::pair<Place, std::optional<std::int64_t>> served_place(const ServedTown& t, const Territory& territory, Fail&& fail) {
    if (t.is_epci()) {
        const Epci* e = territory.find_epci(t.epci);
        if (!e) throw fail(t.label() + " is not in the territory");
        return {Place{"", t.epci, department_of_epci(territory, t.epci)}, e->population};
    }
    const Commune* c = territory.find_commune(t.insee);
    if (!c) throw fail(t.label() + " is not in the territory");
    return {Place{c->insee, c->epci, department_of(c->insee)}, c->population};
}

// The place where a project without `served` lands: its owner's.
inline Place place_of_owner(const Project& project, const Territory& territory) {
    const BeneficiaryRef& owner = project.owner;
    if (owner.kind == BeneficiaryKind::commune) {
        const Commune* c = territory.find_commune(owner.id);
        if (!c) throw invalid_argument("project '" + project.id + "': owner: unknown commune '" + owner.id + "'");
        return Place{c->insee, c->epci, department_of(c->insee)};
    }
    if (owner.kind == BeneficiaryKind::epci) {
        if (!territory.find_epci(owner.id))
            throw invalid_argument("project '" + project.id + "': owner: unknown epci '" + owner.id + "'");
        return Place{"", owner.id, department_of_epci(territory, owner.id)};
    }
    return Place{"", "", territory.department_of_beneficiary(owner)};  // a department's own code
}

}  // namespace detail

/// Where the money of `project` goes (see the notes at the top). Throws invalid_argument
/// naming the project and the field for a town or EPCI that is not in the territory, a
/// population key over one whose population is unknown, or over places that all have no
/// inhabitants. An EPCI served lands as `Place{"", siren, its department}`, weighed by the
/// EPCI's own population under the population key.
[[nodiscard]] inline ResolvedAttribution attribution_of(const Project& project, const Territory& territory) {
    auto fail = [&](const std::string& what) { return invalid_argument("project '" + project.id + "': served: " + what); };
    ResolvedAttribution r;
    if (!project.served) {
        r.places.push_back(detail::place_of_owner(project, territory));
        r.weights.push_back(1);
        return r;
    }
    project.validate();  // each town or EPCI listed once, shares summing to 100 %
    const Attribution& a = *project.served;
    using boost::multiprecision::cpp_int;
    cpp_int common = 1;  // common denominator of the declared shares
    if (a.key == AttributionKey::shares)
        for (const ServedTown& t : a.towns)
            if (t.share) common = boost::multiprecision::lcm(common, cpp_int(t.share->den()));
    bool any_epci = false;
    for (const ServedTown& t : a.towns) {
        auto [place, population] = detail::served_place(t, territory, fail);
        r.places.push_back(std::move(place));
        any_epci |= t.is_epci();
        switch (a.key) {
            case AttributionKey::equal: r.weights.push_back(1); break;
            case AttributionKey::population:
                if (!population) throw fail(t.label() + " has no population (the key is population)");
                r.weights.push_back(*population);
                break;
            case AttributionKey::shares: {
                if (!t.share) throw fail(t.label() + " has no share (the key is shares)");
                const cpp_int w = cpp_int(t.share->num()) * (common / t.share->den());
                if (w > cpp_int(std::numeric_limits<std::int64_t>::max()))
                    throw fail("the shares' common denominator is too large");
                r.weights.push_back(w.convert_to<std::int64_t>());
                break;
            }
        }
    }
    if (r.places.empty()) throw fail("no town listed");
    bool any = false;
    for (const cents_t& w : r.weights) any |= w != 0;
    if (!any)
        throw fail(a.key != AttributionKey::population ? "every share is 0"
                   : any_epci                          ? "every town and epci served has a population of 0"
                                                       : "every town served has a population of 0");
    return r;
}

}  // namespace subsidy
