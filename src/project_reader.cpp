// The project reader: one project of a scenario (see docs/scenario-format.md), its owner
// and the towns it serves checked against the territory, the measures it asks for against
// the programme.
//
// Keys are asked for in the order of the format: Fields::finish suggests the first close
// known key for a misspelt one, and diagnostics at one position keep the order they were
// reported in.
#include <set>
#include <string>
#include <vector>

#include "catalog_reader.hpp"
#include "scenario_reader.hpp"

namespace subsidy::io::detail {

namespace {

// One project being read: its fields, what has been read of it, and the programme and
// territory it is checked against.
class ProjectReader {
public:
    ProjectReader(Context& cx, Fields& f, const CompiledProgram& words, const Territory& t, PlaceNames& places, Project& p)
        : cx_(cx), f_(f), words_(words), program_(words.program()), t_(t), places_(places), p_(p) {}

    // Who carries it and what it is: owner, nature, category, flags, dates, private funding.
    void read_description() {
        if (const yaml::Node v = f_.optional("title"); present(v))
            if (auto s = read_string(cx_, v, "title")) p_.title = *s;
        if (const yaml::Node v = f_.required("owner"); present(v))
            if (auto b = read_beneficiary(cx_, v, "owner")) {
                p_.owner = *b;
                if (!t_.info(*b))
                    cx_.error(Code::unknown_id, v, what() + ": owner: " + to_string(*b) + " is not in the territory" + places_.did_you_mean(*b));
            }
        // Nature and category: the catalog's defaults when not given (required without one).
        const ProgramDefaults& defaults = program_.defaults();
        if (const yaml::Node v = f_.optional("nature"); present(v)) {
            if (auto k = read_enum<ExpenseNature>(cx_, v, "nature")) p_.nature = *k;
        } else if (defaults.nature) {
            p_.nature = *defaults.nature;
        } else {
            cx_.error(Code::missing, f_.node(), what() + ": missing 'nature' (operating or investment), and the catalog gives no "
                                                "default (defaults: {nature: investment})");
        }
        if (const yaml::Node v = f_.optional("category"); present(v)) {
            if (auto s = read_string(cx_, v, "category")) {
                p_.category = *s;
                category_ = v;
                has_category_ = true;
            }
        } else if (defaults.category) {
            p_.category = *defaults.category;
        } else {
            cx_.error(Code::missing, f_.node(), what() + ": missing 'category', and the catalog gives no default "
                                                "(defaults: {category: works})");
        }
        if (const yaml::Node v = f_.optional("flags"); present(v))
            if (auto l = read_string_list(cx_, v, "flags")) {
                p_.flags.insert(l->begin(), l->end());
                for (std::size_t i = 0; i < l->size(); ++i)
                    if (words_.flag((*l)[i]) == subsidy::detail::no_index)
                        cx_.warn(Code::unknown_word, v[i],
                                 what() + ": flag '" + subsidy::detail::excerpt((*l)[i]) + "': no rule of the catalog reads it" +
                                     did_you_mean((*l)[i], words_.flag_names()));
            }
        if (const yaml::Node v = f_.optional("application_date"); present(v))
            p_.application_date = read_date(cx_, v, "application_date");
        if (const yaml::Node v = f_.optional("private_funding"); present(v))
            if (auto m = read_money(cx_, v, "private_funding")) {
                if (m->sign() < 0) cx_.error(Code::out_of_range, v, what() + ": private_funding: negative (" + to_string(*m) + ")");
                p_.private_funding = *m;
            }
    }

    // What it counts and what it costs, year by year.
    void read_units_and_expenses() {
        if (const yaml::Node v = f_.optional("units"); present(v)) {
            if (!v.IsSequence()) {
                cx_.error(Code::wrong_type, v, "units: expected a list of {kind, count, date}");
            } else {
                for (const yaml::Node& u : v) read_unit(u);
            }
        }
        if (const yaml::Node v = f_.required("expenses"); present(v)) read_expenses(cx_, v, program_, what(), p_.expenses);
        if (const yaml::Node v = f_.optional("other_resources"); present(v)) {
            read_other_resources(cx_, v, what(), p_.other_resources);
            check_other_resources(v);
        }
    }

    // The towns it serves, and the measures it asks for (required: a list, or all).
    void read_served_and_measures(const yaml::Node& n) {
        if (const yaml::Node v = f_.optional("served"); present(v)) read_served(v);
        if (const yaml::Node v = f_.optional("measures"); present(v)) {
            read_requests(v);
        } else {
            cx_.error(Code::missing, n, what() + ": missing 'measures' (a list of measures asked for, or all)");
        }
    }

private:
    [[nodiscard]] std::string what() const { return "project '" + p_.id + "'"; }

    void read_unit(const yaml::Node& u) {
        Fields uf(cx_, u, "unit");
        if (!uf.ok()) return;
        const yaml::Node kind = uf.required("kind"), count = uf.required("count"), date = uf.required("date");
        uf.finish();
        auto k = present(kind) ? read_string(cx_, kind, "kind") : std::nullopt;
        auto c = present(count) ? read_integer(cx_, count, "count") : std::nullopt;
        auto d = present(date) ? read_date(cx_, date, "date") : std::nullopt;
        if (c && *c < 0) return cx_.error(Code::out_of_range, count, what() + ": count: negative");
        if (k && words_.unit_kind(*k) == subsidy::detail::no_index)
            cx_.warn(Code::unknown_word, kind,
                     what() + ": unit kind '" + subsidy::detail::excerpt(*k) + "': no measure of the catalog counts it" +
                         did_you_mean(*k, words_.unit_kind_names()));
        if (k && c && d) p_.units.push_back(UnitCount{*k, *c, *d});
    }

    // Other resources come out of what the public and the owner pay: at most the cost less
    // private funding (checked once the expenses are known).
    void check_other_resources(const yaml::Node& at) {
        Money cost, other;
        for (const Expense& e : p_.expenses) cost += e.amount;
        for (const OtherResource& r : p_.other_resources) other += r.amount;
        if (other > cost - p_.private_funding)
            cx_.error(Code::inconsistent, at, what() + ": other_resources: " + to_string(other) +
                                                  " are more than the cost less private funding " + to_string(cost - p_.private_funding));
    }

public:
    // W001: a category no measure names, when it is a likely typo or the project asks for
    // every measure (asked by name, a measure it shuts out is a W002 with its reason).
    void warn_unknown_category() {
        const std::string& c = p_.category;
        if (!has_category_ || words_.category(c) != subsidy::detail::no_index || words_.category_names().empty()) return;
        const std::string hint = did_you_mean(c, words_.category_names());
        if (hint.empty() && p_.requests) return;
        cx_.warn(Code::unknown_word, category_,
                 what() + ": category '" + subsidy::detail::excerpt(c) +
                     "': no measure of the catalog names it, so only the measures open to every category apply" + hint);
    }

private:
    // `{key: shares, towns: [{insee, share}…]}` or `{key: population, towns: [INSEE…]}`; an
    // entry may be an EPCI, `{epci: SIREN}` or `{epci: SIREN, share}`, in the same list (one
    // list keeps one order, which breaks the ties of the largest remainder).
    void read_served(const yaml::Node& v) {
        Fields sf(cx_, v, "served");
        if (!sf.ok()) return;
        const yaml::Node key = sf.required("key"), towns = sf.required("towns");
        sf.finish();
        Attribution a;
        if (present(key))
            if (auto k = read_enum<AttributionKey>(cx_, key, "attribution key")) a.key = *k;
        if (present(towns) && towns.IsSequence()) {
            Rate total;
            bool summed = true;
            std::set<std::string> seen;
            for (const yaml::Node& town : towns) {
                a.towns.push_back(read_served_town(town, a.key));
                const ServedTown& st = a.towns.back();
                if ((!st.insee.empty() || st.is_epci()) && !seen.insert(st.label()).second)
                    cx_.error(Code::declared_twice, town, what() + ": served: " + st.label() + " listed twice");
                if (!st.share || !summed) continue;
                try {
                    total = total + *st.share;
                } catch (const subsidy::range_error&) {  // the exact sum needs a denominator beyond 64 bits
                    cx_.error(Code::out_of_range, town,
                              what() + ": served: the exact sum of the shares so far is beyond what a fraction of 64-bit "
                                       "integers holds; write the shares as percents or with a common denominator");
                    summed = false;
                }
            }
            if (summed && a.key == AttributionKey::shares && total != Rate::one())
                cx_.error(Code::inconsistent, towns, what() + ": served: the shares sum to " + to_string(total) + ", not 100%");
        } else if (towns.IsScalar() && towns.Scalar() == "members") {
            read_members(towns, a);
        } else if (present(towns)) {
            cx_.error(Code::wrong_type, towns, "towns: expected a list of INSEE codes or of {insee, share} or {epci, share}, or members");
        }
        p_.served = std::move(a);
    }

    // `towns: members`: the communes of the territory whose EPCI is the owner, in INSEE order
    // (a national run: one post per EPCI, shared by its towns of the programme).
    void read_members(const yaml::Node& towns, Attribution& a) {
        if (p_.owner.kind != BeneficiaryKind::epci) {
            cx_.error(Code::inconsistent, towns, what() + ": served: towns: members names an EPCI's communes, and the owner is not an EPCI");
            return;
        }
        if (a.key == AttributionKey::shares) {
            cx_.error(Code::inconsistent, towns, what() + ": served: towns: members has no shares to give: use the key population or equal");
            return;
        }
        for (const auto& [insee, commune] : t_.communes())
            if (commune.epci == p_.owner.id) a.towns.push_back(ServedTown{insee, std::nullopt});
        if (a.towns.empty())
            cx_.error(Code::inconsistent, towns, what() + ": served: towns: members: no commune of the territory is in epci '" + p_.owner.id + "'");
    }

    // A town or an EPCI of the territory, with a share exactly when the key is shares.
    ServedTown read_served_town(const yaml::Node& town, AttributionKey key) {
        ServedTown st;
        yaml::Node insee, epci;  // assigned once (see read_dated)
        if (town.IsMap()) {
            Fields tf(cx_, town, "town served");
            insee = tf.optional("insee");
            epci = tf.optional("epci");
            const yaml::Node share = tf.optional("share");
            tf.finish();
            if (present(share)) st.share = read_rate(cx_, share, "share");
            if (!present(insee) && !present(epci))
                cx_.error(Code::missing, town, what() + ": served: an entry names a town {insee: …} or an EPCI {epci: …}");
            if (present(insee) && present(epci))
                cx_.error(Code::inconsistent, epci, what() + ": served: an entry names a town or an EPCI, not both: list them apart");
        } else {
            insee = town;
        }
        if (present(epci) && !present(insee)) {
            read_served_epci(epci, st);
        } else if (auto s = present(insee) ? read_string(cx_, insee, "town") : std::nullopt) {
            st.insee = *s;
            if (!t_.find_commune(*s))
                cx_.error(Code::unknown_id, insee, what() + ": served: town '" + *s + "' is not in the territory" +
                                     places_.did_you_mean(BeneficiaryRef{BeneficiaryKind::commune, *s}));
        }
        if (key == AttributionKey::shares && !st.share && (present(insee) || present(epci)))
            cx_.error(Code::inconsistent, town, what() + ": served: " + st.label() + " needs a share (the key is shares)");
        if (key != AttributionKey::shares && st.share)
            cx_.error(Code::inconsistent, town, what() + ": served: a share is given but the key is " + to_string(key));
        return st;
    }

    // An EPCI of the territory, by SIREN.
    void read_served_epci(const yaml::Node& epci, ServedTown& st) {
        auto s = read_string(cx_, epci, "epci");
        if (!s) return;
        st.epci = *s;
        if (!t_.find_epci(*s))
            cx_.error(Code::unknown_id, epci, what() + ": served: epci '" + *s + "' is not in the territory" +
                                 places_.did_you_mean(BeneficiaryRef{BeneficiaryKind::epci, *s}));
    }

    // `all` (every measure that applies), or a list of measure ids or {measure, rate|amount}.
    void read_requests(const yaml::Node& v) {
        if (v.IsScalar() && v.Scalar() == "all") return;
        if (!v.IsSequence()) return cx_.error(Code::wrong_type, v, "measures: expected all, or a list of measure ids or {measure, rate}");
        std::vector<MeasureRequest> requests;
        for (const yaml::Node& r : v)
            if (auto req = read_request(r, requests)) requests.push_back(std::move(*req));
        p_.requests = std::move(requests);
    }

    // A measure of the programme, with what its decision gives where the catalog leaves it to
    // the decision; `before` are the requests read so far (a measure is asked once).
    std::optional<MeasureRequest> read_request(const yaml::Node& r, const std::vector<MeasureRequest>& before) {
        MeasureRequest req;
        yaml::Node id, rate, amount, base_cap;  // assigned once (see read_dated)
        if (r.IsMap()) {
            Fields rf(cx_, r, "measure request");
            id = rf.required("measure");
            rate = rf.optional("rate");
            amount = rf.optional("amount");
            base_cap = rf.optional("base_cap");
            rf.finish();
        } else {
            id = r;
        }
        auto s = present(id) ? read_string(cx_, id, "measure") : std::nullopt;
        if (!s) return std::nullopt;
        req.measure = *s;
        const Measure* m = program_.find_measure(*s);
        if (!m) {
            cx_.error(Code::unknown_id, id, what() + ": unknown measure '" + *s + "'" + did_you_mean(*s, ids_of(program_.measures())));
            return std::nullopt;
        }
        if (present(rate)) req.rate = read_rate(cx_, rate, "rate");
        if (present(amount)) req.amount = read_non_negative(amount, "amount", "a decided amount");
        if (present(base_cap)) req.base_cap = read_non_negative(base_cap, "base_cap", "a base cap");
        check_decision(r, *m, rate, amount, base_cap);
        for (const MeasureRequest& other : before)
            if (other.measure == *s) cx_.error(Code::declared_twice, id, what() + ": measure '" + *s + "' asked twice");
        return req;
    }

    std::optional<Money> read_non_negative(const yaml::Node& v, const char* key, const char* what_it_is) {
        auto m = read_money(cx_, v, key);
        if (m && m->sign() < 0) {
            cx_.error(Code::out_of_range, v, what() + ": " + key + ": " + what_it_is + " cannot be negative (" + to_string(*m) + ")");
            return std::nullopt;
        }
        return m;
    }

    // What the request decides must be what the catalog leaves to the decision.
    void check_decision(const yaml::Node& r, const Measure& m, const yaml::Node& rate, const yaml::Node& amount,
                        const yaml::Node& base_cap) {
        const auto* share = std::get_if<ShareFormula>(&m.formula);
        const bool case_by_case = share && !share->rate;
        const bool rate_decided = case_by_case && share->rate_decided, amount_decided = share && share->amount_decided;
        const std::string& id = m.id;
        if (present(rate) && present(amount))
            cx_.error(Code::request, amount, what() + ": measure '" + id + "': a decision gives a rate or an amount, not both");
        if (case_by_case && !present(rate) && !present(amount))
            cx_.error(Code::request, r, what() + ": measure '" + id + "' has its " +
                                            (!amount_decided ? "rate decided case by case: give it, as {measure: " + id + ", rate: 40%}"
                                             : !rate_decided ? "amount decided case by case: give it, as {measure: " + id +
                                                                   ", amount: 150000}"
                                                             : "rate or amount decided case by case: give one, as {measure: " + id +
                                                                   ", rate: 40%} or {measure: " + id + ", amount: 150000}"));
        if (present(rate) && !rate_decided)
            cx_.error(Code::request, rate, what() + ": measure '" + id + "' has its rate " +
                                               (case_by_case ? "left to a decided amount" : "fixed by the catalog") + "; remove 'rate'");
        if (present(amount) && !amount_decided)
            cx_.error(Code::request, amount, what() + ": measure '" + id + "' does not accept a decided amount (the catalog's " +
                                                 "share: decided: lists what a decision may give)");
        if (present(base_cap) && !share)
            cx_.error(Code::request, base_cap, what() + ": measure '" + id + "' applies no rate to a base; remove 'base_cap'");
    }

    Context& cx_;
    Fields& f_;
    yaml::Node category_;  // where the category was given
    bool has_category_ = false;
    const CompiledProgram& words_;
    const Program& program_;
    const Territory& t_;
    PlaceNames& places_;
    Project& p_;
};

}  // namespace

std::optional<Project> read_project(Context& cx, const yaml::Node& n, const CompiledProgram& words, const Territory& t,
                                    PlaceNames& places) {
    Fields f(cx, n, "project");
    if (!f.ok()) return std::nullopt;
    const std::size_t errors_before = cx.count();
    Project p;
    if (const yaml::Node v = f.required("id"); present(v))
        if (auto s = read_string(cx, v, "project id")) p.id = *s;
    ProjectReader reader(cx, f, words, t, places, p);
    reader.read_description();
    reader.read_units_and_expenses();
    reader.read_served_and_measures(n);
    if (const yaml::Node v = f.optional("ceilings"); present(v)) read_project_ceilings(cx, v, words.program(), p);
    f.finish();
    if (cx.count() != errors_before) return std::nullopt;  // already reported: do not pile up consequences
    reader.warn_unknown_category();
    try {
        p.validate();
    } catch (const subsidy::range_error& e) {  // Σ expenses beyond the money range
        cx.error(Code::out_of_range, n, "project '" + p.id + "': its total cost: " + e.what());
        return std::nullopt;
    } catch (const subsidy::error& e) {
        cx.error(n, e);
        return std::nullopt;
    }
    return p;
}

}  // namespace subsidy::io::detail
