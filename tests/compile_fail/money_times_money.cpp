// Money × Money must not compile: euros squared mean nothing. Scaling is by a whole count.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
    const Money m = Money::from_euros(15'000);
    const Money n = Money::from_cents(2);
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] auto x = m * n;
#else
    [[maybe_unused]] auto x = m * 2;
    (void)n;
#endif
}
