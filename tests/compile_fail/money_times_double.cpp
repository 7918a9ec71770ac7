// Money × 0.5 must not compile: a fraction of an amount is Money × Rate, rounded explicitly.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
    const Money m = Money::from_euros(100);
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] auto x = m * 0.5;
#else
    [[maybe_unused]] auto x = m * Rate::percent(50);
#endif
}
