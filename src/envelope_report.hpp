// What the envelope reports share (envelope_report.cpp, envelope_table.cpp): the names
// shown for the values of a dimension. Private to subsidy::io.
#pragma once

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "subsidy/envelopes/envelopes.hpp"
#include "subsidy/io/scenario.hpp"

namespace subsidy::io::detail {

// Names shown for the values of a dimension.
struct Names {
    const Scenario& s;
    std::string operator()(Dimension d, const std::string& v) const {
        const Program& p = s.catalog.program;
        switch (d) {
            case Dimension::town:
                if (v.empty()) return "(no town: the carrier's own)";
                if (const Commune* c = s.territory.find_commune(v)) return c->name;
                return v;
            case Dimension::epci:
                if (v.empty()) return "(no EPCI)";
                if (const Epci* e = s.territory.find_epci(v)) return e->name;
                return v;
            case Dimension::department: return v.empty() ? "(no department)" : v;
            case Dimension::pillar:
                if (const Pillar* x = p.find_pillar(v)) return x->name;
                return v;
            case Dimension::funder:
                if (const Funder* x = p.find_funder(v)) return x->name;
                return v;
            case Dimension::measure:
                if (const Measure* x = p.find_measure(v)) return x->title.empty() ? v : x->title;
                return v;
            case Dimension::year: return v;
        }
        return v;
    }
};

/// Whether every dimension of `by` is a place (town, EPCI, department): rows keyed so show
/// the places' balance.
inline bool all_geographic(const std::vector<Dimension>& by) {
    return !by.empty() && std::all_of(by.begin(), by.end(), [](Dimension d) { return is_geographic(d); });
}

/// The envelopes of `t` as an aligned table with French amounts (see write_envelopes).
void envelopes_table(std::ostream& out, const Scenario& s, const EnvelopeTable& t);

}  // namespace subsidy::io::detail
