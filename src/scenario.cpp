// The scenario reader: YAML → territory, projects, budgets, options (see
// docs/scenario-format.md), and evaluate().
#include "subsidy/io/scenario.hpp"

#include "subsidy/batch.hpp"

#include <filesystem>
#include <set>

#include "catalog_reader.hpp"
#include "file_text.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io {

namespace detail {

namespace {

namespace fs = std::filesystem;

SourcePosition position(const Context& cx, const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return SourcePosition{cx.file(), m.line < 0 ? 0 : m.line + 1, m.column < 0 ? 0 : m.column + 1};
}

// "commune: INSEE, epci: SIREN, petr: id, …": every beneficiary kind with what identifies it.
std::string beneficiary_forms() {
    std::string forms;
    for (const auto& k : subsidy::detail::names_of<BeneficiaryKind>()) {
        const char* id = k.value == BeneficiaryKind::commune ? "INSEE" : k.value == BeneficiaryKind::epci ? "SIREN" : "id";
        forms += (forms.empty() ? "" : ", ") + std::string(k.name) + ": " + id;
    }
    return forms;
}

// `{commune: "14047"}`, `{epci: "241400555"}`, `{petr: "id"}`…: exactly one key.
std::optional<BeneficiaryRef> read_beneficiary(Context& cx, const YAML::Node& n, const std::string& what) {
    if (!n.IsMap() || n.size() != 1) {
        cx.error(n, what + ": expected one of " + beneficiary_forms());
        return std::nullopt;
    }
    const auto kv = *n.begin();
    auto kind = read_enum<BeneficiaryKind>(cx, kv.first, "beneficiary kind");
    auto id = read_string(cx, kv.second, what);
    if (!kind || !id) return std::nullopt;
    return BeneficiaryRef{*kind, *id};
}

// " (did you mean '14515'?)" for a commune or EPCI code close to one of the territory's.
std::string did_you_mean_place(const Territory& t, const BeneficiaryRef& b) {
    std::vector<std::string> ids;
    if (b.kind == BeneficiaryKind::commune)
        for (const auto& [insee, c] : t.communes()) ids.push_back(insee);
    if (b.kind == BeneficiaryKind::epci)
        for (const auto& [siren, e] : t.epcis()) ids.push_back(siren);
    return did_you_mean(b.id, ids);
}

std::string resolve_catalog(Context& cx, const YAML::Node& n, const std::string& name, const std::string& base_dir,
                            const std::vector<std::string>& data_dirs) {
    if (is_catalog_path(name)) {
        fs::path p(name);
        if (p.is_relative()) p = fs::path(base_dir) / p;
        if (!fs::exists(p)) {
            cx.error(n, "catalog: no file '" + p.string() + "'");
            return "";
        }
        return p.string();
    }
    if (std::string found = find_catalog(name, data_dirs); !found.empty()) return found;
    std::string searched;
    for (const std::string& dir : catalog_dirs(data_dirs)) searched += (searched.empty() ? "" : ", ") + dir;
    cx.error(n, "catalog: no catalog '" + name + "' in the data directories (" + (searched.empty() ? "none" : searched) +
                    "); give a path relative to the scenario instead");
    return "";
}

void read_territory(Context& cx, const YAML::Node& n, const std::string& program_id, Territory& t) {
    Fields f(cx, n, "territory");
    if (!f.ok()) return;
    const YAML::Node epcis = f.optional("epcis"), communes = f.required("communes"), bodies = f.optional("bodies"),
                     memberships = f.optional("memberships");
    f.finish();
    auto each = [&](const YAML::Node& list, const char* what, auto&& fn) {
        if (!present(list)) return;
        if (!list.IsSequence()) return cx.error(list, std::string(what) + ": expected a list");
        for (const YAML::Node& item : list) fn(item);
    };
    each(epcis, "epcis", [&](const YAML::Node& e) {
        Fields ef(cx, e, "epci");
        if (!ef.ok()) return;
        const YAML::Node siren = ef.required("siren"), name = ef.required("name"), pop = ef.required("population");
        ef.finish();
        Epci epci;
        auto s = present(siren) ? read_string(cx, siren, "siren") : std::nullopt;
        auto nm = present(name) ? read_string(cx, name, "name") : std::nullopt;
        auto p = present(pop) ? read_integer(cx, pop, "population") : std::nullopt;
        if (!s || !nm || !p) return;
        if (s->size() != 9 || s->find_first_not_of("0123456789") != std::string::npos)
            return cx.error(siren, "siren: '" + *s + "' is not a nine-digit SIREN");
        try {
            t.add_epci(Epci{*s, *nm, *p});
        } catch (const subsidy::error& err) {
            cx.error(e, err.what());
        }
    });
    each(communes, "communes", [&](const YAML::Node& c) {
        Fields cf(cx, c, "commune");
        if (!cf.ok()) return;
        const YAML::Node insee = cf.required("insee"), name = cf.required("name"), pop = cf.required("population"),
                         year = cf.optional("population_year"), epci = cf.optional("epci");
        cf.finish();
        Commune commune;
        auto i = present(insee) ? read_string(cx, insee, "insee") : std::nullopt;
        auto nm = present(name) ? read_string(cx, name, "name") : std::nullopt;
        auto p = present(pop) ? read_integer(cx, pop, "population") : std::nullopt;
        if (!i || !nm || !p) return;
        commune = Commune{*i, *nm, *p, std::nullopt, ""};
        if (present(year))
            if (auto y = read_integer(cx, year, "population_year")) commune.population_year = static_cast<int>(*y);
        if (present(epci))
            if (auto e = read_string(cx, epci, "epci")) {
                commune.epci = *e;
                if (!t.find_epci(*e)) {
                    std::vector<std::string> ids;
                    for (const auto& [siren, x] : t.epcis()) ids.push_back(siren);
                    cx.error(epci, "commune '" + *i + "': epci: unknown EPCI '" + *e + "'" + did_you_mean(*e, ids) +
                                       " (declare it under territory.epcis)");
                }
            }
        try {
            t.add_commune(std::move(commune));
        } catch (const subsidy::error& err) {
            cx.error(c, err.what());
        }
    });
    each(bodies, "bodies", [&](const YAML::Node& b) {
        Fields bf(cx, b, "body");
        if (!bf.ok()) return;
        const YAML::Node kind = bf.required("kind"), id = bf.required("id"), name = bf.required("name"),
                         pop = bf.optional("population");
        bf.finish();
        Body body;
        auto k = present(kind) ? read_enum<BeneficiaryKind>(cx, kind, "body kind") : std::nullopt;
        auto i = present(id) ? read_string(cx, id, "id") : std::nullopt;
        auto nm = present(name) ? read_string(cx, name, "name") : std::nullopt;
        if (!k || !i || !nm) return;
        if (*k == BeneficiaryKind::commune || *k == BeneficiaryKind::epci)
            return cx.error(kind, "body kind: communes and EPCIs are declared under communes and epcis");
        body = Body{*k, *i, *nm, std::nullopt};
        if (present(pop)) body.population = read_integer(cx, pop, "population");
        try {
            t.add_body(std::move(body));
        } catch (const subsidy::error& err) {
            cx.error(b, err.what());
        }
    });
    each(memberships, "memberships", [&](const YAML::Node& m) {
        Fields mf(cx, m, "membership");
        if (!mf.ok()) return;
        const YAML::Node who = mf.required("beneficiary"), convention = mf.required("convention");
        mf.finish();
        auto b = present(who) ? read_beneficiary(cx, who, "beneficiary") : std::nullopt;
        auto d = present(convention) ? read_date(cx, convention, "convention") : std::nullopt;
        if (!b || !d) return;
        try {
            t.add_membership(program_id, *b, *d);
        } catch (const subsidy::error& err) {
            cx.error(m, err.what());
        }
    });
}

std::optional<Project> read_project(Context& cx, const YAML::Node& n, const Program& program, const Territory& t) {
    Fields f(cx, n, "project");
    if (!f.ok()) return std::nullopt;
    const std::size_t errors_before = cx.count();
    Project p;
    if (const YAML::Node v = f.required("id"); present(v))
        if (auto s = read_string(cx, v, "project id")) p.id = *s;
    const std::string what = "project '" + p.id + "'";
    if (const YAML::Node v = f.optional("title"); present(v))
        if (auto s = read_string(cx, v, "title")) p.title = *s;
    if (const YAML::Node v = f.required("owner"); present(v))
        if (auto b = read_beneficiary(cx, v, "owner")) {
            p.owner = *b;
            if (!t.info(*b)) cx.error(v, what + ": owner: " + to_string(*b) + " is not in the territory" + did_you_mean_place(t, *b));
        }
    if (const YAML::Node v = f.required("nature"); present(v))
        if (auto k = read_enum<ExpenseNature>(cx, v, "nature"))
            p.nature = *k;
    if (const YAML::Node v = f.required("category"); present(v))
        if (auto s = read_string(cx, v, "category")) p.category = *s;
    if (const YAML::Node v = f.optional("flags"); present(v))
        if (auto l = read_string_list(cx, v, "flags")) p.flags.insert(l->begin(), l->end());
    if (const YAML::Node v = f.optional("application_date"); present(v)) p.application_date = read_date(cx, v, "application_date");
    if (const YAML::Node v = f.optional("private_funding"); present(v))
        if (auto m = read_money(cx, v, "private_funding")) {
            if (m->sign() < 0) cx.error(v, what + ": private_funding: negative (" + to_string(*m) + ")");
            p.private_funding = *m;
        }
    if (const YAML::Node v = f.optional("units"); present(v)) {
        if (!v.IsSequence()) {
            cx.error(v, "units: expected a list of {kind, count, date}");
        } else {
            for (const YAML::Node& u : v) {
                Fields uf(cx, u, "unit");
                if (!uf.ok()) continue;
                const YAML::Node kind = uf.required("kind"), count = uf.required("count"), date = uf.required("date");
                uf.finish();
                auto k = present(kind) ? read_string(cx, kind, "kind") : std::nullopt;
                auto c = present(count) ? read_integer(cx, count, "count") : std::nullopt;
                auto d = present(date) ? read_date(cx, date, "date") : std::nullopt;
                if (c && *c < 0) {
                    cx.error(count, what + ": count: negative");
                    continue;
                }
                if (k && c && d) p.units.push_back(UnitCount{*k, *c, *d});
            }
        }
    }
    if (const YAML::Node v = f.required("expenses"); present(v)) {
        if (!v.IsSequence()) {
            cx.error(v, "expenses: expected a list of {year, amount}");
        } else {
            std::set<int> years;
            for (const YAML::Node& e : v) {
                Fields ef(cx, e, "expense");
                if (!ef.ok()) continue;
                const YAML::Node year = ef.required("year"), amount = ef.required("amount"), from = ef.optional("from"),
                                 until = ef.optional("until"), date = ef.optional("date");
                ef.finish();
                auto y = present(year) ? read_integer(cx, year, "year") : std::nullopt;
                auto a = present(amount) ? read_money(cx, amount, "amount") : std::nullopt;
                if (!y || !a) continue;
                if (*y < 1900 || *y > 2200) {
                    cx.error(year, "year: " + std::to_string(*y) + " is not a plausible year");
                    continue;
                }
                const std::chrono::year cy{static_cast<int>(*y)};
                if (a->sign() < 0) {
                    cx.error(amount, what + ": amount: negative cost " + to_string(*a) + " in " + std::to_string(*y));
                    continue;
                }
                if (!years.insert(static_cast<int>(*y)).second) {
                    cx.error(year, what + ": a second expense for " + std::to_string(*y) + " (one per year)");
                    continue;
                }
                Expense ex{cy, *a, std::nullopt, std::nullopt};
                std::optional<Date> first = present(from) ? read_date(cx, from, "from") : std::nullopt;
                std::optional<Date> last = present(until) ? read_date(cx, until, "until") : std::nullopt;
                if (present(from) || present(until)) {
                    const Date a0 = first.value_or(cy / std::chrono::January / 1);
                    const Date b0 = last.value_or(cy / std::chrono::December / 31);
                    if (a0.year() != cy || b0.year() != cy || b0 < a0) {
                        cx.error(e, what + ": the period " + to_string(a0) + " .. " + to_string(b0) + " is not inside " +
                                        std::to_string(*y));
                        continue;
                    }
                    ex.covered = DateRange(a0, b0);
                }
                if (present(date))
                    if (auto d = read_date(cx, date, "date")) {
                        if (d->year() != cy) {
                            cx.error(date, what + ": date " + to_string(*d) + " is not in " + std::to_string(*y));
                            continue;
                        }
                        ex.date = *d;
                    }
                p.expenses.push_back(ex);
            }
        }
    }
    if (const YAML::Node v = f.optional("served"); present(v)) {
        Fields sf(cx, v, "served");
        if (sf.ok()) {
            const YAML::Node key = sf.required("key"), towns = sf.required("towns");
            sf.finish();
            Attribution a;
            if (present(key))
                if (auto k = read_enum<AttributionKey>(cx, key, "attribution key"))
                    a.key = *k;
            if (present(towns) && towns.IsSequence()) {
                Rate total;
                for (const YAML::Node& town : towns) {
                    ServedTown st;
                    YAML::Node insee;  // assigned once (see read_dated)
                    if (town.IsMap()) {
                        Fields tf(cx, town, "town served");
                        insee = tf.required("insee");
                        const YAML::Node share = tf.optional("share");
                        tf.finish();
                        if (present(share)) st.share = read_rate(cx, share, "share");
                    } else {
                        insee = town;
                    }
                    if (auto s = present(insee) ? read_string(cx, insee, "town") : std::nullopt) {
                        st.insee = *s;
                        if (!t.find_commune(*s))
                            cx.error(insee, what + ": served: town '" + *s + "' is not in the territory" +
                                                did_you_mean_place(t, BeneficiaryRef{BeneficiaryKind::commune, *s}));
                    }
                    if (a.key == AttributionKey::shares && !st.share)
                        cx.error(town, what + ": served: town '" + st.insee + "' needs a share (the key is shares)");
                    if (a.key != AttributionKey::shares && st.share)
                        cx.error(town, what + ": served: a share is given but the key is " + to_string(a.key));
                    if (st.share) total = total + *st.share;
                    a.towns.push_back(st);
                }
                if (a.key == AttributionKey::shares && total != Rate::one())
                    cx.error(towns, what + ": served: the shares sum to " + to_string(total) + ", not 100%");
            } else if (present(towns)) {
                cx.error(towns, "towns: expected a list of INSEE codes or of {insee, share}");
            }
            p.served = std::move(a);
        }
    }
    if (const YAML::Node v = f.optional("measures"); present(v)) {
        std::vector<std::string> ids;
        for (const Measure& m : program.measures()) ids.push_back(m.id);
        if (v.IsScalar() && v.Scalar() == "all") {
            // every measure that applies
        } else if (!v.IsSequence()) {
            cx.error(v, "measures: expected all, or a list of measure ids or {measure, rate}");
        } else {
            std::vector<MeasureRequest> requests;
            for (const YAML::Node& r : v) {
                MeasureRequest req;
                YAML::Node id, rate;  // assigned once (see read_dated)
                if (r.IsMap()) {
                    Fields rf(cx, r, "measure request");
                    id = rf.required("measure");
                    rate = rf.optional("rate");
                    rf.finish();
                } else {
                    id = r;
                }
                auto s = present(id) ? read_string(cx, id, "measure") : std::nullopt;
                if (!s) continue;
                req.measure = *s;
                const Measure* m = program.find_measure(*s);
                if (!m) {
                    cx.error(id, what + ": unknown measure '" + *s + "'" + did_you_mean(*s, ids));
                    continue;
                }
                if (present(rate)) req.rate = read_rate(cx, rate, "rate");
                const auto* share = std::get_if<ShareFormula>(&m->formula);
                const bool case_by_case = share && !share->rate;
                if (case_by_case && !present(rate))
                    cx.error(r, what + ": measure '" + *s + "' has its rate decided case by case: give it, as {measure: " + *s +
                                    ", rate: 40%}");
                if (!case_by_case && present(rate))
                    cx.error(rate, what + ": measure '" + *s + "' has its rate fixed by the catalog; remove 'rate'");
                for (const MeasureRequest& other : requests)
                    if (other.measure == *s) cx.error(id, what + ": measure '" + *s + "' asked twice");
                requests.push_back(std::move(req));
            }
            p.requests = std::move(requests);
        }
    } else {
        cx.error(n, what + ": missing 'measures' (a list of measures asked for, or all)");
    }
    f.finish();
    if (cx.count() != errors_before) return std::nullopt;
    try {
        p.validate();
    } catch (const subsidy::error& e) {
        cx.error(n, e.what());
        return std::nullopt;
    }
    return p;
}

}  // namespace

}  // namespace detail

Scenario parse_scenario(const std::string& text, const std::string& file, const std::string& base_dir,
                        const std::vector<std::string>& data_dirs) {
    using namespace detail;
    Context cx(file);
    const YAML::Node root = parse_yaml(cx, text);
    cx.throw_if_failed();
    Fields top(cx, root, "scenario");
    cx.throw_if_failed();
    if (const YAML::Node v = top.required("format_version"); present(v))
        if (auto k = read_integer(cx, v, "format_version"); k && *k != file_format_version)
            cx.error(v, "format_version: this library reads version " + std::to_string(file_format_version) + ", not " +
                            std::to_string(*k));
    const YAML::Node catalog_node = top.required("catalog");
    std::string catalog_path;
    if (present(catalog_node))
        if (auto s = read_string(cx, catalog_node, "catalog")) catalog_path = resolve_catalog(cx, catalog_node, *s, base_dir, data_dirs);
    const YAML::Node options = top.optional("options"), territory = top.required("territory"),
                     projects = top.required("projects"), budgets = top.optional("budgets");
    top.finish();
    if (catalog_path.empty()) cx.throw_if_failed();  // nothing more can be checked without the catalog
    // The catalog's own problems come first, with its file name.
    Catalog catalog = [&] {
        try {
            return load_catalog(catalog_path);
        } catch (const load_error& e) {
            std::vector<Diagnostic> all = e.diagnostics();
            try {
                cx.throw_if_failed();
            } catch (const load_error& mine) {
                all.insert(all.end(), mine.diagnostics().begin(), mine.diagnostics().end());
            }
            throw load_error(std::move(all));
        }
    }();
    Scenario s{std::move(catalog), Territory{}, {}, {}, {}, {}, file};
    const Program& program = s.catalog.program;
    if (present(options)) {
        Fields of(cx, options, "options");
        if (of.ok()) {
            const YAML::Node lookup = of.optional("lookup"), date = of.optional("date");
            of.finish();
            if (present(lookup))
                if (auto l = read_enum<LookupMode>(cx, lookup, "lookup"))
                    s.options.lookup = *l;
            if (present(date)) s.options.date = read_date(cx, date, "date");
        }
    }
    if (present(territory)) read_territory(cx, territory, program.id(), s.territory);
    if (present(projects)) {
        if (!projects.IsSequence()) {
            cx.error(projects, "projects: expected a list");
        } else {
            std::set<std::string> ids;
            for (const YAML::Node& pn : projects) {
                auto p = read_project(cx, pn, program, s.territory);
                if (!p) continue;
                if (!ids.insert(p->id).second) {
                    cx.error(pn, "project '" + p->id + "': id: declared twice");
                    continue;
                }
                s.project_positions.push_back(position(cx, pn));
                s.projects.push_back(std::move(*p));
            }
        }
    }
    s.budgets = s.catalog.budgets;
    if (present(budgets)) {
        if (!budgets.IsSequence()) {
            cx.error(budgets, "budgets: expected a list");
        } else {
            for (const YAML::Node& bn : budgets) {
                auto b = read_budget(cx, bn, program);
                if (!b) continue;
                try {
                    std::vector<Budget> one{*b};
                    validate_budgets(program, s.territory, one);
                    for (const Budget& other : s.budgets)
                        if (other.id == b->id) throw invalid_argument("budget '" + b->id + "': id: declared twice");
                    s.budgets.push_back(std::move(*b));
                } catch (const subsidy::error& e) {
                    cx.error(bn, e.what());
                }
            }
        }
    }
    cx.throw_if_failed();
    return s;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& data_dirs) {
    const std::string text = detail::read_file(path);
    const std::string base = path == "-" ? std::string(".") : std::filesystem::path(path).parent_path().string();
    return parse_scenario(text, path == "-" ? std::string("<stdin>") : path, base.empty() ? "." : base, data_dirs);
}

Evaluation evaluate(const Scenario& s, bool trace) {
    const CompiledProgram compiled(s.catalog.program, s.options.lookup);
    auto fail_at = [&](std::size_t i, const std::string& what) {
        const SourcePosition& at = s.project_positions.at(i);
        throw load_error({Diagnostic{at.file, at.line, at.column, what}});
    };
    // plan_all's order (application date, then id) decides per-beneficiary ceilings.
    GrantLedger ledger;
    std::vector<std::optional<FundingPlan>> plans(s.projects.size());
    for (std::size_t i : application_order(s.projects)) {
        try {
            plans[i] = plan_of(compiled, s.territory, s.projects[i], trace, &ledger);
        } catch (const subsidy::error& e) {
            fail_at(i, e.what());
        }
    }
    Evaluation ev{{}, {}, Envelopes(s.catalog.program, s.territory)};
    ev.plans.reserve(plans.size());
    for (auto& p : plans) ev.plans.push_back(std::move(*p));
    ev.budgets = apply_budgets(s.catalog.program, s.territory, s.projects, ev.plans, s.budgets, trace);
    for (std::size_t i = 0; i < s.projects.size(); ++i) {
        try {
            ev.envelopes.add(s.projects[i], ev.plans[i]);
        } catch (const subsidy::error& e) {
            fail_at(i, e.what());
        }
    }
    return ev;
}

Evaluation evaluate_envelopes(const Scenario& s, std::vector<Dimension> by, unsigned threads) {
    Evaluation ev{{}, {}, Envelopes(s.catalog.program, s.territory, std::move(by))};
    const CompiledProgram plan(s.catalog.program, s.options.lookup);
    std::size_t failed = s.projects.size();
    try {
        ev.budgets = evaluate_batch(plan, s.territory, s.projects, s.budgets, ev.envelopes, {threads, &failed}).budgets;
    } catch (const subsidy::error& e) {
        if (failed >= s.projects.size()) throw;  // not a project's problem
        const SourcePosition& at = s.project_positions.at(failed);
        throw load_error({Diagnostic{at.file, at.line, at.column, e.what()}});
    }
    return ev;
}

}  // namespace subsidy::io
