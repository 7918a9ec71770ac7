// Money == 5 must not compile: a bare integer says neither euros nor cents.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
    const Money m = Money::from_euros(5);
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] const bool b = m == 5;
#else
    [[maybe_unused]] const bool b = m == Money::from_euros(5);
#endif
}
