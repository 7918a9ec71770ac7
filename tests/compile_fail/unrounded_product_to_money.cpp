// Money × Rate is an ExactAmount; it must not become Money without an explicit Rounding.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] Money m = Money::from_euros(1) * Rate::percent(75);
#else
    [[maybe_unused]] Money m = apply(Money::from_euros(1) * Rate::percent(75), Rounding());
#endif
}
