// Native 128-bit integers for hot paths (GCC and Clang on 64-bit targets). The public types
// stay Boost's checked_int128_t; these names only serve exact intermediate arithmetic whose
// bounds are proven where it is used.
#pragma once

namespace subsidy::detail {

__extension__ typedef __int128 int128;            // NOLINT(modernize-use-using): __extension__ needs typedef
__extension__ typedef unsigned __int128 uint128;  // NOLINT(modernize-use-using)

}  // namespace subsidy::detail
