// The territory reader: the EPCIs, communes, other bodies and programme memberships of a
// scenario (see docs/scenario-format.md). EPCIs come first: a commune names its EPCI, and a
// membership any of them.
#include <string>
#include <vector>

#include "catalog_reader.hpp"
#include "scenario_reader.hpp"

namespace subsidy::io::detail {

namespace {

// "commune: INSEE, epci: SIREN, petr: id, …": every beneficiary kind with what identifies it.
std::string beneficiary_forms() {
    std::string forms;
    for (const auto& k : subsidy::detail::names_of<BeneficiaryKind>()) {
        const char* id = k.value == BeneficiaryKind::commune ? "INSEE" : k.value == BeneficiaryKind::epci ? "SIREN" : k.value == BeneficiaryKind::department ? "code" : "id";
        forms += (forms.empty() ? "" : ", ") + std::string(k.name) + ": " + id;
    }
    return forms;
}

// A department's code ("14", "2A", "971"), as an INSEE code begins.
std::optional<std::string> read_department(Context& cx, const yaml::Node& n, const char* what = "department") {
    auto d = read_string(cx, n, what);
    if (d && !is_department_code(*d)) {
        cx.error(Code::bad_number, n, std::string(what) + ": '" + subsidy::detail::excerpt(*d) +
                                          "' is not a department code (two digits, 2A or 2B, or three from 971 overseas)");
        return std::nullopt;
    }
    return d;
}

void read_epci(Context& cx, const yaml::Node& e, Territory& t) {
    Fields ef(cx, e, "epci");
    if (!ef.ok()) return;
    // The population is optional: a rule that reads it reports its absence (population_check.cpp).
    const yaml::Node siren = ef.required("siren"), name = ef.required("name"), pop = ef.optional("population"),
                     dep = ef.optional("department");
    ef.finish();
    auto s = present(siren) ? read_string(cx, siren, "siren") : std::nullopt;
    auto nm = present(name) ? read_string(cx, name, "name") : std::nullopt;
    auto p = present(pop) ? read_integer(cx, pop, "population") : std::nullopt;
    auto d = present(dep) ? read_department(cx, dep) : std::nullopt;
    if (!s || !nm || (present(pop) && !p) || (present(dep) && !d)) return;
    if (s->size() != 9 || s->find_first_not_of("0123456789") != std::string::npos)
        return cx.error(Code::bad_number, siren, "siren: '" + *s + "' is not a nine-digit SIREN");
    try {
        t.add_epci(Epci{*s, *nm, p, d.value_or("")});
    } catch (const subsidy::error& err) {
        cx.error(e, err);
    }
}

void read_commune(Context& cx, const yaml::Node& c, Territory& t, PlaceNames& places) {
    Fields cf(cx, c, "commune");
    if (!cf.ok()) return;
    const yaml::Node insee = cf.required("insee"), name = cf.required("name"), pop = cf.optional("population"),
                     year = cf.optional("population_year"), epci = cf.optional("epci");
    cf.finish();
    auto i = present(insee) ? read_string(cx, insee, "insee") : std::nullopt;
    auto nm = present(name) ? read_string(cx, name, "name") : std::nullopt;
    auto p = present(pop) ? read_integer(cx, pop, "population") : std::nullopt;
    if (!i || !nm || (present(pop) && !p)) return;
    Commune commune{*i, *nm, p, std::nullopt, ""};
    if (present(year))
        if (auto y = read_integer(cx, year, "population_year")) commune.population_year = static_cast<int>(*y);
    if (present(epci))
        if (auto e = read_string(cx, epci, "epci")) {
            commune.epci = *e;
            if (!t.find_epci(*e))
                cx.error(Code::unknown_id, epci, "commune '" + *i + "': epci: unknown EPCI '" + *e + "'" +
                                   places.did_you_mean(BeneficiaryRef{BeneficiaryKind::epci, *e}) +
                                   " (declare it under territory.epcis)");
        }
    try {
        t.add_commune(std::move(commune));
    } catch (const subsidy::error& err) {
        cx.error(c, err);
    }
}

// A beneficiary that is neither a commune nor an EPCI (a PETR, a syndicate…).
void read_body(Context& cx, const yaml::Node& b, Territory& t) {
    Fields bf(cx, b, "body");
    if (!bf.ok()) return;
    const yaml::Node kind = bf.required("kind"), id = bf.required("id"), name = bf.required("name"),
                     pop = bf.optional("population");
    bf.finish();
    auto k = present(kind) ? read_enum<BeneficiaryKind>(cx, kind, "body kind") : std::nullopt;
    auto i = present(id) ? read_string(cx, id, "id") : std::nullopt;
    auto nm = present(name) ? read_string(cx, name, "name") : std::nullopt;
    if (!k || !i || !nm) return;
    if (*k == BeneficiaryKind::commune || *k == BeneficiaryKind::epci)
        return cx.error(Code::inconsistent, kind, "body kind: communes and EPCIs are declared under communes and epcis");
    if (*k == BeneficiaryKind::department && !read_department(cx, id, "id")) return;
    Body body{*k, *i, *nm, std::nullopt};
    if (present(pop)) body.population = read_integer(cx, pop, "population");
    try {
        t.add_body(std::move(body));
    } catch (const subsidy::error& err) {
        cx.error(b, err);
    }
}

// W008: a member commune at or above the programme's population guideline is computed like
// the others (no measure refuses it), and said: the published PVD list has three.
void warn_above_guideline(Context& cx, const yaml::Node& at, const Program& program, const BeneficiaryRef& b, const Territory& t) {
    const auto& g = program.population_guideline();
    const Commune* c = b.kind == BeneficiaryKind::commune ? t.find_commune(b.id) : nullptr;
    if (!g || !c || !c->population || *c->population < g->below) return;
    cx.warn(Code::above_guideline, at,
            "commune " + b.id + " (" + c->name + ") has " + std::to_string(*c->population) + " inhabitants: the programme '" +
                program.id() + "' selects towns under " + std::to_string(g->below) + (g->source.empty() ? "" : " (" + g->source + ")") +
                "; its measures do not refuse it, so it is computed like the others");
}

// A beneficiary's convention with the programme, from its date.
void read_membership(Context& cx, const yaml::Node& m, const Program& program, Territory& t) {
    Fields mf(cx, m, "membership");
    if (!mf.ok()) return;
    const yaml::Node who = mf.required("beneficiary"), convention = mf.required("convention");
    mf.finish();
    auto b = present(who) ? read_beneficiary(cx, who, "beneficiary") : std::nullopt;
    auto d = present(convention) ? read_date(cx, convention, "convention") : std::nullopt;
    if (!b || !d) return;
    try {
        t.add_membership(program.id(), *b, *d);
        warn_above_guideline(cx, who, program, *b, t);
    } catch (const subsidy::error& err) {
        cx.error(m, err);
    }
}

}  // namespace

std::optional<BeneficiaryRef> read_beneficiary(Context& cx, const yaml::Node& n, const std::string& what) {
    if (!n.IsMap() || n.size() != 1) {
        cx.error(Code::wrong_type, n, what + ": expected one of " + beneficiary_forms());
        return std::nullopt;
    }
    const auto kv = *n.begin();
    auto kind = read_enum<BeneficiaryKind>(cx, kv.first, "beneficiary kind");
    auto id = read_string(cx, kv.second, what);
    if (!kind || !id) return std::nullopt;
    return BeneficiaryRef{*kind, *id};
}

std::string PlaceNames::did_you_mean(const BeneficiaryRef& b) {
    auto index = [](std::optional<Vocabulary>& v, const auto& places) -> const Vocabulary& {
        if (!v) {
            std::vector<std::string> ids;
            ids.reserve(places.size());
            for (const auto& [id, place] : places) ids.push_back(id);
            v.emplace(std::move(ids));
        }
        return *v;
    };
    if (b.kind == BeneficiaryKind::commune) return index(communes_, t_.communes()).did_you_mean(b.id);
    if (b.kind == BeneficiaryKind::epci) return index(epcis_, t_.epcis()).did_you_mean(b.id);
    return "";
}

void read_territory(Context& cx, const yaml::Node& n, const Program& program, Territory& t) {
    Fields f(cx, n, "territory");
    if (!f.ok()) return;
    const yaml::Node epcis = f.optional("epcis"), communes = f.required("communes"), bodies = f.optional("bodies"),
                     memberships = f.optional("memberships");
    f.finish();
    for_each_item(cx, epcis, "epcis", [&](const yaml::Node& e) { read_epci(cx, e, t); });
    PlaceNames places(t);  // the EPCIs are all read: their index is complete when first built
    for_each_item(cx, communes, "communes", [&](const yaml::Node& c) { read_commune(cx, c, t, places); });
    for_each_item(cx, bodies, "bodies", [&](const yaml::Node& b) { read_body(cx, b, t); });
    for_each_item(cx, memberships, "memberships", [&](const yaml::Node& m) { read_membership(cx, m, program, t); });
}

}  // namespace subsidy::io::detail
