#include "synthetic.hpp"

#include "product.hpp"
#include "product_writer.hpp"

#include <optional>
#include <string>

namespace gendump {

namespace {

enum class Role { normal, duplicate, invalid };

// The role of line i, drawn from its own stream: independent of every other line.
Role role_of(const SyntheticOptions& o, std::uint64_t i) {
    Rng rng(o.seed, i, Stream::role);
    const double u = rng.unit();
    if (u < o.invalid_rate) {
        return Role::invalid;
    }
    if (u < o.invalid_rate + o.duplicate_rate && i > 0) {
        return Role::duplicate;
    }
    return Role::normal;
}

// The earlier line a duplicate draws its code from (the second number of its role stream).
std::uint64_t duplicate_pick(const SyntheticOptions& o, std::uint64_t i) {
    Rng rng(o.seed, i, Stream::role);
    rng.next();
    return rng.below(i);
}

// The normal line whose code duplicate line i repeats: follow duplicates back to their
// source, step back over invalid lines. None if only invalid lines precede.
std::optional<std::uint64_t> duplicate_source(const SyntheticOptions& o, std::uint64_t i) {
    std::uint64_t j = duplicate_pick(o, i);
    for (;;) {
        switch (role_of(o, j)) {
        case Role::normal:
            return j;
        case Role::duplicate:
            j = duplicate_pick(o, j);
            break;
        case Role::invalid:
            if (j == 0) {
                return std::nullopt;
            }
            --j;
            break;
        }
    }
}

// Same code and creation date as the source, other content, and a last_modified_t that is
// older or newer than the source's (never equal, so "greatest wins" is well defined).
void make_duplicate(const SyntheticOptions& o, Product& p, std::uint64_t source) {
    const Product src = make_product(o.seed, source);
    Rng rng(o.seed, p.index, Stream::role);
    rng.next();
    rng.next();
    const std::int64_t delta = rng.range(3600, 400 * 86400);
    p.code = src.code;
    p.created_t = src.created_t;
    p.last_modified_t = src.last_modified_t + delta;
    if (rng.chance(0.5) && src.last_modified_t - delta > src.created_t) {
        p.last_modified_t = src.last_modified_t - delta;
    }
}

// Breaks line i in one of the ways real dumps are broken. Returns false if the product should
// be written (with a bad code), true if `line` already holds a non-object line.
bool make_invalid(const SyntheticOptions& o, Product& p, TextBuffer& line) {
    Rng rng(o.seed, p.index, Stream::invalid);
    switch (rng.below(8)) {
    case 0:
        p.code = "";
        return false;
    case 1:
        p.code = "abc";
        return false;
    case 2:
        p.code = "0000";
        return false;
    case 3:
        p.has_code = false;
        return false;
    case 4:
        p.code[p.code.size() / 2] = 'X';
        return false;
    case 5:
        p.code = "0000000000000";
        return false;
    case 6:
        line.append("[1,2]");
        return true;
    default: {
        write_product(p, o.seed, line);
        // Cut before a UTF-8 lead byte so that the line stays valid UTF-8, only truncated.
        std::size_t cut = 1 + rng.below(line.size() - 1);
        while (cut > 1 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        line.truncate(cut);
        return true;
    }
    }
}

void build_line(const SyntheticOptions& o, std::uint64_t i, SyntheticStats& stats,
                TextBuffer& line) {
    Product p = make_product(o.seed, i);
    const Role role = role_of(o, i);
    if (role == Role::invalid) {
        ++stats.invalid;
        if (make_invalid(o, p, line)) {
            return;
        }
    } else if (role == Role::duplicate) {
        if (const auto source = duplicate_source(o, i)) {
            make_duplicate(o, p, *source);
            ++stats.duplicates;
        }
    }
    if (role != Role::invalid && Rng(o.seed, i, Stream::change).chance(o.change_rate)) {
        apply_change(p, o.seed);
        ++stats.changed;
    }
    write_product(p, o.seed, line);
}

} // namespace

SyntheticStats generate_synthetic(const SyntheticOptions& o, OutputSink& sink) {
    SyntheticStats stats;
    TextBuffer line;
    for (std::uint64_t i = 0; i < o.count; ++i) {
        if (Rng(o.seed, i, Stream::drop).chance(o.drop_rate)) {
            ++stats.dropped;
            continue;
        }
        line.clear();
        build_line(o, i, stats, line);
        line.put('\n');
        sink.append(line.view());
        ++stats.lines;
    }
    return stats;
}

} // namespace gendump
