// The towns of a generated scenario and their EPCIs, drawn over the departments of France:
// the 101 departments (96 metropolitan with 2A/2B, 5 overseas), of which about one per 16
// towns is used (always one overseas when two or more are); INSEE codes are the department
// and 3 digits (2 overseas), unique; EPCIs of 4 to 30 communes of one department, SIREN "2" +
// 7 digits + the Luhn check digit; EPCI population = Σ its communes. Every commune and EPCI
// signs the programme's convention in January–June 2021.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "generate/draws.hpp"
#include "subsidy/error.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy::detail::generation {

struct Town {
    std::string insee;
    std::string department;
    std::string epci;
    std::int64_t population = 0;
    Date convention;
    bool overseas = false;
    bool corsica = false;
    bool own_post = false;  ///< carries its own project-lead post (not served by its EPCI's)
};

/// An EPCI: the projects it carries are drawn with its member towns.
struct Grouping {
    std::string siren;
    std::string department;
    std::vector<std::size_t> towns;  ///< indices into the towns
    std::int64_t population = 0;
    Date convention;
};

struct Geography {
    std::vector<Town> towns;
    std::vector<Grouping> groupings;

    /// Declares the EPCIs and communes in `t`, then the convention each one signed (a
    /// membership names a beneficiary already declared).
    void declare(Territory& t, const std::string& program_id) const {
        for (std::size_t g = 0; g < groupings.size(); ++g)
            t.add_epci(Epci{groupings[g].siren, "Communauté de communes n° " + std::to_string(g + 1) + " (" +
                                                    groupings[g].department + ")",
                            groupings[g].population});
        for (const Town& town : towns)
            t.add_commune(Commune{town.insee, "Commune " + town.insee, town.population, 2021, town.epci});
        for (const Grouping& g : groupings) t.add_membership(program_id, {BeneficiaryKind::epci, g.siren}, g.convention);
        for (const Town& town : towns)
            t.add_membership(program_id, {BeneficiaryKind::commune, town.insee}, town.convention);
    }
};

/// Draws a Geography: the departments, the towns in them with their codes and populations,
/// and their EPCIs.
class GeographyDraw {
public:
    /// `all_communes`: the whole of France (heavy-tailed populations up to 300,000), else PVD
    /// towns (all below 20,000 inhabitants).
    GeographyDraw(Draws& draw, bool all_communes) : draw_(draw), all_communes_(all_communes) {}

    /// Throws invalid_argument for more towns than the departments have INSEE codes.
    Geography run(std::size_t towns) {
        const std::vector<Department> used = choose_departments(towns);
        const std::vector<std::size_t> count = towns_per_department(used, towns);
        for (std::size_t i = 0; i < used.size(); ++i) place_department(used[i], count[i]);
        return std::move(geo_);
    }

private:
    struct Department {
        std::string code;  ///< "01", "2A", "974"
        int capacity;      ///< INSEE suffixes available: 999 (3 digits), 99 overseas (2 digits)
        int weight;        ///< relative number of communes
        bool overseas;
    };

    // Every department, with a drawn weight (its share of the towns placed beyond 4 each).
    std::vector<Department> departments_of_france() {
        std::vector<Department> all;
        for (int d = 1; d <= 95; ++d) {
            if (d == 20) {  // Corsica: 2A and 2B since 1976
                for (const char* code : {"2A", "2B"}) all.push_back({code, 999, static_cast<int>(draw_.between(2, 4)), false});
                continue;
            }
            std::string code = std::to_string(d);
            if (code.size() == 1) code.insert(code.begin(), '0');
            all.push_back({code, 999, static_cast<int>(draw_.between(2, 12)), false});
        }
        for (const char* code : {"971", "972", "973", "974", "976"}) all.push_back({code, 99, 1, true});
        return all;
    }

    // About one department per 16 towns, in the order of their codes, one overseas among two
    // or more (so that overseas rules are always exercised).
    std::vector<Department> choose_departments(std::size_t towns) {
        std::vector<Department> all = departments_of_france();
        const std::size_t wanted = std::clamp<std::size_t>((towns + 15) / 16, 1, all.size());
        std::size_t capacity = 0;
        for (const Department& d : all) capacity += static_cast<std::size_t>(d.capacity);
        if (towns > capacity)
            throw invalid_argument("generate_scenario: towns: " + std::to_string(towns) + " is more than the " +
                                   std::to_string(capacity) + " INSEE codes the departments can hold");
        std::vector<std::size_t> order(all.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        draw_.shuffle(order);
        order.resize(wanted);
        const auto overseas = [&](std::size_t i) { return all[i].overseas; };
        if (wanted >= 2 && std::none_of(order.begin(), order.end(), overseas))
            order.back() = all.size() - 1 - static_cast<std::size_t>(draw_.between(0, 4));  // one of the five
        std::sort(order.begin(), order.end());
        std::vector<Department> used;
        for (std::size_t i : order) used.push_back(all[i]);
        return used;
    }

    // At least 4 towns per department (the smallest EPCI), the rest drawn by weight among the
    // departments that still have codes.
    std::vector<std::size_t> towns_per_department(const std::vector<Department>& used, std::size_t towns) {
        std::vector<std::size_t> count(used.size(), std::min<std::size_t>(4, towns));
        std::size_t placed = count.front() * used.size();
        while (placed < towns) {
            std::int64_t total = 0;
            for (std::size_t i = 0; i < used.size(); ++i)
                if (count[i] < static_cast<std::size_t>(used[i].capacity)) total += used[i].weight;
            std::int64_t r = draw_.between(0, total - 1);
            for (std::size_t i = 0; i < used.size(); ++i) {
                if (count[i] >= static_cast<std::size_t>(used[i].capacity)) continue;
                if ((r -= used[i].weight) < 0) {
                    ++count[i];
                    break;
                }
            }
            ++placed;
        }
        return count;
    }

    void place_department(const Department& dep, std::size_t count) {
        const std::size_t first = geo_.towns.size();
        place_towns(dep, count);
        group_into_epcis(dep, first, count);
    }

    // `count` towns with distinct INSEE codes of `dep`, in the order of their codes.
    void place_towns(const Department& dep, std::size_t count) {
        std::vector<int> suffixes(static_cast<std::size_t>(dep.capacity));
        for (std::size_t i = 0; i < suffixes.size(); ++i) suffixes[i] = static_cast<int>(i) + 1;
        draw_.shuffle(suffixes);
        suffixes.resize(count);
        std::sort(suffixes.begin(), suffixes.end());
        for (int s : suffixes) {
            std::string suffix = std::to_string(s);
            suffix.insert(0, (dep.overseas ? 2 : 3) - suffix.size(), '0');
            Town t;
            t.insee = dep.code + suffix;
            t.department = dep.code;
            t.population = population();
            t.overseas = dep.overseas;
            t.corsica = dep.code == "2A" || dep.code == "2B";
            t.own_post = draw_.chance(t.population >= 8'000 ? 40 : 8);
            geo_.towns.push_back(std::move(t));
        }
    }

    // EPCIs: the department's towns (from index `first` on) in a random order, cut into groups
    // of 4 to 30 (smaller groups more frequent: the smaller of two draws), the last one at
    // least 4 too.
    void group_into_epcis(const Department& dep, std::size_t first, std::size_t count) {
        std::vector<std::size_t> members(count);
        for (std::size_t i = 0; i < count; ++i) members[i] = first + i;
        draw_.shuffle(members);
        for (std::size_t next = 0; next < count;) {
            const std::size_t left = count - next;
            std::size_t size = left;
            if (left > 30) {
                const std::int64_t a = draw_.between(4, 30);
                const std::int64_t b = draw_.between(4, 30);
                size = std::min(static_cast<std::size_t>(std::min(a, b)), left - 4);
            }
            Grouping g;
            g.siren = new_siren();
            g.department = dep.code;
            g.convention = draw_.convention_day();
            g.towns.assign(members.begin() + static_cast<std::ptrdiff_t>(next), members.begin() + static_cast<std::ptrdiff_t>(next + size));
            std::sort(g.towns.begin(), g.towns.end());
            for (std::size_t t : g.towns) {
                Town& town = geo_.towns[t];
                town.epci = g.siren;
                g.population += town.population;
                // Most towns sign with their EPCI on the same day, the others on their own.
                town.convention = draw_.chance(70) ? g.convention : draw_.convention_day();
            }
            geo_.groupings.push_back(std::move(g));
            next += size;
        }
    }

    std::int64_t population() {
        if (!all_communes_) return draw_.log_normal_within(4024, 36, 500, 19'999);  // e^8.3, σ 0.6
        // France: a log-normal body (median 450, σ 1.0) and, for 5 % of communes, a Pareto
        // tail (α = 1) from 3,500 to 300,000: about 120 communes above 50,000.
        if (draw_.chance(5)) return std::int64_t{3'500'000'000} / draw_.between(11'667, 1'000'000);
        return draw_.log_normal_within(450, 100, 50, 300'000);
    }

    // "2" + 7 digits + the Luhn check digit that makes a SIREN valid.
    static std::string siren_with_check_digit(std::int64_t seven_digits) {
        std::string s = std::to_string(seven_digits);
        s.insert(s.begin(), '2');  // (not "2" + …: g++ 12 -O2 warns -Wrestrict on it)
        s.insert(1, 8 - s.size(), '0');
        int sum = 0;
        for (std::size_t i = 0; i < 8; ++i) {  // from the right, the check digit's neighbour is doubled
            int d = s[7 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return s + static_cast<char>('0' + (10 - sum % 10) % 10);
    }

    // A SIREN no other EPCI of the scenario has (drawn again on a collision).
    std::string new_siren() {
        for (;;) {
            std::string s = siren_with_check_digit(draw_.between(0, 9'999'999));
            if (sirens_.insert(s).second) return s;
        }
    }

    Draws& draw_;
    bool all_communes_;
    std::set<std::string> sirens_;
    Geography geo_;
};

}  // namespace subsidy::detail::generation
