using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Marketplace.Catalog.Search;

/// <summary>
/// The storefront search's own objects in each cooperative's "catalog" schema, applied with the rest of the
/// store's schema (start-up, onboarding): two text search configurations that fold accents before stemming,
/// and the read model's tables, kept by <see cref="ProductSearchProjection"/>.
/// </summary>
internal static class SearchSchema
{
    public const string French = CatalogModule.Schema + ".french_unaccent";
    public const string English = CatalogModule.Schema + ".english_unaccent";
    public const string Listings = CatalogModule.Schema + ".search_listings";
    public const string Shops = CatalogModule.Schema + ".search_shops";

    public static void AddSearchSchema(this StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(new UnaccentedTextSearchConfiguration("french_unaccent", "french"));
        options.Storage.ExtendedSchemaObjects.Add(new UnaccentedTextSearchConfiguration("english_unaccent", "english"));
        options.Storage.ExtendedSchemaObjects.Add(ShopsTable());
        options.Storage.ExtendedSchemaObjects.Add(ListingsTable());
    }

    /// <summary>
    /// The search document of a listing: names weigh most (A), then the category (B), then descriptions (C), so
    /// a name match ranks above a description match. French text through the French stemmer, English text through
    /// the English one, both without accents. Stored, not computed at query time: ranking reads it for every match.
    /// </summary>
    public static string VectorOf(string row) =>
        $"setweight(to_tsvector('{French}', coalesce({row}.name_fr, '')), 'A') || " +
        $"setweight(to_tsvector('{English}', coalesce({row}.name_en, '')), 'A') || " +
        $"setweight(to_tsvector('{French}', {row}.category || ' ' || coalesce({row}.category_fr, '')), 'B') || " +
        $"setweight(to_tsvector('{English}', coalesce({row}.category_en, '')), 'B') || " +
        $"setweight(to_tsvector('{French}', coalesce({row}.description_fr, '')), 'C') || " +
        $"setweight(to_tsvector('{English}', coalesce({row}.description_en, '')), 'C')";

    /// <summary>What a customer typed, in both languages: a product matches when either reading matches it.</summary>
    public static string QueryOf(string parameter) =>
        $"(websearch_to_tsquery('{French}', {parameter}) || websearch_to_tsquery('{English}', {parameter}))";

    private static Table ShopsTable()
    {
        var table = new Table(new PostgresqlObjectName(CatalogModule.Schema, "search_shops", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("name", "text").NotNull();
        table.AddColumn("approved", "boolean").NotNull();
        return table;
    }

    private static Table ListingsTable()
    {
        var table = new Table(new PostgresqlObjectName(CatalogModule.Schema, "search_listings", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("shop_id", "uuid").NotNull();
        table.AddColumn("name_fr", "text");
        table.AddColumn("name_en", "text");
        table.AddColumn("description_fr", "text");
        table.AddColumn("description_en", "text");
        table.AddColumn("category", "text").NotNull();
        table.AddColumn("category_key", "text").NotNull();
        table.AddColumn("sort_name", "text").NotNull();
        table.AddColumn("price_minor", "bigint").NotNull();
        table.AddColumn("currency", "text").NotNull();
        table.AddColumn("vat_rate", "integer").NotNull();
        table.AddColumn("image_url", "text");
        table.AddColumn("active", "boolean").NotNull();
        table.AddColumn("on_hand", "integer").NotNull();
        table.AddColumn("reserved", "integer").NotNull();
        table.AddColumn("search", "tsvector").NotNull();
        // Food information (ADR 41): label codes; allergen codes, null while the shop has not declared them.
        table.AddColumn("labels", "text[]");
        // The listed category's names (ADR 43, amended), for the search text: a product stores the category's key.
        table.AddColumn("category_fr", "text");
        table.AddColumn("category_en", "text");
        table.AddColumn("allergens", "text[]");
        table.Indexes.Add(new IndexDefinition("ix_search_listings_search") { Columns = ["search"], Method = IndexMethod.gin });
        table.Indexes.Add(new IndexDefinition("ix_search_listings_sort_name") { Columns = ["sort_name", "id"] });
        table.Indexes.Add(new IndexDefinition("ix_search_listings_price") { Columns = ["price_minor", "id"] });
        // Leads with the shop for its filter; with "active" and the category, counting every visible product of a
        // cooperative reads this index alone (an index-only scan) instead of the whole table.
        table.Indexes.Add(new IndexDefinition("ix_search_listings_shop") { Columns = ["shop_id", "active", "category_key"] });
        table.Indexes.Add(new IndexDefinition("ix_search_listings_category") { Columns = ["category_key"] });
        table.Indexes.Add(new IndexDefinition("ix_search_listings_labels") { Columns = ["labels"], Method = IndexMethod.gin });
        return table;
    }
}

/// <summary>
/// A copy of a built-in text search configuration whose words go through the unaccent dictionary before the
/// stemmer, so "pates" and "Pâtes" give the same lexeme. The unaccent extension is created where the database
/// keeps its extensions if it is not there yet (it is trusted: the database owner may create it).
/// </summary>
internal sealed class UnaccentedTextSearchConfiguration(string name, string copyOf) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(CatalogModule.Schema, name, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        // The dictionary is named through the schema the extension lives in, wherever another service put it.
        writer.WriteLine(
            $"""
            CREATE EXTENSION IF NOT EXISTS unaccent;
            DO $search$
            DECLARE dictionary text := (select quote_ident(n.nspname) || '.unaccent' from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace where d.dictname = 'unaccent' limit 1);
            BEGIN
              DROP TEXT SEARCH CONFIGURATION IF EXISTS {Identifier.QualifiedName};
              CREATE TEXT SEARCH CONFIGURATION {Identifier.QualifiedName} (COPY = pg_catalog.{copyOf});
              EXECUTE format('ALTER TEXT SEARCH CONFIGURATION {Identifier.QualifiedName} ALTER MAPPING FOR hword, hword_part, word WITH %s, {copyOf}_stem', dictionary);
            END
            $search$;
            """);
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"DROP TEXT SEARCH CONFIGURATION IF EXISTS {Identifier.QualifiedName};");

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        builder.Append(
            "select count(*) from pg_ts_config c join pg_namespace n on n.oid = c.cfgnamespace " +
            "join pg_ts_config_map m on m.mapcfg = c.oid join pg_ts_dict d on d.oid = m.mapdict " +
            "where d.dictname = 'unaccent' and n.nspname = ");
        builder.AppendParameter(Identifier.Schema);
        builder.Append(" and c.cfgname = ");
        builder.AppendParameter(Identifier.Name);
        builder.Append(";");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct)
    {
        var mapped = await reader.ReadAsync(ct) && Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) > 0;
        return new SchemaObjectDelta(this, mapped ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }
}
