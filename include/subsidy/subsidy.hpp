// Umbrella header: the whole header-only core of subsidy, layer by layer (each depends only
// on the ones above it here). The batch (threads → budgets → envelopes) is in batch.hpp.
#pragma once

#include "subsidy/error.hpp"
#include "subsidy/version.hpp"

#include "subsidy/money/allocate.hpp"
#include "subsidy/money/literals.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"

#include "subsidy/time/date.hpp"
#include "subsidy/time/dated.hpp"

#include "subsidy/rules/budget.hpp"
#include "subsidy/rules/kinds.hpp"
#include "subsidy/rules/measure.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/rules/stacking.hpp"

#include "subsidy/world/attribution.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/engine/evaluator.hpp"
#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/engine/ledger.hpp"
#include "subsidy/engine/plan.hpp"
#include "subsidy/engine/trace.hpp"

#include "subsidy/envelopes/budget.hpp"
#include "subsidy/envelopes/envelopes.hpp"
#include "subsidy/envelopes/table.hpp"

#include "subsidy/batch.hpp"
