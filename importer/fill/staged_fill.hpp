#pragma once

#include "db/connection.hpp"
#include "fill/catalogue_fill.hpp"
#include "load/staging.hpp"
#include "sightings/code_sightings.hpp"

namespace offimport {

// The rows are copied into the run's staging table (Staging), then merged with the catalogue
// (merge_staging): what changed is written, the rest left alone.
class StagedFill final : public CatalogueFill {
public:
    // Creates the staging table and starts its COPY.
    StagedFill(db::Connection& db, const ProductColumnSet& columns);

    RowRequest rows_wanted() const override { return {}; } // the staging table's rows
    void send(const ParsedBlock& block) override;
    void finish() override { staging_.finish(); }
    MergeCounts merge(const MergeSettings& settings, const RunCounts& counts) override;
    NewWordsOf new_words() const override { return NewWordsOf::staged_products; }

private:
    db::Connection& db_;
    Staging staging_;
    CodeSightings codes_; // of every staged row: the merge looks only at repeated ones
};

} // namespace offimport
