// detail::EnvelopeCodes: the small integers the envelopes (envelopes.hpp) key their sums by,
// and back. A town, an EPCI, a department is coded by its rank in the documented order of
// rows (INSEE code, SIREN, department code), so that sorting codes sorts rows; a pillar,
// funder or measure by its index in the programme; a year by year + 40000; a place that is
// not known (no town, for an EPCI's own project) by `unknown_place`, which sorts last. Built
// once per Envelopes and shared by its empty_like copies (one per thread).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "subsidy/envelopes/table.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/attribution.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy::detail {

using EnvelopeKey = std::array<std::uint32_t, 7>;  // one code per Dimension, 0 where not kept
inline constexpr std::uint32_t unknown_place = std::numeric_limits<std::uint32_t>::max();  // sorts last

// The codes of `k` for the dimensions `by`, in that order.
inline std::vector<std::uint32_t> project_key(const EnvelopeKey& k, const std::vector<Dimension>& by) {
    std::vector<std::uint32_t> out;
    out.reserve(by.size());
    for (Dimension d : by) out.push_back(k[static_cast<std::size_t>(d)]);
    return out;
}

class EnvelopeCodes {
    using Key = EnvelopeKey;
    static constexpr std::uint32_t unknown = unknown_place;
    static constexpr std::size_t index(Dimension d) noexcept { return static_cast<std::size_t>(d); }

public:
    EnvelopeCodes(const Program& program, const Territory& territory) : program_(&program), territory_(&territory) {
        std::uint32_t i = 0;
        for (const auto& [insee, c] : territory.communes()) {
            town_codes_.emplace(insee, i++);
            towns_.push_back(insee);
        }
        i = 0;
        for (const auto& [siren, e] : territory.epcis()) {
            epci_codes_.emplace(siren, i++);
            epcis_.push_back(siren);
        }
        std::set<std::string> departments;
        for (const auto& [insee, c] : territory.communes()) departments.insert(department_of(insee));
        for (const auto& [siren, e] : territory.epcis())
            if (std::string d = department_of_epci(territory, siren); !d.empty()) departments.insert(d);
        for (const auto& [ref, body] : territory.bodies())
            if (std::string d = territory.department_of_beneficiary(ref); !d.empty()) departments.insert(d);
        departments_.assign(departments.begin(), departments.end());
        for (std::uint32_t k = 0; k < departments_.size(); ++k) department_codes_.emplace(departments_[k], k);
        for (const Measure& m : program.measures())
            pillar_of_measure_.push_back(static_cast<std::uint32_t>(program.pillar_index(m.pillar)));
    }

    [[nodiscard]] std::uint32_t pillar_of_measure(std::uint32_t measure) const { return pillar_of_measure_[measure]; }
    static std::uint32_t year_code(std::chrono::year y) { return static_cast<std::uint32_t>(static_cast<int>(y) + 40000); }

    // The code of a place's town, EPCI or department; `unknown` when it has none.
    static std::uint32_t place_code(const std::unordered_map<std::string, std::uint32_t>& codes, const std::string& id) {
        auto it = codes.find(id);
        return id.empty() || it == codes.end() ? unknown : it->second;
    }

    // The geographic codes of a place (all three, whatever the dimensions kept).
    Key place_codes(const std::string& town, const std::string& epci, const std::string& department) const {
        Key k{};
        k[index(Dimension::town)] = place_code(town_codes_, town);
        k[index(Dimension::epci)] = place_code(epci_codes_, epci);
        k[index(Dimension::department)] = place_code(department_codes_, department);
        return k;
    }

    std::string name(Dimension d, std::uint32_t c) const {
        if (c == unknown) return "";
        switch (d) {
            case Dimension::town: return towns_[c];
            case Dimension::epci: return epcis_[c];
            case Dimension::department: return departments_[c];
            case Dimension::pillar: return program_->pillars()[c].id;
            case Dimension::funder: return program_->funders()[c].id;
            case Dimension::measure: return program_->measures()[c].id;
            case Dimension::year: return std::to_string(static_cast<int>(c) - 40000);
        }
        return "";
    }

    std::vector<std::string> names(const std::vector<std::uint32_t>& k, const std::vector<Dimension>& by) const {
        std::vector<std::string> out;
        out.reserve(k.size());
        for (std::size_t i = 0; i < k.size(); ++i) out.push_back(name(by[i], k[i]));
        return out;
    }

    // The (town, EPCI, department) combinations of the territory, projected on `geo`.
    std::set<std::vector<std::uint32_t>> territory_places(const std::vector<Dimension>& geo) const {
        std::set<std::vector<std::uint32_t>> out;
        if (geo.empty()) return out;
        auto add = [&](const std::string& town, const std::string& epci, const std::string& department) {
            out.insert(project_key(place_codes(town, epci, department), geo));
        };
        for (const auto& [insee, c] : territory_->communes()) add(insee, c.epci, department_of(insee));
        if (std::find(geo.begin(), geo.end(), Dimension::town) == geo.end())
            for (const auto& [siren, e] : territory_->epcis()) add("", siren, department_of_epci(*territory_, siren));
        const bool departments_only = std::find(geo.begin(), geo.end(), Dimension::epci) == geo.end() &&
                                      std::find(geo.begin(), geo.end(), Dimension::town) == geo.end();
        if (departments_only)  // a department's own projects land in no town nor EPCI
            for (const auto& [ref, body] : territory_->bodies())
                if (std::string d = territory_->department_of_beneficiary(ref); !d.empty()) add("", "", d);
        return out;
    }

    // Every combination of the places of the territory (and of the rows) with every pillar,
    // funder, measure and year (first_year to last_year) of `by`: the rows of Grid::full.
    std::vector<std::vector<std::uint32_t>> full_grid(const std::vector<Dimension>& by,
                                                      const std::map<std::vector<std::uint32_t>, Amounts>& rows,
                                                      int first_year, int last_year) const {
        std::vector<Dimension> geo;
        std::vector<std::size_t> geo_at, other_at;
        for (std::size_t i = 0; i < by.size(); ++i) {
            if (is_geographic(by[i])) {
                geo.push_back(by[i]);
                geo_at.push_back(i);
            } else {
                other_at.push_back(i);
            }
        }
        std::set<std::vector<std::uint32_t>> places = territory_places(geo);
        for (const auto& [k, a] : rows) {
            std::vector<std::uint32_t> g;
            for (std::size_t i : geo_at) g.push_back(k[i]);
            places.insert(std::move(g));
        }
        if (places.empty()) places.insert(std::vector<std::uint32_t>{});  // no geographic dimension: one empty place
        std::vector<std::vector<std::uint32_t>> values(by.size());
        for (std::size_t i : other_at) {
            const auto upto = [&](std::size_t n) {
                for (std::uint32_t c = 0; c < n; ++c) values[i].push_back(c);
            };
            switch (by[i]) {
                case Dimension::pillar: upto(program_->pillars().size()); break;
                case Dimension::funder: upto(program_->funders().size()); break;
                case Dimension::measure: upto(program_->measures().size()); break;
                default:  // year
                    for (int y = first_year; y <= last_year; ++y) values[i].push_back(year_code(std::chrono::year{y}));
            }
        }
        std::vector<std::vector<std::uint32_t>> out;
        std::vector<std::uint32_t> k(by.size());
        auto product = [&](auto&& self, std::size_t j) -> void {
            if (j == other_at.size()) return out.push_back(k);
            for (std::uint32_t v : values[other_at[j]]) {
                k[other_at[j]] = v;
                self(self, j + 1);
            }
        };
        for (const auto& g : places) {
            for (std::size_t j = 0; j < geo_at.size(); ++j) k[geo_at[j]] = g[j];
            product(product, 0);
        }
        return out;
    }

private:
    const Program* program_;
    const Territory* territory_;
    std::unordered_map<std::string, std::uint32_t> town_codes_, epci_codes_, department_codes_;
    std::vector<std::uint32_t> pillar_of_measure_;  // by measure index
    std::vector<std::string> towns_, epcis_, departments_;
};

}  // namespace subsidy::detail
