// Uses subsidy as an installed package: Money, Rate, apply. Exits non-zero on a wrong value.
#include <subsidy/money/money.hpp>
#include <subsidy/money/rate.hpp>
#include <subsidy/money/rounding.hpp>
#include <subsidy/version.hpp>

#include <iostream>
#include <string_view>

int main() {
    using namespace subsidy;
    int failures = 0;
    auto check = [&](std::string_view what, const Money& got, const Money& expected) {
        if (got != expected) {
            std::cerr << "FAIL " << what << ": got " << got << ", expected " << expected << "\n";
            ++failures;
        }
    };

    // 51 234.57 € × 75 % = 38 425.9275 € exactly.
    const Money cost = Money::parse("51234.57");
    const Rate rate = Rate::percent(75);
    check("75 % down to the cent", apply(cost, rate), Money::from_cents(3'842'592));
    check("75 % half_up to the cent", apply(cost * rate, Rounding(RoundingMode::half_up)), Money::from_cents(3'842'593));
    check("75 % down to the euro", apply(cost * rate, Rounding(RoundingMode::down, RoundingUnit::euro())),
          Money::from_euros(38'425));
    check("the balance", cost - apply(cost, rate), Money::from_cents(1'280'865));

    if (std::string_view(SUBSIDY_VERSION_STRING) != SUBSIDY_EXPECTED_VERSION) {
        std::cerr << "FAIL headers say version " << SUBSIDY_VERSION_STRING << ", the package says "
                  << SUBSIDY_EXPECTED_VERSION << "\n";
        ++failures;
    }

    if (failures == 0) std::cout << "subsidy " << SUBSIDY_VERSION_STRING << " consumer (find_package): OK\n";
    return failures == 0 ? 0 : 1;
}
