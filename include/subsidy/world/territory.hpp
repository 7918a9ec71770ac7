// The territory: communes (by INSEE code), EPCIs (by SIREN), other bodies (departments, PETR,
// syndicates, associations) and their programme memberships with the convention date.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "subsidy/time/date.hpp"
#include "subsidy/error.hpp"
#include "subsidy/rules/program.hpp"

namespace subsidy {

struct Commune {
    std::string insee;  ///< five characters, e.g. "14047" (Corsica "2A004", overseas "97101")
    std::string name;
    /// Population municipale; unknown when the scenario does not give it (a rule that reads
    /// it then fails its check, and the scenario reader reports it: docs/scenario-format.md).
    std::optional<std::int64_t> population;
    std::optional<int> population_year;
    std::string epci;  ///< SIREN of its EPCI, empty if none is known
};

struct Epci {
    std::string siren;
    std::string name;
    std::optional<std::int64_t> population;  ///< unknown when not given, as for a commune
    /// Its department when declared (an EPCI known without its communes: a grant's
    /// beneficiary); else the one its communes of the territory share.
    std::string department{};
};

/// Any other beneficiary: a department (its id is its code, "14", "2A", "971"), PETR,
/// syndicate, association…
struct Body {
    BeneficiaryKind kind = BeneficiaryKind::other;
    std::string id;
    std::string name;
    std::optional<std::int64_t> population;
};

/// A beneficiary named by kind and identifier (INSEE code for a commune, SIREN for an EPCI).
struct BeneficiaryRef {
    BeneficiaryKind kind = BeneficiaryKind::commune;
    std::string id;
    friend auto operator<=>(const BeneficiaryRef&, const BeneficiaryRef&) = default;
};

[[nodiscard]] inline std::string to_string(const BeneficiaryRef& b) { return to_string(b.kind) + " " + b.id; }

/// What the engine needs to know of a beneficiary.
struct BeneficiaryInfo {
    BeneficiaryRef ref;
    std::string name;
    std::optional<std::int64_t> population;
};

/// Department code of a commune from its INSEE code: "14" for 14047, "2A" for 2A004, "971"
/// for 97101 (overseas departments have three characters).
[[nodiscard]] inline std::string department_of(const std::string& insee) {
    if (insee.size() >= 3 && insee[0] == '9' && (insee[1] == '7' || insee[1] == '8')) return insee.substr(0, 3);
    return insee.substr(0, 2);
}

/// Whether `code` is written as a department's: two digits, 2A or 2B (Corsica), or three
/// digits from 971 (overseas).
[[nodiscard]] inline bool is_department_code(const std::string& code) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (code.size() == 2) return (digit(code[0]) && digit(code[1])) || code == "2A" || code == "2B";
    return code.size() == 3 && code[0] == '9' && code[1] == '7' && digit(code[2]);
}

class Territory {
public:
    Territory& add_commune(Commune c) {
        if (c.insee.size() != 5) throw invalid_argument("commune '" + c.insee + "': insee: expected a five-character INSEE code");
        if (c.population && *c.population < 0) throw invalid_argument("commune '" + c.insee + "': population: negative");
        if (!communes_.emplace(c.insee, c).second)
            throw invalid_argument("commune '" + c.insee + "': declared twice");
        if (!c.epci.empty()) {  // the department of its EPCI, kept as communes come
            const std::string d = department_of(c.insee);
            auto [it, first] = epci_departments_.emplace(c.epci, d);
            if (!first && it->second != d) it->second = mixed_departments;
        }
        return *this;
    }
    Territory& add_epci(Epci e) {
        if (e.siren.empty()) throw invalid_argument("epci: empty siren");
        if (e.population && *e.population < 0) throw invalid_argument("epci '" + e.siren + "': population: negative");
        if (!epcis_.emplace(e.siren, e).second) throw invalid_argument("epci '" + e.siren + "': declared twice");
        return *this;
    }
    Territory& add_body(Body b) {
        if (b.id.empty()) throw invalid_argument("body: empty id");
        if (b.kind == BeneficiaryKind::department && !is_department_code(b.id))
            throw invalid_argument("department '" + b.id + "': id: expected a department code (\"14\", \"2A\", \"971\")");
        if (!bodies_.emplace(BeneficiaryRef{b.kind, b.id}, b).second)
            throw invalid_argument(to_string(b.kind) + " '" + b.id + "': declared twice");
        return *this;
    }
    /// `beneficiary` signed the convention of `program` on `convention`.
    Territory& add_membership(const std::string& program, const BeneficiaryRef& beneficiary, Date convention) {
        if (!info(beneficiary))
            throw invalid_argument("membership of " + to_string(beneficiary) + " in '" + program + "': unknown beneficiary");
        if (!memberships_.emplace(std::make_pair(program, beneficiary), convention).second)
            throw invalid_argument("membership of " + to_string(beneficiary) + " in '" + program + "': declared twice");
        return *this;
    }

    [[nodiscard]] const Commune* find_commune(const std::string& insee) const {
        auto it = communes_.find(insee);
        return it == communes_.end() ? nullptr : &it->second;
    }
    [[nodiscard]] const Epci* find_epci(const std::string& siren) const {
        auto it = epcis_.find(siren);
        return it == epcis_.end() ? nullptr : &it->second;
    }
    [[nodiscard]] std::optional<BeneficiaryInfo> info(const BeneficiaryRef& b) const {
        switch (b.kind) {
            case BeneficiaryKind::commune:
                if (const Commune* c = find_commune(b.id)) return BeneficiaryInfo{b, c->name, c->population};
                return std::nullopt;
            case BeneficiaryKind::epci:
                if (const Epci* e = find_epci(b.id)) return BeneficiaryInfo{b, e->name, e->population};
                return std::nullopt;
            default: {
                auto it = bodies_.find(b);
                if (it == bodies_.end()) return std::nullopt;
                return BeneficiaryInfo{b, it->second.name, it->second.population};
            }
        }
    }
    /// Every membership: (programme, beneficiary) → convention date, in that order.
    [[nodiscard]] const auto& memberships() const noexcept { return memberships_; }
    /// The convention date of `beneficiary` with `program`, if it signed one.
    [[nodiscard]] std::optional<Date> convention(const std::string& program, const BeneficiaryRef& beneficiary) const {
        auto it = memberships_.find(std::make_pair(program, beneficiary));
        if (it == memberships_.end()) return std::nullopt;
        return it->second;
    }

    /// The department of an EPCI: the one declared, else the one its communes share ("" if
    /// they straddle several or none is known).
    [[nodiscard]] std::string epci_department(const std::string& siren) const {
        if (const Epci* e = find_epci(siren); e && !e->department.empty()) return e->department;
        auto it = epci_departments_.find(siren);
        return it == epci_departments_.end() || it->second == mixed_departments ? std::string() : it->second;
    }

    /// The department where a beneficiary lies: a commune's, an EPCI's (above), a
    /// department's own code; "" for another body or one not in the territory.
    [[nodiscard]] std::string department_of_beneficiary(const BeneficiaryRef& b) const {
        switch (b.kind) {
            case BeneficiaryKind::commune: return find_commune(b.id) ? department_of(b.id) : std::string();
            case BeneficiaryKind::epci: return epci_department(b.id);
            case BeneficiaryKind::department: return bodies_.contains(b) ? b.id : std::string();
            default: return {};
        }
    }

    [[nodiscard]] const std::map<std::string, Commune>& communes() const noexcept { return communes_; }
    [[nodiscard]] const std::map<std::string, Epci>& epcis() const noexcept { return epcis_; }
    [[nodiscard]] const std::map<BeneficiaryRef, Body>& bodies() const noexcept { return bodies_; }

private:
    std::map<std::string, Commune> communes_;
    std::map<std::string, Epci> epcis_;
    std::map<BeneficiaryRef, Body> bodies_;
    std::map<std::pair<std::string, BeneficiaryRef>, Date> memberships_;
    static constexpr const char* mixed_departments = "*";
    std::map<std::string, std::string> epci_departments_;  // SIREN → department, or "*"

};

}  // namespace subsidy
