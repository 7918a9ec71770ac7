// The measure reader: one measure of a catalog (docs/catalog-format.md), its eligibility,
// its one formula (share, flat or schedule) and its funder split, checked against the
// programme read so far.
//
// The steps below ask for the measure's keys in one fixed order: Fields::finish suggests the
// first close known key for a misspelt one, and the diagnostics found at one position keep
// the order they were reported in, so that order is part of the messages.
#include <limits>
#include <string>
#include <vector>

#include "catalog_reader.hpp"

namespace subsidy::io::detail {

namespace {

// One measure being read: its fields, what has been read of it, and the programme whose
// pillars and funders it may name.
class MeasureReader {
public:
    MeasureReader(Context& cx, Fields& f, const Program& program, Measure& m)
        : cx_(cx), f_(f), program_(program), m_(m) {}

    // Every key but the formula and the members, in the order of the format.
    void read_description() {
        read_identity();
        read_scope();
        if (const yaml::Node v = f_.optional("eligibility"); present(v)) read_eligibility(v);
        read_dates_and_flags();
        if (const yaml::Node funder = f_.required("funder"); present(funder))
            if (auto s = funder_ref(funder, "funder")) m_.residual_funder = *s;
    }

    // Exactly one of share, flat and schedule; each one given is read, to report its problems.
    void read_formula(const yaml::Node& n) {
        const yaml::Node share = f_.optional("share"), flat = f_.optional("flat"), schedule = f_.optional("schedule"),
                         service = f_.optional("service");
        const int formulas = present(share) + present(flat) + present(schedule) + present(service);
        if (formulas != 1)
            cx_.error(Code::wrong_type, n, what() + ": expected exactly one formula: share, flat, schedule or service" +
                             (formulas == 0 ? std::string(" (none given)") : std::string(" (several given)")));
        if (present(share)) read_share(share);
        if (present(flat)) read_flat(flat);
        if (present(schedule)) read_schedule(schedule);
        if (present(service)) read_service(service);
    }

    void read_members() {
        for_each_item(cx_, f_.optional("members"), what() + " members", [&](const yaml::Node& mn) { read_member(mn); });
    }

private:
    // "measure 'id'", as messages name it.
    [[nodiscard]] std::string what() const { return "measure '" + m_.id + "'"; }
    // The default source of the measure's dated values.
    [[nodiscard]] const std::string& source() const { return m_.legal_source; }

    void read_text(const char* key, std::string& into, bool required) {
        const yaml::Node v = required ? f_.required(key) : f_.optional(key);
        if (present(v))
            if (auto s = read_string(cx_, v, std::string(key))) into = *s;
    }

    // Title, legal source (required only by a normative catalog) and pillar (which must be
    // the programme's); the catalog's default membership, which `eligibility` may override.
    void read_identity() {
        m_.eligibility.requires_membership = program_.defaults().membership;
        read_text("title", m_.title, true);
        read_text("source", m_.legal_source, false);
        if (program_.normative() && !present(f_.optional("source")))
            cx_.error(Code::missing, f_.node(), what() + ": missing 'source' (the catalog is normative, program: {normative: true}: "
                                                "every measure cites its legal source)");
        const yaml::Node pillar = f_.required("pillar");
        if (!present(pillar)) return;
        if (auto s = read_string(cx_, pillar, "pillar")) {
            m_.pillar = *s;
            if (!program_.find_pillar(*s))
                cx_.error(Code::unknown_id, pillar, what() + ": unknown pillar '" + *s + "'" + did_you_mean(*s, ids_of(program_.pillars())));
        }
    }

    // The categories and natures of expense the measure pays for.
    void read_scope() {
        if (const yaml::Node v = f_.optional("categories"); present(v))
            if (auto l = read_string_list(cx_, v, "categories")) m_.categories.insert(l->begin(), l->end());
        if (const yaml::Node v = f_.optional("natures"); present(v)) {
            if (!v.IsSequence()) {
                cx_.error(Code::wrong_type, v, "natures: expected a list such as [operating] or [investment]");
            } else {
                for (const yaml::Node& e : v)
                    if (auto k = read_enum<ExpenseNature>(cx_, e, "nature")) m_.natures.insert(*k);
            }
        }
    }

    void read_eligibility(const yaml::Node& v) {
        Fields e(cx_, v, what() + " eligibility");
        if (!e.ok()) return;
        if (const yaml::Node b = e.optional("beneficiaries"); present(b)) {
            if (!b.IsSequence()) {
                cx_.error(Code::wrong_type, b, "beneficiaries: expected a list such as [commune, epci]");
            } else {
                for (const yaml::Node& k : b)
                    if (auto kind = read_enum<BeneficiaryKind>(cx_, k, "beneficiary kind"))
                        m_.eligibility.beneficiary_kinds.insert(*kind);
            }
        }
        if (const yaml::Node p = e.optional("population_below"); present(p)) read_population_below(p);
        if (const yaml::Node mem = e.optional("membership"); present(mem))
            if (auto b = read_bool(cx_, mem, "membership")) m_.eligibility.requires_membership = *b;
        if (const yaml::Node fl = e.optional("flags"); present(fl))
            if (auto c = read_condition(cx_, fl, "flags")) m_.eligibility.condition = *c;
        e.finish();
    }

    // `{commune: 20000, epci: 50000}`: a positive population limit per beneficiary kind.
    void read_population_below(const yaml::Node& p) {
        Fields pf(cx_, p, "population_below");
        if (!pf.ok()) return;
        for (const auto& kv : p) {
            auto kind = read_enum<BeneficiaryKind>(cx_, kv.first, "beneficiary kind");
            auto limit = read_integer(cx_, kv.second, "population_below");
            if (!kind || !limit) continue;
            if (*limit <= 0) {
                cx_.error(Code::out_of_range, kv.second, "population_below: must be positive");
            } else {
                m_.eligibility.population_below[*kind] = *limit;
            }
        }
    }

    // Validity, rounding, priority and the in-kind and pass-through flags.
    void read_dates_and_flags() {
        if (const yaml::Node v = f_.optional("valid_from"); present(v)) m_.valid_from = read_date(cx_, v, "valid_from");
        if (const yaml::Node v = f_.optional("valid_until"); present(v)) m_.valid_until = read_date(cx_, v, "valid_until");
        if (const yaml::Node v = f_.optional("rounding"); present(v))
            if (auto r = read_rounding(v)) m_.rounding = *r;
        if (const yaml::Node v = f_.optional("priority"); present(v))
            if (auto p = read_integer(cx_, v, "priority")) {
                if (*p < std::numeric_limits<int>::min() || *p > std::numeric_limits<int>::max()) {
                    cx_.error(Code::out_of_range, v, "priority: out of range");
                } else {
                    m_.priority = static_cast<int>(*p);
                }
            }
        if (const yaml::Node v = f_.optional("in_kind"); present(v))
            if (auto b = read_bool(cx_, v, "in_kind")) m_.in_kind = *b;
        if (const yaml::Node v = f_.optional("pass_through"); present(v))
            if (auto b = read_bool(cx_, v, "pass_through")) m_.pass_through = *b;
    }

    // `{mode: half_up, unit: euro}`: the unit is cent (the default), euro or an amount.
    std::optional<Rounding> read_rounding(const yaml::Node& n) {
        Fields f(cx_, n, "rounding");
        if (!f.ok()) return std::nullopt;
        const yaml::Node mode = f.required("mode"), unit = f.optional("unit"), per = f.optional("per");
        f.finish();
        std::optional<RoundingMode> m = present(mode) ? read_enum<RoundingMode>(cx_, mode, "rounding mode") : std::nullopt;
        RoundingUnit u = RoundingUnit::cent();
        bool good = m.has_value();
        if (present(unit)) good = read_rounding_unit(unit, u) && good;
        if (present(per)) good = read_rounding_per(per) && good;
        if (!good) return std::nullopt;
        return Rounding(*m, u);
    }

    // `per: measure` (one rounding of the combined amount, the default) or `per: funder`.
    bool read_rounding_per(const yaml::Node& per) {
        const auto s = read_string(cx_, per, "rounding per");
        if (!s) return false;
        if (*s != "measure" && *s != "funder") {
            cx_.error(Code::unknown_name, per, "rounding per: '" + subsidy::detail::excerpt(*s) + "' is not measure or funder" +
                                                   did_you_mean(*s, {"measure", "funder"}));
            return false;
        }
        m_.rounding_per_funder = *s == "funder";
        return true;
    }

    bool read_rounding_unit(const yaml::Node& unit, RoundingUnit& u) {
        const auto s = read_string(cx_, unit, "rounding unit");
        if (!s) return false;
        if (*s == "cent") {
            u = RoundingUnit::cent();
        } else if (*s == "euro") {
            u = RoundingUnit::euro();
        } else if (auto amount = read_money(cx_, unit, "rounding unit")) {
            if (amount->sign() <= 0 || amount->cents() > cents_t(std::numeric_limits<std::int64_t>::max())) {
                cx_.error(Code::out_of_range, unit, "rounding unit: must be a positive amount such as cent, euro or \"10.00\"");
                return false;
            }
            u = RoundingUnit::of_cents(amount->cents().convert_to<std::int64_t>());
        } else {
            return false;
        }
        return true;
    }

    // The id of a funder of the programme, or a diagnostic.
    std::optional<std::string> funder_ref(const yaml::Node& v, const std::string& field) {
        auto s = read_string(cx_, v, field);
        if (!s) return std::nullopt;
        if (!program_.find_funder(*s)) {
            cx_.error(Code::unknown_id, v, what() + ": " + field + ": unknown funder '" + *s + "'" + did_you_mean(*s, ids_of(program_.funders())));
            return std::nullopt;
        }
        return s;
    }

    void read_share(const yaml::Node& share) {
        Fields s(cx_, share, what() + " share");
        if (!s.ok()) return;
        ShareFormula sf;
        if (const yaml::Node r = s.optional("rate"); present(r)) {
            read_share_rate(r, sf);
        } else if (!present(share["decided"])) {  // `decided: amount` alone: an amount-only measure
            cx_.error(Code::missing, share, what() + " share: missing 'rate' (a rate, dated rates, or case_by_case)");
        }
        if (const yaml::Node b = s.optional("base_cap"); present(b))
            sf.base_cap = read_dated<Money>(cx_, b, m_.id + ".base_cap", source(), money_reader());
        for_each_item(cx_, s.optional("ceilings"), what() + " ceilings",
                      [&](const yaml::Node& c) { read_ceiling(c, sf); });
        if (const yaml::Node pu = s.optional("per_unit"); present(pu)) read_per_unit(pu, sf);
        read_decisions(s, sf);
        if (const yaml::Node b = s.optional("base"); present(b))
            if (auto k = read_enum<BaseFigure>(cx_, b, "base")) m_.base = *k;
        s.finish();
        m_.formula = std::move(sf);
    }

    // What a project's request may decide (`decided: [rate, amount]`), the maximum rate a
    // decision is held to, and what becomes of a decision above the maximum.
    void read_decisions(Fields& s, ShareFormula& sf) {
        if (const yaml::Node v = s.optional("decided"); present(v)) read_decided(v, sf);
        if (const yaml::Node v = s.optional("maximum_rate"); present(v))
            sf.maximum_rate = read_dated<Rate>(cx_, v, m_.id + ".maximum_rate", source(), rate_reader());
        if (const yaml::Node v = s.optional("over_maximum"); present(v))
            if (auto o = read_enum<OverMaximum>(cx_, v, "over_maximum")) sf.over_maximum = *o;
    }

    // `decided: amount` or a list of rate and amount; the list says all a request may give.
    void read_decided(const yaml::Node& v, ShareFormula& sf) {
        const auto list = v.IsScalar() ? std::optional<std::vector<std::string>>({std::string(v.Scalar())}) : read_string_list(cx_, v, "decided");
        if (!list) return;
        bool rate = false, amount = false, unknown = false;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string& w = (*list)[i];
            const yaml::Node at = v.IsScalar() ? v : v[i];
            if (w == "rate") rate = true;
            else if (w == "amount") amount = true;
            else {
                cx_.error(Code::unknown_name, at, "decided: '" + subsidy::detail::excerpt(w) + "' is not rate or amount" +
                                                      did_you_mean(w, {"rate", "amount"}));
                unknown = true;
            }
        }
        if (unknown) return;
        if (sf.rate && rate)
            return cx_.error(Code::inconsistent, v, what() + ": decided: the rate is fixed by the catalog, a decision cannot give it "
                                                            "(write rate: case_by_case, with maximum_rate if the law sets one)");
        if (!sf.rate && !rate && !amount) return cx_.error(Code::inconsistent, v, what() + ": decided: nothing a decision may give");
        sf.amount_decided = amount;
        sf.rate_decided = rate;
    }

    // A rate, dated rates, or case_by_case (left to the project's request).
    void read_share_rate(const yaml::Node& r, ShareFormula& sf) {
        if (r.IsScalar() && r.Scalar() == "case_by_case") return;
        if (r.IsScalar() && !closest(r.Scalar(), {"case_by_case"}).empty()) {
            // a misspelt case_by_case: say so rather than only "bad rate"
            try {
                sf.rate = Dated<Rate>::always(m_.id + ".rate", Rate::parse(r.Scalar()), source());
            } catch (const subsidy::error& e) {
                cx_.error(Code::bad_rate, r, m_.id + ".rate: " + e.what() + did_you_mean(r.Scalar(), {"case_by_case"}));
            }
            return;
        }
        sf.rate = read_dated<Rate>(cx_, r, m_.id + ".rate", source(), rate_reader());
    }

    void read_ceiling(const yaml::Node& c, ShareFormula& sf) {
        Fields cf(cx_, c, what() + " ceiling");
        if (!cf.ok()) return;
        const yaml::Node amount = cf.required("amount"), scope = cf.optional("scope"), proration = cf.optional("proration"),
                         when = cf.optional("when_funder");
        cf.finish();
        std::string name = m_.id + ".ceiling";
        std::optional<std::string> when_funder;
        if (present(when)) {
            when_funder = funder_ref(when, "when_funder");
            if (when_funder) name += "_with_" + *when_funder;
        }
        auto a = present(amount) ? read_dated<Money>(cx_, amount, name, source(), money_reader()) : std::nullopt;
        Ceiling ceiling{a ? *a : Dated<Money>::always(name, Money(), source()), CeilingScope::per_year, Proration::none,
                        when_funder};
        if (present(scope))
            if (auto sc = read_enum<CeilingScope>(cx_, scope, "ceiling scope")) ceiling.scope = *sc;
        if (present(proration))
            if (auto p = read_enum<Proration>(cx_, proration, "proration")) ceiling.proration = *p;
        sf.ceilings.push_back(std::move(ceiling));
    }

    void read_per_unit(const yaml::Node& pu, ShareFormula& sf) {
        Fields uf(cx_, pu, what() + " per_unit");
        if (!uf.ok()) return;
        const yaml::Node unit = uf.required("unit"), amount = uf.required("amount");
        uf.finish();
        if (present(unit)) sf.per_unit_kind = read_string(cx_, unit, "unit");
        if (present(amount)) sf.per_unit_amount = read_dated<Money>(cx_, amount, m_.id + ".per_unit", source(), money_reader());
    }

    void read_flat(const yaml::Node& flat) {
        Fields s(cx_, flat, what() + " flat");
        if (!s.ok()) return;
        const yaml::Node unit = s.required("unit"), amount = s.required("amount"), capped = s.optional("capped_at_expense");
        s.finish();
        auto u = present(unit) ? read_string(cx_, unit, "unit") : std::nullopt;
        auto a = present(amount) ? read_dated<Money>(cx_, amount, m_.id + ".amount", source(), money_reader()) : std::nullopt;
        FlatFormula ff{u.value_or(""), a ? *a : Dated<Money>::always(m_.id + ".amount", Money(), source()), false};
        if (present(capped))
            if (auto b = read_bool(cx_, capped, "capped_at_expense")) ff.capped_at_expense = *b;
        m_.formula = std::move(ff);
    }

    // `{unit: member town, units: member towns, per: membership}`: support without a price.
    void read_service(const yaml::Node& service) {
        Fields s(cx_, service, what() + " service");
        if (!s.ok()) return;
        const yaml::Node unit = s.required("unit"), units = s.optional("units"), per = s.optional("per");
        s.finish();
        ServiceFormula sf;
        if (present(unit))
            if (auto u = read_string(cx_, unit, "unit")) sf.unit = *u;
        if (present(units))
            if (auto u = read_string(cx_, units, "units")) sf.units = *u;
        if (present(per))
            if (auto p = read_enum<ServicePer>(cx_, per, "service per")) sf.per = *p;
        m_.formula = std::move(sf);
    }

    void read_schedule(const yaml::Node& schedule) {
        Fields s(cx_, schedule, what() + " schedule");
        if (!s.ok()) return;
        ScheduleFormula sf;
        if (const yaml::Node y = s.required("years"); present(y)) read_years(y, m_.id + ".year", sf.by_scheme_year);
        if (const yaml::Node b = s.optional("bonus"); present(b)) {
            Fields bf(cx_, b, what() + " bonus");
            if (bf.ok()) {
                const yaml::Node when = bf.required("when"), y = bf.required("years");
                bf.finish();
                if (present(when)) sf.bonus_condition = read_condition(cx_, when, "bonus when");
                if (present(y)) read_years(y, m_.id + ".bonus", sf.bonus_by_scheme_year);
            }
        }
        if (const yaml::Node c = s.optional("capped_at_expense"); present(c))
            if (auto b = read_bool(cx_, c, "capped_at_expense")) sf.capped_at_expense = *b;
        s.finish();
        m_.formula = std::move(sf);
    }

    // One amount per year of the scheme, each named `name[k]`.
    void read_years(const yaml::Node& list, const std::string& name, std::vector<Dated<Money>>& into) {
        if (!list.IsSequence() || list.size() == 0) {
            cx_.error(Code::wrong_type, list, name + ": expected a list of amounts, one per year of the scheme");
            return;
        }
        std::size_t k = 0;
        for (const yaml::Node& y : list) {
            ++k;
            if (auto d = read_dated<Money>(cx_, y, name + "[" + std::to_string(k) + "]", source(), money_reader()))
                into.push_back(*d);
        }
    }

    // A funder's part of a split measure: its rate, caps and condition.
    void read_member(const yaml::Node& mn) {
        Fields mf(cx_, mn, what() + " member");
        if (!mf.ok()) return;
        const yaml::Node fu = mf.required("funder"), rate = mf.required("rate"), base_cap = mf.optional("base_cap"),
                         ceiling = mf.optional("ceiling"), when = mf.optional("when");
        mf.finish();
        auto funder_id = present(fu) ? funder_ref(fu, "members.funder") : std::nullopt;
        const std::string prefix = m_.id + "." + funder_id.value_or("?");
        auto r = present(rate) ? read_dated<Rate>(cx_, rate, prefix + ".rate", source(), rate_reader()) : std::nullopt;
        if (!funder_id || !r) return;
        SplitMember sm{*funder_id, *r, std::nullopt, std::nullopt, Condition{}};
        if (present(base_cap)) sm.base_cap = read_dated<Money>(cx_, base_cap, prefix + ".base_cap", source(), money_reader());
        if (present(ceiling)) sm.ceiling = read_dated<Money>(cx_, ceiling, prefix + ".ceiling", source(), money_reader());
        if (present(when))
            if (auto c = read_condition(cx_, when, "member when")) sm.condition = *c;
        m_.members.push_back(std::move(sm));
    }

    Context& cx_;
    Fields& f_;
    const Program& program_;
    Measure& m_;
};

}  // namespace

// A measure. `program` is the programme read so far (pillars and funders are known).
void read_measure(Context& cx, const yaml::Node& n, Program& program) {
    Fields f(cx, n, "measure");
    if (!f.ok()) return;
    const std::size_t errors_before = cx.count();
    Measure m;
    const yaml::Node id = f.required("id");
    if (auto s = present(id) ? read_string(cx, id, "measure id") : std::nullopt) m.id = *s;
    MeasureReader reader(cx, f, program, m);
    reader.read_description();
    reader.read_formula(n);
    reader.read_members();
    f.finish();
    if (cx.count() != errors_before) return;  // already reported: do not pile up consequences
    try {
        program.add_measure(std::move(m));
    } catch (const subsidy::error& e) {
        cx.error(n, e);
    }
}

}  // namespace subsidy::io::detail
