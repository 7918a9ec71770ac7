// The catalog reader: YAML → Program (see docs/catalog-format.md for the format).
#include "subsidy/io/catalog.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "catalog_reader.hpp"
#include "file_text.hpp"
#include "yaml_reader.hpp"

#ifndef SUBSIDY_INSTALL_DATA_DIR
#define SUBSIDY_INSTALL_DATA_DIR ""
#endif
#ifndef SUBSIDY_SOURCE_DATA_DIR
#define SUBSIDY_SOURCE_DATA_DIR ""
#endif

namespace subsidy::io {

namespace detail {

namespace {

auto money_reader() {
    return [](Context& cx, const YAML::Node& n, std::string_view what) { return read_money(cx, n, what); };
}
auto rate_reader() {
    return [](Context& cx, const YAML::Node& n, std::string_view what) { return read_rate(cx, n, what); };
}

// Reads a list of mappings, calling `each` on every element.
template <class Each>
void for_each_item(Context& cx, const YAML::Node& n, const std::string& what, Each each) {
    if (!present(n)) return;
    if (!n.IsSequence()) {
        cx.error(n, what + ": expected a list");
        return;
    }
    for (const YAML::Node& item : n) each(item);
}

}  // namespace

std::optional<Condition> read_condition(Context& cx, const YAML::Node& n, const std::string& what) {
    Fields f(cx, n, what);
    if (!f.ok()) return std::nullopt;
    Condition c;
    bool good = true;
    auto list = [&](const char* key, std::vector<std::string>& into) {
        if (const YAML::Node v = f.optional(key); present(v)) {
            if (auto l = read_string_list(cx, v, std::string(what) + "." + key)) {
                into = std::move(*l);
            } else {
                good = false;
            }
        }
    };
    list("all_of", c.all_of);
    list("any_of", c.any_of);
    list("none_of", c.none_of);
    f.finish();
    if (!good) return std::nullopt;
    return c;
}

std::optional<Rounding> read_rounding(Context& cx, const YAML::Node& n) {
    Fields f(cx, n, "rounding");
    if (!f.ok()) return std::nullopt;
    const YAML::Node mode = f.required("mode"), unit = f.optional("unit");
    f.finish();
    std::optional<RoundingMode> m = present(mode) ? read_enum<RoundingMode>(cx, mode, "rounding mode") : std::nullopt;
    RoundingUnit u = RoundingUnit::cent();
    bool good = m.has_value();
    if (present(unit)) {
        const auto s = read_string(cx, unit, "rounding unit");
        if (!s) {
            good = false;
        } else if (*s == "cent") {
            u = RoundingUnit::cent();
        } else if (*s == "euro") {
            u = RoundingUnit::euro();
        } else if (auto amount = read_money(cx, unit, "rounding unit")) {
            if (amount->sign() <= 0 || amount->cents() > cents_t(std::numeric_limits<std::int64_t>::max())) {
                cx.error(unit, "rounding unit: must be a positive amount such as cent, euro or \"10.00\"");
                good = false;
            } else {
                u = RoundingUnit::of_cents(amount->cents().convert_to<std::int64_t>());
            }
        } else {
            good = false;
        }
    }
    if (!good) return std::nullopt;
    return Rounding(*m, u);
}

// A measure. `program` is the programme read so far (pillars and funders are known).
void read_measure(Context& cx, const YAML::Node& n, Program& program) {
    Fields f(cx, n, "measure");
    if (!f.ok()) return;
    const std::size_t errors_before = cx.count();
    Measure m;
    const YAML::Node id = f.required("id");
    if (auto s = present(id) ? read_string(cx, id, "measure id") : std::nullopt) m.id = *s;
    const std::string what = "measure '" + m.id + "'";
    auto text = [&](const char* key, std::string& into, bool required) {
        const YAML::Node v = required ? f.required(key) : f.optional(key);
        if (present(v))
            if (auto s = read_string(cx, v, std::string(key))) into = *s;
    };
    text("title", m.title, true);
    text("source", m.legal_source, true);
    const YAML::Node pillar = f.required("pillar");
    if (present(pillar))
        if (auto s = read_string(cx, pillar, "pillar")) {
            m.pillar = *s;
            if (!program.find_pillar(*s)) {
                std::vector<std::string> ids;
                for (const Pillar& p : program.pillars()) ids.push_back(p.id);
                cx.error(pillar, what + ": unknown pillar '" + *s + "'" + did_you_mean(*s, ids));
            }
        }
    std::vector<std::string> funder_ids;
    for (const Funder& fu : program.funders()) funder_ids.push_back(fu.id);
    auto funder_ref = [&](const YAML::Node& v, const std::string& field) -> std::optional<std::string> {
        auto s = read_string(cx, v, field);
        if (!s) return std::nullopt;
        if (!program.find_funder(*s)) {
            cx.error(v, what + ": " + field + ": unknown funder '" + *s + "'" + did_you_mean(*s, funder_ids));
            return std::nullopt;
        }
        return s;
    };
    if (const YAML::Node v = f.optional("categories"); present(v))
        if (auto l = read_string_list(cx, v, "categories")) m.categories.insert(l->begin(), l->end());
    if (const YAML::Node v = f.optional("natures"); present(v)) {
        if (!v.IsSequence()) {
            cx.error(v, "natures: expected a list such as [operating] or [investment]");
        } else {
            for (const YAML::Node& e : v)
                if (auto k = read_enum<ExpenseNature>(cx, e, "nature")) m.natures.insert(*k);
        }
    }
    if (const YAML::Node v = f.optional("eligibility"); present(v)) {
        Fields e(cx, v, what + " eligibility");
        if (e.ok()) {
            if (const YAML::Node b = e.optional("beneficiaries"); present(b)) {
                if (!b.IsSequence()) {
                    cx.error(b, "beneficiaries: expected a list such as [commune, epci]");
                } else {
                    for (const YAML::Node& k : b)
                        if (auto kind = read_enum<BeneficiaryKind>(cx, k, "beneficiary kind"))
                            m.eligibility.beneficiary_kinds.insert(*kind);
                }
            }
            if (const YAML::Node p = e.optional("population_below"); present(p)) {
                Fields pf(cx, p, "population_below");
                if (pf.ok()) {
                    for (const auto& kv : p) {
                        auto kind = read_enum<BeneficiaryKind>(cx, kv.first, "beneficiary kind");
                        auto limit = read_integer(cx, kv.second, "population_below");
                        if (kind && limit) {
                            if (*limit <= 0) {
                                cx.error(kv.second, "population_below: must be positive");
                            } else {
                                m.eligibility.population_below[*kind] = *limit;
                            }
                        }
                    }
                }
            }
            if (const YAML::Node mem = e.optional("membership"); present(mem))
                if (auto b = read_bool(cx, mem, "membership")) m.eligibility.requires_membership = *b;
            if (const YAML::Node fl = e.optional("flags"); present(fl))
                if (auto c = read_condition(cx, fl, "flags")) m.eligibility.condition = *c;
            e.finish();
        }
    }
    if (const YAML::Node v = f.optional("valid_from"); present(v)) m.valid_from = read_date(cx, v, "valid_from");
    if (const YAML::Node v = f.optional("valid_until"); present(v)) m.valid_until = read_date(cx, v, "valid_until");
    if (const YAML::Node v = f.optional("rounding"); present(v))
        if (auto r = read_rounding(cx, v)) m.rounding = *r;
    if (const YAML::Node v = f.optional("priority"); present(v))
        if (auto p = read_integer(cx, v, "priority")) {
            if (*p < std::numeric_limits<int>::min() || *p > std::numeric_limits<int>::max()) {
                cx.error(v, "priority: out of range");
            } else {
                m.priority = static_cast<int>(*p);
            }
        }
    if (const YAML::Node v = f.optional("in_kind"); present(v))
        if (auto b = read_bool(cx, v, "in_kind")) m.in_kind = *b;
    if (const YAML::Node v = f.optional("pass_through"); present(v))
        if (auto b = read_bool(cx, v, "pass_through")) m.pass_through = *b;
    const YAML::Node funder = f.required("funder");
    if (present(funder))
        if (auto s = funder_ref(funder, "funder")) m.residual_funder = *s;

    const std::string src = m.legal_source;
    const YAML::Node share = f.optional("share"), flat = f.optional("flat"), schedule = f.optional("schedule");
    const int formulas = present(share) + present(flat) + present(schedule);
    if (formulas != 1)
        cx.error(n, what + ": expected exactly one formula: share, flat or schedule" +
                        (formulas == 0 ? std::string(" (none given)") : std::string(" (several given)")));
    if (present(share)) {
        Fields s(cx, share, what + " share");
        if (s.ok()) {
            ShareFormula sf;
            if (const YAML::Node r = s.optional("rate"); present(r)) {
                if (r.IsScalar() && r.Scalar() == "case_by_case") {
                    // left to the project's request
                } else if (r.IsScalar() && !closest(r.Scalar(), {"case_by_case"}).empty()) {
                    // a misspelt case_by_case: say so rather than only "bad rate"
                    try {
                        sf.rate = Dated<Rate>::always(m.id + ".rate", Rate::parse(r.Scalar()), src);
                    } catch (const subsidy::error& e) {
                        cx.error(r, m.id + ".rate: " + e.what() + did_you_mean(r.Scalar(), {"case_by_case"}));
                    }
                } else {
                    sf.rate = read_dated<Rate>(cx, r, m.id + ".rate", src, rate_reader());
                }
            } else {
                cx.error(share, what + " share: missing 'rate' (a rate, dated rates, or case_by_case)");
            }
            if (const YAML::Node b = s.optional("base_cap"); present(b))
                sf.base_cap = read_dated<Money>(cx, b, m.id + ".base_cap", src, money_reader());
            for_each_item(cx, s.optional("ceilings"), what + " ceilings", [&](const YAML::Node& c) {
                Fields cf(cx, c, what + " ceiling");
                if (!cf.ok()) return;
                const YAML::Node amount = cf.required("amount"), scope = cf.optional("scope"),
                                 proration = cf.optional("proration"), when = cf.optional("when_funder");
                cf.finish();
                std::string name = m.id + ".ceiling";
                std::optional<std::string> when_funder;
                if (present(when)) {
                    when_funder = funder_ref(when, "when_funder");
                    if (when_funder) name += "_with_" + *when_funder;
                }
                auto a = present(amount) ? read_dated<Money>(cx, amount, name, src, money_reader()) : std::nullopt;
                Ceiling ceiling{a ? *a : Dated<Money>::always(name, Money(), src), CeilingScope::per_year, Proration::none,
                                when_funder};
                if (present(scope))
                    if (auto sc = read_enum<CeilingScope>(cx, scope, "ceiling scope")) ceiling.scope = *sc;
                if (present(proration))
                    if (auto p = read_enum<Proration>(cx, proration, "proration")) ceiling.proration = *p;
                sf.ceilings.push_back(std::move(ceiling));
            });
            if (const YAML::Node pu = s.optional("per_unit"); present(pu)) {
                Fields uf(cx, pu, what + " per_unit");
                if (uf.ok()) {
                    const YAML::Node unit = uf.required("unit"), amount = uf.required("amount");
                    uf.finish();
                    if (present(unit)) sf.per_unit_kind = read_string(cx, unit, "unit");
                    if (present(amount)) sf.per_unit_amount = read_dated<Money>(cx, amount, m.id + ".per_unit", src, money_reader());
                }
            }
            s.finish();
            m.formula = std::move(sf);
        }
    }
    if (present(flat)) {
        Fields s(cx, flat, what + " flat");
        if (s.ok()) {
            const YAML::Node unit = s.required("unit"), amount = s.required("amount"), capped = s.optional("capped_at_expense");
            s.finish();
            auto u = present(unit) ? read_string(cx, unit, "unit") : std::nullopt;
            auto a = present(amount) ? read_dated<Money>(cx, amount, m.id + ".amount", src, money_reader()) : std::nullopt;
            FlatFormula ff{u.value_or(""), a ? *a : Dated<Money>::always(m.id + ".amount", Money(), src), false};
            if (present(capped))
                if (auto b = read_bool(cx, capped, "capped_at_expense")) ff.capped_at_expense = *b;
            m.formula = std::move(ff);
        }
    }
    if (present(schedule)) {
        Fields s(cx, schedule, what + " schedule");
        if (s.ok()) {
            ScheduleFormula sf;
            auto years = [&](const YAML::Node& list, const std::string& name, std::vector<Dated<Money>>& into) {
                if (!list.IsSequence() || list.size() == 0) {
                    cx.error(list, name + ": expected a list of amounts, one per year of the scheme");
                    return;
                }
                std::size_t k = 0;
                for (const YAML::Node& y : list) {
                    ++k;
                    if (auto d = read_dated<Money>(cx, y, name + "[" + std::to_string(k) + "]", src, money_reader()))
                        into.push_back(*d);
                }
            };
            if (const YAML::Node y = s.required("years"); present(y)) years(y, m.id + ".year", sf.by_scheme_year);
            if (const YAML::Node b = s.optional("bonus"); present(b)) {
                Fields bf(cx, b, what + " bonus");
                if (bf.ok()) {
                    const YAML::Node when = bf.required("when"), y = bf.required("years");
                    bf.finish();
                    if (present(when)) sf.bonus_condition = read_condition(cx, when, "bonus when");
                    if (present(y)) years(y, m.id + ".bonus", sf.bonus_by_scheme_year);
                }
            }
            if (const YAML::Node c = s.optional("capped_at_expense"); present(c))
                if (auto b = read_bool(cx, c, "capped_at_expense")) sf.capped_at_expense = *b;
            s.finish();
            m.formula = std::move(sf);
        }
    }
    for_each_item(cx, f.optional("members"), what + " members", [&](const YAML::Node& mn) {
        Fields mf(cx, mn, what + " member");
        if (!mf.ok()) return;
        const YAML::Node fu = mf.required("funder"), rate = mf.required("rate"), base_cap = mf.optional("base_cap"),
                         ceiling = mf.optional("ceiling"), when = mf.optional("when");
        mf.finish();
        auto funder_id = present(fu) ? funder_ref(fu, "members.funder") : std::nullopt;
        const std::string prefix = m.id + "." + funder_id.value_or("?");
        auto r = present(rate) ? read_dated<Rate>(cx, rate, prefix + ".rate", src, rate_reader()) : std::nullopt;
        if (!funder_id || !r) return;
        SplitMember sm{*funder_id, *r, std::nullopt, std::nullopt, Condition{}};
        if (present(base_cap)) sm.base_cap = read_dated<Money>(cx, base_cap, prefix + ".base_cap", src, money_reader());
        if (present(ceiling)) sm.ceiling = read_dated<Money>(cx, ceiling, prefix + ".ceiling", src, money_reader());
        if (present(when))
            if (auto c = read_condition(cx, when, "member when")) sm.condition = *c;
        m.members.push_back(std::move(sm));
    });
    f.finish();
    if (cx.count() != errors_before) return;  // already reported: do not pile up consequences
    try {
        program.add_measure(std::move(m));
    } catch (const subsidy::error& e) {
        cx.error(n, e.what());
    }
}

void read_constraint(Context& cx, const YAML::Node& n, Program& program) {
    Fields f(cx, n, "constraint");
    if (!f.ok()) return;
    const std::size_t errors_before = cx.count();
    StackingConstraint c{"", "", {ExpenseNature::investment}, Exclusive{}};  // the rule is set below
    if (const YAML::Node v = f.required("id"); present(v))
        if (auto s = read_string(cx, v, "constraint id")) c.id = *s;
    if (const YAML::Node v = f.required("source"); present(v))
        if (auto s = read_string(cx, v, "source")) c.source = *s;
    const std::string what = "constraint '" + c.id + "'";
    if (const YAML::Node v = f.optional("natures"); present(v)) {
        c.natures.clear();
        if (!v.IsSequence()) {
            cx.error(v, "natures: expected a list such as [investment]");
        } else {
            for (const YAML::Node& e : v)
                if (auto k = read_enum<ExpenseNature>(cx, e, "nature")) c.natures.insert(*k);
        }
    }
    std::vector<std::string> measure_ids;
    for (const Measure& m : program.measures()) measure_ids.push_back(m.id);
    auto measure_set = [&](const YAML::Node& v, const std::string& field) {
        std::set<std::string> out;
        if (!read_string_list(cx, v, field)) return out;
        for (const YAML::Node& e : v) {  // each id, to point at the unknown one
            const std::string& id = e.Scalar();
            if (!program.find_measure(id))
                cx.error(e, what + ": " + field + ": unknown measure '" + id + "'" + did_you_mean(id, measure_ids));
            out.insert(id);
        }
        return out;
    };
    const YAML::Node owner = f.optional("owner_minimum"), group = f.optional("group_cap"),
                     total = f.optional("total_public_aid"), exclusive = f.optional("exclusive");
    const int rules = present(owner) + present(group) + present(total) + present(exclusive);
    if (rules != 1)
        cx.error(n, what + ": expected exactly one rule: owner_minimum, group_cap, total_public_aid or exclusive");
    if (present(owner)) {
        Fields o(cx, owner, what + " owner_minimum");
        if (o.ok()) {
            const YAML::Node min = o.required("minimum"), der = o.optional("derogations"), when = o.optional("when");
            o.finish();
            auto m = present(min) ? read_dated<Rate>(cx, min, c.id + ".minimum", c.source, rate_reader()) : std::nullopt;
            OwnerMinimumShare rule{m ? *m : Dated<Rate>::always(c.id + ".minimum", Rate(), c.source), {}, std::nullopt};
            if (present(der)) {
                Fields d(cx, der, what + " derogations");
                if (d.ok())
                    for (const auto& kv : der)
                        if (auto r = read_rate(cx, kv.second, "derogation")) rule.derogations[kv.first.Scalar()] = *r;
            }
            if (present(when)) rule.condition = read_condition(cx, when, "when");
            c.rule = std::move(rule);
        }
    } else if (present(group)) {
        Fields g(cx, group, what + " group_cap");
        if (g.ok()) {
            const YAML::Node ms = g.required("measures"), max = g.required("maximum");
            g.finish();
            GroupCap rule{present(ms) ? measure_set(ms, "measures") : std::set<std::string>{},
                          Dated<Rate>::always(c.id + ".maximum", Rate(), c.source)};
            if (present(max))
                if (auto r = read_dated<Rate>(cx, max, c.id + ".maximum", c.source, rate_reader())) rule.maximum = *r;
            c.rule = std::move(rule);
        }
    } else if (present(total)) {
        Fields t(cx, total, what + " total_public_aid");
        if (t.ok()) {
            const YAML::Node max = t.required("maximum");
            t.finish();
            TotalPublicAidCap rule{Dated<Rate>::always(c.id + ".maximum", Rate(), c.source)};
            if (present(max))
                if (auto r = read_dated<Rate>(cx, max, c.id + ".maximum", c.source, rate_reader())) rule.maximum = *r;
            c.rule = std::move(rule);
        }
    } else if (present(exclusive)) {
        c.rule = Exclusive{measure_set(exclusive, "exclusive")};
    }
    f.finish();
    if (cx.count() != errors_before) return;
    try {
        program.add_constraint(std::move(c));
    } catch (const subsidy::error& e) {
        cx.error(n, e.what());
    }
}

std::optional<Program> read_program(Context& cx, const YAML::Node& root, std::vector<Budget>& budgets,
                                    std::vector<YAML::Node>& budget_nodes) {
    Fields top(cx, root, "catalog");
    if (!top.ok()) return std::nullopt;
    if (const YAML::Node v = top.required("format_version"); present(v))
        if (auto k = read_integer(cx, v, "format_version"); k && *k != file_format_version)
            cx.error(v, "format_version: this library reads version " + std::to_string(file_format_version) + ", not " +
                            std::to_string(*k));
    std::string id, name;
    std::optional<Date> from, until;
    if (const YAML::Node p = top.required("program"); present(p)) {
        Fields pf(cx, p, "program");
        if (pf.ok()) {
            if (const YAML::Node v = pf.required("id"); present(v))
                if (auto s = read_string(cx, v, "program id")) id = *s;
            if (const YAML::Node v = pf.required("name"); present(v))
                if (auto s = read_string(cx, v, "program name")) name = *s;
            if (const YAML::Node v = pf.optional("valid_from"); present(v)) from = read_date(cx, v, "valid_from");
            if (const YAML::Node v = pf.optional("valid_until"); present(v)) until = read_date(cx, v, "valid_until");
            if (const YAML::Node v = pf.optional("source"); present(v)) (void)read_string(cx, v, "source");
            pf.finish();
        }
    }
    std::optional<Program> program;
    try {
        program.emplace(id.empty() ? "?" : id, name, from, until);
    } catch (const subsidy::error& e) {
        cx.error(root, e.what());
        return std::nullopt;
    }
    for_each_item(cx, top.required("pillars"), "pillars", [&](const YAML::Node& n) {
        Fields f(cx, n, "pillar");
        if (!f.ok()) return;
        Pillar p;
        const YAML::Node pid = f.required("id"), pname = f.required("name");
        f.finish();
        if (present(pid))
            if (auto s = read_string(cx, pid, "pillar id")) p.id = *s;
        if (present(pname))
            if (auto s = read_string(cx, pname, "pillar name")) p.name = *s;
        try {
            program->add_pillar(std::move(p));
        } catch (const subsidy::error& e) {
            cx.error(n, e.what());
        }
    });
    for_each_item(cx, top.required("funders"), "funders", [&](const YAML::Node& n) {
        Fields f(cx, n, "funder");
        if (!f.ok()) return;
        Funder fu;
        const YAML::Node fid = f.required("id"), fname = f.required("name"), kind = f.required("kind");
        f.finish();
        if (present(fid))
            if (auto s = read_string(cx, fid, "funder id")) fu.id = *s;
        if (present(fname))
            if (auto s = read_string(cx, fname, "funder name")) fu.name = *s;
        if (present(kind))
            if (auto k = read_enum<FunderKind>(cx, kind, "funder kind")) fu.kind = *k;
        try {
            program->add_funder(std::move(fu));
        } catch (const subsidy::error& e) {
            cx.error(n, e.what());
        }
    });
    for_each_item(cx, top.required("measures"), "measures", [&](const YAML::Node& n) { read_measure(cx, n, *program); });
    for_each_item(cx, top.optional("constraints"), "constraints",
                  [&](const YAML::Node& n) { read_constraint(cx, n, *program); });
    for_each_item(cx, top.optional("budgets"), "budgets", [&](const YAML::Node& n) {
        if (auto b = read_budget(cx, n, *program)) {
            for (const Budget& other : budgets)
                if (other.id == b->id) return cx.error(n, "budget '" + b->id + "': id: declared twice");
            budgets.push_back(std::move(*b));
            budget_nodes.push_back(n);
        }
    });
    top.finish();
    return program;
}

std::optional<Budget> read_budget(Context& cx, const YAML::Node& n, const Program& program) {
    Fields f(cx, n, "budget");
    if (!f.ok()) return std::nullopt;
    const std::size_t errors_before = cx.count();
    Budget b;
    if (const YAML::Node v = f.required("id"); present(v))
        if (auto s = read_string(cx, v, "budget id")) b.id = *s;
    const std::string what = "budget '" + b.id + "'";
    if (const YAML::Node v = f.required("funder"); present(v))
        if (auto s = read_string(cx, v, "funder")) {
            b.funder = *s;
            if (!program.find_funder(*s)) {
                std::vector<std::string> ids;
                for (const Funder& fu : program.funders()) ids.push_back(fu.id);
                cx.error(v, what + ": unknown funder '" + *s + "'" + did_you_mean(*s, ids));
            }
        }
    if (const YAML::Node v = f.optional("measure"); present(v))
        if (auto s = read_string(cx, v, "measure")) {
            b.measure = *s;
            if (const Measure* m = program.find_measure(*s); !m) {
                std::vector<std::string> ids;
                for (const Measure& x : program.measures()) ids.push_back(x.id);
                cx.error(v, what + ": unknown measure '" + *s + "'" + did_you_mean(*s, ids));
            } else if (program.find_funder(b.funder)) {
                if (!m->funded_by(b.funder)) cx.error(v, what + ": measure: funder '" + b.funder + "' does not fund measure '" + *s + "'");
            }
        }
    if (const YAML::Node v = f.optional("scope"); present(v)) {
        Fields s(cx, v, what + " scope");
        if (s.ok()) {
            const YAML::Node dep = s.optional("department"), epci = s.optional("epci");
            s.finish();
            if (present(dep) && present(epci)) {
                cx.error(v, what + " scope: a department or an EPCI, not both");
            } else if (present(dep)) {
                if (auto d = read_string(cx, dep, "department")) b.scope = {BudgetScope::Kind::department, *d};
            } else if (present(epci)) {
                if (auto e = read_string(cx, epci, "epci")) b.scope = {BudgetScope::Kind::epci, *e};
            }
        }
    }
    if (const YAML::Node v = f.optional("year"); present(v))
        if (auto y = read_integer(cx, v, "year")) {
            if (*y < 1900 || *y > 2200) {
                cx.error(v, "year: " + std::to_string(*y) + " is not a plausible year");
            } else {
                b.year = std::chrono::year{static_cast<int>(*y)};
            }
        }
    if (const YAML::Node v = f.required("amount"); present(v))
        if (auto a = read_money(cx, v, "amount")) {
            if (a->sign() < 0) cx.error(v, what + ": amount: negative (" + to_string(*a) + ")");
            b.amount = *a;
        }
    if (const YAML::Node v = f.optional("policy"); present(v))
        if (auto p = read_enum<BudgetPolicy>(cx, v, "budget policy"))
            b.policy = *p;
    if (const YAML::Node v = f.optional("source"); present(v))
        if (auto s = read_string(cx, v, "source")) b.source = *s;
    f.finish();
    if (cx.count() != errors_before) return std::nullopt;
    return b;
}

}  // namespace detail

Catalog parse_catalog(const std::string& text, const std::string& file) {
    detail::Context cx(file);
    const YAML::Node root = detail::parse_yaml(cx, text);
    std::vector<Budget> budgets;
    std::vector<YAML::Node> budget_nodes;
    std::optional<Program> program;
    if (!cx.failed()) program = detail::read_program(cx, root, budgets, budget_nodes);
    cx.throw_if_failed();
    return Catalog{std::move(*program), std::move(budgets), file};
}

Catalog load_catalog(const std::string& path) { return parse_catalog(detail::read_file(path), path); }

bool is_catalog_path(const std::string& ref) {
    return ref.find('/') != std::string::npos || ref.ends_with(".yaml") || ref.ends_with(".yml") || ref.ends_with(".json");
}

std::vector<std::string> catalog_dirs(const std::vector<std::string>& data_dirs) {
    if (!data_dirs.empty()) return data_dirs;
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("SUBSIDY_DATA_DIR"); env && *env) dirs.emplace_back(env);
    if (*SUBSIDY_INSTALL_DATA_DIR) dirs.emplace_back(SUBSIDY_INSTALL_DATA_DIR);
    if (*SUBSIDY_SOURCE_DATA_DIR) dirs.emplace_back(SUBSIDY_SOURCE_DATA_DIR);
    return dirs;
}

std::string find_catalog(const std::string& id, const std::vector<std::string>& data_dirs) {
    for (const std::string& dir : catalog_dirs(data_dirs)) {
        const std::filesystem::path p = std::filesystem::path(dir) / (id + ".yaml");
        if (std::filesystem::exists(p)) return p.string();
    }
    return "";
}

}  // namespace subsidy::io
