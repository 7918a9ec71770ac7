// The catalog reader: the programme, its pillars and funders, its stacking constraints and
// standing budgets (see docs/catalog-format.md); the measures are read in measure_reader.cpp.
//
// Keys are asked for in the order of the format: Fields::finish suggests the first close
// known key for a misspelt one, and diagnostics at one position keep the order they were
// reported in.
#include <set>
#include <string>
#include <vector>

#include "catalog_reader.hpp"
#include "subsidy/io/catalog.hpp"

namespace subsidy::io::detail {

void check_format_version(Context& cx, Fields& top) {
    if (const yaml::Node v = top.required("format_version"); present(v))
        if (auto k = read_integer(cx, v, "format_version"); k && *k != file_format_version)
            cx.error(Code::format_version, v, "format_version: this library reads version " + std::to_string(file_format_version) + ", not " +
                            std::to_string(*k));
}

std::optional<Condition> read_condition(Context& cx, const yaml::Node& n, const std::string& what) {
    Fields f(cx, n, what);
    if (!f.ok()) return std::nullopt;
    Condition c;
    bool good = true;
    auto list = [&](const char* key, std::vector<std::string>& into) {
        if (const yaml::Node v = f.optional(key); present(v)) {
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

namespace {

// One stacking constraint being read: its fields, what has been read of it, and the
// programme whose measures it may name.
class ConstraintReader {
public:
    ConstraintReader(Context& cx, Fields& f, const Program& program, StackingConstraint& c)
        : cx_(cx), f_(f), program_(program), c_(c) {}

    // Id, source and the natures of expense it binds (investment unless given).
    void read_description() {
        if (const yaml::Node v = f_.required("id"); present(v))
            if (auto s = read_string(cx_, v, "constraint id")) c_.id = *s;
        if (const yaml::Node v = f_.required("source"); present(v))
            if (auto s = read_string(cx_, v, "source")) c_.source = *s;
        const yaml::Node v = f_.optional("natures");
        if (!present(v)) return;
        c_.natures.clear();
        if (!v.IsSequence()) {
            cx_.error(Code::wrong_type, v, "natures: expected a list such as [investment]");
        } else {
            for (const yaml::Node& e : v)
                if (auto k = read_enum<ExpenseNature>(cx_, e, "nature")) c_.natures.insert(*k);
        }
    }

    // Exactly one rule; only the first one given is read.
    void read_rule(const yaml::Node& n) {
        const yaml::Node owner = f_.optional("owner_minimum"), group = f_.optional("group_cap"),
                         total = f_.optional("total_public_aid"), exclusive = f_.optional("exclusive");
        const int rules = present(owner) + present(group) + present(total) + present(exclusive);
        if (rules != 1)
            cx_.error(Code::wrong_type, n, what() + ": expected exactly one rule: owner_minimum, group_cap, total_public_aid or exclusive");
        if (present(owner)) {
            read_owner_minimum(owner);
        } else if (present(group)) {
            read_group_cap(group);
        } else if (present(total)) {
            read_total_public_aid(total);
        } else if (present(exclusive)) {
            c_.rule = Exclusive{measure_set(exclusive, "exclusive")};
        }
    }

private:
    [[nodiscard]] std::string what() const { return "constraint '" + c_.id + "'"; }

    // Measure ids of the programme; each unknown one is reported where it is written.
    std::set<std::string> measure_set(const yaml::Node& v, const std::string& field) {
        std::set<std::string> out;
        if (!read_string_list(cx_, v, field)) return out;
        for (const yaml::Node& e : v) {
            const std::string id(e.Scalar());
            if (!program_.find_measure(id))
                cx_.error(Code::unknown_id, e, what() + ": " + field + ": unknown measure '" + id + "'" +
                                 did_you_mean(id, ids_of(program_.measures())));
            out.insert(id);
        }
        return out;
    }

    // The rate named `<id>.maximum` of a cap.
    Dated<Rate> read_maximum(const yaml::Node& max) {
        Dated<Rate> maximum = Dated<Rate>::always(c_.id + ".maximum", Rate(), c_.source);
        if (present(max))
            if (auto r = read_dated<Rate>(cx_, max, c_.id + ".maximum", c_.source, rate_reader())) maximum = *r;
        return maximum;
    }

    void read_owner_minimum(const yaml::Node& owner) {
        Fields o(cx_, owner, what() + " owner_minimum");
        if (!o.ok()) return;
        const yaml::Node min = o.required("minimum"), der = o.optional("derogations"), when = o.optional("when");
        o.finish();
        auto m = present(min) ? read_dated<Rate>(cx_, min, c_.id + ".minimum", c_.source, rate_reader()) : std::nullopt;
        OwnerMinimumShare rule{m ? *m : Dated<Rate>::always(c_.id + ".minimum", Rate(), c_.source), {}, std::nullopt};
        if (present(der)) {
            Fields d(cx_, der, what() + " derogations");
            if (d.ok())
                for (const auto& kv : der)
                    if (auto r = read_rate(cx_, kv.second, "derogation")) rule.derogations[std::string(kv.first.Scalar())] = *r;
        }
        if (present(when)) rule.condition = read_condition(cx_, when, "when");
        c_.rule = std::move(rule);
    }

    void read_group_cap(const yaml::Node& group) {
        Fields g(cx_, group, what() + " group_cap");
        if (!g.ok()) return;
        const yaml::Node ms = g.required("measures"), max = g.required("maximum");
        g.finish();
        std::set<std::string> measures = present(ms) ? measure_set(ms, "measures") : std::set<std::string>{};
        c_.rule = GroupCap{std::move(measures), read_maximum(max)};
    }

    void read_total_public_aid(const yaml::Node& total) {
        Fields t(cx_, total, what() + " total_public_aid");
        if (!t.ok()) return;
        const yaml::Node max = t.required("maximum");
        t.finish();
        c_.rule = TotalPublicAidCap{read_maximum(max)};
    }

    Context& cx_;
    Fields& f_;
    const Program& program_;
    StackingConstraint& c_;
};

}  // namespace

void read_constraint(Context& cx, const yaml::Node& n, Program& program) {
    Fields f(cx, n, "constraint");
    if (!f.ok()) return;
    const std::size_t errors_before = cx.count();
    StackingConstraint c{"", "", {ExpenseNature::investment}, Exclusive{}};  // the rule is set by read_rule
    ConstraintReader reader(cx, f, program, c);
    reader.read_description();
    reader.read_rule(n);
    f.finish();
    if (cx.count() != errors_before) return;  // already reported: do not pile up consequences
    try {
        program.add_constraint(std::move(c));
    } catch (const subsidy::error& e) {
        cx.error(n, e);
    }
}

namespace {

// `population_guideline: {below: 20000, source: …}`.
std::optional<PopulationGuideline> read_population_guideline(Context& cx, const yaml::Node& n) {
    Fields f(cx, n, "population_guideline");
    if (!f.ok()) return std::nullopt;
    const yaml::Node below = f.required("below"), source = f.optional("source");
    f.finish();
    PopulationGuideline g;
    if (!present(below)) return std::nullopt;
    const auto b = read_integer(cx, below, "population_guideline: below");
    if (!b) return std::nullopt;
    if (*b <= 0) {
        cx.error(Code::out_of_range, below, "population_guideline: below: " + std::to_string(*b) + ": expected a positive population");
        return std::nullopt;
    }
    g.below = *b;
    if (present(source))
        if (auto s = read_string(cx, source, "population_guideline: source")) g.source = *s;
    return g;
}

// The `program:` mapping: the programme with its id, name and validity, or nothing when
// the library refuses them (already reported).
std::optional<Program> read_program_header(Context& cx, const yaml::Node& root, Fields& top) {
    std::string id, name;
    std::optional<Date> from, until;
    bool normative = false;
    std::optional<PopulationGuideline> guideline;
    // Where a problem of the programme as a whole is reported (a Mark: assigning a yaml::Node
    // that refers to the document would rewrite the document).
    yaml::Mark at = root.GetMark();
    if (const yaml::Node p = top.required("program"); present(p)) {
        at = p.GetMark();
        Fields pf(cx, p, "program");
        if (pf.ok()) {
            if (const yaml::Node v = pf.required("id"); present(v))
                if (auto s = read_string(cx, v, "program id")) id = *s;
            if (const yaml::Node v = pf.required("name"); present(v))
                if (auto s = read_string(cx, v, "program name")) name = *s;
            if (const yaml::Node v = pf.optional("valid_from"); present(v)) from = read_date(cx, v, "valid_from");
            if (const yaml::Node v = pf.optional("valid_until"); present(v)) {
                until = read_date(cx, v, "valid_until");
                at = v.GetMark();  // a validity that ends before it starts: at its end
            }
            if (const yaml::Node v = pf.optional("source"); present(v)) (void)read_string(cx, v, "source");
            if (const yaml::Node v = pf.optional("normative"); present(v)) normative = read_bool(cx, v, "normative").value_or(false);
            if (const yaml::Node v = pf.optional("population_guideline"); present(v)) guideline = read_population_guideline(cx, v);
            pf.finish();
        }
    }
    std::optional<Program> program;
    try {
        program.emplace(id.empty() ? "?" : id, name, from, until);
        program->set_normative(normative);
        program->set_population_guideline(std::move(guideline));
    } catch (const subsidy::error& e) {
        cx.error(Code::inconsistent, at, e.what());
    }
    return program;
}

void read_pillar(Context& cx, const yaml::Node& n, Program& program) {
    Fields f(cx, n, "pillar");
    if (!f.ok()) return;
    Pillar p;
    const yaml::Node pid = f.required("id"), pname = f.required("name");
    f.finish();
    if (present(pid))
        if (auto s = read_string(cx, pid, "pillar id")) p.id = *s;
    if (present(pname))
        if (auto s = read_string(cx, pname, "pillar name")) p.name = *s;
    try {
        program.add_pillar(std::move(p));
    } catch (const subsidy::error& e) {
        cx.error(n, e);
    }
}

void read_funder(Context& cx, const yaml::Node& n, Program& program) {
    Fields f(cx, n, "funder");
    if (!f.ok()) return;
    Funder fu;
    const yaml::Node fid = f.required("id"), fname = f.required("name"), group = f.optional("group");
    const yaml::Node kind = present(group) ? f.optional("kind") : f.required("kind");
    f.finish();
    if (present(fid))
        if (auto s = read_string(cx, fid, "funder id")) fu.id = *s;
    if (present(fname))
        if (auto s = read_string(cx, fname, "funder name")) fu.name = *s;
    if (present(kind))
        if (auto k = read_enum<FunderKind>(cx, kind, "funder kind")) fu.kind = *k;
    const std::size_t errors = cx.count();
    if (present(group))
        if (auto l = read_string_list(cx, group, "group")) {
            for (std::size_t i = 0; i < l->size(); ++i)
                if (!program.find_funder((*l)[i]))
                    cx.error(Code::unknown_id, group[i], "funder group '" + fu.id + "': unknown funder '" +
                                                             subsidy::detail::excerpt((*l)[i]) + "' (declare it before the group)" +
                                                             did_you_mean((*l)[i], ids_of(program.funders())));
            fu.group = *l;
        }
    if (present(group) && cx.count() != errors) return;  // a group with unknown members: not added
    try {
        program.add_funder(std::move(fu));
    } catch (const subsidy::error& e) {
        cx.error(n, e);
    }
}

// `defaults: {nature, category, membership}`: what the catalog's projects and measures take
// when they do not say it. Read before the measures, which take `membership` from it.
void read_defaults(Context& cx, const yaml::Node& n, Program& program) {
    Fields f(cx, n, "defaults");
    if (!f.ok()) return;
    ProgramDefaults d;
    if (const yaml::Node v = f.optional("nature"); present(v)) d.nature = read_enum<ExpenseNature>(cx, v, "nature");
    if (const yaml::Node v = f.optional("category"); present(v)) d.category = read_string(cx, v, "category");
    if (const yaml::Node v = f.optional("membership"); present(v))
        if (auto b = read_bool(cx, v, "membership")) d.membership = *b;
    f.finish();
    program.set_defaults(std::move(d));
}

}  // namespace

std::optional<Program> read_program(Context& cx, const yaml::Node& root, std::vector<Budget>& budgets,
                                    std::vector<yaml::Node>& budget_nodes) {
    Fields top(cx, root, "catalog");
    if (!top.ok()) return std::nullopt;
    check_format_version(cx, top);
    std::optional<Program> program = read_program_header(cx, root, top);
    if (!program) return std::nullopt;
    // In dependency order: a measure names pillars and funders, a constraint measures, a
    // budget funders and measures.
    if (const yaml::Node d = top.optional("defaults"); present(d)) read_defaults(cx, d, *program);
    for_each_item(cx, top.required("pillars"), "pillars", [&](const yaml::Node& n) { read_pillar(cx, n, *program); });
    for_each_item(cx, top.required("funders"), "funders", [&](const yaml::Node& n) { read_funder(cx, n, *program); });
    for_each_item(cx, top.required("measures"), "measures", [&](const yaml::Node& n) { read_measure(cx, n, *program); });
    for_each_item(cx, top.optional("constraints"), "constraints",
                  [&](const yaml::Node& n) { read_constraint(cx, n, *program); });
    for_each_item(cx, top.optional("budgets"), "budgets", [&](const yaml::Node& n) {
        if (auto b = read_budget(cx, n, *program)) {
            for (const Budget& other : budgets)
                if (other.id == b->id) return cx.error(Code::declared_twice, n, "budget '" + b->id + "': id: declared twice");
            budgets.push_back(std::move(*b));
            budget_nodes.push_back(n);
        }
    });
    top.finish();
    return program;
}

namespace {

// One budget being read: its fields, what has been read of it, and the programme whose
// funders and measures it may name.
class BudgetReader {
public:
    BudgetReader(Context& cx, Fields& f, const Program& program, Budget& b) : cx_(cx), f_(f), program_(program), b_(b) {}

    // Id, funder, measure and scope: what the budget is for.
    void read_target() {
        if (const yaml::Node v = f_.required("id"); present(v))
            if (auto s = read_string(cx_, v, "budget id")) b_.id = *s;
        if (const yaml::Node v = f_.required("funder"); present(v)) read_funder(v);
        if (const yaml::Node v = f_.optional("measure"); present(v)) read_measure(v);
        if (const yaml::Node v = f_.optional("scope"); v.IsDefined()) read_scope(v);
    }

    // Year, amount, policy and source: how much, and how it is shared out.
    void read_terms() {
        if (const yaml::Node v = f_.optional("year"); present(v))
            if (auto y = read_integer(cx_, v, "year")) {
                if (*y < 1900 || *y > 2200) {
                    cx_.error(Code::out_of_range, v, "year: " + std::to_string(*y) + " is not a plausible year");
                } else {
                    b_.year = std::chrono::year{static_cast<int>(*y)};
                }
            }
        if (const yaml::Node v = f_.required("amount"); present(v))
            if (auto a = read_money(cx_, v, "amount")) {
                if (a->sign() < 0) cx_.error(Code::out_of_range, v, what() + ": amount: negative (" + to_string(*a) + ")");
                b_.amount = *a;
            }
        if (const yaml::Node v = f_.optional("policy"); present(v))
            if (auto p = read_enum<BudgetPolicy>(cx_, v, "budget policy")) b_.policy = *p;
        if (const yaml::Node v = f_.optional("source"); present(v))
            if (auto s = read_string(cx_, v, "source")) b_.source = *s;
    }

private:
    [[nodiscard]] std::string what() const { return "budget '" + b_.id + "'"; }

    void read_funder(const yaml::Node& v) {
        auto s = read_string(cx_, v, "funder");
        if (!s) return;
        b_.funder = *s;
        if (!program_.find_funder(*s))
            cx_.error(Code::unknown_id, v, what() + ": unknown funder '" + *s + "'" + did_you_mean(*s, ids_of(program_.funders())));
    }

    // A measure of the programme that the budget's funder funds (when that funder is known).
    void read_measure(const yaml::Node& v) {
        auto s = read_string(cx_, v, "measure");
        if (!s) return;
        b_.measure = *s;
        if (const Measure* m = program_.find_measure(*s); !m) {
            cx_.error(Code::unknown_id, v, what() + ": unknown measure '" + *s + "'" + did_you_mean(*s, ids_of(program_.measures())));
        } else if (program_.find_funder(b_.funder)) {
            if (!m->funded_by(b_.funder))
                cx_.error(Code::inconsistent, v, what() + ": measure: funder '" + b_.funder + "' does not fund measure '" + *s + "'");
        }
    }

    // `{department: "14"}` or `{epci: SIREN}`; the programme as a whole when absent. A scope
    // given empty (`scope:`, `scope: {}`, `{department: ""}`) is refused, never "everywhere".
    void read_scope(const yaml::Node& v) {
        const std::string empty = what() + " scope: empty; give {department: \"14\"} or {epci: SIREN}, or leave out "
                                           "'scope' for the whole programme";
        if (v.IsNull() || (v.IsMap() && v.size() == 0)) return cx_.error(Code::inconsistent, v, empty);
        Fields s(cx_, v, what() + " scope");
        if (!s.ok()) return;
        const yaml::Node dep = s.optional("department"), epci = s.optional("epci");
        s.finish();
        if (present(dep) && present(epci)) {
            cx_.error(Code::inconsistent, v, what() + " scope: a department or an EPCI, not both");
        } else if (present(dep)) {
            if (auto d = read_string(cx_, dep, "department")) b_.scope = {BudgetScope::Kind::department, *d};
        } else if (present(epci)) {
            if (auto e = read_string(cx_, epci, "epci")) b_.scope = {BudgetScope::Kind::epci, *e};
        } else if (dep.IsDefined() || epci.IsDefined()) {
            cx_.error(Code::inconsistent, v, empty);
        }
        if (b_.scope.kind != BudgetScope::Kind::program && b_.scope.id.empty()) cx_.error(Code::inconsistent, v, empty);
    }

    Context& cx_;
    Fields& f_;
    const Program& program_;
    Budget& b_;
};

}  // namespace

std::optional<Budget> read_budget(Context& cx, const yaml::Node& n, const Program& program) {
    Fields f(cx, n, "budget");
    if (!f.ok()) return std::nullopt;
    const std::size_t errors_before = cx.count();
    Budget b;
    BudgetReader reader(cx, f, program, b);
    reader.read_target();
    reader.read_terms();
    f.finish();
    if (cx.count() != errors_before) return std::nullopt;
    return b;
}

}  // namespace subsidy::io::detail
