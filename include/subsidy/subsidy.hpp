// Umbrella header: the whole header-only core of subsidy.
#pragma once

#include "subsidy/allocate.hpp"
#include "subsidy/date.hpp"
#include "subsidy/dated.hpp"
#include "subsidy/error.hpp"
#include "subsidy/literals.hpp"
#include "subsidy/money.hpp"
#include "subsidy/rate.hpp"
#include "subsidy/rounding.hpp"
#include "subsidy/version.hpp"
#include "subsidy/engine.hpp"
#include "subsidy/funding_plan.hpp"
#include "subsidy/program.hpp"
#include "subsidy/project.hpp"
#include "subsidy/territory.hpp"
