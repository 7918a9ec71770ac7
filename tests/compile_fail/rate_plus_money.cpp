// Rate + Money must not compile: a rate is not an amount of money.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
    const Money m = Money::from_euros(100);
    const Rate r = Rate::percent(75);
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] auto x = r + m;
#else
    [[maybe_unused]] auto x = apply(m, r) + m;
#endif
}
