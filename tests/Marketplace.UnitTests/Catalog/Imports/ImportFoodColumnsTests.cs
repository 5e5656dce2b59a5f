using System.Text;
using Marketplace.Catalog.Imports;
using Marketplace.Catalog.Products.Food;

namespace Marketplace.UnitTests.Catalog.Imports;

/// <summary>The food columns of a shop's file (ADR 41): how it is sold, net quantity, allergens, labels, origin, as a shop writes them.</summary>
public class ImportFoodColumnsTests
{
    private const string Header = "Référence;Libellé;Famille;Prix TTC;TVA;Vendu au;Poids net;Allergènes;Labels;Origine";

    [Fact]
    public void Food_columns_in_French_become_the_codes_of_the_api_in_the_order_of_their_lists()
    {
        var row = Single(Header + "\r\nCOMTE;Comté 18 mois;Crèmerie;32,90;5,5;au poids;1,2 kg;Lait;AOP / Bio;Jura, France");

        Assert.Empty(row.Errors);
        var food = Assert.IsType<ImportFood>(row.Food);
        Assert.Equal(SoldBy.Weight, food.SoldBy);
        Assert.Equal(new NetQuantity(1.2m, "kg"), food.NetQuantity);
        Assert.Equal(["milk"], food.Allergens!);
        Assert.Equal(["bio", "aop"], food.Labels!); // the list's order, not the file's
        Assert.Equal("Jura, France", food.Origin);
    }

    [Theory]
    [InlineData("250 g", 250, "g")]
    [InlineData("250g", 250, "g")]
    [InlineData("75 cl", 75, "cl")]
    [InlineData("1,5 L", 1.5, "l")]
    [InlineData("0.5kg", 0.5, "kg")]
    public void A_net_quantity_reads_with_its_unit_and_a_decimal_comma_or_point(string cell, double amount, string unit)
    {
        var row = Single(Header + $"\r\nX;Produit;Épicerie;2,00;5,5;;{cell};;;");

        Assert.Empty(row.Errors);
        Assert.Equal(new NetQuantity((decimal)amount, unit), row.Food!.NetQuantity);
    }

    [Fact]
    public void Allergens_by_their_French_or_English_names_with_accents_or_not_and_none_as_aucun()
    {
        var rows = Parsed(Header + "\r\nA;Brioche;Boulangerie;6,00;5,5;;;Gluten, œufs, LAIT, fruits à coque;;\r\nB;Pain;Boulangerie;2,00;5,5;;;aucun;fait maison;");

        Assert.All(rows, r => Assert.Empty(r.Errors));
        Assert.Equal(["gluten", "eggs", "milk", "nuts"], rows[0].Food!.Allergens!);
        Assert.Empty(rows[1].Food!.Allergens!); // "aucun": said so, not left to keep what the product had
        Assert.Equal(["fait-maison"], rows[1].Food!.Labels!);
    }

    [Fact]
    public void An_unknown_allergen_label_or_quantity_is_an_error_of_its_row_naming_the_value()
    {
        var rows = Parsed(Header + "\r\nA;Pain;Boulangerie;2,00;5,5;à la louche;;;;\r\nB;Pain;Boulangerie;2,00;5,5;;3 sacs;;;\r\nC;Pain;Boulangerie;2,00;5,5;;;gluten, arsenic;;\r\nD;Pain;Boulangerie;2,00;5,5;;;;bio, local;");

        Assert.Equal(("soldBy", "food.sold_by", "à la louche"), Error(rows[0]));
        Assert.Equal(("netQuantity", "food.quantity", "3 sacs"), Error(rows[1]));
        Assert.Equal(("allergens", "food.allergen", "arsenic"), Error(rows[2]));
        Assert.Equal(("labels", "food.label", "local"), Error(rows[3]));
        Assert.Contains("arsenic", ImportMessages.Render("food.allergen", ["arsenic"], "fr"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_food_columns_or_with_empty_cells_carries_no_food_information()
    {
        Assert.Null(Single("sku;nom;catégorie;prix;tva\r\nA;Pain;Boulangerie;2,00;5,5").Food);

        var empty = Single(Header + "\r\nA;Pain;Boulangerie;2,00;5,5;;;;;");
        Assert.Null(empty.Food);
    }

    [Fact]
    public void The_web_apps_example_file_reads_without_errors_with_its_food_columns()
    {
        var rows = ImportParser.Parse(File.ReadAllBytes(ExampleFile())).File!.Rows;

        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Empty(r.Errors));
        var comte = rows.Single(r => r.Sku == "COMTE-18").Food!;
        Assert.Equal((SoldBy.Weight, new NetQuantity(250, "g"), "aop"), (comte.SoldBy, comte.NetQuantity, Assert.Single(comte.Labels!)));
        Assert.Null(rows.Single(r => r.Sku == "SAV-010").Food); // soap: no food columns filled in
    }

    private static string ExampleFile([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(source)!); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "services", "Web", "wwwroot", "examples", "import-produits.csv");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("import-produits.csv");
    }

    private static (string, string, string) Error(ParsedRow row)
    {
        var error = Assert.Single(row.Errors);
        return (error.Field, error.Code, Assert.Single(error.Args));
    }

    private static ParsedRow Single(string text) => Assert.Single(Parsed(text));

    private static IReadOnlyList<ParsedRow> Parsed(string text)
    {
        var outcome = ImportParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Empty(outcome.Problems);
        return outcome.File!.Rows;
    }
}
