// What each beneficiary has already been granted under the measures whose ceiling counts per
// beneficiary (CeilingScope::per_beneficiary, per_beneficiary_year). A ceiling of that scope
// binds all the projects of one beneficiary, so it needs a memory across plans: the evaluator
// reads the beneficiary's account before it caps and records the new grants once the plan is
// complete (a plan that throws records nothing). plan_all() and the batch keep one ledger.
//
// What is recorded is the amount the measure's formula granted after its ceiling and before
// the stacking cuts of the project, the same quantity a per-project ceiling counts: a ceiling
// is a bound on what the measure grants, whatever other aids later take from it. Measures are
// numbered as in the programme (Program::measures()), so a ledger serves one programme.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "subsidy/money/money.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

class GrantLedger {
public:
    /// The grants of one beneficiary, by measure index and year.
    class Account {
    public:
        /// Σ granted by measure `measure`, in `year` or over all years.
        [[nodiscard]] Money granted(std::uint32_t measure, std::optional<std::chrono::year> year = std::nullopt) const {
            Money total;
            for (const Entry& e : entries_)
                if (e.measure == measure && (!year || e.year == *year)) total += e.amount;
            return total;
        }
        void record(std::uint32_t measure, std::chrono::year year, const Money& amount) {
            for (Entry& e : entries_)
                if (e.measure == measure && e.year == year) {
                    e.amount += amount;
                    return;
                }
            entries_.push_back({measure, year, amount});
        }
        [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

    private:
        struct Entry {
            std::uint32_t measure;
            std::chrono::year year;
            Money amount;
        };
        std::vector<Entry> entries_;  // a beneficiary has few: a scan beats a map
    };

    /// The account of `beneficiary` (opened empty on first use).
    [[nodiscard]] Account& account(const BeneficiaryRef& beneficiary) { return accounts_[beneficiary]; }
    /// Σ granted by measure `measure` to `beneficiary`, in `year` or over all years.
    [[nodiscard]] Money granted(std::uint32_t measure, const BeneficiaryRef& beneficiary,
                                std::optional<std::chrono::year> year = std::nullopt) const {
        auto it = accounts_.find(beneficiary);
        return it == accounts_.end() ? Money() : it->second.granted(measure, year);
    }
    [[nodiscard]] bool empty() const noexcept {
        for (const auto& [who, a] : accounts_)
            if (!a.empty()) return false;
        return true;
    }
    void clear() noexcept { accounts_.clear(); }

private:
    std::map<BeneficiaryRef, Account> accounts_;
};

}  // namespace subsidy
