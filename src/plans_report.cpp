// Several explained plans in one report (write_plans in include/subsidy/io/report.hpp), built
// from write_plan so that each plan reads exactly as it does alone.
#include <sstream>
#include <string>

#include "report_format.hpp"
#include "subsidy/io/report.hpp"

namespace subsidy::io {

namespace {

// Between two plans of a text report: a blank line, 72 '=', a blank line.
const std::string plan_separator = "\n" + std::string(72, '=') + "\n\n";

}  // namespace

void write_plans(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation,
                 const std::vector<std::size_t>& indices, OutputFormat format) {
    if (format != OutputFormat::json) {
        for (std::size_t k = 0; k < indices.size(); ++k) {
            if (k != 0) out << plan_separator;
            write_plan(out, scenario, evaluation, indices[k], OutputFormat::text);
        }
        return;
    }
    // Each plan's object is the one write_plan writes, read back: one writer of the plan's JSON.
    detail::json plans = detail::json::array();
    for (const std::size_t i : indices) {
        std::ostringstream one;
        write_plan(one, scenario, evaluation, i, OutputFormat::json);
        plans.push_back(detail::json::parse(one.str()));
    }
    const detail::json all{{"format_version", report_format_version},
                           {"program", scenario.catalog.program.id()},
                           {"scenario", scenario.path},
                           {"plans", std::move(plans)}};
    out << all.dump(2) << '\n';
}

}  // namespace subsidy::io
