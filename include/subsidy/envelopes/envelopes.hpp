// Envelopes: the lines of many funding plans summed exactly into the financing envelope of
// each town, by pillar, by funder, by year… as the programme's people talk about them.
//
// Things you should know:
// - An Envelopes object is built with the dimensions it keeps (`by`, default: all of them);
//   table() can then regroup to any subset of those, so one pass over the lines serves every
//   view. Sums are exact integers: the order lines are added in never changes a cent.
// - A line goes to the places of its project (attribution.hpp): a shared post is split
//   between the towns it serves line by line, by largest remainder, so the towns' parts add
//   up to the carried project's lines to the cent.
// - Cash, in-kind support (valued in euros, never paid) and pass-through money (paid through
//   the beneficiary to a third party) are kept apart in every row and total.
// - The balance of the towns (cost, private funding, cash aid, own share) is a property of a
//   project, not of a pillar, funder, measure or year: it is kept by the geographic
//   dimensions of `by` only (town, EPCI, department), each quantity split between the towns
//   by the same key. Its totals are exact; for one town of a shared project, cost = private +
//   cash + own share holds to within a few cents, since each quantity is split on its own.
// - Order of rows: by the dimensions of `by` in the order given; towns by INSEE code, EPCIs by
//   SIREN, departments by code (places that are not known, such as "no town" for an EPCI's own
//   project, come last); pillars, funders and measures in the programme's declared order;
//   years ascending.
// - Grid::full adds the rows with no money (0.00): every pillar, funder, measure of the
//   programme, every town/EPCI/department of the territory (as they combine in it), every year
//   from the first to the last one seen.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/detail/flat_map.hpp"
#include "subsidy/envelopes/codes.hpp"
#include "subsidy/envelopes/table.hpp"
#include "subsidy/world/attribution.hpp"
#include "subsidy/error.hpp"
#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

class Envelopes {
    using Key = detail::EnvelopeKey;

public:
    /// Where the money of one project goes, resolved once (see destination()): the keys of
    /// its places and their weights.
    class Destination {
        friend class Envelopes;
        std::vector<Key> keys_;
        std::vector<cents_t> weights_;
    };

    /// Keeps the dimensions `by` (each at most once).
    Envelopes(const Program& program, const Territory& territory,
              std::vector<Dimension> by = std::vector<Dimension>(all_dimensions.begin(), all_dimensions.end()))
        : program_(&program), territory_(&territory), by_(std::move(by)) {
        std::set<Dimension> seen;
        for (Dimension d : by_) {
            if (!seen.insert(d).second) throw invalid_argument("envelopes: dimension '" + to_string(d) + "' given twice");
            keeps_[static_cast<std::size_t>(d)] = true;
        }
        codes_ = std::make_shared<const detail::EnvelopeCodes>(program, territory);
    }

    /// Envelopes of the same programme, territory and dimensions, with nothing added yet (they
    /// share their code tables with this one): one per thread, merged at the end.
    [[nodiscard]] Envelopes empty_like() const {
        Envelopes e(*this, Copy{});
        return e;
    }

    [[nodiscard]] const std::vector<Dimension>& by() const noexcept { return by_; }
    [[nodiscard]] const Program& program() const noexcept { return *program_; }
    [[nodiscard]] const Territory& territory() const noexcept { return *territory_; }

    /// Where the money of `project` goes (attribution_of, with its errors).
    [[nodiscard]] Destination destination(const Project& project) const {
        const ResolvedAttribution where = attribution_of(project, *territory_);
        Destination d;
        d.keys_.reserve(where.places.size());
        for (const Place& p : where.places) d.keys_.push_back(place_key(p));
        d.weights_ = where.weights;
        return d;
    }

    /// Adds the lines and balance of `plan`, the funding plan of `project`. Throws
    /// invalid_argument if they do not belong together, a line names a measure, funder or
    /// pillar outside the programme, or a town served is not in the territory.
    void add(const Project& project, const FundingPlan& plan) {
        if (plan.project != project.id)
            throw invalid_argument("envelopes: the plan of '" + plan.project + "' given with project '" + project.id + "'");
        const Destination where = destination(project);
        add(where, index_plan(*program_, plan, "envelopes: "));
    }

    /// Adds the lines and balance of `plan`, a plan of this programme (lines by index), going
    /// to `where`: the one way money enters the envelopes.
    void add(const Destination& where, const LinePlan& plan) {
        Money in_kind;
        const std::uint32_t n_measures = static_cast<std::uint32_t>(program_->measures().size());
        for (const PlanLine& l : plan.lines) {
            if (l.in_kind) in_kind += l.amount;
            if (l.measure >= n_measures || l.funder >= program_->funders().size())
                throw invalid_argument("envelopes: a line of measure #" + std::to_string(l.measure) + ", funder #" +
                                       std::to_string(l.funder) + " is not of program '" + program_->id() + "'");
            Key k{};
            if (keeps(Dimension::pillar))
                k[index(Dimension::pillar)] = static_cast<std::uint32_t>(pillar_of_measure(l.measure));
            if (keeps(Dimension::funder)) k[index(Dimension::funder)] = l.funder;
            if (keeps(Dimension::measure)) k[index(Dimension::measure)] = l.measure;
            if (l.service) {
                add_service(where, k, l);
                continue;
            }
            add_line(where, k, l.year, l.amount, l.in_kind, l.pass_through);
        }
        add_balance(where, Balance{plan.cost, plan.private_funding, plan.cash_aid, in_kind, plan.own_share, plan.other_resources});
    }

    /// Adds the services the territory's memberships give: for each member of the programme
    /// (a signed convention), one of each service measure given by membership whose
    /// beneficiary kinds and population threshold it meets, at its place, in the year of its
    /// convention — so that the counts of several years add up to the members. Once only: a
    /// second call adds nothing.
    void add_memberships() {
        if (memberships_added_) return;
        memberships_added_ = true;
        const auto& ms = program_->measures();
        for (const auto& [who, convention] : territory_->memberships()) {
            if (who.first != program_->id()) continue;
            for (std::uint32_t i = 0; i < ms.size(); ++i)
                if (gives_by_membership(ms[i], who.second)) add_membership(i, who.second, convention);
        }
    }

    /// Adds everything `other` holds (same programme, territory and dimensions): what the
    /// envelopes of several threads are merged with. The memberships' services are counted
    /// once: merging two envelopes that both added them is refused.
    void merge(const Envelopes& other) {
        check_mergeable(other);
        for (const auto& [k, a] : other.lines_) lines_[k] += a;
        for (const auto& [k, b] : other.balances_) balances_[k] += b;
        for (const auto& [k, q] : other.services_) services_[k] += q;
        note_merged(other);
    }
    /// The same, leaving `other` empty: into empty envelopes its sums are moved, not copied
    /// (the batch merges its threads' envelopes so, without holding each sum twice).
    void merge(Envelopes&& other) {
        check_mergeable(other);
        if (lines_.empty() && balances_.empty() && services_.empty()) {
            lines_ = std::move(other.lines_);
            balances_ = std::move(other.balances_);
            services_ = std::move(other.services_);
            note_merged(other);
        } else {
            merge(static_cast<const Envelopes&>(other));
        }
        other.lines_ = {};
        other.balances_ = {};
        other.services_ = {};
        other.memberships_added_ = false;
    }

    /// The envelopes grouped by `by` (default: the dimensions kept), which must be among the
    /// dimensions kept.
    [[nodiscard]] EnvelopeTable table(std::optional<std::vector<Dimension>> by = std::nullopt, Grid grid = Grid::sparse) const {
        EnvelopeTable t;
        t.by = by ? *by : by_;
        std::set<Dimension> seen;
        for (Dimension d : t.by) {
            if (!keeps(d))
                throw invalid_argument("envelopes: cannot group by '" + to_string(d) + "', which these envelopes do not keep");
            if (!seen.insert(d).second) throw invalid_argument("envelopes: dimension '" + to_string(d) + "' given twice");
            if (is_geographic(d)) t.balance_by.push_back(d);
        }

        std::map<std::vector<std::uint32_t>, Amounts> rows;
        for (const auto& [k, a] : lines_) {
            rows[detail::project_key(k, t.by)] += a;
            t.total += a;
        }
        std::map<std::vector<std::uint32_t>, Balance> balances;
        for (const auto& [k, b] : balances_) {
            balances[detail::project_key(k, t.balance_by)] += b;
            t.total_balance += b;
        }
        if (grid == Grid::full) {
            for (const auto& k : codes_->full_grid(t.by, rows, first_year_, last_year_)) rows.try_emplace(k);
            for (const auto& k : codes_->territory_places(t.balance_by)) balances.try_emplace(k);
        }
        t.rows.reserve(rows.size());
        for (const auto& [k, a] : rows) t.rows.push_back(EnvelopeRow{codes_->names(k, t.by), a});
        std::map<std::pair<std::vector<std::uint32_t>, std::uint32_t>, std::int64_t> services;
        for (const auto& [k, q] : services_) services[{detail::project_key(k.first, t.by), k.second}] += q;
        for (const auto& [k, q] : services) {
            const Measure& m = program_->measures()[k.second];
            t.services.push_back(ServiceRow{codes_->names(k.first, t.by), m.id, m.pillar, q});
        }
        t.balances.reserve(balances.size());
        for (const auto& [k, b] : balances) t.balances.push_back(BalanceRow{codes_->names(k, t.balance_by), b});
        return t;
    }

private:
    void check_mergeable(const Envelopes& other) const {
        if (other.program_ != program_ || other.territory_ != territory_ || other.by_ != by_)
            throw invalid_argument("envelopes: merging envelopes of another programme, territory or grouping");
        if (memberships_added_ && other.memberships_added_)
            throw invalid_argument("envelopes: both envelopes hold the memberships' services: merged, they would count each member twice");
    }
    void note_merged(const Envelopes& other) {
        memberships_added_ = memberships_added_ || other.memberships_added_;
        first_year_ = std::min(first_year_, other.first_year_);
        last_year_ = std::max(last_year_, other.last_year_);
    }

    struct Copy {};
    Envelopes(const Envelopes& other, Copy)
        : program_(other.program_), territory_(other.territory_), by_(other.by_), keeps_(other.keeps_), codes_(other.codes_) {}

    std::size_t pillar_of_measure(std::uint32_t measure) const { return codes_->pillar_of_measure(measure); }

    void add_line(const Destination& where, Key k, std::chrono::year year, const Money& amount, bool in_kind,
                  bool pass_through) {
        if (keeps(Dimension::year)) {
            k[index(Dimension::year)] = year_code(year);
            const int y = static_cast<int>(year);
            first_year_ = std::min(first_year_, y);
            last_year_ = std::max(last_year_, y);
        }
        auto add_part = [&](const Key& place, const Money& part) {
            for (std::size_t d = 0; d < 3; ++d) k[d] = place[d];
            Amounts& a = lines_[k];
            (in_kind ? a.in_kind : pass_through ? a.pass_through : a.cash) += part;
        };
        if (where.keys_.size() == 1) return add_part(where.keys_[0], amount);
        const std::vector<Money> parts = detail::largest_remainder(amount, where.weights_);
        for (std::size_t i = 0; i < parts.size(); ++i) add_part(where.keys_[i], parts[i]);
    }

    // A service line's quantity, split between the places like money (exactly, by largest
    // remainder, so that the places' parts add up to it).
    void add_service(const Destination& where, Key k, const PlanLine& l) {
        if (keeps(Dimension::year)) k[index(Dimension::year)] = year_code(l.year);
        note_year(l.year);
        const std::vector<Money> parts = where.keys_.size() == 1
                                             ? std::vector<Money>{Money::from_cents(l.quantity)}
                                             : detail::largest_remainder(Money::from_cents(l.quantity), where.weights_);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            for (std::size_t d = 0; d < 3; ++d) k[d] = where.keys_[i][d];
            services_[{k, l.measure}] += parts[i].cents().convert_to<std::int64_t>();
        }
    }

    // Whether measure `m` is a service given by membership that `who` may have.
    bool gives_by_membership(const Measure& m, const BeneficiaryRef& who) const {
        const auto* s = std::get_if<ServiceFormula>(&m.formula);
        if (!s || s->per != ServicePer::membership) return false;
        const Eligibility& el = m.eligibility;
        if (!el.beneficiary_kinds.empty() && !el.beneficiary_kinds.count(who.kind)) return false;
        if (auto it = el.population_below.find(who.kind); it != el.population_below.end()) {
            const auto info = territory_->info(who);
            if (!info || !info->population || !(*info->population < it->second)) return false;
        }
        return true;
    }

    void add_membership(std::uint32_t measure, const BeneficiaryRef& who, Date convention) {
        Place place;
        if (who.kind == BeneficiaryKind::commune) {
            if (const Commune* c = territory_->find_commune(who.id)) place = Place{c->insee, c->epci, department_of(c->insee)};
        } else if (who.kind == BeneficiaryKind::epci) {
            place = Place{"", who.id, department_of_epci(*territory_, who.id)};
        } else {
            place = Place{"", "", territory_->department_of_beneficiary(who)};
        }
        Key k = place_key(place);
        if (keeps(Dimension::pillar)) k[index(Dimension::pillar)] = static_cast<std::uint32_t>(pillar_of_measure(measure));
        if (keeps(Dimension::funder)) {
            const auto& fs = program_->funders();
            const std::string& id = program_->measures()[measure].residual_funder;
            for (std::uint32_t f = 0; f < fs.size(); ++f)
                if (fs[f].id == id) k[index(Dimension::funder)] = f;
        }
        if (keeps(Dimension::measure)) k[index(Dimension::measure)] = measure;
        if (keeps(Dimension::year)) k[index(Dimension::year)] = year_code(convention.year());
        note_year(convention.year());
        services_[{k, measure}] += 1;
    }

    void note_year(std::chrono::year year) {
        if (!keeps(Dimension::year)) return;
        first_year_ = std::min(first_year_, static_cast<int>(year));
        last_year_ = std::max(last_year_, static_cast<int>(year));
    }

    void add_balance(const Destination& where, const Balance& whole) {
        if (where.keys_.size() == 1) {
            balances_[where.keys_[0]] += whole;
            return;
        }
        const auto split = [&](const Money& m) { return detail::largest_remainder(m, where.weights_); };
        const auto cost = split(whole.cost), priv = split(whole.private_funding), cash = split(whole.cash),
                   kind = split(whole.in_kind), own = split(whole.own_share), other = split(whole.other_resources);
        for (std::size_t i = 0; i < where.keys_.size(); ++i)
            balances_[where.keys_[i]] += Balance{cost[i], priv[i], cash[i], kind[i], own[i], other[i]};
    }

    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept {
            std::uint64_t h = 0x9E3779B97F4A7C15ULL;
            for (std::uint32_t c : k) h = (h ^ c) * 0x100000001B3ULL + (h >> 29);
            return static_cast<std::size_t>(h ^ (h >> 32));  // FlatMap takes the low bits
        }
    };

    static constexpr std::size_t index(Dimension d) noexcept { return static_cast<std::size_t>(d); }
    [[nodiscard]] bool keeps(Dimension d) const noexcept { return keeps_[index(d)]; }

    static std::uint32_t year_code(std::chrono::year y) { return detail::EnvelopeCodes::year_code(y); }

    // The geographic codes of a place for the dimensions kept (0 elsewhere).
    Key place_key(const Place& p) const {
        Key k = codes_->place_codes(p.town, p.epci, p.department);
        for (Dimension d : {Dimension::town, Dimension::epci, Dimension::department})
            if (!keeps(d)) k[index(d)] = 0;
        return k;
    }

    const Program* program_;
    const Territory* territory_;
    std::vector<Dimension> by_;
    std::array<bool, 7> keeps_{};
    std::shared_ptr<const detail::EnvelopeCodes> codes_;  // shared by empty_like copies
    detail::FlatMap<Key, Amounts, KeyHash> lines_;
    detail::FlatMap<Key, Balance, KeyHash> balances_;
    std::map<std::pair<Key, std::uint32_t>, std::int64_t> services_;  // (key, service measure) → quantity
    bool memberships_added_ = false;
    int first_year_ = std::numeric_limits<int>::max();
    int last_year_ = std::numeric_limits<int>::min();
};

}  // namespace subsidy
