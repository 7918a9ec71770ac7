// The envelope table for people (see write_envelopes in include/subsidy/io/report.hpp):
// aligned columns, French amounts, a pivoted last dimension, the places' own share.
#include <algorithm>
#include <map>
#include <set>

#include "envelope_report.hpp"
#include "report_format.hpp"

namespace subsidy::io::detail {

namespace {

// A table of text cells: the first `label_columns` left-aligned, the others right-aligned.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows, std::size_t label_columns) {
    if (rows.empty()) return;
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], width(r[i]));
    for (std::size_t k = 0; k < rows.size(); ++k) {
        std::string line;
        for (std::size_t i = 0; i < rows[k].size(); ++i) {
            if (i) line += "  ";
            line += i < label_columns ? pad_right(rows[k][i], widths[i]) : pad_left(rows[k][i], widths[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
        if (k == 0) {
            std::size_t total = 0;
            for (std::size_t w : widths) total += w;
            out << std::string(total + 2 * (widths.size() - 1), '-') << '\n';
        }
    }
}

// Order of geographic keys (INSEE codes, SIRENs, department codes), unknown places last.
bool geo_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i] == b[i]) continue;
        if (a[i].empty()) return false;
        if (b[i].empty()) return true;
        return a[i] < b[i];
    }
    return a.size() < b.size();
}

bool has_name_column(Dimension d) { return d == Dimension::town || d == Dimension::epci; }

std::string header_of(Dimension d) {
    switch (d) {
        case Dimension::town: return "INSEE";
        case Dimension::epci: return "SIREN";
        case Dimension::department: return "Dept";
        case Dimension::pillar: return "Pillar";
        case Dimension::funder: return "Funder";
        case Dimension::measure: return "Measure";
        case Dimension::year: return "Year";
    }
    return "";
}

// The label cells of a key: a code (and a name for towns and EPCIs) for geographic values,
// a name otherwise.
std::vector<std::string> label_cells(const Names& names, const std::vector<Dimension>& by, const std::vector<std::string>& key) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < by.size(); ++i) {
        if (has_name_column(by[i])) cells.push_back(key[i].empty() ? "-" : key[i]);  // the code, then the name
        cells.push_back(names(by[i], key[i]));
    }
    return cells;
}

std::vector<std::string> label_headers(const std::vector<Dimension>& by) {
    std::vector<std::string> h;
    for (Dimension d : by) {
        h.push_back(header_of(d));
        if (has_name_column(d)) h.push_back(d == Dimension::town ? "Town" : "EPCI");
    }
    return h;
}

// How an envelope table is laid out: with two dimensions or more whose last one is not
// geographic, that last one becomes the columns; rows keyed by places only (or the total
// alone) also show their own share.
struct TableLayout {
    bool pivot = false;
    std::vector<Dimension> row_by;
    std::vector<std::string> columns;  // pivoted values, in table order
    std::map<std::vector<std::string>, const Balance*> balance_of;
};

// Every pillar (funder, measure) of the programme is a column, with money or not; years
// are those with money.
std::vector<std::string> pivot_columns(const Program& p, const EnvelopeTable& t) {
    std::vector<std::string> columns;
    switch (t.by.back()) {
        case Dimension::pillar:
            for (const Pillar& x : p.pillars()) columns.push_back(x.id);
            break;
        case Dimension::funder:
            for (const Funder& x : p.funders()) columns.push_back(x.id);
            break;
        case Dimension::measure:
            for (const Measure& x : p.measures()) columns.push_back(x.id);
            break;
        default:
            for (const EnvelopeRow& r : t.rows)
                if (std::find(columns.begin(), columns.end(), r.key.back()) == columns.end()) columns.push_back(r.key.back());
            std::sort(columns.begin(), columns.end());  // years
    }
    return columns;
}

TableLayout layout_of(const Program& p, const EnvelopeTable& t) {
    TableLayout l;
    l.pivot = t.by.size() >= 2 && !is_geographic(t.by.back());
    l.row_by = t.by;
    if (l.pivot) {
        l.row_by.pop_back();
        l.columns = pivot_columns(p, t);
    }
    const bool own = all_geographic(l.row_by) || l.row_by.empty();
    if (own && t.balance_by == l.row_by)
        for (const BalanceRow& b : t.balances) l.balance_of[b.key] = &b.balance;
    return l;
}

std::vector<std::string> header_row(const Names& names, const EnvelopeTable& t, const TableLayout& l) {
    std::vector<std::string> header = label_headers(l.row_by);
    if (l.pivot) {
        for (const std::string& c : l.columns) header.push_back(names(t.by.back(), c));
        header.push_back("Total aid");
    } else {
        header.push_back("Cash aid");
    }
    header.push_back("In kind");
    header.push_back("Pass-through");
    if (!l.balance_of.empty()) header.push_back("Own share");
    return header;
}

// The rows of the table (a row key and its envelope rows), in the order they are printed.
using RowGroup = std::pair<std::vector<std::string>, std::vector<const EnvelopeRow*>>;

std::vector<RowGroup> row_groups(const EnvelopeTable& t, const TableLayout& l) {
    // Consecutive, since rows are sorted by key.
    std::vector<RowGroup> groups;
    for (const EnvelopeRow& r : t.rows) {
        std::vector<std::string> k(r.key.begin(), r.key.begin() + static_cast<std::ptrdiff_t>(l.row_by.size()));
        if (groups.empty() || groups.back().first != k) groups.push_back({k, {}});
        groups.back().second.push_back(&r);
    }
    // Geographic rows that only have a balance (a town whose projects got no aid): looked up
    // in a set, since a national run has tens of thousands of towns.
    std::set<std::vector<std::string>> with_rows;
    for (const RowGroup& g : groups) with_rows.insert(g.first);
    for (const auto& entry : l.balance_of)
        if (!with_rows.contains(entry.first)) groups.push_back({entry.first, {}});
    if (!l.balance_of.empty())  // geographic keys: codes in string order, unknown ("") last
        std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return geo_less(a.first, b.first); });
    return groups;
}

// The cells of one row; its pivoted cash is added to `column_totals`.
std::vector<std::string> group_row(const Names& names, const TableLayout& l, const RowGroup& group,
                                   std::vector<Money>& column_totals) {
    const auto& [k, members] = group;
    std::vector<std::string> cells = label_cells(names, l.row_by, k);
    if (l.pivot) {
        for (std::size_t c = 0; c < l.columns.size(); ++c) {
            Money cash;
            for (const EnvelopeRow* r : members)
                if (r->key.back() == l.columns[c]) cash += r->amounts.cash;
            column_totals[c] += cash;
            cells.push_back(fr(cash));
        }
    }
    Amounts sum;
    for (const EnvelopeRow* r : members) sum += r->amounts;
    cells.push_back(fr(sum.cash));
    cells.push_back(fr(sum.in_kind));
    cells.push_back(fr(sum.pass_through));
    if (!l.balance_of.empty()) {
        auto it = l.balance_of.find(k);
        cells.push_back(it == l.balance_of.end() ? fr(Money()) : fr(it->second->own_share));
    }
    return cells;
}

std::vector<std::string> total_row(const EnvelopeTable& t, const TableLayout& l, std::size_t labels,
                                   const std::vector<Money>& column_totals) {
    std::vector<std::string> last(labels, "");
    if (labels > 0) last[0] = "Total";
    for (const Money& m : column_totals) last.push_back(fr(m));
    last.push_back(fr(t.total.cash));
    last.push_back(fr(t.total.in_kind));
    last.push_back(fr(t.total.pass_through));
    if (!l.balance_of.empty()) last.push_back(fr(t.total_balance.own_share));
    return last;
}

}  // namespace

namespace {

// Support without a price, summed by pillar and measure over the table (a quantity of a unit,
// never euros): "Club Petites villes de demain: 12 member towns (pvd-club)".
void write_services(std::ostream& out, const Program& p, const EnvelopeTable& t) {
    std::map<std::pair<std::size_t, std::size_t>, std::int64_t> total;  // (pillar, measure) in programme order
    for (const ServiceRow& r : t.services) {
        const auto& ms = p.measures();
        std::size_t m = 0;
        while (m < ms.size() && ms[m].id != r.measure) ++m;
        total[{p.pillar_index(r.pillar), m}] += r.quantity;
    }
    if (total.empty()) return;
    out << "\nSupport without a published price (counted, not in euros)\n";
    for (const auto& [k, q] : total) {
        const Measure& m = p.measures()[k.second];
        out << "  " << p.pillars()[k.first].name << ": " << q << " " << std::get<ServiceFormula>(m.formula).label(q) << " ("
            << m.id << ")\n";
    }
}

}  // namespace

void envelopes_table(std::ostream& out, const Scenario& s, const EnvelopeTable& t) {
    const Names names{s};
    const Program& p = s.catalog.program;
    out << "Envelopes of " << p.name() << " (" << p.id() << ") — scenario " << s.path;
    if (s.options.date) out << ", computed on " << to_string(*s.options.date);
    out << "\n\n";
    const TableLayout l = layout_of(p, t);
    std::vector<std::vector<std::string>> rows;
    rows.push_back(header_row(names, t, l));
    const std::size_t labels = label_headers(l.row_by).size();
    std::vector<Money> column_totals(l.columns.size());
    for (const RowGroup& g : row_groups(t, l)) rows.push_back(group_row(names, l, g, column_totals));
    rows.push_back(total_row(t, l, labels, column_totals));
    print_table(out, rows, labels);
    const Balance& b = t.total_balance;
    out << "\nCost " << fr(b.cost) << ", private funding " << fr(b.private_funding);
    if (!b.other_resources.is_zero()) out << ", other resources " << fr(b.other_resources);
    out << ", cash aid " << fr(b.cash);
    if (const auto r = effective_rate(b.cash, b.cost)) out << " (" << rate_text(*r) << " of the cost)";
    out << ", own share " << fr(b.own_share) << " (in kind, outside the balance: " << fr(b.in_kind) << ")\n";
    write_services(out, p, t);
}

}  // namespace subsidy::io::detail
