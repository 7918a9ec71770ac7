// The expense reader: what a project costs year by year (docs/scenario-format.md, Expenses):
// the cost (`amount`, or `ttc`), the amount before VAT (`ht`), the subsidisable base
// (`eligible`: an amount, or `ht`), the period it covers, and its cost items, each with its
// own figures and the measures it is not eligible for; and the project's other resources.
//
// Every figure is checked where it is written: not negative, at most the cost it is part of,
// items adding up to a stated amount, so that the engine's own checks (Project::validate)
// never have to speak for a file.
#include <set>
#include <string>
#include <vector>

#include "catalog_reader.hpp"
#include "scenario_reader.hpp"

namespace subsidy::io::detail {

namespace {

// The money figures of an expense or of an item, as read (absent: not given).
struct Figures {
    std::optional<Money> amount, ht, eligible;
    yaml::Node amount_at, ht_at, eligible_at;
};

class ExpenseReader {
public:
    ExpenseReader(Context& cx, const Program& program, std::string what) : cx_(cx), program_(program), what_(std::move(what)) {}

    // One year's expense; `years` are the years already given (one expense a year).
    void read(const yaml::Node& e, std::set<int>& years, std::vector<Expense>& into) {
        Fields ef(cx_, e, "expense");
        if (!ef.ok()) return;
        const yaml::Node year = ef.required("year");
        Figures fig = read_figures(ef, e, true);
        const yaml::Node items = ef.optional("items"), from = ef.optional("from"), until = ef.optional("until"),
                         date = ef.optional("date");
        ef.finish();
        auto y = present(year) ? read_integer(cx_, year, "year") : std::nullopt;
        if (!y) return;
        if (*y < 1900 || *y > 2200) return cx_.error(Code::out_of_range, year, "year: " + std::to_string(*y) + " is not a plausible year");
        const std::string ys = std::to_string(*y);
        Expense ex{std::chrono::year{static_cast<int>(*y)}, Money(), std::nullopt, std::nullopt};
        if (present(items) && !read_items(items, fig, ys, ex)) return;
        if (!present(items) && !present(fig.amount_at))
            return cx_.error(Code::missing, e, "expense: missing 'amount' (its cost; or 'ttc', or 'items')");
        if (!fig.amount || !check_figures(fig, ys)) return;
        ex.amount = *fig.amount;
        ex.ht = fig.ht;
        ex.eligible = fig.eligible;
        if (!years.insert(static_cast<int>(*y)).second)
            return cx_.error(Code::declared_twice, year, what_ + ": a second expense for " + ys + " (one per year)");
        if (!read_period(e, from, until, ex) || !read_date_of(date, ex)) return;
        warn_outside_validity(year, ex);
        into.push_back(std::move(ex));
    }

private:
    // `amount` (or its synonym `ttc`), `ht` and `eligible` (an amount, or `ht`) of `n`.
    Figures read_figures(Fields& f, const yaml::Node& n, bool in_expense) {
        Figures fig;
        const yaml::Node amount = f.optional("amount"), ttc = f.optional("ttc");
        if (present(amount) && present(ttc))
            cx_.error(Code::inconsistent, ttc, what_ + ": give the cost as amount or as ttc, not both");
        fig.amount_at = present(amount) ? amount : ttc;
        if (!in_expense && !present(fig.amount_at)) cx_.error(Code::missing, n, "item: missing 'amount' (what it costs)");
        if (present(fig.amount_at)) fig.amount = read_money(cx_, fig.amount_at, present(amount) ? "amount" : "ttc");
        fig.ht_at = f.optional("ht");
        if (present(fig.ht_at)) fig.ht = read_money(cx_, fig.ht_at, "ht");
        fig.eligible_at = f.optional("eligible");
        if (present(fig.eligible_at) && fig.eligible_at.IsScalar() && fig.eligible_at.Scalar() == "ht") {
            if (!present(fig.ht_at)) cx_.error(Code::missing, fig.eligible_at, what_ + ": eligible: ht, but no 'ht' amount is given");
            fig.eligible = fig.ht;
        } else if (present(fig.eligible_at)) {
            fig.eligible = read_money(cx_, fig.eligible_at, "eligible");
        }
        return fig;
    }

    // Not negative, HT and eligible base at most the cost; `where`: "2024" or "2024, item 'x'".
    bool check_figures(const Figures& fig, const std::string& where) {
        bool ok = true;
        auto check = [&](const std::optional<Money>& v, const yaml::Node& at, const std::string& name) {
            if (!v) return;
            if (v->sign() < 0) {
                cx_.error(Code::out_of_range, at,
                          what_ + ": " + (name == "cost" ? "amount: negative cost " : name + ": negative ") + to_string(*v) + " in " + where);
                ok = false;
            } else if (fig.amount && *v > *fig.amount && name != "cost") {
                cx_.error(Code::inconsistent, at, what_ + ": " + name + " " + to_string(*v) + " is above the cost " +
                                                      to_string(*fig.amount) + " in " + where);
                ok = false;
            }
        };
        check(fig.amount, fig.amount_at, "cost");
        check(fig.ht, fig.ht_at, "ht");
        check(fig.eligible, fig.eligible_at, "eligible base");
        return ok;
    }

    // The items of a year: each read and checked; their sum is the expense's amount (which,
    // if stated too, must be that sum). HT and eligible bases are then the items' own.
    bool read_items(const yaml::Node& items, Figures& fig, const std::string& year, Expense& ex) {
        if (!items.IsSequence() || items.size() == 0) {
            cx_.error(Code::wrong_type, items, "items: expected a list of {label, amount}");
            return false;
        }
        if (present(fig.ht_at) || present(fig.eligible_at)) {
            cx_.error(Code::inconsistent, present(fig.ht_at) ? fig.ht_at : fig.eligible_at,
                      what_ + ": with items, ht and eligible are given on each item");
            return false;
        }
        bool ok = true;
        Money total;
        for (const yaml::Node& n : items)
            if (auto item = read_item(n, year)) {
                total += item->amount;
                ex.items.push_back(std::move(*item));
            } else {
                ok = false;
            }
        if (!ok) return false;
        if (fig.amount && *fig.amount != total) {
            cx_.error(Code::inconsistent, fig.amount_at, what_ + ": the items of " + year + " add up to " + to_string(total) +
                                                             ", not the stated " + to_string(*fig.amount));
            return false;
        }
        fig.amount = total;
        return true;
    }

    std::optional<CostItem> read_item(const yaml::Node& n, const std::string& year) {
        Fields f(cx_, n, "item");
        if (!f.ok()) return std::nullopt;
        const std::size_t errors = cx_.count();
        CostItem item;
        if (const yaml::Node l = f.required("label"); present(l))
            if (auto s = read_string(cx_, l, "label")) item.label = *s;
        const Figures fig = read_figures(f, n, false);
        const yaml::Node not_for = f.optional("not_for");
        f.finish();
        if (present(not_for)) read_not_for(not_for, item);
        if (cx_.count() != errors || !fig.amount || !check_figures(fig, year + ", item '" + item.label + "'")) return std::nullopt;
        item.amount = *fig.amount;
        item.ht = fig.ht;
        item.eligible = fig.eligible;
        return item;
    }

    // The measures an item is not eligible for: measures of the programme.
    void read_not_for(const yaml::Node& v, CostItem& item) {
        const auto ids = read_string_list(cx_, v, "not_for");
        if (!ids) return;
        for (std::size_t i = 0; i < ids->size(); ++i) {
            const std::string& id = (*ids)[i];
            if (!program_.find_measure(id))
                cx_.error(Code::unknown_id, v[i], what_ + ": not_for: unknown measure '" + subsidy::detail::excerpt(id) + "'" +
                                                      did_you_mean(id, ids_of(program_.measures())));
            item.not_for.push_back(id);
        }
    }

    // The part of its year an expense covers, `from` and `until` defaulting to the year's
    // ends; false (reported) when it is not inside that year.
    bool read_period(const yaml::Node& e, const yaml::Node& from, const yaml::Node& until, Expense& ex) {
        std::optional<Date> first = present(from) ? read_date(cx_, from, "from") : std::nullopt;
        std::optional<Date> last = present(until) ? read_date(cx_, until, "until") : std::nullopt;
        if (!present(from) && !present(until)) return true;
        const std::chrono::year cy = ex.year;
        const Date a0 = first.value_or(cy / std::chrono::January / 1);
        const Date b0 = last.value_or(cy / std::chrono::December / 31);
        if (a0.year() != cy || b0.year() != cy || b0 < a0) {
            cx_.error(Code::inconsistent, e, what_ + ": the period " + to_string(a0) + " .. " + to_string(b0) + " is not inside " +
                                                 std::to_string(static_cast<int>(cy)));
            return false;
        }
        ex.covered = DateRange(a0, b0);
        return true;
    }

    bool read_date_of(const yaml::Node& date, Expense& ex) {
        if (!present(date)) return true;
        auto d = read_date(cx_, date, "date");
        if (!d) return true;  // reported
        if (d->year() != ex.year) {
            cx_.error(Code::inconsistent, date,
                      what_ + ": date " + to_string(*d) + " is not in " + std::to_string(static_cast<int>(ex.year)));
            return false;
        }
        ex.date = *d;
        return true;
    }

    // W003: an expense wholly outside the programme's validity gets nothing from it.
    void warn_outside_validity(const yaml::Node& at, const Expense& ex) {
        const DateRange period = ex.period();
        const auto& from = program_.valid_from();
        const auto& until = program_.valid_until();
        if ((from && period.last() < *from) || (until && *until < period.first()))
            cx_.warn(Code::outside_validity, at,
                     what_ + ": the expense of " + std::to_string(static_cast<int>(ex.year)) + " (" + to_string(period.first()) +
                         " .. " + to_string(period.last()) + ") is outside the validity of programme '" + program_.id() +
                         "' (" + (from ? to_string(*from) : std::string("…")) + " .. " +
                         (until ? to_string(*until) : std::string("…")) + "): no measure pays for it");
    }

    Context& cx_;
    const Program& program_;
    std::string what_;
};

// One other resource: `{label: FCTVA, amount: 81169}`.
std::optional<OtherResource> read_other_resource(Context& cx, const yaml::Node& n, const std::string& what) {
    Fields f(cx, n, "other resource");
    if (!f.ok()) return std::nullopt;
    const yaml::Node label = f.required("label"), amount = f.required("amount");
    f.finish();
    auto l = present(label) ? read_string(cx, label, "label") : std::nullopt;
    auto a = present(amount) ? read_money(cx, amount, "amount") : std::nullopt;
    if (!l || !a) return std::nullopt;
    if (a->sign() < 0) {
        cx.error(Code::out_of_range, amount, what + ": other resource '" + *l + "': negative (" + to_string(*a) + ")");
        return std::nullopt;
    }
    return OtherResource{*l, *a};
}

}  // namespace

void read_expenses(Context& cx, const yaml::Node& v, const Program& program, const std::string& what, std::vector<Expense>& into) {
    if (!v.IsSequence()) return cx.error(Code::wrong_type, v, "expenses: expected a list of {year, amount}");
    ExpenseReader reader(cx, program, what);
    std::set<int> years;
    for (const yaml::Node& e : v) reader.read(e, years, into);
}

void read_other_resources(Context& cx, const yaml::Node& v, const std::string& what, std::vector<OtherResource>& into) {
    for_each_item(cx, v, "other_resources", [&](const yaml::Node& n) {
        if (auto r = read_other_resource(cx, n, what)) into.push_back(std::move(*r));
    });
}

}  // namespace subsidy::io::detail
