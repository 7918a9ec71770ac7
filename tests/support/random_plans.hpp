// Random programmes, territories and projects for the engine's property tests.
//
// Everything is drawn from a std::mt19937_64 through Gen::between (a plain modulo, not a
// std::uniform_int_distribution), so a seed gives the same world on every standard library and
// a counter-example can be replayed anywhere from the two seeds the tests print.
//
// A World is generated valid by construction: member rates fit inside the combined rate on
// every date, conditional ceilings name funders of their measure, every dated value starts on
// 2015-01-01 (before any date a project uses, so strict lookups never fail), constraints name
// existing measures. A Project is valid too: 1–6 distinct expense years in 2016–2030, private
// funding ≤ cost, and a rate in its request exactly for the measures whose rate is decided case
// by case.
#pragma once

#include <subsidy/engine/plan.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace random_plans {

using namespace subsidy;

class Gen {
public:
    explicit Gen(std::uint64_t seed) : rng_(seed) {}
    /// Uniform enough in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return between(0, 99) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
    }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(i) - 1))]);
    }
    std::uint64_t next() { return rng_(); }

private:
    std::mt19937_64 rng_;
};

inline Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// A random day of year `y`.
inline Date day_in(Gen& g, int y) {
    const auto m = static_cast<unsigned>(g.between(1, 12));
    const Date last = std::chrono::year_month_day_last(std::chrono::year{y}, std::chrono::month_day_last(std::chrono::month{m}));
    return ymd(y, m, static_cast<unsigned>(g.between(1, static_cast<unsigned>(last.day()))));
}

inline const Date kSeriesStart = ymd(2015, 1, 1);

inline const std::vector<std::string> kFlags = {"f1", "f2", "f3", "monument", "derog"};
inline const std::vector<std::string> kCategories = {"cat-a", "cat-b", "cat-c"};
inline const std::vector<std::string> kUnitKinds = {"u1", "u2"};

/// A rate, often not decimal (1/3, 5/7) and sometimes 0 % or 100 %.
inline Rate random_rate(Gen& g) {
    switch (g.between(0, 4)) {
        case 0: return g.pick(std::vector<Rate>{Rate::percent(75), Rate::percent(50), Rate::percent(25), Rate::percent(80),
                                               Rate::percent(100), Rate::zero(), Rate::percent(20), Rate::percent(40)});
        case 1: {
            const std::int64_t den = g.pick(std::vector<std::int64_t>{3, 6, 7, 9, 11, 12, 13});
            return Rate::fraction(g.between(0, den), den);
        }
        case 2: return Rate::fraction(g.between(0, 1000), 1000);  // 75.5 %, 62.5 %…
        case 3: return Rate::fraction(g.between(0, 8), 8);
        default: return Rate::fraction(g.between(1, 99), 100);
    }
}

/// A non-negative amount: round euros or any cents, up to `max_euros`.
inline Money random_money(Gen& g, std::int64_t max_euros) {
    switch (g.between(0, 3)) {
        case 0: return Money::from_euros(g.between(0, max_euros / 1000) * 1000);
        case 1: return Money::from_euros(g.between(0, max_euros));
        default: return Money::from_cents(g.between(0, max_euros * 100));
    }
}

/// An expense: 10 % nothing, else small, medium or up to 10^7 €.
inline Money random_cost(Gen& g) {
    switch (g.between(0, 9)) {
        case 0: return Money();
        case 1:
        case 2:
        case 3: return random_money(g, 10'000);
        case 4:
        case 5:
        case 6:
        case 7: return random_money(g, 1'000'000);
        default: return random_money(g, 10'000'000);
    }
}

template <class T, class Make>
Dated<T> random_series(Gen& g, const std::string& name, Make make) {
    std::vector<typename Dated<T>::Entry> entries{{kSeriesStart, make(), "random"}};
    if (g.chance(30)) entries.push_back({day_in(g, static_cast<int>(g.between(2017, 2027))), make(), "random change"});
    return Dated<T>(name, std::move(entries));
}

inline Dated<Money> money_series(Gen& g, const std::string& name, std::int64_t max_euros) {
    return random_series<Money>(g, name, [&] { return random_money(g, max_euros); });
}

inline Condition random_condition(Gen& g) {
    Condition c;
    if (g.chance(50)) return c;
    std::vector<std::string> flags = kFlags;
    g.shuffle(flags);
    std::size_t next = 0;
    const auto n_all = g.between(0, 1), n_any = g.between(0, 2), n_none = g.between(0, 1);
    for (std::int64_t i = 0; i < n_all; ++i) c.all_of.push_back(flags[next++]);
    for (std::int64_t i = 0; i < n_any; ++i) c.any_of.push_back(flags[next++]);
    for (std::int64_t i = 0; i < n_none; ++i) c.none_of.push_back(flags[next++]);
    return c;
}

inline Rounding random_rounding(Gen& g) {
    if (g.chance(40)) return Rounding();
    const auto mode = static_cast<RoundingMode>(g.between(0, 5));
    const std::int64_t unit = g.pick(std::vector<std::int64_t>{1, 1, 7, 10, 50, 100, 100, 1000, 10'000, 100'000});
    return Rounding(mode, RoundingUnit::of_cents(unit));
}

struct World {
    std::string program_id = "prog";
    std::optional<Date> valid_from, valid_until;
    std::vector<Pillar> pillars;
    std::vector<Funder> funders;
    std::vector<Measure> measures;  ///< in declaration order
    std::vector<StackingConstraint> constraints;
    Territory territory;
    std::vector<BeneficiaryRef> beneficiaries;

    /// The programme with its measures declared in `order` (indices into `measures`).
    [[nodiscard]] Program build(const std::vector<std::size_t>& order) const {
        Program p(program_id, "random programme", valid_from, valid_until);
        for (const Pillar& x : pillars) p.add_pillar(x);
        for (const Funder& f : funders) p.add_funder(f);
        for (std::size_t i : order) p.add_measure(measures[i]);
        for (const StackingConstraint& c : constraints) p.add_constraint(c);
        return p;
    }
    [[nodiscard]] Program build() const {
        std::vector<std::size_t> order(measures.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        return build(order);
    }
    [[nodiscard]] const Measure* measure(const std::string& id) const {
        for (const Measure& m : measures)
            if (m.id == id) return &m;
        return nullptr;
    }
    [[nodiscard]] const Funder* funder(const std::string& id) const {
        for (const Funder& f : funders)
            if (f.id == id) return &f;
        return nullptr;
    }
};

// What a request may decide for a share measure, its legal maximum, its base figure and
// per-funder rounding. A decision above a maximum is refused only where no maximum can bind
// (no fixed or maximum rate, no ceiling): a random decision is then always a valid project.
inline void random_decisions(Gen& g, Measure& m, ShareFormula& f) {
    f.amount_decided = g.chance(30);
    if (!f.rate) {
        if (f.amount_decided && g.chance(30)) f.rate_decided = false;
        if (g.chance(40)) f.maximum_rate = random_series<Rate>(g, m.id + ".maximum_rate", [&] { return random_rate(g); });
    }
    const bool can_bind = f.rate || f.maximum_rate || !f.ceilings.empty();
    f.over_maximum = !can_bind && g.chance(50) ? OverMaximum::refuse : OverMaximum::cut;
    if (g.chance(15)) m.base = BaseFigure::cost;
    if (!m.members.empty() && g.chance(40)) m.rounding_per_funder = true;
}

inline Measure random_measure(Gen& g, const World& w, const std::string& id) {
    Measure m;
    m.id = id;
    m.title = id;
    m.pillar = g.pick(w.pillars).id;
    if (g.chance(50)) {
        for (const auto& c : kCategories)
            if (g.chance(50)) m.categories.insert(c);
    }
    switch (g.between(0, 3)) {
        case 0: m.natures = {ExpenseNature::operating}; break;
        case 1: m.natures = {ExpenseNature::investment}; break;
        default: break;
    }
    if (g.chance(30)) {
        for (auto k : {BeneficiaryKind::commune, BeneficiaryKind::epci, BeneficiaryKind::petr, BeneficiaryKind::association})
            if (g.chance(60)) m.eligibility.beneficiary_kinds.insert(k);
    }
    if (g.chance(30)) m.eligibility.population_below[BeneficiaryKind::commune] = g.between(1'000, 25'000);
    if (g.chance(15)) m.eligibility.population_below[BeneficiaryKind::petr] = 50'000;  // petr: population unknown
    m.eligibility.requires_membership = g.chance(50);
    if (g.chance(40)) m.eligibility.condition = random_condition(g);
    if (g.chance(25)) {
        const int from = static_cast<int>(g.between(2016, 2026));
        m.valid_from = day_in(g, from);
        if (g.chance(50)) m.valid_until = day_in(g, static_cast<int>(g.between(from + 1, 2031)));
    } else if (g.chance(15)) {
        m.valid_until = day_in(g, static_cast<int>(g.between(2018, 2031)));
    }
    m.rounding = random_rounding(g);
    m.priority = static_cast<int>(g.between(-1, 3));

    // Funders of the measure: 0–3 members (share only) and a residual one, all distinct.
    std::vector<std::string> funder_ids;
    for (const Funder& f : w.funders) funder_ids.push_back(f.id);
    g.shuffle(funder_ids);
    const int kind = static_cast<int>(g.between(0, 9));  // 0–5 share, 6–7 flat, 8–9 schedule
    const std::size_t n_members = kind <= 5 ? static_cast<std::size_t>(g.between(0, 3)) : 0;
    m.residual_funder = funder_ids[n_members];

    if (kind <= 5) {
        ShareFormula f;
        const bool fixed = g.chance(80);
        if (fixed) f.rate = random_series<Rate>(g, id + ".rate", [&] { return random_rate(g); });
        if (g.chance(30)) f.base_cap = money_series(g, id + ".base_cap", 2'000'000);
        // Members: rate = (combined rate on the same dates) × a weight; the weights of the
        // unconditional members add up to at most 1, so they always fit the combined rate.
        const std::int64_t den = g.pick(std::vector<std::int64_t>{1, 2, 3, 4, 6, 7, 10, 12});
        std::int64_t budget = den;
        for (std::size_t i = 0; i < n_members; ++i) {
            const std::string& funder = funder_ids[i];
            const Condition condition = g.chance(35) ? random_condition(g) : Condition{};
            const std::int64_t k = condition.empty() ? g.between(0, budget) : g.between(0, den);
            if (condition.empty()) budget -= k;
            const Rate weight = Rate::fraction(k, den);
            std::vector<Dated<Rate>::Entry> entries;
            if (f.rate) {
                for (const auto& e : f.rate->entries()) entries.push_back({e.from, e.value * weight, "member share"});
            } else {
                entries.push_back({kSeriesStart, random_rate(g) * weight, "member share"});
            }
            SplitMember sm{funder, Dated<Rate>(id + "." + funder + ".rate", std::move(entries)), std::nullopt, std::nullopt,
                           condition};
            if (g.chance(30)) sm.base_cap = money_series(g, id + "." + funder + ".base_cap", 2'000'000);
            if (g.chance(40)) sm.ceiling = money_series(g, id + "." + funder + ".ceiling", 500'000);
            m.members.push_back(std::move(sm));
        }
        const auto n_ceilings = g.between(0, 3);
        for (std::int64_t c = 0; c < n_ceilings; ++c) {
            Ceiling ceiling{money_series(g, id + ".ceiling" + std::to_string(c), 1'000'000),
                            g.chance(70) ? (g.chance(70) ? CeilingScope::per_year : CeilingScope::per_beneficiary_year)
                                          : (g.chance(70) ? CeilingScope::per_project : CeilingScope::per_beneficiary),
                            static_cast<Proration>(g.between(0, 2)), std::nullopt};
            if (g.chance(40)) ceiling.when_funder = funder_ids[static_cast<std::size_t>(g.between(0, static_cast<std::int64_t>(n_members)))];
            f.ceilings.push_back(std::move(ceiling));
        }
        if (g.chance(20)) {
            f.per_unit_kind = g.pick(kUnitKinds);
            f.per_unit_amount = money_series(g, id + ".per_unit", 2'000);
        }
        m.formula = std::move(f);
    } else if (kind <= 7) {
        m.formula = FlatFormula{g.pick(kUnitKinds), money_series(g, id + ".per_unit", 20'000), g.chance(50)};
    } else {
        ScheduleFormula s;
        const auto years = g.between(1, 4);
        for (std::int64_t y = 0; y < years; ++y)
            s.by_scheme_year.push_back(money_series(g, id + ".year" + std::to_string(y + 1), 30'000));
        if (g.chance(30)) {
            Condition c = random_condition(g);
            if (c.empty()) c.any_of = {g.pick(kFlags)};
            s.bonus_condition = c;
            const auto bonus_years = g.between(1, 4);
            for (std::int64_t y = 0; y < bonus_years; ++y)
                s.bonus_by_scheme_year.push_back(money_series(g, id + ".bonus" + std::to_string(y + 1), 10'000));
        }
        s.capped_at_expense = g.chance(70);
        m.formula = std::move(s);
    }
    if (auto* f = std::get_if<ShareFormula>(&m.formula)) random_decisions(g, m, *f);
    if (g.chance(10)) m.in_kind = true;
    else if (g.chance(10)) m.pass_through = true;
    return m;
}

inline StackingConstraint random_constraint(Gen& g, const World& w, std::size_t n) {
    StackingConstraint c{"c" + std::to_string(n), "random rule " + std::to_string(n), {ExpenseNature::investment},
                         TotalPublicAidCap{Dated<Rate>::always("unused", Rate::one(), "-")}};
    switch (g.between(0, 9)) {
        case 0:
        case 1: c.natures = {ExpenseNature::operating, ExpenseNature::investment}; break;
        case 2: c.natures = {ExpenseNature::operating}; break;
        default: break;  // investment only (the default)
    }
    auto constant = [&](const std::string& name, Rate r) { return Dated<Rate>(name, {{ymd(2000, 1, 1), r, "random rule"}}); };
    std::vector<std::string> ids;
    for (const Measure& m : w.measures) ids.push_back(m.id);
    g.shuffle(ids);
    int kind = static_cast<int>(g.between(0, 3));
    if (kind == 3 && ids.size() < 2) kind = 0;
    switch (kind) {
        case 0: {
            GroupCap cap{{}, constant(c.id + ".max", g.pick(std::vector<Rate>{Rate::percent(50), Rate::percent(80),
                                                                              Rate::fraction(1, 3), Rate::percent(100),
                                                                              Rate::fraction(2, 3), Rate::percent(90)}))};
            const auto size = g.between(1, static_cast<std::int64_t>(ids.size()));
            for (std::int64_t i = 0; i < size; ++i) cap.measures.insert(ids[static_cast<std::size_t>(i)]);
            c.rule = cap;
            break;
        }
        case 1: {
            OwnerMinimumShare o{constant(c.id + ".min", g.pick(std::vector<Rate>{Rate::percent(20), Rate::percent(30),
                                                                                 Rate::fraction(1, 3), Rate::zero(),
                                                                                 Rate::percent(50)})),
                                {},
                                std::nullopt};
            if (g.chance(40)) o.derogations["monument"] = Rate::zero();
            if (g.chance(30)) o.derogations["derog"] = Rate::percent(10);
            if (g.chance(20)) {
                o.condition = random_condition(g);
                if (o.condition->empty()) o.condition = Condition{{}, {}, {"f3"}};
            }
            c.rule = o;
            break;
        }
        case 2:
            c.rule = TotalPublicAidCap{constant(c.id + ".max", g.pick(std::vector<Rate>{Rate::percent(80), Rate::percent(100),
                                                                                       Rate::percent(70), Rate::fraction(1, 3)}))};
            break;
        default: c.rule = Exclusive{{ids[0], ids[1]}}; break;
    }
    return c;
}

inline World random_world(Gen& g) {
    World w;
    if (g.chance(50)) {
        w.valid_from = day_in(g, static_cast<int>(g.between(2015, 2020)));
        w.valid_until = day_in(g, static_cast<int>(g.between(2026, 2032)));
    }
    w.pillars = {{"p0", "pillar 0"}, {"p1", "pillar 1"}, {"p2", "pillar 2"}};
    for (int i = 0; i < 6; ++i) {
        FunderKind kind = g.pick(std::vector<FunderKind>{FunderKind::state, FunderKind::state_agency, FunderKind::public_bank,
                                                        FunderKind::local_authority, FunderKind::european_union,
                                                        FunderKind::private_funder});
        w.funders.push_back({"fund" + std::to_string(i), "funder " + std::to_string(i), kind});
    }
    std::vector<std::string> names = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
    g.shuffle(names);
    const auto n_measures = g.between(1, 5);
    for (std::int64_t i = 0; i < n_measures; ++i) w.measures.push_back(random_measure(g, w, names[static_cast<std::size_t>(i)]));
    const auto n_constraints = g.between(0, 4);
    for (std::int64_t i = 0; i < n_constraints; ++i) w.constraints.push_back(random_constraint(g, w, static_cast<std::size_t>(i)));

    w.territory.add_epci({"200000001", "An EPCI", g.between(5'000, 60'000)});
    w.territory.add_commune({"10001", "Small town", g.between(500, 30'000), 2021, "200000001"});
    w.territory.add_commune({"10002", "Other town", g.between(500, 30'000), 2021, "200000001"});
    w.territory.add_body({BeneficiaryKind::petr, "petr1", "A PETR", std::nullopt});
    w.territory.add_body({BeneficiaryKind::association, "asso1", "An association", g.between(0, 100)});
    w.beneficiaries = {{BeneficiaryKind::epci, "200000001"},
                       {BeneficiaryKind::commune, "10001"},
                       {BeneficiaryKind::commune, "10002"},
                       {BeneficiaryKind::petr, "petr1"},
                       {BeneficiaryKind::association, "asso1"}};
    for (const BeneficiaryRef& b : w.beneficiaries)
        if (g.chance(75)) w.territory.add_membership(w.program_id, b, day_in(g, static_cast<int>(g.between(2015, 2024))));
    return w;
}

inline bool case_by_case(const Measure& m) {
    const auto* share = std::get_if<ShareFormula>(&m.formula);
    return share && !share->rate;
}

// A part of `whole` (0 ≤ part ≤ whole), exact to the cent.
inline Money part_of(Gen& g, const Money& whole) {
    const auto c = whole.cents().convert_to<std::int64_t>();
    return Money::from_cents(c == 0 ? 0 : g.between(0, c));
}

// HT, an eligible base or cost items for an expense (its amount is the items' sum).
inline void random_figures(Gen& g, const World& w, Expense& e) {
    switch (g.between(0, 9)) {
        case 0:
        case 1: e.ht = part_of(g, e.amount); break;
        case 2: e.eligible = part_of(g, e.amount); break;
        case 3: {
            const auto n = g.between(1, 4);
            Money left = e.amount;
            for (std::int64_t i = 0; i < n; ++i) {
                CostItem item{"item" + std::to_string(i), i + 1 == n ? left : part_of(g, left)};
                left -= item.amount;
                if (g.chance(30)) item.ht = part_of(g, item.amount);
                if (g.chance(20)) item.eligible = part_of(g, item.amount);
                if (g.chance(25) && !w.measures.empty()) item.not_for = {g.pick(w.measures).id};
                e.items.push_back(std::move(item));
            }
            break;
        }
        default: break;
    }
}

// What the project asks of measure `m`: its decided rate or amount where the catalog leaves
// one to the decision (always one where it must), sometimes a base cap.
inline MeasureRequest random_request(Gen& g, const Measure& m) {
    MeasureRequest r{m.id, std::nullopt};
    const auto* f = std::get_if<ShareFormula>(&m.formula);
    if (!f) return r;
    const bool rate_ok = !f->rate && f->rate_decided, must = !f->rate;
    if (f->amount_decided && (!rate_ok || g.chance(50)) && (must || g.chance(50))) {
        r.amount = random_money(g, 300'000);
    } else if (rate_ok) {
        r.rate = random_rate(g);
    }
    if (g.chance(15)) r.base_cap = random_money(g, 1'000'000);
    return r;
}

inline Project random_project(Gen& g, const World& w) {
    Project p;
    p.id = "proj";
    p.title = "random project";
    p.owner = g.pick(w.beneficiaries);
    p.nature = g.chance(50) ? ExpenseNature::operating : ExpenseNature::investment;
    p.category = g.pick(kCategories);
    for (const auto& f : kFlags)
        if (g.chance(25)) p.flags.insert(f);

    std::vector<int> years;
    for (int y = 2016; y <= 2030; ++y) years.push_back(y);
    g.shuffle(years);
    years.resize(static_cast<std::size_t>(g.between(1, 6)));
    if (g.chance(60)) std::sort(years.begin(), years.end());
    for (int y : years) {
        Expense e{std::chrono::year{y}, random_cost(g), std::nullopt, std::nullopt};
        if (g.chance(30)) {
            Date a = day_in(g, y), b = day_in(g, y);
            if (b < a) std::swap(a, b);
            e.covered = DateRange(a, b);
        }
        if (g.chance(15)) e.date = day_in(g, y);
        random_figures(g, w, e);
        p.expenses.push_back(e);
    }
    const Money cost = p.cost();
    switch (g.between(0, 9)) {
        case 0: p.private_funding = cost; break;
        case 1:
        case 2:
        case 3: {
            const auto c = cost.cents().convert_to<std::int64_t>();
            p.private_funding = Money::from_cents(c == 0 ? 0 : g.between(0, c));
            break;
        }
        default: break;
    }
    if (g.chance(15)) p.other_resources = {OtherResource{"FCTVA", part_of(g, cost - p.private_funding)}};
    const auto n_units = g.between(0, 4);
    for (std::int64_t i = 0; i < n_units; ++i) {
        const int y = g.chance(80) ? g.pick(years) : static_cast<int>(g.between(2016, 2030));
        p.units.push_back({g.pick(kUnitKinds), g.between(0, 20), day_in(g, y)});
    }

    bool must_request = false;
    for (const Measure& m : w.measures) must_request |= case_by_case(m);
    if (must_request || g.chance(60)) {
        std::vector<MeasureRequest> requests;
        for (const Measure& m : w.measures)
            if (g.chance(70)) requests.push_back(random_request(g, m));
        g.shuffle(requests);
        p.requests = std::move(requests);
    }
    return p;
}

// ---- printing, to minimise a counter-example by hand ------------------------------------

inline std::string describe(const Condition& c) {
    std::string s;
    auto list = [&](const char* what, const std::vector<std::string>& v) {
        if (v.empty()) return;
        s += std::string(s.empty() ? "" : " ") + what + "{";
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + v[i];
        s += "}";
    };
    list("all", c.all_of);
    list("any", c.any_of);
    list("none", c.none_of);
    return s.empty() ? "-" : s;
}

template <class T>
std::string describe(const Dated<T>& d) {
    std::string s;
    for (const auto& e : d.entries()) s += (s.empty() ? "" : ", ") + to_string(e.value) + " from " + to_string(e.from);
    return "[" + s + "]";
}

inline std::string describe(const World& w) {
    std::ostringstream os;
    os << "program " << w.program_id << " valid " << (w.valid_from ? to_string(*w.valid_from) : "-") << " .. "
       << (w.valid_until ? to_string(*w.valid_until) : "-") << "\n";
    for (const Funder& f : w.funders) os << "  funder " << f.id << (f.is_public() ? " public" : " private") << "\n";
    for (const Measure& m : w.measures) {
        os << "  measure " << m.id << " pillar " << m.pillar << " priority " << m.priority << " rounding "
           << to_string(m.rounding) << (m.in_kind ? " in_kind" : "") << (m.pass_through ? " pass_through" : "")
           << " residual " << m.residual_funder << "\n    eligibility: categories {";
        for (const auto& c : m.categories) os << c << " ";
        os << "} natures {";
        for (auto n : m.natures) os << to_string(n) << " ";
        os << "} kinds {";
        for (auto k : m.eligibility.beneficiary_kinds) os << to_string(k) << " ";
        os << "} population_below {";
        for (const auto& [k, n] : m.eligibility.population_below) os << to_string(k) << "<" << n << " ";
        os << "} membership " << m.eligibility.requires_membership << " flags " << describe(m.eligibility.condition)
           << " valid " << (m.valid_from ? to_string(*m.valid_from) : "-") << " .. "
           << (m.valid_until ? to_string(*m.valid_until) : "-") << "\n";
        if (const auto* s = std::get_if<ShareFormula>(&m.formula)) {
            os << "    share rate " << (s->rate ? describe(*s->rate) : "case by case") << " base_cap "
               << (s->base_cap ? describe(*s->base_cap) : "-") << " decided " << (s->rate_decided && !s->rate ? "rate " : "")
               << (s->amount_decided ? "amount " : "") << "maximum " << (s->maximum_rate ? describe(*s->maximum_rate) : "-")
               << " over " << (s->over_maximum == OverMaximum::cut ? "cut" : "refuse") << " base "
               << (m.base == BaseFigure::cost ? "cost" : "eligible") << (m.rounding_per_funder ? " rounding per funder" : "")
               << "\n";
            for (const Ceiling& c : s->ceilings)
                os << "    ceiling " << describe(c.amount) << " " << to_string(c.scope)
                   << " proration " << static_cast<int>(c.proration) << " when " << c.when_funder.value_or("-") << "\n";
            if (s->per_unit_kind) os << "    per unit " << *s->per_unit_kind << " " << describe(*s->per_unit_amount) << "\n";
            for (const SplitMember& sm : m.members)
                os << "    member " << sm.funder << " rate " << describe(sm.rate) << " base_cap "
                   << (sm.base_cap ? describe(*sm.base_cap) : "-") << " ceiling " << (sm.ceiling ? describe(*sm.ceiling) : "-")
                   << " condition " << describe(sm.condition) << "\n";
        } else if (const auto* f = std::get_if<FlatFormula>(&m.formula)) {
            os << "    flat " << f->unit_kind << " " << describe(f->amount_per_unit) << (f->capped_at_expense ? " capped" : "") << "\n";
        } else if (const auto* sched = std::get_if<ScheduleFormula>(&m.formula)) {
            const auto& s = *sched;
            os << "    schedule";
            for (const auto& y : s.by_scheme_year) os << " " << describe(y);
            if (s.bonus_condition) {
                os << " bonus " << describe(*s.bonus_condition);
                for (const auto& y : s.bonus_by_scheme_year) os << " " << describe(y);
            }
            os << (s.capped_at_expense ? " capped" : "") << "\n";
        }
    }
    for (const StackingConstraint& c : w.constraints) {
        os << "  constraint " << c.id << " natures {";
        for (auto n : c.natures) os << to_string(n) << " ";
        os << "} ";
        if (const auto* g = std::get_if<GroupCap>(&c.rule)) {
            os << "group cap " << describe(g->maximum) << " of {";
            for (const auto& id : g->measures) os << id << " ";
            os << "}";
        } else if (const auto* o = std::get_if<OwnerMinimumShare>(&c.rule)) {
            os << "owner minimum " << describe(o->minimum) << " derogations {";
            for (const auto& [f, r] : o->derogations) os << f << ":" << to_string(r) << " ";
            os << "} condition " << (o->condition ? describe(*o->condition) : "-");
        } else if (const auto* t = std::get_if<TotalPublicAidCap>(&c.rule)) {
            os << "total public aid cap " << describe(t->maximum);
        } else {
            os << "exclusive {";
            for (const auto& id : std::get<Exclusive>(c.rule).measures) os << id << " ";
            os << "}";
        }
        os << "\n";
    }
    for (const BeneficiaryRef& b : w.beneficiaries) {
        const auto info = w.territory.info(b);
        const auto conv = w.territory.convention(w.program_id, b);
        os << "  beneficiary " << to_string(b) << " population "
           << (info->population ? std::to_string(*info->population) : "-") << " convention "
           << (conv ? to_string(*conv) : "-") << "\n";
    }
    return os.str();
}

inline std::string describe(const Project& p) {
    std::ostringstream os;
    os << "project owner " << to_string(p.owner) << " " << to_string(p.nature) << " category " << p.category << " flags {";
    for (const auto& f : p.flags) os << f << " ";
    os << "} private " << to_string(p.private_funding) << "\n";
    for (const Expense& e : p.expenses)
        os << "  expense " << static_cast<int>(e.year) << " " << to_string(e.amount) << " covered "
           << (e.covered ? to_string(e.covered->first()) + ".." + to_string(e.covered->last()) : "-") << " date "
           << (e.date ? to_string(*e.date) : "-") << (e.ht ? " ht " + to_string(*e.ht) : "")
           << (e.eligible ? " eligible " + to_string(*e.eligible) : "") << "\n";
    for (const Expense& e : p.expenses)
        for (const CostItem& i : e.items) {
            os << "    item " << i.label << " " << to_string(i.amount) << (i.ht ? " ht " + to_string(*i.ht) : "")
               << (i.eligible ? " eligible " + to_string(*i.eligible) : "");
            for (const auto& m : i.not_for) os << " not_for " << m;
            os << "\n";
        }
    for (const OtherResource& r : p.other_resources) os << "  other resource " << r.label << " " << to_string(r.amount) << "\n";
    for (const UnitCount& u : p.units) os << "  units " << u.count << " " << u.kind << " from " << to_string(u.date) << "\n";
    if (p.requests) {
        os << "  requests:";
        for (const auto& r : *p.requests)
            os << " " << r.measure << (r.rate ? "@" + to_string(*r.rate) : "") << (r.amount ? " amount " + to_string(*r.amount) : "")
               << (r.base_cap ? " base_cap " + to_string(*r.base_cap) : "");
        os << "\n";
    } else {
        os << "  requests: every measure\n";
    }
    return os.str();
}

inline std::string describe(const FundingPlan& plan) {
    std::ostringstream os;
    os << "plan cost " << plan.cost << " private " << plan.private_funding << " cash " << plan.cash_aid << " own "
       << plan.own_share << "\n";
    for (const FundingLine& l : plan.lines)
        os << "  line " << l.measure << " " << l.funder << " " << static_cast<int>(l.year) << " " << l.amount
           << (l.in_kind ? " in_kind" : "") << (l.pass_through ? " pass_through" : "") << (l.trace.cuts.empty() ? "" : " (cut)")
           << "\n";
    return os.str();
}

}  // namespace random_plans
