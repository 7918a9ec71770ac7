// Money::from_euros(2.0) must not compile, even for a whole value: money never comes from
// floating point.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] const Money m = Money::from_euros(2.0);
#else
    [[maybe_unused]] const Money m = Money::from_euros(2);
#endif
}
