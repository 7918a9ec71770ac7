// Uses subsidy through add_subdirectory: Money, Rate, apply. Exits non-zero on a wrong value.
#include <subsidy/subsidy.hpp>

#include <iostream>
#include <string_view>

int main() {
    using namespace subsidy;
    using namespace subsidy::literals;
    int failures = 0;
    auto check = [&](std::string_view what, const Money& got, const Money& expected) {
        if (got != expected) {
            std::cerr << "FAIL " << what << ": got " << got << ", expected " << expected << "\n";
            ++failures;
        }
    };

    // 212 347 € × 40 % = 84 938.80 € exactly.
    const Money cost = 212'347_eur;
    check("40 % down to the cent", apply(cost, 40_pct), Money::parse("84938.80"));
    check("40 % down to the euro", apply(cost * Rate::percent(40), Rounding(RoundingMode::down, RoundingUnit::euro())),
          84'938_eur);
    // 1 000 € × 1/3 = 333.333… €: down 333.33, up 333.34.
    check("1/3 down", apply(1'000_eur, Rate::fraction(1, 3)), 333.33_eur);
    check("1/3 up", apply(1'000_eur * Rate::fraction(1, 3), Rounding(RoundingMode::up)), 333.34_eur);

    if (failures == 0) std::cout << "subsidy " << SUBSIDY_VERSION_STRING << " consumer (add_subdirectory): OK\n";
    return failures == 0 ? 0 : 1;
}
