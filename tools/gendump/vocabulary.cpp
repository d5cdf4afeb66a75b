#include "vocabulary.hpp"

#include <array>

namespace gendump::vocab {

namespace {

using namespace std::string_view_literals;

// ---- French ------------------------------------------------------------------------------
constexpr std::array fr_ingredients{"sucre"sv,
                                    "farine de blé"sv,
                                    "beurre"sv,
                                    "lait écrémé"sv,
                                    "huile de colza"sv,
                                    "œufs"sv,
                                    "sel"sv,
                                    "cacao maigre"sv,
                                    "noisettes"sv,
                                    "arôme naturel"sv,
                                    "amidon de maïs"sv,
                                    "émulsifiant"sv,
                                    "lécithine de soja"sv,
                                    "poudre à lever"sv,
                                    "sirop de glucose"sv,
                                    "crème"sv,
                                    "eau"sv,
                                    "levure"sv,
                                    "vinaigre"sv,
                                    "épices"sv};

// ---- English -----------------------------------------------------------------------------
constexpr std::array en_ingredients{
    "sugar"sv,    "wheat flour"sv,  "palm oil"sv,       "salt"sv,         "whole grain oats"sv,
    "milk"sv,     "soy lecithin"sv, "natural flavor"sv, "corn syrup"sv,   "peanuts"sv,
    "water"sv,    "citric acid"sv,  "baking soda"sv,    "cocoa butter"sv, "honey"sv,
    "vitamin c"sv};

// ---- Spanish -----------------------------------------------------------------------------
constexpr std::array es_ingredients{
    "azúcar"sv, "harina de trigo"sv, "aceite de girasol"sv, "sal"sv,
    "leche"sv,  "huevo"sv,           "pimentón"sv,          "ajo"sv,
    "agua"sv,   "cacao"sv,           "almendras"sv,         "maíz"sv};

// ---- German ------------------------------------------------------------------------------
constexpr std::array de_ingredients{
    "Zucker"sv,     "Weizenmehl"sv, "Vollmilchpulver"sv, "Kakaobutter"sv, "Haselnüsse"sv,
    "Speisesalz"sv, "Rapsöl"sv,     "Gewürze"sv,         "Wasser"sv,      "Säuerungsmittel"sv};

// ---- Italian -----------------------------------------------------------------------------
constexpr std::array it_ingredients{"zucchero"sv,
                                    "farina di grano tenero"sv,
                                    "olio di semi di girasole"sv,
                                    "sale"sv,
                                    "pomodoro"sv,
                                    "basilico"sv,
                                    "latte"sv,
                                    "uova"sv,
                                    "lievito"sv,
                                    "acqua"sv};

// ---- Portuguese --------------------------------------------------------------------------
constexpr std::array pt_ingredients{
    "açúcar"sv, "farinha de trigo"sv, "óleo vegetal"sv, "sal"sv, "leite"sv, "ovos"sv,
    "água"sv,   "fermento"sv};

// ---- Dutch -------------------------------------------------------------------------------
constexpr std::array nl_ingredients{
    "suiker"sv, "tarwebloem"sv, "pinda's"sv, "zout"sv, "plantaardige olie"sv, "melk"sv, "water"sv};

// ---- Japanese ----------------------------------------------------------------------------
constexpr std::array ja_ingredients{"砂糖"sv, "小麦粉"sv, "食塩"sv, "植物油脂"sv,
                                    "大豆"sv, "水"sv,     "抹茶"sv, "でん粉"sv};

// ---- Chinese -----------------------------------------------------------------------------
constexpr std::array zh_ingredients{"白砂糖"sv, "小麦粉"sv, "食用盐"sv, "植物油"sv,
                                    "大豆"sv,   "水"sv,     "鸡蛋"sv};

constexpr std::array<Language, 9> all_languages{{
    {"fr", "en:french", fr_ingredients, 40},
    {"en", "en:english", en_ingredients, 25},
    {"es", "en:spanish", es_ingredients, 12},
    {"de", "en:german", de_ingredients, 8},
    {"it", "en:italian", it_ingredients, 5},
    {"pt", "en:portuguese", pt_ingredients, 3},
    {"nl", "en:dutch", nl_ingredients, 3},
    {"ja", "en:japanese", ja_ingredients, 2},
    {"zh", "en:chinese", zh_ingredients, 2},
}};

constexpr std::array store_list{"Carrefour"sv,
                                "Auchan, Leclerc"sv,
                                "Walmart"sv,
                                "Mercadona"sv,
                                "Lidl"sv,
                                "Aldi"sv,
                                "Tesco"sv,
                                "Coop"sv,
                                "Intermarché, Super U"sv,
                                "Monoprix"sv,
                                "Edeka"sv,
                                "Esselunga"sv,
                                "Pingo Doce"sv,
                                "Albert Heijn"sv,
                                "イオン"sv,
                                "Target, Costco"sv};

constexpr std::array country_list{"en:france"sv,      "en:spain"sv,          "en:united-states"sv,
                                  "en:germany"sv,     "en:italy"sv,          "en:belgium"sv,
                                  "en:switzerland"sv, "en:mexico"sv,         "en:japan"sv,
                                  "en:china"sv,       "en:united-kingdom"sv, "en:canada"sv,
                                  "en:portugal"sv,    "en:netherlands"sv,    "en:world"sv,
                                  "en:argentina"sv,   "en:colombia"sv};

constexpr std::array label_list{
    "en:organic"sv,       "en:eu-organic"sv,     "fr:ab-agriculture-biologique"sv,
    "en:no-gluten"sv,     "en:vegan"sv,          "en:vegetarian"sv,
    "en:fair-trade"sv,    "en:green-dot"sv,      "en:nutriscore"sv,
    "en:palm-oil-free"sv, "en:made-in-france"sv, "en:no-preservatives"sv,
    "en:halal"sv,         "en:kosher"sv,         "en:rainforest-alliance"sv,
    "fr:triman"sv,        "es:sin-gluten"sv,     "de:ohne-gentechnik"sv};

constexpr std::array user_list{"kiliweb"sv,
                               "openfoodfacts-contributors"sv,
                               "teolemon"sv,
                               "foodless"sv,
                               "yuka.sY2b0xO6T85zoF3NwEKvlmdZXfTxAkmEPAI"sv,
                               "org-database-usda"sv,
                               "roboto-app"sv,
                               "date-limite-app"sv,
                               "inf"sv,
                               "smoothie-app"sv,
                               "packbot"sv,
                               "ecoscore-impact-estimator"sv,
                               "prepperapp"sv,
                               "charlesnepote"sv,
                               "stephane"sv,
                               "tacinte"sv,
                               "scanbot"sv,
                               "beniben"sv,
                               "aleene"sv,
                               "moon-rabbit"sv};

constexpr std::array additive_list{"en:e330"sv, "en:e322"sv,   "en:e322i"sv, "en:e471"sv,
                                   "en:e500"sv, "en:e500ii"sv, "en:e202"sv,  "en:e412"sv,
                                   "en:e415"sv, "en:e440"sv,   "en:e150d"sv, "en:e621"sv,
                                   "en:e951"sv, "en:e955"sv,   "en:e300"sv,  "en:e407"sv};

constexpr std::array allergen_list{"en:milk"sv,         "en:gluten"sv,   "en:nuts"sv,
                                   "en:eggs"sv,         "en:soybeans"sv, "en:peanuts"sv,
                                   "en:sesame-seeds"sv, "en:fish"sv,     "en:mustard"sv};

constexpr std::array material_list{"en:plastic"sv,
                                   "en:paper"sv,
                                   "en:cardboard"sv,
                                   "en:glass"sv,
                                   "en:aluminium"sv,
                                   "en:steel"sv,
                                   "en:pp-5-polypropylene"sv,
                                   "en:pet-1-polyethylene-terephthalate"sv};
constexpr std::array shape_list{"en:bottle"sv, "en:box"sv, "en:bag"sv,  "en:jar"sv, "en:lid"sv,
                                "en:tray"sv,   "en:can"sv, "en:film"sv, "en:pot"sv, "en:sachet"sv};

constexpr std::array quality_list{
    "en:ingredients-percent-analysis-ok"sv,
    "en:environmental-score-extended-data-not-computed"sv,
    "en:food-groups-1-known"sv,
    "en:food-groups-2-known"sv,
    "en:food-groups-3-unknown"sv,
    "en:nutrition-value-very-low-for-category-energy"sv,
    "en:ingredients-unknown-score-above-0"sv,
    "en:ingredients-50-percent-unknown"sv,
    "en:environmental-score-origins-of-ingredients-origins-are-100-percent-unknown"sv,
    "en:environmental-score-packaging-packaging-data-missing"sv,
    "en:environmental-score-production-system-no-label"sv,
    "en:photo-and-data-to-be-checked-by-an-experienced-contributor"sv,
    "en:ingredients-fr-photo-selected"sv,
    "en:nutrition-photo-selected"sv,
    "en:categories-completed"sv,
    "en:packaging-data-incomplete"sv,
    "en:no-packaging-data"sv,
    "en:sum-of-ingredients-with-unspecified-percent-lesser-than-10"sv,
    "en:nutrition-data-prepared-without-category-dried-products-to-be-rehydrated"sv,
    "en:main-language-code-missing"sv};

constexpr std::array misc_list{"en:environmental-score-changed"sv,
                               "en:environmental-score-computed"sv,
                               "en:environmental-score-missing-data-labels"sv,
                               "en:environmental-score-missing-data-origins"sv,
                               "en:environmental-score-missing-data-packagings"sv,
                               "en:environmental-score-missing-data-warning"sv,
                               "en:nutriscore-computed"sv,
                               "en:nutriscore-2021-same-as-2023"sv,
                               "en:nutrition-no-fiber"sv,
                               "en:nutrition-no-fruits-vegetables-nuts"sv,
                               "en:packagings-not-complete"sv,
                               "en:packagings-not-empty"sv,
                               "en:main-countries-new-product"sv,
                               "en:ecoscore-extended-data-not-computed"sv,
                               "en:nutrition-fruits-vegetables-legumes-from-ingredients"sv,
                               "en:nutriscore-2023-better-than-2021"sv};

constexpr std::array state_list{"en:to-be-completed"sv,
                                "en:nutrition-facts-completed"sv,
                                "en:ingredients-completed"sv,
                                "en:expiration-date-to-be-completed"sv,
                                "en:packaging-code-to-be-completed"sv,
                                "en:characteristics-to-be-completed"sv,
                                "en:origins-to-be-completed"sv,
                                "en:categories-completed"sv,
                                "en:brands-completed"sv,
                                "en:packaging-to-be-completed"sv,
                                "en:quantity-completed"sv,
                                "en:product-name-completed"sv,
                                "en:photos-to-be-validated"sv,
                                "en:packaging-photo-to-be-selected"sv,
                                "en:nutrition-photo-selected"sv,
                                "en:ingredients-photo-selected"sv,
                                "en:front-photo-selected"sv,
                                "en:photos-uploaded"sv};

constexpr std::array eco_country_list{
    "ad"sv, "al"sv, "at"sv, "ax"sv, "ba"sv, "be"sv, "bg"sv,    "ch"sv, "cy"sv, "cz"sv, "de"sv,
    "dk"sv, "dz"sv, "ee"sv, "eg"sv, "es"sv, "fi"sv, "fo"sv,    "fr"sv, "gg"sv, "gi"sv, "gr"sv,
    "hr"sv, "hu"sv, "ie"sv, "il"sv, "im"sv, "is"sv, "it"sv,    "je"sv, "lb"sv, "li"sv, "lt"sv,
    "lu"sv, "lv"sv, "ly"sv, "ma"sv, "mc"sv, "md"sv, "me"sv,    "mk"sv, "mt"sv, "nl"sv, "no"sv,
    "pl"sv, "ps"sv, "pt"sv, "ro"sv, "rs"sv, "se"sv, "si"sv,    "sj"sv, "sk"sv, "sm"sv, "sy"sv,
    "tn"sv, "tr"sv, "ua"sv, "uk"sv, "us"sv, "va"sv, "world"sv, "xk"sv};

constexpr std::array pnns_list{
    "Sugary snacks"sv,  "Milk and dairy products"sv, "Cereals and potatoes"sv,  "Beverages"sv,
    "Fat and sauces"sv, "Composite foods"sv,         "Fruits and vegetables"sv, "Fish Meat Eggs"sv,
    "unknown"sv};

constexpr std::array food_group_list{"en:biscuits-and-cakes"sv,
                                     "en:milk-and-yogurt"sv,
                                     "en:breakfast-cereals"sv,
                                     "en:sweetened-beverages"sv,
                                     "en:dressings-and-sauces"sv,
                                     "en:one-dish-meals"sv,
                                     "en:fruits"sv,
                                     "en:processed-meat"sv,
                                     "en:chocolate-products"sv,
                                     "en:cheese"sv};

constexpr std::array keyword_list{
    "sugar"sv,   "snack"sv,     "sweet"sv, "organic"sv,  "breakfast"sv, "dairy"sv,
    "plant"sv,   "based"sv,     "food"sv,  "beverage"sv, "spread"sv,    "cocoa"sv,
    "product"sv, "fermented"sv, "salty"sv, "dessert"sv,  "frozen"sv,    "cereal"sv};

// ---- Categories --------------------------------------------------------------------------
} // namespace

std::span<const Language> languages() {
    return all_languages;
}

const Language& language(std::string_view code) {
    for (const auto& lang : all_languages) {
        if (lang.code == code) {
            return lang;
        }
    }
    return all_languages.front();
}

const Words stores = store_list;
const Words countries = country_list;
const Words labels = label_list;
const Words users = user_list;
const Words additives = additive_list;
const Words allergens = allergen_list;
const Words materials = material_list;
const Words shapes = shape_list;
const Words quality_tags = quality_list;
const Words misc_tags = misc_list;
const Words states = state_list;
const Words eco_countries = eco_country_list;
const Words pnns_groups = pnns_list;
const Words food_groups = food_group_list;
const Words nutrient_words = keyword_list;

} // namespace gendump::vocab
