#pragma once

#include "db/connection.hpp"

#include <string>

namespace offimport {

// The category links of a set of products, rewritten by SQL inside the merge: `linked` is a
// relation aliased "t" with code and categories_tags; `s` the quoted schema.

// Adds to the categories the tags of `linked` the catalogue does not have yet.
void add_categories_of(db::Connection& db, const std::string& s, const std::string& linked,
                       const std::string& description);

// Lists in offimport_links the category links the products in `linked` should have, adding the
// categories that are new: a repeated tag is linked once, at its first position.
void list_wanted_links(db::Connection& db, const std::string& s, const std::string& linked);

// Replaces the links of the products in offimport_links by those listed there. `unlink` is
// a DELETE ({schema} placeholder) naming the products whose old links go.
void replace_links(db::Connection& db, const std::string& s, const char* unlink);

} // namespace offimport
