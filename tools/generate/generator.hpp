// A deterministic, seeded generator of national-scale PVD scenarios: towns with INSEE-like
// codes over the departments of France, their EPCIs and conventions, about
// `projects_per_town` projects per town asking for every measure of the PVD catalog
// (data/catalogs/pvd.yaml), and limited budgets. For load tests, benchmarks and whole-chain
// property tests; `subsidy-generate` writes its output as a scenario file.
//
// Things you should know:
// - Same options, same scenario, on every platform and with every standard library: random
//   numbers come from our own xoshiro256** (seeded by splitmix64) and our own integer
//   distributions, never from <random>'s distributions, whose output each library chooses.
//   Nothing here uses floating point: populations come from an integer log-normal
//   (ScenarioGenerator::log_normal), money is drawn in whole cents.
// - The projects name the PVD catalog's measures by id, with the categories, natures, flags
//   and units each one tests; generate_scenario checks up front that the programme has them
//   all. A rate is given exactly where the programme leaves it to the decision.
// - It does not compute plans. Budgets are sized against an upper bound of what is asked under
//   them (rate × expense, before ceilings and stacking), times a drawn factor: a budget below
//   what its lines finally ask binds, one above the upper bound never does.
// - Geography: the 101 departments (96 metropolitan with 2A/2B, 5 overseas), of which about
//   one per 16 towns is used (always one overseas when two or more are); INSEE codes are the
//   department and 3 digits (2 overseas), unique; EPCIs of 4 to 30 communes of one department,
//   SIREN "2" + 7 digits + the Luhn check digit; EPCI population = Σ its communes. Every
//   commune and EPCI signs the programme's convention in January–June 2021.
// - Beneficiaries other than communes and EPCIs (private investors for Denormandie, the
//   departments for DSID, associations running France Services) are bodies that own projects.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "subsidy/rules/budget.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

struct GeneratorOptions {
    std::size_t towns = 1646;            ///< the PVD towns (ignored with all_communes)
    std::size_t projects_per_town = 20;  ///< projects attached to each town, at most 999 (EPCIs add a few)
    std::uint64_t seed = 1;
    int first_year = 2021;  ///< first year of expenses
    int years = 6;          ///< expenses fall in first_year .. first_year + years − 1
    /// The whole of France: 35,000 communes of 50 to 300,000 inhabitants (heavy-tailed);
    /// otherwise PVD towns, all below 20,000 inhabitants, most between 1,500 and 12,000.
    bool all_communes = false;
};

struct GeneratedScenario {
    Territory territory;
    std::vector<Project> projects;
    std::vector<Budget> budgets;
};

namespace detail::generation {

/// The measures the generated projects ask for: every measure of data/catalogs/pvd.yaml.
inline constexpr std::array<const char*, 26> pvd_measures{
    "pvd-project-lead",       "vta",
    "vta-backpack",           "bdt-studies",
    "bdt-pvd-plus",           "anct-tailored-engineering",
    "commerce-manager",       "bdt-shopin-diagnostic",
    "bdt-digital-commerce",   "anah-opah-animation",
    "anah-opah-ru-animation", "france-services",
    "digital-advisor-2023",   "fonds-friches",
    "detr",                   "dsil",
    "dpv",                    "dsid",
    "region-investment",      "department-investment",
    "denormandie-6y",         "denormandie-9y",
    "denormandie-12y",        "denormandie-overseas-6y",
    "denormandie-overseas-9y", "denormandie-overseas-12y"};

/// xoshiro256** (Blackman and Vigna), its state filled by splitmix64 from the seed: fixed
/// algorithms, so the same seed gives the same numbers everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed) {
        for (std::uint64_t& s : state_) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = std::rotl(state_[3], 45);
        return result;
    }

    /// Uniform in [lo, hi], by rejection of the draws that would bias a plain modulo.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        if (hi < lo) throw invalid_argument("random draw between " + std::to_string(lo) + " and " + std::to_string(hi));
        const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
        if (span == 0) return static_cast<std::int64_t>(next());  // the whole 64-bit range
        const std::uint64_t reject_below = (0 - span) % span;      // 2^64 mod span
        std::uint64_t x = next();
        while (x < reject_below) x = next();
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + x % span);
    }

    /// True with probability percent / 100.
    bool chance(int percent) { return between(0, 99) < percent; }

    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& choices) {
        return choices[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(N) - 1))];
    }

    /// Fisher–Yates (std::shuffle's algorithm is left to each standard library).
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(i) - 1))]);
    }

private:
    std::array<std::uint64_t, 4> state_{};
};

struct Department {
    std::string code;  ///< "01", "2A", "974"
    int capacity;      ///< INSEE suffixes available: 999 (3 digits), 99 overseas (2 digits)
    int weight;        ///< relative number of communes
    bool overseas;
};

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

struct Grouping {
    std::string siren;
    std::string department;
    std::vector<std::size_t> towns;  ///< indices into the towns
    std::int64_t population = 0;
    Date convention;
};

/// What a project is about; each kind asks for the measures that fund it.
enum class ProjectKind {
    works,                // DETR + DSIL + region + department (+ DPV in a QPV): the stacking law
    study,                // BdT studies, rate per study
    works_study,          // a study of works: investment, DETR + BdT
    brownfield,           // Fonds friches + DETR + region + department
    commerce_manager,     // BdT schedule, 20 000 € a year for two years
    commerce_diagnostic,  // Shop'in, in kind
    commerce_digital,     // BdT flat 20 000 €, capped at the expense
    vta,                  // a territorial volunteer, + the "backpack" from 2023 (pass-through)
    france_services,      // flat grant per labelled structure and year
    engineering,          // ANCT tailored engineering and BdT PVD+ (in kind), a BdT study
    housing_animation,    // Anah OPAH / OPAH-RU animation, + 332 € per dwelling
    digital_advisor,      // the 2023 three-year schedule, with its QPV/ZRR bonus
    denormandie,          // a private investor's tax reduction (6 lease lengths × overseas)
    departmental_works,   // DSID, carried by the department
};

/// The kinds each town's projects cycle through (a kind listed twice is twice as frequent).
inline constexpr std::array<ProjectKind, 20> project_cycle{
    ProjectKind::works,           ProjectKind::study,          ProjectKind::works,
    ProjectKind::commerce_manager, ProjectKind::brownfield,    ProjectKind::works,
    ProjectKind::vta,             ProjectKind::france_services, ProjectKind::engineering,
    ProjectKind::works,           ProjectKind::denormandie,    ProjectKind::housing_animation,
    ProjectKind::digital_advisor, ProjectKind::works,          ProjectKind::commerce_diagnostic,
    ProjectKind::commerce_digital, ProjectKind::departmental_works, ProjectKind::works_study,
    ProjectKind::works,           ProjectKind::denormandie};

inline Date make_date(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}
inline Date end_of_month(int y, unsigned m) {
    return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::last};
}
inline int year_of(const Date& d) { return static_cast<int>(d.year()); }
inline unsigned month_of(const Date& d) { return static_cast<unsigned>(d.month()); }

/// "2" + 7 digits + the Luhn check digit that makes a SIREN valid.
inline std::string siren_with_check_digit(std::int64_t seven_digits) {
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

/// The budgets sized against what is asked: one family per measure and scope.
struct BudgetFamily {
    std::string_view measure;
    std::string_view funder;
    BudgetScope::Kind scope;
    bool per_year;
    bool names_measure;  ///< false: every measure of the funder (the department funds only one)
    std::optional<BudgetPolicy> policy;  ///< empty: drawn for each budget
    int min_permille;    ///< the budget is this share of the upper bound of the asks...
    int max_permille;    ///< ...drawn between these
};

inline constexpr std::array<BudgetFamily, 5> budget_families{{
    {"detr", "state", BudgetScope::Kind::department, false, true, BudgetPolicy::uniform_cap, 300, 1100},
    {"department-investment", "department", BudgetScope::Kind::department, true, false, BudgetPolicy::pro_rata, 400, 1200},
    {"region-investment", "region", BudgetScope::Kind::program, true, true, BudgetPolicy::priority, 500, 1100},
    {"dsil", "state", BudgetScope::Kind::epci, false, true, std::nullopt, 300, 1300},
    {"fonds-friches", "state", BudgetScope::Kind::program, true, true, BudgetPolicy::pro_rata, 500, 1000},
}};

class ScenarioGenerator {
public:
    ScenarioGenerator(const Program& program, const GeneratorOptions& options)
        : program_(program), opt_(options), rng_(options.seed), first_year_(options.first_year),
          last_year_(options.first_year + options.years - 1) {
        if (opt_.all_communes) opt_.towns = 35'000;
        if (opt_.towns == 0) throw invalid_argument("generate_scenario: towns: at least one town");
        if (opt_.projects_per_town > 999)  // a town's project ids end in at most three digits
            throw invalid_argument("generate_scenario: projects_per_town: " + std::to_string(opt_.projects_per_town) +
                                   " is more than 999");
        if (opt_.years < 1) throw invalid_argument("generate_scenario: years: at least one year");
        if (first_year_ < 1900 || last_year_ > 2200)
            throw invalid_argument("generate_scenario: years " + std::to_string(first_year_) + ".." +
                                   std::to_string(last_year_) + " are not plausible");
        std::string missing;
        for (const char* id : pvd_measures)
            if (!program_.find_measure(id)) missing += std::string(missing.empty() ? "" : ", ") + "'" + id + "'";
        if (!missing.empty())
            throw invalid_argument("generate_scenario: program '" + program_.id() + "' has no measure " + missing +
                                   " (the generator asks for every measure of the PVD catalog)");
    }

    GeneratedScenario run() {
        place_towns();
        declare_territory();
        for (std::size_t g = 0; g < groupings_.size(); ++g) grouping_projects(g);
        for (std::size_t t = 0; t < towns_.size(); ++t)
            for (std::size_t k = 0; k < opt_.projects_per_town; ++k) town_project(t, k);
        size_budgets();
        return std::move(out_);
    }

private:
    // ---- distributions --------------------------------------------------------------------

    // An integer log-normal: median × 1.105^(2h − n) for h heads in n fair coin flips. 2h − n
    // is binomial, close to normal with standard deviation √n, and ln 1.105 ≈ 0.1, so the
    // logarithm has σ ≈ 0.1·√n (n = 36: σ ≈ 0.6; n = 100: σ ≈ 1.0). A jitter in
    // [0.905, 1.105] spreads each value over the gap to the next. Integers only, in
    // thousandths so that each step rounds finely.
    std::int64_t log_normal(std::int64_t median, int flips) {
        int heads = 0;
        for (int left = flips; left > 0; left -= 64) {
            const std::uint64_t bits = rng_.next();
            heads += std::popcount(left >= 64 ? bits : bits & ((std::uint64_t{1} << left) - 1));
        }
        const int steps = 2 * heads - flips;
        std::int64_t milli = median * 1000;
        for (int i = 0; i < steps; ++i) milli = milli * 1105 / 1000;
        for (int i = 0; i > steps; --i) milli = milli * 1000 / 1105;
        milli = milli * rng_.between(905, 1105) / 1000;
        return (milli + 500) / 1000;
    }

    // log_normal drawn again until it falls in [lo, hi] (no spike at the bounds).
    std::int64_t log_normal_within(std::int64_t median, int flips, std::int64_t lo, std::int64_t hi) {
        std::int64_t v = log_normal(median, flips);
        while (v < lo || v > hi) v = log_normal(median, flips);
        return v;
    }

    std::int64_t population() {
        if (!opt_.all_communes) return log_normal_within(4024, 36, 500, 19'999);  // e^8.3, σ 0.6
        // France: a log-normal body (median 450, σ 1.0) and, for 5 % of communes, a Pareto
        // tail (α = 1) from 3,500 to 300,000: about 120 communes above 50,000.
        if (rng_.chance(5)) return std::int64_t{3'500'000'000} / rng_.between(11'667, 1'000'000);
        return log_normal_within(450, 100, 50, 300'000);
    }

    Money euros_between(std::int64_t lo, std::int64_t hi) { return Money::from_cents(rng_.between(lo * 100, hi * 100)); }

    // A cost in whole cents around `median_euros` (log-normal, σ ≈ 0.1·√flips), within bounds.
    Money cost_around(std::int64_t median_euros, int flips, std::int64_t lo_euros, std::int64_t hi_euros) {
        const std::int64_t euros = log_normal_within(median_euros, flips, lo_euros, hi_euros);
        return Money::from_cents(euros * 100 + rng_.between(0, 99));
    }

    // The part of `annual` a period of `months` months pays for, to the cent below.
    static Money months_of(const Money& annual, int months) {
        return apply(annual * Rate::fraction(months, 12), Rounding());
    }

    int year_between(int lo, int hi) {
        lo = std::clamp(lo, first_year_, last_year_);
        hi = std::clamp(hi, lo, last_year_);
        return static_cast<int>(rng_.between(lo, hi));
    }

    // A day of year `y` from month `first_month` on (days 1 to 28: every month has them).
    // Each draw is a statement of its own: the order in which a call's arguments are
    // evaluated differs between compilers, and so would the numbers each one gets.
    Date day_in(int y, unsigned first_month = 1) {
        const auto month = static_cast<unsigned>(rng_.between(first_month, 12));
        const auto day = static_cast<unsigned>(rng_.between(1, 28));
        return make_date(y, month, day);
    }

    // A day of year `y` on or after `not_before` (the convention, for measures that require it).
    Date day_from(int y, const Date& not_before) {
        if (year_of(not_before) != y) return day_in(y);
        const Date d = day_in(y, month_of(not_before));
        return d < not_before ? not_before : d;
    }

    // A convention signed in January–June 2021, as every PVD signatory did.
    Date convention_day() {
        const auto month = static_cast<unsigned>(rng_.between(1, 6));
        const auto day = static_cast<unsigned>(rng_.between(1, 28));
        return make_date(2021, month, day);
    }

    // ---- geography --------------------------------------------------------------------------

    static std::vector<Department> departments_of_france(Random& rng) {
        std::vector<Department> all;
        for (int d = 1; d <= 95; ++d) {
            if (d == 20) {  // Corsica: 2A and 2B since 1976
                for (const char* code : {"2A", "2B"}) all.push_back({code, 999, static_cast<int>(rng.between(2, 4)), false});
                continue;
            }
            std::string code = std::to_string(d);
            if (code.size() == 1) code.insert(code.begin(), '0');
            all.push_back({code, 999, static_cast<int>(rng.between(2, 12)), false});
        }
        for (const char* code : {"971", "972", "973", "974", "976"}) all.push_back({code, 99, 1, true});
        return all;
    }

    // Chooses the departments, places the towns in them, draws their codes and populations,
    // and groups them into EPCIs of one department each.
    void place_towns() {
        std::vector<Department> all = departments_of_france(rng_);
        const std::size_t wanted = std::clamp<std::size_t>((opt_.towns + 15) / 16, 1, all.size());
        std::size_t capacity = 0;
        for (const Department& d : all) capacity += static_cast<std::size_t>(d.capacity);
        if (opt_.towns > capacity)
            throw invalid_argument("generate_scenario: towns: " + std::to_string(opt_.towns) + " is more than the " +
                                   std::to_string(capacity) + " INSEE codes the departments can hold");
        std::vector<std::size_t> order(all.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        rng_.shuffle(order);
        order.resize(wanted);
        const auto overseas = [&](std::size_t i) { return all[i].overseas; };
        if (wanted >= 2 && std::none_of(order.begin(), order.end(), overseas))
            order.back() = all.size() - 1 - static_cast<std::size_t>(rng_.between(0, 4));  // one of the five
        std::sort(order.begin(), order.end());
        std::vector<Department> used;
        for (std::size_t i : order) used.push_back(all[i]);

        // At least 4 towns per department (the smallest EPCI), the rest drawn by weight among
        // the departments that still have codes.
        std::vector<std::size_t> count(used.size(), std::min<std::size_t>(4, opt_.towns));
        std::size_t placed = count.front() * used.size();
        while (placed < opt_.towns) {
            std::int64_t total = 0;
            for (std::size_t i = 0; i < used.size(); ++i)
                if (count[i] < static_cast<std::size_t>(used[i].capacity)) total += used[i].weight;
            std::int64_t r = rng_.between(0, total - 1);
            for (std::size_t i = 0; i < used.size(); ++i) {
                if (count[i] >= static_cast<std::size_t>(used[i].capacity)) continue;
                if ((r -= used[i].weight) < 0) {
                    ++count[i];
                    break;
                }
            }
            ++placed;
        }

        for (std::size_t i = 0; i < used.size(); ++i) place_department(used[i], count[i]);
    }

    void place_department(const Department& dep, std::size_t count) {
        std::vector<int> suffixes(static_cast<std::size_t>(dep.capacity));
        for (std::size_t i = 0; i < suffixes.size(); ++i) suffixes[i] = static_cast<int>(i) + 1;
        rng_.shuffle(suffixes);
        suffixes.resize(count);
        std::sort(suffixes.begin(), suffixes.end());
        const std::size_t first = towns_.size();
        for (int s : suffixes) {
            std::string suffix = std::to_string(s);
            suffix.insert(0, (dep.overseas ? 2 : 3) - suffix.size(), '0');
            Town t;
            t.insee = dep.code + suffix;
            t.department = dep.code;
            t.population = population();
            t.overseas = dep.overseas;
            t.corsica = dep.code == "2A" || dep.code == "2B";
            t.own_post = rng_.chance(t.population >= 8'000 ? 40 : 8);
            towns_.push_back(std::move(t));
        }
        // EPCIs: the department's towns in a random order, cut into groups of 4 to 30 (smaller
        // groups more frequent: the smaller of two draws), the last one at least 4 too.
        std::vector<std::size_t> members(count);
        for (std::size_t i = 0; i < count; ++i) members[i] = first + i;
        rng_.shuffle(members);
        for (std::size_t next = 0; next < count;) {
            const std::size_t left = count - next;
            std::size_t size = left;
            if (left > 30) {
                const std::int64_t a = rng_.between(4, 30);
                const std::int64_t b = rng_.between(4, 30);
                size = std::min(static_cast<std::size_t>(std::min(a, b)), left - 4);
            }
            Grouping g;
            g.siren = new_siren();
            g.department = dep.code;
            g.convention = convention_day();
            g.towns.assign(members.begin() + static_cast<std::ptrdiff_t>(next), members.begin() + static_cast<std::ptrdiff_t>(next + size));
            std::sort(g.towns.begin(), g.towns.end());
            for (std::size_t t : g.towns) {
                Town& town = towns_[t];
                town.epci = g.siren;
                g.population += town.population;
                // Most towns sign with their EPCI on the same day, the others on their own.
                town.convention = rng_.chance(70) ? g.convention : convention_day();
            }
            groupings_.push_back(std::move(g));
            next += size;
        }
    }

    std::string new_siren() {
        for (;;) {
            std::string s = siren_with_check_digit(rng_.between(0, 9'999'999));
            if (sirens_.insert(s).second) return s;
        }
    }

    void declare_territory() {
        Territory& t = out_.territory;
        for (std::size_t g = 0; g < groupings_.size(); ++g)
            t.add_epci(Epci{groupings_[g].siren, "Communauté de communes n° " + std::to_string(g + 1) + " (" +
                                                     groupings_[g].department + ")",
                            groupings_[g].population});
        for (const Town& town : towns_)
            t.add_commune(Commune{town.insee, "Commune " + town.insee, town.population, 2021, town.epci});
        for (const Grouping& g : groupings_) t.add_membership(program_.id(), {BeneficiaryKind::epci, g.siren}, g.convention);
        for (const Town& town : towns_)
            t.add_membership(program_.id(), {BeneficiaryKind::commune, town.insee}, town.convention);
    }

    // A body that owns projects (declared once; the generator's bodies sign no convention).
    BeneficiaryRef body(BeneficiaryKind kind, const std::string& id, const std::string& name) {
        BeneficiaryRef ref{kind, id};
        if (!out_.territory.info(ref)) out_.territory.add_body(Body{kind, id, name, std::nullopt});
        return ref;
    }

    // ---- requests and the asks budgets are sized against -------------------------------------

    // Asks for `measure`; with `rate` when the programme leaves its rate to the decision.
    void ask(Project& p, std::string_view measure, const Rate& rate = Rate::zero()) {
        const auto* share = std::get_if<ShareFormula>(&program_.find_measure(measure)->formula);
        const bool case_by_case = share && !share->rate;
        p.requests->push_back(MeasureRequest{std::string(measure), case_by_case ? std::optional<Rate>(rate) : std::nullopt});
    }

    // Records, for the budgets of `measure`'s families, rate × expense of every year: an upper
    // bound of what the line will ask (before ceilings, stacking and other budgets).
    void tally(const Project& p, std::string_view measure, const Rate& rate, const std::string& department,
               const std::string& epci) {
        for (std::size_t f = 0; f < budget_families.size(); ++f) {
            const BudgetFamily& family = budget_families[f];
            if (family.measure != measure) continue;
            std::string scope;
            if (family.scope == BudgetScope::Kind::department) scope = department;
            if (family.scope == BudgetScope::Kind::epci) scope = epci;
            if (family.scope != BudgetScope::Kind::program && scope.empty()) continue;
            for (const Expense& e : p.expenses)
                asks_[{f, scope, family.per_year ? static_cast<int>(e.year) : 0}] += apply(e.amount * rate, Rounding());
        }
    }

    // Asks for a measure decided case by case, with a rate, and counts it for budgets.
    void ask_at(Project& p, std::string_view measure, const Rate& rate, const std::string& department, const std::string& epci) {
        ask(p, measure, rate);
        tally(p, measure, rate, department, epci);
    }

    // ---- projects ---------------------------------------------------------------------------

    Project new_project(std::string id, BeneficiaryRef owner, ExpenseNature nature, std::string category, std::string title) {
        Project p;
        p.id = std::move(id);
        p.title = std::move(title);
        p.owner = std::move(owner);
        p.nature = nature;
        p.category = std::move(category);
        p.requests.emplace();
        // Applications over the first two years; one project in ten has no date (it comes last
        // when projects compete).
        if (rng_.chance(90)) p.application_date = day_in(static_cast<int>(rng_.between(first_year_, first_year_ + 1)));
        return p;
    }

    static Attribution only(const std::string& insee) { return Attribution{AttributionKey::equal, {{insee, std::nullopt}}}; }

    // A post (project lead, commerce manager) starting on the first day of a month, `annual`
    // a year, paid for each year until the last one or an end drawn in 1 case in 5. The first
    // and last years are partial: their `covered` days make prorated ceilings bind.
    void add_post_years(Project& p, Date start, Money annual, std::optional<int> years = std::nullopt) {
        int last = years ? std::min(last_year_, year_of(start) + *years - 1) : last_year_;
        std::optional<Date> end;
        if (!years && rng_.chance(20) && year_of(start) < last) {
            last = year_between(year_of(start) + 1, last);
            end = end_of_month(last, static_cast<unsigned>(rng_.between(1, 11)));
        }
        for (int y = year_of(start); y <= last; ++y) {
            const Date from = y == year_of(start) ? start : make_date(y, 1, 1);
            const Date until = end && y == last ? *end : make_date(y, 12, 31);
            const int months = static_cast<int>(month_of(until)) - static_cast<int>(month_of(from)) + 1;
            Expense e{std::chrono::year{y}, months_of(annual, months), std::nullopt, std::nullopt};
            if (months < 12) e.covered = DateRange(from, until);
            p.expenses.push_back(e);
            annual = apply(annual * Rate::fraction(103, 100, RateBound::unbounded), Rounding());  // yearly raise
        }
    }

    // The first day of the month after `convention` in its year, or of a later year's month.
    Date post_start(const Date& convention) {
        if (rng_.chance(60) && month_of(convention) < 12 && year_of(convention) >= first_year_)
            return make_date(year_of(convention), month_of(convention) + 1, 1);
        const int y = year_between(year_of(convention) + 1, year_of(convention) + 2);
        return make_date(y, static_cast<unsigned>(rng_.between(1, 12)), 1);
    }

    void project_lead(Project& p, const Date& convention) {
        if (rng_.chance(25)) {  // a complex housing operation: Anah co-finances the post
            p.flags.insert(rng_.chance(80) ? "opah_ru" : "orcod");
            if (rng_.chance(10)) p.flags.insert("npnru");  // ... unless in an NPNRU district
        }
        const Date start = post_start(convention);
        add_post_years(p, start, cost_around(58'000, 4, 42'000, 80'000));
        ask(p, "pvd-project-lead");
    }

    // Expenses of 1 to `max_years` consecutive years from a year in [lo, hi], each around
    // `median` euros; one-off expenses (a single year) are dated by their invoice.
    void add_years(Project& p, int lo, int hi, int max_years, std::int64_t median, int flips, std::int64_t min_euros,
                   std::int64_t max_euros) {
        const int start = year_between(lo, hi);
        const int n = static_cast<int>(rng_.between(1, max_years));
        for (int y = start; y < start + n && y <= last_year_; ++y) {
            Expense e{std::chrono::year{y}, cost_around(median, flips, min_euros, max_euros), std::nullopt, std::nullopt};
            if (n == 1 && rng_.chance(70)) e.date = day_in(y);
            p.expenses.push_back(e);
        }
    }

    // Works with DETR, DSIL, region and department at rates that often exceed what R2334-27
    // (DETR + DSIL + DPV ≤ 80 %) and L1111-10 (the owner brings 20 %) allow.
    void investment_aid(Project& p, const std::string& department, const std::string& epci) {
        static constexpr std::array<Rate, 8> detr{Rate::percent(25), Rate::percent(30), Rate::percent(35), Rate::percent(40),
                                                  Rate::percent(45), Rate::percent(50), Rate::fraction(1, 3),
                                                  Rate::fraction(3, 8)};
        static constexpr std::array<Rate, 6> dsil{Rate::percent(20), Rate::percent(25), Rate::percent(30),
                                                  Rate::percent(35), Rate::percent(40), Rate::percent(45)};
        static constexpr std::array<Rate, 4> region{Rate::percent(10), Rate::percent(15), Rate::percent(20), Rate::percent(25)};
        static constexpr std::array<Rate, 5> dept{Rate::percent(5), Rate::percent(10), Rate::percent(15), Rate::percent(20),
                                                  Rate::fraction(1, 8)};
        static constexpr std::array<Rate, 3> dpv{Rate::percent(10), Rate::percent(20), Rate::percent(30)};
        ask_at(p, "detr", rng_.pick(detr), department, epci);
        if (rng_.chance(70)) ask_at(p, "dsil", rng_.pick(dsil), department, epci);
        if (p.flags.count("qpv")) ask_at(p, "dpv", rng_.pick(dpv), department, epci);
        if (rng_.chance(60)) ask_at(p, "region-investment", rng_.pick(region), department, epci);
        if (rng_.chance(70)) ask_at(p, "department-investment", rng_.pick(dept), department, epci);
    }

    // Flags of an investment: derogations to L1111-10, a chef-de-file field (L1111-9), a QPV,
    // overseas collectivities (outside L1111-10).
    void investment_flags(Project& p, bool overseas) {
        static constexpr std::array<const char*, 5> derogations{"drinking_water", "sanitation", "municipal_roads", "waste",
                                                                "biodiversity"};
        if (p.category == "heritage_works" && rng_.chance(50)) p.flags.insert("monument");
        if (p.category == "works" && rng_.chance(10)) p.flags.insert(rng_.pick(derogations));
        if (rng_.chance(12)) p.flags.insert("qpv");
        if (rng_.chance(10)) {
            p.flags.insert("chef_de_file_field");
            if (rng_.chance(33)) p.flags.insert("ctec_derogation");
        }
        if (overseas) p.flags.insert("overseas_collectivity");
    }

    // Private money (patronage, a private partner) for `percent_of_projects` % of projects.
    void add_private_funding(Project& p, int percent_of_projects) {
        if (p.expenses.empty() || !rng_.chance(percent_of_projects)) return;
        p.private_funding = apply(p.cost() * Rate::fraction(rng_.between(1, 10), 100), Rounding(RoundingMode::down, RoundingUnit::euro()));
    }

    void grouping_projects(std::size_t g) {
        const Grouping& group = groupings_[g];
        const BeneficiaryRef owner{BeneficiaryKind::epci, group.siren};
        std::vector<std::size_t> served;  // the towns without a post of their own
        for (std::size_t t : group.towns)
            if (!towns_[t].own_post) served.push_back(t);
        if (!served.empty()) {
            Project p = new_project(group.siren + "-lead", owner, ExpenseNature::operating, "project_lead_post",
                                    "Chef de projet PVD mutualisé");
            project_lead(p, group.convention);
            p.served = shared_between(served);
            out_.projects.push_back(std::move(p));
        }
        if (rng_.chance(33)) {  // intercommunal works, reported under the EPCI or split by population
            Project p = new_project(group.siren + "-works", owner, ExpenseNature::investment, "works",
                                    "Équipement intercommunal");
            investment_flags(p, towns_[group.towns.front()].overseas);
            if (towns_[group.towns.front()].corsica) p.flags.insert("corsica_epci_works");
            add_years(p, first_year_, last_year_ - 1, 3, 600'000, 36, 100'000, 8'000'000);
            add_private_funding(p, 10);
            investment_aid(p, group.department, group.siren);
            if (rng_.chance(50)) p.served = among(AttributionKey::population, group.towns);
            out_.projects.push_back(std::move(p));
        }
        if (rng_.chance(25)) {  // an intercommunal OPAH-RU
            Project p = new_project(group.siren + "-opah-ru", owner, ExpenseNature::operating, "opah_animation",
                                    "Suivi-animation OPAH-RU intercommunale");
            p.flags.insert("opah_ru");
            housing_animation_years(p);
            p.served = among(AttributionKey::population, group.towns);
            out_.projects.push_back(std::move(p));
        }
        if (group.population < 15'000) {  // ANCT's engineering is free for small EPCIs
            Project p = new_project(group.siren + "-engineering", owner, ExpenseNature::operating, "study",
                                    "Ingénierie sur mesure ANCT");
            const std::int64_t value = rng_.between(5'000, 40'000);
            p.units.push_back(UnitCount{"anct_mission_eur", value, day_in(year_between(first_year_, first_year_ + 2))});
            ask(p, "anct-tailored-engineering");
            p.served = among(AttributionKey::equal, group.towns);
            out_.projects.push_back(std::move(p));
        }
    }

    // `towns` served by population or in equal parts.
    Attribution among(AttributionKey key, const std::vector<std::size_t>& towns) const {
        Attribution a{key, {}};
        for (std::size_t t : towns) a.towns.push_back({towns_[t].insee, std::nullopt});
        return a;
    }

    // A shared post's key: population mostly, else equal parts or declared shares (integer
    // weights over their sum: exact fractions such as 7/23 that add up to exactly 100 %).
    Attribution shared_between(const std::vector<std::size_t>& towns) {
        const std::int64_t key = rng_.between(1, 10);
        if (key <= 6) return among(AttributionKey::population, towns);
        if (key <= 8) return among(AttributionKey::equal, towns);
        Attribution a{AttributionKey::shares, {}};
        std::vector<std::int64_t> weights;
        for (std::size_t i = 0; i < towns.size(); ++i) weights.push_back(rng_.between(1, 10));
        std::int64_t total = 0;
        for (std::int64_t w : weights) total += w;
        for (std::size_t i = 0; i < towns.size(); ++i) a.towns.push_back({towns_[towns[i]].insee, Rate::fraction(weights[i], total)});
        return a;
    }

    void housing_animation_years(Project& p) {
        const int start = year_between(first_year_, first_year_ + 2);
        const int n = static_cast<int>(rng_.between(3, 5));
        for (int y = start; y < start + n && y <= last_year_; ++y) {
            p.expenses.push_back(Expense{std::chrono::year{y}, cost_around(150'000, 36, 40'000, 600'000), std::nullopt, std::nullopt});
            p.units.push_back(UnitCount{"dwelling", rng_.between(5, 60), make_date(y, 6, 30)});
        }
        // Both are asked: the flags (opah or opah_ru) decide which applies.
        ask(p, "anah-opah-animation");
        ask(p, "anah-opah-ru-animation");
    }

    void town_project(std::size_t t, std::size_t k) {
        const Town& town = towns_[t];
        std::string number = std::to_string(k + 1);
        if (number.size() < 2) number.insert(0, "0");
        const std::string id = town.insee + "-" + number;
        const BeneficiaryRef commune{BeneficiaryKind::commune, town.insee};
        const std::string& dep = town.department;
        const std::string& epci = town.epci;
        if (k == 0 && town.own_post) {
            Project p = new_project(id, commune, ExpenseNature::operating, "project_lead_post", "Chef de projet PVD");
            project_lead(p, town.convention);
            out_.projects.push_back(std::move(p));
            return;
        }
        Project p;
        switch (project_cycle[(t + k) % project_cycle.size()]) {
            case ProjectKind::works: {
                static constexpr std::array<const char*, 4> titles{"Réfection de la place du marché", "Rénovation de l'école",
                                                                   "Aménagement des berges", "Voirie du centre-bourg"};
                const bool heritage = rng_.chance(25);
                p = new_project(id, commune, ExpenseNature::investment, heritage ? "heritage_works" : "works",
                                heritage ? "Restauration de la halle \"Baltard\" : charpente" : rng_.pick(titles));
                investment_flags(p, town.overseas);
                add_years(p, first_year_, last_year_, 3, 180'000, 64, 20'000, 5'000'000);
                add_private_funding(p, 12);
                investment_aid(p, dep, epci);
                break;
            }
            case ProjectKind::study: {
                static constexpr std::array<const char*, 4> categories{"study", "study", "diagnostic", "amo"};
                static constexpr std::array<Rate, 5> rates{Rate::percent(30), Rate::percent(40), Rate::percent(50),
                                                           Rate::fraction(1, 3), Rate::percent(45)};
                p = new_project(id, commune, ExpenseNature::operating, rng_.pick(categories), "Étude de revitalisation");
                add_study_years(p, town.convention);
                ask_at(p, "bdt-studies", rng_.pick(rates), dep, epci);
                break;
            }
            case ProjectKind::works_study: {
                static constexpr std::array<Rate, 3> rates{Rate::percent(20), Rate::percent(30), Rate::percent(50)};
                p = new_project(id, commune, ExpenseNature::investment, "study", "Étude de maîtrise d'œuvre");
                investment_flags(p, town.overseas);
                add_study_years(p, town.convention);
                ask_at(p, "bdt-studies", rng_.pick(rates), dep, epci);
                investment_aid(p, dep, epci);
                break;
            }
            case ProjectKind::brownfield: {
                static constexpr std::array<Rate, 5> friches{Rate::percent(30), Rate::percent(40), Rate::percent(50),
                                                             Rate::percent(60), Rate::fraction(455, 1000)};
                static constexpr std::array<Rate, 3> detr{Rate::percent(20), Rate::percent(25), Rate::percent(30)};
                p = new_project(id, commune, ExpenseNature::investment, "brownfield", "Recyclage d'une friche industrielle");
                if (town.overseas) p.flags.insert("overseas_collectivity");
                add_years(p, first_year_, first_year_ + 3, 2, 400'000, 49, 50'000, 6'000'000);
                add_private_funding(p, 10);
                ask_at(p, "fonds-friches", rng_.pick(friches), dep, epci);
                ask_at(p, "detr", rng_.pick(detr), dep, epci);
                if (rng_.chance(50)) ask_at(p, "region-investment", Rate::percent(rng_.between(2, 4) * 5), dep, epci);
                if (rng_.chance(40)) ask_at(p, "department-investment", Rate::percent(rng_.between(1, 2) * 5), dep, epci);
                break;
            }
            case ProjectKind::commerce_manager: {
                p = new_project(id, commune, ExpenseNature::operating, "commerce_manager", "Manager de commerce");
                const Date start = post_start(town.convention);
                add_post_years(p, start, cost_around(42'000, 9, 28'000, 60'000), 3);
                ask(p, "commerce-manager");  // two years of the scheme; the third gets nothing
                break;
            }
            case ProjectKind::commerce_diagnostic: {
                // A mission BdT orders and pays: no expense of the town's, only its value in kind.
                p = new_project(id, commune, ExpenseNature::operating, "commerce_diagnostic", "Diagnostic flash Shop'in");
                const std::int64_t value = rng_.between(3'000, 15'000);
                p.units.push_back(UnitCount{"shopin_mission_eur", value, day_from(year_between(2021, 2022), town.convention)});
                ask(p, "bdt-shopin-diagnostic");
                break;
            }
            case ProjectKind::commerce_digital: {
                p = new_project(id, commune, ExpenseNature::operating, "commerce_digital", "Solutions numériques pour les commerces");
                const Date when = day_from(year_between(first_year_, first_year_ + 4), town.convention);
                p.units.push_back(UnitCount{"digital_commerce_scheme", 1, when});
                // Below 20 000 € the flat aid is capped at the expense.
                p.expenses.push_back(Expense{when.year(), euros_between(8'000, 60'000), std::nullopt, when});
                ask(p, "bdt-digital-commerce");
                break;
            }
            case ProjectKind::vta: {
                p = new_project(id, commune, ExpenseNature::operating, "vta", "Volontariat territorial en administration");
                p.flags.insert(rng_.chance(70) ? "rural" : "vta_conditional_case");
                const Date start = day_in(year_between(first_year_, first_year_ + 4));
                p.units.push_back(UnitCount{"volunteer", rng_.chance(10) ? 2 : 1, start});
                // A 12- or 18-month mission from the recruitment day to the end of its last month
                // (counted in integers: libc++ 14's year_month += months is wrong).
                const int last_month = year_of(start) * 12 + static_cast<int>(month_of(start)) - 1 + (rng_.chance(50) ? 11 : 17);
                const Date end = end_of_month(last_month / 12, static_cast<unsigned>(last_month % 12) + 1);
                const Money monthly = euros_between(1'600, 2'300);
                for (int y = year_of(start); y <= std::min(year_of(end), last_year_); ++y) {
                    const Date from = y == year_of(start) ? start : make_date(y, 1, 1);
                    const Date until = y == year_of(end) ? end : make_date(y, 12, 31);
                    const int months = static_cast<int>(month_of(until)) - static_cast<int>(month_of(from)) + 1;
                    p.expenses.push_back(Expense{std::chrono::year{y}, monthly * months, DateRange(from, until), std::nullopt});
                }
                ask(p, "vta");
                ask(p, "vta-backpack");  // from 2023 only
                break;
            }
            case ProjectKind::france_services: {
                // Any porteur: the town, or an association serving it.
                const BeneficiaryRef owner = rng_.chance(20) ? body(BeneficiaryKind::association, "france-services-" + town.insee,
                                                                     "Association France services " + town.insee)
                                                             : commune;
                p = new_project(id, owner, ExpenseNature::operating, "france_services", "Espace France services");
                if (owner.kind != BeneficiaryKind::commune) p.served = only(town.insee);
                for (int y = year_between(first_year_, first_year_ + 2); y <= last_year_; ++y) {
                    p.units.push_back(UnitCount{"france_services", 1, make_date(y, 1, 1)});
                    p.expenses.push_back(Expense{std::chrono::year{y}, cost_around(85'000, 16, 50'000, 160'000), std::nullopt, std::nullopt});
                }
                ask(p, "france-services");
                break;
            }
            case ProjectKind::engineering: {
                // Free engineering in kind (ANCT below 3 500 inhabitants; BdT PVD+ from 2023),
                // valued as units of 1 €, and a study of the town's own.
                p = new_project(id, commune, ExpenseNature::operating, "study", "Ingénierie de projet");
                const std::int64_t anct_value = rng_.between(4'000, 25'000);
                p.units.push_back(UnitCount{"anct_mission_eur", anct_value, day_from(year_between(first_year_, first_year_ + 1), town.convention)});
                const bool pvd_plus = rng_.chance(60);
                if (pvd_plus) {
                    const std::int64_t value = rng_.between(8'000, 40'000);
                    p.units.push_back(UnitCount{"pvd_plus_mission_eur", value, day_in(year_between(2023, 2025))});
                }
                add_study_years(p, town.convention);
                ask_at(p, "bdt-studies", Rate::percent(50), dep, epci);
                ask(p, "anct-tailored-engineering");
                if (pvd_plus) ask(p, "bdt-pvd-plus");
                break;
            }
            case ProjectKind::housing_animation: {
                p = new_project(id, commune, ExpenseNature::operating, "opah_animation", "Suivi-animation d'une OPAH");
                p.flags.insert(rng_.chance(50) ? "opah_ru" : "opah");
                housing_animation_years(p);
                break;
            }
            case ProjectKind::digital_advisor: {
                p = new_project(id, commune, ExpenseNature::operating, "digital_advisor", "Conseiller numérique France services");
                if (rng_.chance(35)) p.flags.insert(rng_.chance(50) ? "qpv" : "zrr");  // the bonus
                for (int y = year_between(2023, 2024); y <= last_year_; ++y)
                    p.expenses.push_back(Expense{std::chrono::year{y}, cost_around(30'000, 9, 20'000, 45'000), std::nullopt, std::nullopt});
                ask(p, "digital-advisor-2023");  // three years of the scheme; a fourth gets nothing
                break;
            }
            case ProjectKind::denormandie: {
                // A private investor buys and renovates a dwelling in the town to let it.
                static constexpr std::array<const char*, 3> leases{"6y", "9y", "12y"};
                const std::string lease = rng_.pick(leases);
                const BeneficiaryRef investor = body(BeneficiaryKind::other, "investor-" + id, "Investisseur privé (" + town.insee + ")");
                p = new_project(id, investor, ExpenseNature::investment, "housing_purchase_renovation", "Achat-rénovation d'un logement");
                p.application_date.reset();  // a tax reduction is claimed, not applied for
                p.flags = {"acv_or_ort", "private_owner", "lease_" + lease.substr(0, lease.size() - 1) + "_years"};
                if (rng_.chance(90)) p.flags.insert("works_25_percent");  // else not eligible
                if (town.overseas) p.flags.insert("overseas");
                const int y = year_between(first_year_, last_year_);
                const Money cost = cost_around(200'000, 25, 60'000, 600'000);
                p.expenses.push_back(Expense{std::chrono::year{y}, cost, std::nullopt, day_in(y)});
                ask(p, std::string(town.overseas ? "denormandie-overseas-" : "denormandie-") + lease);
                p.served = only(town.insee);
                break;
            }
            case ProjectKind::departmental_works: {
                static constexpr std::array<Rate, 5> rates{Rate::percent(20), Rate::percent(30), Rate::percent(40),
                                                           Rate::percent(50), Rate::percent(60)};
                const BeneficiaryRef department = body(BeneficiaryKind::other, "departement-" + dep, "Département " + dep);
                p = new_project(id, department, ExpenseNature::investment, "works", "Route départementale en traversée de bourg");
                add_years(p, first_year_, last_year_, 2, 500'000, 36, 80'000, 4'000'000);
                ask_at(p, "dsid", rng_.pick(rates), "", "");  // a body lies in the programme's scope only
                p.served = only(town.insee);
                break;
            }
        }
        out_.projects.push_back(std::move(p));
    }

    // A study's expenses: one dated year, or two; in the convention's year, dated after it.
    void add_study_years(Project& p, const Date& convention) {
        const int start = year_between(first_year_, last_year_ - 1);
        const int n = static_cast<int>(rng_.between(1, 2));
        for (int y = start; y < start + n && y <= last_year_; ++y) {
            const Money cost = cost_around(25'000, 36, 4'000, 150'000);
            p.expenses.push_back(Expense{std::chrono::year{y}, cost, std::nullopt, day_from(y, convention)});
        }
    }

    // ---- budgets ------------------------------------------------------------------------------

    // One budget per family, scope and year with asks (fewer for EPCIs and department-years).
    void size_budgets() {
        static constexpr std::array<BudgetPolicy, 3> policies{BudgetPolicy::pro_rata, BudgetPolicy::uniform_cap,
                                                              BudgetPolicy::priority};
        for (const auto& [key, upper_bound] : asks_) {
            const auto& [f, scope, year] = key;
            const BudgetFamily& family = budget_families[f];
            // DSIL envelopes for one EPCI in five; a departmental envelope for one year of three.
            if (family.scope == BudgetScope::Kind::epci && rng_.between(0, 4) != 0) continue;
            if (family.scope == BudgetScope::Kind::department && family.per_year && rng_.between(0, 2) != 0) continue;
            const BudgetPolicy policy = family.policy ? *family.policy : rng_.pick(policies);
            const std::int64_t permille = rng_.between(family.min_permille, family.max_permille);
            Budget b;
            b.id = std::string(family.names_measure ? family.measure : family.funder) + (scope.empty() ? "" : "-" + scope) +
                   (year ? "-" + std::to_string(year) : "");
            b.funder = std::string(family.funder);
            if (family.names_measure) b.measure = std::string(family.measure);
            b.scope = BudgetScope{family.scope, scope};
            if (year) b.year = std::chrono::year{year};
            b.amount = apply(upper_bound * Rate::fraction(permille, 1000, RateBound::unbounded),
                             Rounding(RoundingMode::down, RoundingUnit::euro()));
            b.policy = policy;
            b.source = "subsidy-generate: " + std::to_string(permille / 10) + "." + std::to_string(permille % 10) +
                       " % of rate × expense asked, before stacking";
            out_.budgets.push_back(std::move(b));
        }
    }

    const Program& program_;
    GeneratorOptions opt_;
    Random rng_;
    int first_year_;
    int last_year_;
    std::vector<Town> towns_;
    std::vector<Grouping> groupings_;
    std::set<std::string> sirens_;
    // (budget family, scope id, year or 0) → Σ rate × expense asked.
    std::map<std::tuple<std::size_t, std::string, int>, Money> asks_;
    GeneratedScenario out_;
};

}  // namespace detail::generation

/// A national-scale PVD scenario drawn from `options.seed` (see the notes at the top): the
/// same options give the same scenario on every platform. Throws invalid_argument if `pvd`
/// lacks a measure the projects ask for (naming every missing one), or for options out of
/// range (no town, no year, more towns than INSEE codes).
[[nodiscard]] inline GeneratedScenario generate_scenario(const Program& pvd, const GeneratorOptions& options) {
    return detail::generation::ScenarioGenerator(pvd, options).run();
}

}  // namespace subsidy
