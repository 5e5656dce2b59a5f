using System.Globalization;

namespace Marketplace.Catalog.Imports;

/// <summary>
/// A problem found in an import: a message code with its arguments, never a sentence. The preview document
/// stores codes, so one stored preview answers in French or English, whichever the reader asks for, and a
/// wording can be corrected without touching stored documents.
/// </summary>
public sealed record ImportMessage(string Field, string Code, IReadOnlyList<string> Args)
{
    public static ImportMessage Of(string field, string code, params string[] args) => new(field, code, args);
}

/// <summary>The French and English texts of every import message code; French unless the request asks for English.</summary>
public static class ImportMessages
{
    private static readonly Dictionary<string, (string Fr, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["file.empty"] = ("Le fichier est vide.", "The file is empty."),
        ["file.too_large"] = ("Le fichier dépasse {0} Mo.", "The file is larger than {0} MB."),
        ["file.not_text"] = ("Ce fichier n'est pas un fichier CSV (texte).", "This file is not a CSV (text) file."),
        ["file.no_rows"] = ("Le fichier n'a aucune ligne de produit sous l'en-tête.", "The file has no product row under its header."),
        ["file.too_many_rows"] = ("Le fichier a plus de {0} lignes de produits.", "The file has more than {0} product rows."),
        ["file.unreadable"] = ("Le fichier CSV est mal formé : {0}", "The CSV file is malformed: {0}"),
        ["file.no_file"] = ("Envoyez le fichier dans le champ « file ».", "Send the file in the \"file\" field."),
        ["header.missing"] = ("Colonne obligatoire absente de l'en-tête : {0}.", "Required column missing from the header: {0}."),
        ["header.duplicate"] = ("La colonne {0} apparaît deux fois dans l'en-tête ({1}).", "The column {0} appears twice in the header ({1})."),
        ["sku.required"] = ("La référence (SKU) est obligatoire.", "The SKU is required."),
        ["sku.duplicate"] = ("Cette référence figure déjà ligne {0}.", "This SKU is already on line {0}."),
        ["name.required"] = ("Le nom est obligatoire (en français ou en anglais).", "The name is required (in French or English)."),
        ["price.required"] = ("Le prix est obligatoire.", "The price is required."),
        ["price.invalid"] = ("« {0} » n'est pas un prix (ex. 12,50).", "\"{0}\" is not a price (e.g. 12.50)."),
        ["price.decimals"] = ("Un prix a au plus 2 décimales : « {0} ».", "A price has at most 2 decimals: \"{0}\"."),
        ["vat.required"] = ("Le taux de TVA est obligatoire.", "The VAT rate is required."),
        ["vat.invalid"] = ("« {0} » n'est pas un taux de TVA (20 ; 10 ; 5,5 ou 2,1).", "\"{0}\" is not a VAT rate (20, 10, 5.5 or 2.1)."),
        ["stock.invalid"] = ("« {0} » n'est pas une quantité entière positive ou nulle.", "\"{0}\" is not a whole quantity of zero or more."),
        ["stock.below_reserved"] = ("Le stock voulu ({0}) est inférieur aux {1} unités réservées par des commandes en cours.", "The wanted stock ({0}) is below the {1} units reserved by open checkouts."),
        ["food.sold_by"] = ("« {0} » : un produit est vendu à la pièce ou au poids.", "\"{0}\": a product is sold by the piece or by weight."),
        ["food.quantity"] = ("« {0} » n'est pas une quantité nette (ex. 250 g, 1,5 kg, 75 cl).", "\"{0}\" is not a net quantity (e.g. 250 g, 1.5 kg, 75 cl)."),
        ["food.weight_required"] = ("Un produit vendu au poids indique le poids estimé d'une pièce en g ou kg (colonne quantité nette).", "A product sold by weight gives the estimated weight of a piece in g or kg (net quantity column)."),
        ["food.allergens_required"] = ("Indiquez les allergènes du produit (ou « aucun ») avec ses premières informations alimentaires.", "Give the product's allergens (or \"none\") with its first food information."),
        ["food.allergen"] = ("« {0} » n'est pas l'un des 14 allergènes (gluten, crustacés, œufs, poisson, arachides, soja, lait, fruits à coque, céleri, moutarde, sésame, sulfites, lupin, mollusques).", "\"{0}\" is not one of the 14 allergens (gluten, crustaceans, eggs, fish, peanuts, soybeans, milk, nuts, celery, mustard, sesame, sulphites, lupin, molluscs)."),
        ["food.label"] = ("« {0} » n'est pas un label connu (bio, fait maison, AOP, IGP, label rouge, commerce équitable, vegan, végétarien, sans gluten).", "\"{0}\" is not a known label (bio, fait maison, AOP, IGP, label rouge, fair trade, vegan, vegetarian, gluten free)."),
        ["food.origin_length"] = ("Une origine tient sur une ligne de {0} caractères au plus.", "An origin is one line of at most {0} characters."),
        // The product rules, by the codes a product listed by hand answers with too.
        ["product.name_required"] = ("Un produit a un nom, en français ou en anglais.", "A product has a name, in French or in English."),
        ["product.name_length"] = ("Un nom a au plus 150 caractères.", "A name has at most 150 characters."),
        ["product.description_length"] = ("Une description a au plus 4000 caractères.", "A description has at most 4000 characters."),
        ["product.sku_format"] = ("Une référence (SKU) n'a ni espace, ni « ; », ni « , ».", "A reference (SKU) has no spaces, ';' or ','."),
        ["product.category_required"] = ("Un produit a une catégorie.", "A product has a category."),
        ["product.category_unknown"] = ("« {0} » n'est pas une catégorie de la coopérative ({1}).", "\"{0}\" is not one of the cooperative's categories ({1})."),
        ["product.images_count"] = ("Au plus 8 images.", "At most 8 images."),
        ["product.image_address"] = ("Une adresse d'image est une adresse http(s) publique (pas d'adresse locale ni de réseau privé).", "An image address is a public http(s) address (no local or private network address)."),
        ["product.price_required"] = ("Un produit a un prix.", "A product has a price."),
        ["product.price_range"] = ("Un prix est compris entre 0 et 100 000 €.", "A price is between 0 and 100,000 €."),
        ["product.price_currency"] = ("Les prix sont en EUR.", "Prices are in EUR."),
        ["product.vat_rate"] = ("La TVA française est de 20 %, 10 %, 5,5 % ou 2,1 %.", "French VAT is 20 %, 10 %, 5.5 % or 2.1 %."),
        ["required"] = ("Cette valeur est obligatoire.", "This value is required."),
        ["length"] = ("Ce texte est trop long.", "This text is too long."),
        ["range"] = ("Cette valeur est hors des limites permises.", "This value is out of range."),
        ["email"] = ("Ce n'est pas une adresse e-mail.", "This is not an e-mail address."),
        ["invalid"] = ("Cette valeur n'est pas acceptée.", "This value is not accepted."),
    };

    public static IEnumerable<string> Codes => Texts.Keys;

    /// <summary>The text of a code in a language ("fr" or "en"); an unknown code shows as itself rather than failing.</summary>
    public static string Render(string code, IReadOnlyList<string> args, string language)
    {
        if (!Texts.TryGetValue(code, out var text))
        {
            return code;
        }

        var format = language == "en" ? text.En : text.Fr;
        return string.Format(CultureInfo.InvariantCulture, format, args.Cast<object>().ToArray());
    }

    /// <summary>"en" when the request's Accept-Language prefers English to French; "fr" otherwise (the cooperative's language).</summary>
    public static string LanguageOf(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        if (accepted is null || accepted.Count == 0)
        {
            return "fr";
        }

        foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1.0))
        {
            var tag = value.Value.Value ?? string.Empty;
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return "en";
            }

            if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
            {
                return "fr";
            }
        }

        return "fr";
    }
}
