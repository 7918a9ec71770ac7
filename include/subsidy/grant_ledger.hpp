// What each beneficiary has already been granted under the measures whose ceiling counts per
// beneficiary (CeilingScope::per_beneficiary, per_beneficiary_year). A ceiling of that scope
// binds all the projects of one beneficiary, so it needs a memory across plans: plan() reads
// the ledger before it caps and records the new grants once the plan is complete (a plan that
// throws records nothing). plan_all() keeps one for a whole set of projects.
//
// What is recorded is the amount the measure's formula granted after its ceiling and before
// the stacking cuts of the project, the same quantity a per-project ceiling counts: a ceiling
// is a bound on what the measure grants, whatever other aids later take from it.
#pragma once

#include <chrono>
#include <climits>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "subsidy/money.hpp"
#include "subsidy/territory.hpp"

namespace subsidy {

class GrantLedger {
public:
    /// Σ granted by `measure` to `beneficiary`, in `year` or over all years.
    [[nodiscard]] Money granted(const std::string& measure, const BeneficiaryRef& beneficiary,
                                std::optional<std::chrono::year> year = std::nullopt) const {
        if (year) {
            auto it = granted_.find(Key{measure, beneficiary, static_cast<int>(*year)});
            return it == granted_.end() ? Money() : it->second;
        }
        Money total;
        for (auto it = granted_.lower_bound(Key{measure, beneficiary, INT_MIN});
             it != granted_.end() && std::get<0>(it->first) == measure && std::get<1>(it->first) == beneficiary; ++it)
            total += it->second;
        return total;
    }

    void record(const std::string& measure, const BeneficiaryRef& beneficiary, std::chrono::year year, const Money& amount) {
        granted_[Key{measure, beneficiary, static_cast<int>(year)}] += amount;
    }

    [[nodiscard]] bool empty() const noexcept { return granted_.empty(); }
    void clear() noexcept { granted_.clear(); }

private:
    using Key = std::tuple<std::string, BeneficiaryRef, int>;
    std::map<Key, Money> granted_;
};

}  // namespace subsidy
